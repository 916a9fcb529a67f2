"""Following the plan over time: due dates, signposts, `watch`, and the calendar export."""

from __future__ import annotations

import json

import pytest
import yaml
from jsonschema import Draft202012Validator

from briefing.commands.tracking import day_number, is_due_within, is_overdue, seen_between, watch
from briefing.delivery.console import OutputOptions
from briefing.formats.outputschema import output_schema
from briefing.model import PartialDate
from briefing.reading.loader import parse
from tests.conftest import DEFAULT_FILE, FRENCH_FILE, ROOT, default_briefing

TRACKED = ROOT / "tests" / "data" / "tracked.yaml"
D = PartialDate.parse


def tracked():
    return parse(TRACKED.read_text(encoding="utf-8"), str(TRACKED))


def item(briefing, item_id):
    return next(i for i in briefing.items if i.id == item_id)


# --- partial dates at each precision -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026", (2026, 1, 1), (2026, 12, 31)),
        ("2026-02", (2026, 2, 1), (2026, 2, 28)),
        ("2028-02", (2028, 2, 1), (2028, 2, 29)),  # a leap year
        ("2100-02", (2100, 2, 1), (2100, 2, 28)),  # a century, not a leap year
        ("2000-02", (2000, 2, 1), (2000, 2, 29)),  # divisible by 400: a leap year
        ("0000-02", (0, 2, 1), (0, 2, 29)),  # year 0 (1 BC) is a leap year
        ("2024-02-29", (2024, 2, 29), (2024, 2, 29)),
        ("2026-12", (2026, 12, 1), (2026, 12, 31)),
    ],
)
def test_a_partial_date_spans_every_day_it_can_mean(text, first, last):
    assert D(text).first_day() == first
    assert D(text).last_day() == last


def test_day_numbers_count_days_like_the_calendar_does():
    import datetime

    for day in (datetime.date(1, 1, 1), datetime.date(2024, 2, 29), datetime.date(9999, 12, 31)):
        offset = day_number((day.year, day.month, day.day)) - day.toordinal()
        assert offset == day_number((1, 1, 1)) - 1
    assert day_number((0, 3, 1)) - day_number((0, 2, 28)) == 2  # 0000-02-29 exists
    assert day_number((1, 1, 1)) - day_number((0, 12, 31)) == 1


# (due date, as-of date, overdue?) at the edges of each precision.
OVERDUE_EDGES = [
    ("2026", "2026-12-31", False),  # the year has not ended
    ("2026", "2026-12", False),
    ("2026", "2026", False),
    ("2026", "2027-01-01", True),
    ("2026", "2027", True),
    ("2028-02", "2028-02-28", False),
    ("2028-02", "2028-02-29", False),  # the leap day is still February
    ("2028-02", "2028-03-01", True),
    ("2027-02", "2027-02-28", False),
    ("2027-02", "2027-03-01", True),
    ("2027-02", "2027-03", True),
    ("2024-02-29", "2024-02-29", False),  # due today is not overdue
    ("2024-02-29", "2024-03-01", True),
    ("2024-02-29", "2024-02", False),  # February 2024 may still mean the 29th or before
    ("2024-02-29", "2024-03", True),
    ("2024-02-29", "2024", False),
]


@pytest.mark.parametrize(("due", "as_of", "late"), OVERDUE_EDGES)
def test_overdue_only_once_the_whole_due_date_has_passed(due, as_of, late):
    planned = tracked().items[0]._replace(expected_by=D(due), status="planned")
    assert is_overdue(planned, D(as_of)) is late
    assert not is_overdue(planned._replace(status="completed"), D(as_of))


@pytest.mark.parametrize(
    ("due", "as_of", "days", "soon"),
    [
        ("2026-04", "2026-01-01", 90, True),  # 1 April is 90 days after 1 January 2026
        ("2026-04", "2026-01-01", 89, False),
        ("2028-04", "2028-01-01", 90, False),  # 2028 is a leap year: 1 April is day 91
        ("2028-04", "2028-01-01", 91, True),
        ("2028-04", "2028-01-02", 90, True),
        ("2027", "2026-12-31", 1, True),  # 2027 may mean its first day
        ("2027", "2026-12-30", 1, False),
        ("2026", "2026-06-30", 0, True),  # within its span: due now, not overdue
        ("2025", "2026-01-01", 365, False),  # overdue is not "due soon"
    ],
)
def test_due_within_a_window_from_the_first_day_it_may_fall_due(due, as_of, days, soon):
    planned = tracked().items[0]._replace(expected_by=D(due), status="planned")
    assert is_due_within(planned, D(as_of), days) is soon


