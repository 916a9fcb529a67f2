"""French as the output writes it: the as-of phrase by precision, status and credibility names."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from briefing.delivery.console import OutputOptions
from briefing.formats.pdf import document
from briefing.model import PartialDate
from briefing.reading.loader import parse
from tests.conftest import ROOT

SMALL = ROOT / "tests" / "data" / "small-2027.yaml"
PLAIN = OutputOptions(is_terminal=True, width=100, color=False)

# (as_of, English phrase, French phrase): French says `en` a year or month, `au` a day.
PHRASES = [
    ("2025", "As of 2025", "Situation en 2025"),
    ("2027-01", "As of January 2027", "Situation en janvier 2027"),
    ("2026-03-15", "As of March 15, 2026", "Situation au 15 mars 2026"),
]


def _dated(tmp_path, as_of: str):
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    data["as_of"] = as_of
    target = tmp_path / "small.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


@pytest.mark.parametrize(("as_of", "english", "french"), PHRASES)
def test_the_as_of_line_reads_by_precision_in_every_format(run, tmp_path, as_of, english, french):
    path = str(_dated(tmp_path, as_of))
    for lang, phrase in (("en", english), ("fr", french)):
        terminal = run("--lang", lang, "--data", path, "show", options=PLAIN).stdout
        assert phrase in terminal, (lang, terminal[:400])
        markdown = run("--lang", lang, "--data", path, "show", "-f", "md").stdout
        assert f"\n{phrase}\n" in markdown, (lang, markdown[:400])
        html = run("--lang", lang, "--data", path, "show", "-f", "html").stdout
        words, _, date = phrase.rpartition(" ") if as_of == "2025" else (None, None, None)
        assert "État au" not in terminal + markdown + html
        if words:  # the date alone sits in the <time> element, the words around it
            assert f'{words} <time datetime="{as_of}">{date}</time>' in html.replace(
                '<span lang="fr" dir="ltr">', ""
            ).replace("</span>", "")
        listed = run("--lang", lang, "--data", path, "list", options=PLAIN).stdout
        assert phrase in listed
        across = run("--lang", lang, "--data", path, "show", "--all", options=PLAIN).stdout
        assert f"small-plan-2027 · {phrase}" in across
        across_md = run("--lang", lang, "--data", path, "timeline", "--all", "-f", "md").stdout
        assert f"· {phrase}\n" in across_md


@pytest.mark.parametrize(("as_of", "english", "french"), PHRASES)
def test_the_pdf_states_the_as_of_phrase(tmp_path, as_of, english, french):
    from briefing import i18n

    path = _dated(tmp_path, as_of)
    briefing = parse(path.read_text(encoding="utf-8"), str(path))
    for lang, phrase in (("en", english), ("fr", french)):
        with i18n.speaking(lang):
            assert document(briefing)["as_of"] == phrase
    assert briefing.as_of == PartialDate.parse(as_of)


def test_the_catalog_column_is_french(run):
    out = run("--lang", "fr", "list", "-f", "md").stdout
    assert "| Id | Titre | Situation |" in out


def _statuses(run, lang, option, value):
    out = run("--lang", lang, "show", option, value, "-f", "json")
    assert out.exit_code == 0, out.stderr
    return json.loads(out.stdout)["filter"]["statuses"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_status_accepts_the_names_either_output_shows(run, lang):
    assert _statuses(run, lang, "--status", "en cours") == ["under-way"]
    assert _statuses(run, lang, "--status", "EN-COURS,Prevu") == ["under-way", "planned"]
    assert _statuses(run, lang, "--status", "réalisé, under way") == [
        "completed",
        "under-way",
    ]
    assert _statuses(run, lang, "--status", "Incertain") == ["unclear"]


def _grades(run, lang, option, value):
    out = run("--lang", lang, "show", option, value, "-f", "json")
    assert out.exit_code == 0, out.stderr
    found = json.loads(out.stdout)["filter"]["credibility"]
    return found["min"], found["max"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_credibility_accepts_the_names_either_output_shows(run, lang):
    assert _grades(run, lang, "--credibility", "probablement vraie") == (2, 2)
    assert _grades(run, lang, "--credibility", "Probably True") == (2, 2)
    assert _grades(run, lang, "--credibility", "peut-etre vraie") == (3, 3)
    assert _grades(run, lang, "--credibility", "1-douteuse") == (1, 4)
    assert _grades(run, lang, "--credibility", "2") == (2, 2)


def test_french_errors_name_french_statuses_beside_the_ids(run):
    out = run("--lang", "fr", "show", "--status", "encours")
    assert out.exit_code == 2 and out.stdout == ""
    assert "(vouliez-vous dire `en cours` ?)" in out.stderr
    assert "planned (prévu), under-way (en cours), completed (réalisé), unclear (incertain)" in (
        out.stderr
    )
    english = run("show", "--status", "planed")
    assert "(did you mean `planned`?)" in english.stderr
    assert "planned, under-way, completed, unclear" in english.stderr


def test_french_errors_name_french_themes_beside_the_ids(run):
    out = run("--lang", "fr", "show", "--theme", "logistque")
    assert out.exit_code == 2
    assert "intelligence (Renseignement)" in out.stderr
    assert "logistics (Logistique)" in out.stderr
    english = run("show", "--theme", "logistcs")
    assert "intelligence, logistics," in english.stderr  # a title that is the id is not repeated


def test_french_credibility_error_names_the_grades(run):
    out = run("--lang", "fr", "show", "--credibility", "douteux")
    assert out.exit_code == 2
    assert "(vouliez-vous dire `douteuse` ?)" in out.stderr
    assert "2 probablement vraie" in out.stderr and "6 véracité impossible à juger" in out.stderr
    english = run("show", "--credibility", "7")
    assert "2 probably true" in english.stderr


def test_theme_names_ignore_accents(run):
    plain = run("--lang", "fr", "show", "--theme", "industrie de defense", "-f", "json")
    assert plain.exit_code == 0, plain.stderr
    assert json.loads(plain.stdout)["filter"]["themes"] == ["industry"]


def _tagged(tmp_path, tag: str):
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    data["language"], data["as_of"] = tag, "2027-03-15"
    target = tmp_path / f"small-{tag}.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(target)


@pytest.mark.parametrize(
    ("tag", "lang", "as_of", "event"),
    [
        ("en-GB", "en", "As of 15 March 2027", "15 January 2027"),
        ("en", "en", "As of March 15, 2027", "January 15, 2027"),
        ("en-US", "en", "As of March 15, 2027", "January 15, 2027"),
        ("fr", "fr", "Situation au 15 mars 2027", "15 janvier 2027"),
        # A French interface over a British briefing writes its dates in French, like its labels.
        ("en-GB", "fr", "Situation au 15 mars 2027", "15 janvier 2027"),
    ],
)
def test_dates_follow_the_briefings_language_tag(run, tmp_path, tag, lang, as_of, event):
    path = _tagged(tmp_path, tag)
    for args in (["show"], ["show", "-f", "md"], ["show", "-f", "html"], ["list"]):
        out = run("--lang", lang, "--data", path, *args, options=PLAIN)
        assert out.exit_code == 0, out.stderr
        flat = re.sub(r"<[^>]+>", "", out.stdout)  # the date sits in a <time> element
        assert (as_of in flat) or (args == ["list"] and as_of.split(" ", 2)[-1] in flat), args
    timeline = run("--lang", lang, "--data", path, "timeline", "-f", "md").stdout
    assert f"**{event}**" in timeline
    across = run("--lang", lang, "--data", path, "show", "--all", options=PLAIN).stdout
    assert as_of in across