@pytest.mark.parametrize(
    ("observed", "since", "as_of", "counted"),
    [
        ("2025-12", "2025-12-31", "2026", True),  # may have been on the 31st
        ("2025-12", "2026-01-01", "2026", False),
        ("2025", "2025-12", "2026", True),
        ("2026-03-01", None, "2026-02-28", False),  # not yet seen as of that day
        ("2026-03", None, "2026-03-01", True),  # March may mean the 1st
        ("2024-02-29", "2024-02-29", "2024-02-29", True),
    ],
)
def test_signposts_seen_since_and_by_a_date(observed, since, as_of, counted):
    signpost = item(tracked(), "done-on-time").signposts[0]._replace(observed=D(observed))
    assert seen_between(signpost, D(since) if since else None, D(as_of)) is counted
    not_seen = signpost._replace(status="not-yet-seen", observed=None)
    assert not seen_between(not_seen, None, D(as_of))


# --- watch -------------------------------------------------------------------------------


def test_watch_sorts_the_items_as_of_a_date():
    found = watch(tracked(), D("2026-01-15"), 90)
    assert [i.id for i in found.overdue] == ["due-on-leap-day", "due-in-2025"]  # most overdue first
    assert found.due == ()
    assert [(s.item.id, s.signpost.id) for s in found.seen] == [
        ("done-on-time", "delivery-reported"),
        ("done-on-time", "contract-cancelled"),
    ]
    # Gaps: what is not completed and lacks a due date or a signpost.
    assert [i.id for i in found.untracked] == ["due-in-2025", "due-in-february-2028", "untracked"]
    assert found.alarm
    later = watch(tracked(), D("2028-01-15"), 30)
    assert [i.id for i in later.due] == ["due-in-february-2028"]
    earlier = watch(tracked(), D("2024-02-29"), 0, since=D("2025-07"))
    assert earlier.overdue == () and [i.id for i in earlier.due] == ["due-on-leap-day"]
    assert earlier.seen == ()  # nothing was seen by then
    assert not earlier.alarm


def test_watch_groups_each_item_under_its_first_theme():
    from briefing.formats.trackviews import watch_groups

    groups = watch_groups(watch(tracked(), D("2026-01-15"), 90))
    assert [g.theme.id for g in groups] == ["operations", "intelligence", "industry"]
    assert [i.id for i in groups[0].overdue] == ["due-in-2025"]
    assert [i.id for i in groups[1].overdue] == ["due-on-leap-day"]
    assert [s.signpost.id for s in groups[2].seen] == ["delivery-reported", "contract-cancelled"]


def test_watch_command_and_its_exit_code(run):
    args = ("--data", str(TRACKED), "watch", "--format", "markdown")
    result = run(*args, "--as-of", "2026-01-15")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "2 overdue; 0 due within 90 days; 2 signposts observed or contradicted" in text
    assert "- Exercise due in 2025 — due by 2025 (the source’s date) (planned)" in text
    assert "**The follow-on contract is cancelled** (contradicted (December 1, 2025)" in text
    assert "- Nothing to follow (no due date; no signpost)" in text
    assert run(*args, "--as-of", "2026-01-15", "--exit-code").exit_code == 1
    # Before anything fell due or was contradicted: nothing to tell.
    quiet = run(*args, "--as-of", "2024-01-01", "--exit-code")
    assert quiet.exit_code == 0, quiet.stdout
    assert "0 overdue; 1 due within 90 days; 0 signposts" in quiet.stdout  # 29 February
    # A contradiction alone raises the alarm; --since leaves older ones out.
    since = run(*args, "--as-of", "2025-12-15", "--within", "12w", "--since", "2025-12")
    assert "1 signpost observed or contradicted, seen since December 2025" in since.stdout
    assert run(*args, "--as-of", "2025-12-15", "--since", "2025-12", "--exit-code").exit_code == 1
    assert run(*args, "--as-of", "2025-11-15", "--exit-code").exit_code == 1  # 2024-02-29 late


# (--as-of or --since, how French writes it, how English writes it): the phrase of each precision.
WATCH_AS_OF = [
    ("2026", "Situation en 2026 : ", "As of 2026: "),
    ("2026-06", "Situation en juin 2026 : ", "As of June 2026: "),
    ("2026-06-30", "Situation au 30 juin 2026 : ", "As of June 30, 2026: "),
]
WATCH_SINCE = [
    ("2025", "vus depuis 2025", "seen since 2025"),
    ("2025-12", "vus depuis décembre 2025", "seen since December 2025"),
    ("2025-12-03", "vus depuis le 3 décembre 2025", "seen since December 3, 2025"),
]


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
@pytest.mark.parametrize(("date", "french", "english"), WATCH_AS_OF)
def test_watch_summary_says_the_as_of_date_by_its_precision(run, fmt, date, french, english):
    for lang, data, phrase in (("fr", FRENCH_FILE, french), ("en", DEFAULT_FILE, english)):
        result = run("--lang", lang, "--data", str(data), "watch", "--as-of", date, "-f", fmt)
        assert result.exit_code == 0, result.stderr
        text = " ".join(result.stdout.split())
        assert phrase + "0 " in text, (lang, fmt)  # the counts follow the phrase


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
@pytest.mark.parametrize(("date", "french", "english"), WATCH_SINCE)
def test_watch_summary_says_the_since_date_by_its_precision(run, fmt, date, french, english):
    for lang, data, phrase in (("fr", FRENCH_FILE, french), ("en", DEFAULT_FILE, english)):
        args = ("--data", str(data), "watch", "--as-of", "2026-06-30", "--since", date)
        result = run("--lang", lang, *args, "-f", fmt)
        assert result.exit_code == 0, result.stderr
        assert phrase in " ".join(result.stdout.split()), (lang, fmt)


def test_watch_filters_like_show(run):
    args = ("--data", str(TRACKED), "watch", "-f", "json", "--as-of", "2026-01-15")
    data = json.loads(run(*args, "--theme", "industry").stdout)
    assert [g["theme"] for g in data["by_theme"]] == ["industry"]
    assert data["totals"] == {
        "overdue": 0,
        "due": 0,
        "seen": 2,
        "contradicted": 1,
        "untracked": 1,
    }
    assert data["filter"]["themes"] == ["industry"]
    planned = json.loads(run(*args, "--status", "planned").stdout)
    assert planned["totals"]["overdue"] == 2 and planned["totals"]["seen"] == 0


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--as-of", "2026-02-30", "--as-of: `2026-02-30` is not a partial ISO date"),
        ("--as-of", "soon", "--as-of: `soon` is not a partial ISO date"),
        ("--since", "2026-13", "--since: `2026-13` is not a partial ISO date"),
        ("--within", "3 months", "--within: `3 months` is not a window of days"),
        ("--within", "-5d", "--within: `-5d` is not a window of days"),
    ],
)
def test_watch_refuses_bad_dates_and_windows_in_one_line(run, option, value, message):
    result = run("--data", str(TRACKED), "watch", option, value)
    assert result.exit_code == 2
    assert result.stderr.startswith("briefing: " + message)
    assert result.stderr.count("\n") == 1


def test_watch_windows_in_days_and_weeks(run):
    args = ("--data", str(TRACKED), "watch", "-f", "json", "--as-of", "2028-01-15")
    assert json.loads(run(*args, "--within", "2w").stdout)["within_days"] == 14
    assert json.loads(run(*args, "--within", "17").stdout)["totals"]["due"] == 1  # 1 February
    assert json.loads(run(*args, "--within", "16d").stdout)["totals"]["due"] == 0


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "json"])
def test_watch_in_every_format_names_what_it_found(run, fmt):
    result = run("--data", str(TRACKED), "watch", "-f", fmt, "--as-of", "2026-01-15")
    assert result.exit_code == 0, result.stderr
    for words in ("Exercise due in 2025", "The delivery is reported", "Nothing to follow"):
        assert words in result.stdout
    if fmt == "json":
        data = json.loads(result.stdout)
        Draft202012Validator(output_schema("watch")).validate(data)
        assert data["command"] == "watch" and data["alarm"] is True
        assert data["as_of"] == "2026-01-15"


def test_watch_in_french(run):
    result = run("--lang", "fr", "--data", str(TRACKED), "watch", "--as-of", "2026-01-15")
    assert "2 en retard" in result.stdout
    assert "Lacunes du suivi" in result.stdout


def test_watch_on_the_shipped_briefing_lists_every_commitment_as_untracked(run):
    data = json.loads(run("watch", "--format", "json", "--as-of", "2026-06-30").stdout)
    Draft202012Validator(output_schema("watch")).validate(data)
    assert data["totals"]["overdue"] == data["totals"]["due"] == data["totals"]["seen"] == 0
    assert not data["alarm"]
    missing = {i["id"]: i["missing"] for g in data["by_theme"] for i in g["untracked"]}
    briefing = default_briefing()
    not_completed = [i for i in briefing.items if i.status != "completed"]
    assert set(missing) == {i.id for i in not_completed}
    assert all("expected_by" in gaps for gaps in missing.values())  # no due date was guessed
    assert missing["framework-and-follow-up"] == ["expected_by"]  # it has signposts
    assert run("watch", "--exit-code").exit_code == 0


def test_the_shipped_signposts_are_the_briefings_own_and_none_is_seen():
    for path in (DEFAULT_FILE, FRENCH_FILE):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        tracked_items = {i["id"]: i["signposts"] for i in data["items"] if "signposts" in i}
        assert set(tracked_items) == {
            "collaboration-method",
            "delegation-visits",
            "intelligence-sharing",
            "industrial-cooperation",
            "framework-and-follow-up",
        }
        for signposts in tracked_items.values():
            assert {s["direction"] for s in signposts} == {"supports", "undermines"}
            for s in signposts:
                assert s["status"] == "not-yet-seen"
                assert "observed" not in s and "sources" not in s
                assert "article" in s["attribution"]  # says it is not the article's claim
        assert not any("expected_by" in i for i in data["items"])


# --- show and the contract -------------------------------------------------------------


def test_show_marks_overdue_items_and_lists_signposts(run):
    result = run("--data", str(TRACKED), "show", "-f", "markdown")
    text = result.stdout
    assert "Due by 2025 (the source’s date) — **OVERDUE**" in text
    assert "Due by June 30, 2025 (the source’s date)\n" in text  # completed: not late
    assert "- The meeting is reported held (not yet seen · would show it happening)" in text
    data = json.loads(run("--data", str(TRACKED), "show", "-f", "json").stdout)
    first = data["items"][0]
    assert first["expected_by"] == {
        "date": "2025",
        "precision": "year",
        "set_by": "source",
        "overdue": True,
    }
    done = next(i for i in data["items"] if i["id"] == "done-on-time")
    assert done["signposts"][1]["sources"][0]["grade"] == "C3"  # reliability, then credibility


def test_show_overdue_in_terminal_and_html(run):
    terminal = run("--data", str(TRACKED), "show", "-f", "terminal").stdout
    assert "OVERDUE" in terminal and "✕ The follow-on contract is cancelled" in terminal
    page = run("--data", str(TRACKED), "show", "-f", "html").stdout
    assert "<strong>OVERDUE</strong>" in page
    assert '<ul class="signposts">' in page


def dump(data):
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def problems(data):
    from briefing.errors import ValidationError

    with pytest.raises(ValidationError) as info:
        parse(dump(data), "f.yaml")
    return [p.message for p in info.value.problems]


def base():
    return yaml.safe_load(TRACKED.read_text(encoding="utf-8"))


def test_a_due_date_says_who_set_it():
    data = base()
    del data["items"][0]["expected_by_set_by"]
    assert any("needs the key `expected_by_set_by`" in p for p in problems(data))
    data = base()
    del data["items"][0]["expected_by"]
    assert any("`expected_by_set_by` without `expected_by`" in p for p in problems(data))
    data = base()
    data["items"][0]["expected_by_set_by"] = "rumour"
    assert any("unknown setter `rumour`" in p for p in problems(data))
    data = base()
    data["items"][0]["expected_by"] = "2026-02-29"
    assert any("is not a partial ISO date" in p for p in problems(data))


def test_a_signpost_seen_says_when_where_and_how_credibly():
    data = base()
    seen = data["items"][3]["signposts"][0]
    for key in ("observed", "sources", "credibility"):
        del seen[key]
    found = problems(data)
    for key in ("observed", "sources", "credibility"):
        assert any(f"a signpost observed needs the key `{key}`" in p for p in found), key
    data = base()
    waiting = data["items"][2]["signposts"][0]
    waiting["observed"] = "2024-01"
    assert any(
        "`observed` belongs to a signpost observed or contradicted" in p for p in problems(data)
    )


def test_signposts_are_checked_like_the_rest():
    data = base()
    signposts = data["items"][3]["signposts"]
    signposts[1]["id"] = signposts[0]["id"]
    signposts[0]["direction"] = "sideways"
    signposts[0]["status"] = "seen"
    signposts[0]["sources"][0]["source"] = "reprot"
    found = problems(data)
    assert any("duplicate signpost id `delivery-reported`" in p for p in found)
    assert any("unknown direction `sideways`" in p for p in found)
    assert any("unknown signpost status `seen`" in p for p in found)
    assert any("`reprot` is not a declared source id (did you mean `report`?)" in p for p in found)


def test_tracking_keys_need_format_version_3():
    data = base()
    data["briefing"] = 2
    found = problems(data)
    assert any(
        "`expected_by` needs format version 3: run `briefing migrate FILE`" in p for p in found
    )
    assert any("`signposts` needs format version 3" in p for p in found)


def test_a_translation_keeps_the_due_dates_and_signposts(run, tmp_path):
    original = base()
    translation = base()
    translation.update(language="fr", translation_of="en")
    translation["items"][3]["signposts"][0]["text"] = "La livraison est signalée"  # text: fine
    (tmp_path / "en.yaml").write_text(dump(original), encoding="utf-8")
    (tmp_path / "fr.yaml").write_text(dump(translation), encoding="utf-8")
    assert run("validate", str(tmp_path)).exit_code == 0
    for change in (
        lambda t: t["items"][0].update(expected_by="2026"),
        lambda t: t["items"][3]["signposts"][0].update(status="contradicted"),
        lambda t: t["items"][3]["signposts"].pop(),
        lambda t: t["items"][2]["signposts"][0].update(direction="undermines"),
    ):
        changed = base()
        changed.update(language="fr", translation_of="en")
        change(changed)
        (tmp_path / "fr.yaml").write_text(dump(changed), encoding="utf-8")
        result = run("validate", str(tmp_path))
        assert result.exit_code == 1
        assert "another due date or other signposts" in result.stdout


def test_the_json_schema_of_the_data_knows_the_tracking_keys():
    from briefing.reading.jsonschema import json_schema

    validator = Draft202012Validator(json_schema())
    validator.validate(base())
    wrong = base()
    wrong["items"][3]["signposts"][0]["status"] = "seen"
    assert not validator.is_valid(wrong)
    older = base()
    older["briefing"] = 2
    assert not validator.is_valid(older)


# --- calendar export ---------------------------------------------------------------------


def events(text):
    import icalendar

    calendar = icalendar.Calendar.from_ical(text)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_the_calendar_round_trips_through_icalendar(run):
    import datetime

    result = run("--data", str(TRACKED), "timeline", "--format", "ics")
    assert result.exit_code == 0, result.stderr
    found = events(result.stdout)
    due_year = found["tracked-plan/due/due-in-2025@briefing"]
    assert due_year.decoded("dtstart") == datetime.date(2025, 1, 1)
    assert due_year.decoded("dtend") == datetime.date(2026, 1, 1)  # the whole year
    assert str(due_year["summary"]) == "Due: Exercise due in 2025"
    assert "Item due-in-2025 of briefing tracked-plan" in str(due_year["description"])
    leap = found["tracked-plan/due/due-in-february-2028@briefing"]
    assert leap.decoded("dtstart") == datetime.date(2028, 2, 1)
    assert leap.decoded("dtend") == datetime.date(2028, 3, 1)  # through the 29th
    day = found["tracked-plan/due/due-on-leap-day@briefing"]
    assert (day.decoded("dtstart"), day.decoded("dtend")) == (
        datetime.date(2024, 2, 29),
        datetime.date(2024, 3, 1),
    )
    seen = found["tracked-plan/signpost/done-on-time/contract-cancelled@briefing"]
    assert str(seen["summary"]) == "Signpost contradicted: The follow-on contract is cancelled"
    assert seen.decoded("dtstart") == datetime.date(2025, 12, 1)
    signed = [e for e in found.values() if str(e["summary"]) == "Plan signed"]
    assert len(signed) == 1 and signed[0].decoded("dtstart") == datetime.date(2025, 3, 1)
    assert [str(c) for c in signed[0]["categories"].cats] == ["event"]
    # No date without an event; none twice; a signpost not yet seen has no date.
    assert len(found) == 1 + 4 + 2


def test_calendar_uids_are_stable_so_a_reimport_updates(run, tmp_path):
    first = events(run("--data", str(TRACKED), "show", "-f", "ics").stdout)
    data = base()
    data["items"][0]["expected_by"] = "2026-06"
    data["timeline"][0]["date"] = "2025-04"
    moved = tmp_path / "moved.yaml"
    moved.write_text(dump(data), encoding="utf-8")
    second = events(run("--data", str(moved), "show", "-f", "ics").stdout)
    assert set(first) == set(second)
    uid = "tracked-plan/due/due-in-2025@briefing"
    assert second[uid].decoded("dtstart").isoformat() == "2026-06-01"


def test_show_output_to_an_ics_file(run, tmp_path):
    target = tmp_path / "plan.ics"
    result = run("--data", str(TRACKED), "show", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert len(events(raw)) == 7


def test_calendar_text_stays_text(run, write):
    data = base()
    data["items"][0]["title"] = "Evil\r\nBEGIN:VEVENT\x1b[31m; a, b"
    path = write(dump(data))
    text = run("--data", str(path), "show", "-f", "ics").stdout
    found = events(text)
    assert len(found) == 7  # no event smuggled in
    summary = str(found["tracked-plan/due/due-in-2025@briefing"]["summary"])
    assert "\x1b" not in summary and "\n" not in summary
    assert "BEGIN:VEVENT" in summary  # shown as text, inside the summary


def test_calendar_refuses_what_it_cannot_hold(run, write):
    data = base()
    data["timeline"][0]["date"] = "0000-06"
    result = run("--data", str(write(dump(data))), "timeline", "-f", "ics")
    assert result.exit_code == 1
    assert "an iCalendar file holds dates from year 1 to 9999" in result.stderr
    assert result.stdout == ""
    refused = run("--data", str(TRACKED), "themes", "-f", "ics")
    assert refused.exit_code == 2
    assert refused.stderr.startswith("briefing: --format does not take `ics`")


def test_calendar_export_without_icalendar_says_how_to_install_it(monkeypatch):
    import builtins

    from briefing.errors import UsageError
    from briefing.formats import ics

    real = builtins.__import__

    def missing(name, *args, **kwargs):
        if name == "icalendar":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", missing)
    with pytest.raises(UsageError) as info:
        ics.render_briefing(tracked(), OutputOptions())
    assert "pip install 'briefing[calendar]'" in (info.value.hint or "")


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "json"])
def test_the_timeline_places_due_dates_and_signposts_apart_from_events(run, fmt):
    result = run("--data", str(TRACKED), "timeline", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    if fmt == "json":
        data = json.loads(text)
        Draft202012Validator(output_schema("timeline")).validate(data)
        assert [e["title"] for e in data["timeline"]] == ["Plan signed"]  # events only
        assert [(t["date"], t["kind"], t["item"], t["signpost"]) for t in data["tracking"]] == [
            ("2024-02-29", "due", "due-on-leap-day", None),
            ("2025", "due", "due-in-2025", None),
            ("2025-06", "observed", "done-on-time", "delivery-reported"),
            ("2025-06-30", "due", "done-on-time", None),
            ("2025-12-01", "contradicted", "done-on-time", "contract-cancelled"),
            ("2028-02", "due", "due-in-february-2028", None),
        ]
        return
    assert "Due dates and signposts seen" in text or "DUE DATES AND SIGNPOSTS SEEN" in text
    assert "Due: Exercise due in 2025" in text
    assert "Signpost contradicted: The follow-on contract is cancelled" in text
    if fmt == "terminal":
        lanes = {line.split()[0]: line for line in text.splitlines() if "··" in line}
        assert "░" in lanes["2025"] and "◇" in lanes["2024-02-29"]  # due, not an event
        assert "✕" in lanes["2025-12-01"] and "◆" in lanes["2025-06"]
        assert "▌" in lanes["2025-03"]  # the event, a month


def test_the_timeline_without_tracking_is_as_before(run):
    data = json.loads(run("timeline", "-f", "json").stdout)
    assert data["tracking"] == []  # the shipped briefing records no due date, sees no signpost
    assert "DUE DATES" not in run("timeline", "-f", "terminal").stdout


def test_watch_honours_the_handling_marking(run, write):
    data = base()
    data["tlp"] = "GREEN"
    data["items"][0]["tlp"] = "RED"
    path = write(dump(data))
    shown = run("--data", str(path), "watch", "-f", "json", "--as-of", "2026-01-15")
    assert json.loads(shown.stdout)["totals"]["overdue"] == 2
    # Marked as its strictest item, as every view of the briefing is.
    assert "TLP:RED" in run("--data", str(path), "watch", "-f", "terminal").stdout
    kept = run(
        "--data", str(path), "watch", "-f", "json", "--as-of", "2026-01-15", "--max-tlp", "AMBER"
    )
    assert kept.exit_code == 0, kept.stderr
    overdue = [i["id"] for g in json.loads(kept.stdout)["by_theme"] for i in g["overdue"]]
    assert overdue == ["due-on-leap-day"]  # the RED item is left out, and stderr says so
    assert kept.stderr.count("\n") == 1


# --- diff, derived from the contract ----------------------------------------------------


def _editions(tmp_path):
    old = base()
    new = base()
    new["as_of"] = "2026-06"
    new["items"][0]["expected_by"] = "2026"  # a due date moved
    new["items"][2]["signposts"][0].update(  # not yet seen -> observed
        status="observed", observed="2024-03", credibility=3, sources=[{"source": "report"}]
    )
    new["items"][3]["signposts"].pop()  # a signpost removed
    new["items"][4]["signposts"] = [  # a signpost added
        {
            "id": "named",
            "text": "A project is named",
            "direction": "supports",
            "status": "not-yet-seen",
        }
    ]
    paths = tmp_path / "old.yaml", tmp_path / "new.yaml"
    for path, data in zip(paths, (old, new), strict=True):
        path.write_text(dump(data), encoding="utf-8")
    return [str(p) for p in paths]


def test_diff_reports_due_dates_and_signposts(run, tmp_path):
    old, new = _editions(tmp_path)
    result = run("diff", old, new, "--format", "terminal", "--exit-code")
    assert result.exit_code == 1, result.stderr
    text = result.stdout
    assert "due date: 2025\n" in text and "→ 2026" in text
    assert "signposts: meeting-held, status: not-yet-seen" in text
    assert "→ observed" in text
    assert "signposts: meeting-held, observed: (none)" in text
    assert "removed from signposts: contract-cancelled" in text
    assert "added to signposts: named (A project is named" in text
    data = json.loads(run("diff", old, new, "--format", "json").stdout)
    Draft202012Validator(output_schema("diff")).validate(data)
    changed = {c["id"]: c for c in data["changes"]["items"]["changed"]}
    assert {"field": "expected_by", "old": "2025", "new": "2026"} in changed["due-in-2025"][
        "changes"
    ]
    (signposts,) = [c for c in changed["due-on-leap-day"]["changes"] if c["field"] == "signposts"]
    assert [s["status"] for s in signposts["old"]] == ["not-yet-seen"]
    assert [s["status"] for s in signposts["new"]] == ["observed"]
    # The same edition twice: nothing to report.
    assert run("diff", old, old, "--exit-code").exit_code == 0
