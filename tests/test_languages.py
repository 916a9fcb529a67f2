"""Bilingual briefings: choosing the language, French content and labels, drift checks."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from briefing import i18n
from briefing.model import PartialDate, days_in_month
from tests.conftest import DEFAULT_FILE, FRENCH_FILE, ROOT

SMALL = str(ROOT / "tests" / "data" / "small-2027.yaml")
LOCALE = ROOT / "briefing" / "locale"


@pytest.mark.parametrize(
    ("requested", "env", "expected"),
    [
        ("fr", {"BRIEFING_LANG": "en", "LANG": "en_GB.UTF-8"}, "fr"),
        (None, {"BRIEFING_LANG": "fr", "LANG": "en_GB.UTF-8"}, "fr"),
        (None, {"LC_ALL": "fr_BE.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        (None, {"LC_MESSAGES": "fr_CA", "LANG": "en_US.UTF-8"}, "fr"),
        (None, {"LANG": "fr_FR.UTF-8"}, "fr"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {}, "en"),
        ("FR", {}, "fr"),
        ("fr-FR", {}, "fr"),
        # POSIX: the first locale variable that is set decides, and C means the default.
        (None, {"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "POSIX", "LANG": "fr_FR.UTF-8"}, "en"),
        # A language briefing does not speak gives way to the next source.
        (None, {"BRIEFING_LANG": "de", "LANG": "fr_FR.UTF-8"}, "fr"),
    ],
)
def test_language_choice_order(requested, env, expected):
    assert i18n.choose(requested, env) == expected


def test_french_show_with_a_french_theme_name(run):
    result = run("--lang", "fr", "show", "--theme", "logistique")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith("# Plan de travail militaire conjoint Maroc–Israël pour 2026\n")
    for label in (
        "## L’essentiel",
        "> **Filtré** — **Thèmes :** Logistique",
        "## Ce que l’on ignore",
    ):
        assert label in out, label
    assert "**Statut :** réalisé" in out
    # No English label is left.
    for english in ("Bottom line", "What we don", "Filtered", "Status:", "Sources:", "As of"):
        assert english not in out, english


def test_locale_gives_french_themes(run):
    result = run("themes", "--format", "terminal", env={"LANG": "fr_FR.UTF-8"})
    assert result.exit_code == 0, result.stderr
    assert "Thème" in result.stdout and "Renseignement" in result.stdout
    assert "Logistique" in result.stdout and "Theme " not in result.stdout


@pytest.mark.parametrize(
    ("lang", "name", "theme"),
    [
        ("en", "renseignement", "intelligence"),
        ("fr", "intelligence", "intelligence"),
        # Titles that only the other translation knows:
        ("en", "Planification et coordination opérationnelles", "operations"),
        ("fr", "Operational planning and coordination", "operations"),
    ],
)
def test_theme_names_work_in_either_language(run, lang, name, theme):
    result = run("--lang", lang, "show", "--theme", name, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["briefing"]["language"] == lang
    assert data["filter"] == {
        "themes": [theme],
        "search": None,
        "credibility": None,
        "statuses": [],
        "max_tlp": None,
        "withheld": 0,
    }


def test_json_keeps_keys_and_translates_text(run):
    english = json.loads(run("show", "--format", "json").stdout)
    french = json.loads(run("--lang", "fr", "show", "--format", "json").stdout)
    assert list(english) == list(french)
    assert list(english["briefing"]) == list(french["briefing"])
    assert [i["id"] for i in english["items"]] == [i["id"] for i in french["items"]]
    assert english["briefing"]["title"] != french["briefing"]["title"]
    assert (english["briefing"]["translation_of"], french["briefing"]["translation_of"]) == (
        None,
        "en",
    )


def test_missing_translation_falls_back_with_a_notice(run):
    result = run("--lang", "fr", "show", "--data", SMALL)
    assert result.exit_code == 0
    assert result.stderr == (
        "briefing: pas de traduction `fr` de `small-plan-2027` : affichage de la version `en`\n"
    )
    assert result.stdout.startswith("# Small plan for 2027\n")
    assert "## L’essentiel" in result.stdout  # the interface is still French


def test_unknown_language_is_a_usage_error(run):
    result = run("--lang", "de", "show")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "briefing: unknown language `de`; choose one of: en, fr\n"


@pytest.mark.parametrize(
    ("date", "lang", "text"),
    [
        ("2025", "fr", "2025"),
        ("2025-12", "fr", "décembre 2025"),
        ("2025-12", "en", "December 2025"),
        ("2027-01-15", "fr", "15 janvier 2027"),
        ("2027-01-15", "en", "January 15, 2027"),
    ],
)
def test_dates_read_naturally(date, lang, text):
    assert i18n.format_date(PartialDate.parse(date), lang) == text


def test_french_timeline_dates(run):
    out = run("--lang", "fr", "timeline", "--data", SMALL).stdout
    assert "- **novembre 2026** — Plan reviewed" in out
    assert "- **15 janvier 2027** — Plan signed" in out


def _drifted(tmp_path, change):
    shutil.copy(DEFAULT_FILE, tmp_path / DEFAULT_FILE.name)
    data = yaml.safe_load(FRENCH_FILE.read_text(encoding="utf-8"))
    change(data)
    target = tmp_path / FRENCH_FILE.name
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def test_validate_catches_a_drifted_translation(run, tmp_path):
    def drift(data):
        del data["items"][2]
        data["items"][0]["id"] = "plan-renamed"
        data["timeline"][1]["date"] = "2024"
        data["sources"][0]["id"] = "article-fr"
        for entry in data["items"] + data["timeline"]:
            for ref in entry.get("sources", []):
                ref["source"] = "article-fr"

    target = _drifted(tmp_path, drift)
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    found = [re.sub(r"^\S+?:(\d+:\d+: )?", "", line) for line in result.stdout.splitlines()]
    original = str(tmp_path / DEFAULT_FILE.name)
    assert found == [
        f"items: missing item `plan-validated-and-signed` of the original {original}",
        f"items: missing item `delegation-visits` of the original {original}",
        f"items: extra item `plan-renamed`, not in the original {original}",
        f"timeline: missing timeline date `2025` of the original {original}",
        f"timeline: extra timeline date `2024`, not in the original {original}",
        f"sources: missing source `article` of the original {original}",
        f"sources: extra source `article-fr`, not in the original {original}",
    ]
    assert all(line.startswith(f"{target}:") for line in result.stdout.splitlines())


def test_translation_must_name_its_original(run, tmp_path):
    _drifted(tmp_path, lambda data: data.pop("translation_of"))
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "is shared by 2 files but 2 of them are originals" in result.stdout


def test_catalog_covers_every_label():
    """Every string the code marks for translation has a French translation."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    marked = {
        (message if isinstance(message, str) else message[0])
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "briefing"),
            method_map=[("**.py", "python")],
            keywords={"_": None, "N_": None, "ngettext": (1, 2)},
        )
    }
    with (LOCALE / "fr" / "LC_MESSAGES" / "briefing.po").open("rb") as handle:
        catalog = read_po(handle)
    missing = sorted(m for m in marked if m not in catalog or not catalog[m].string)
    assert not missing, f"labels without a French translation: {missing}"
    assert len(marked) > 150


def test_compiled_catalog_matches_its_source():
    """The shipped .mo is the compiled .po: rebuild it with the command in docs/translating.md."""
    import gettext
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = LOCALE / "fr" / "LC_MESSAGES"
    with (folder / "briefing.po").open("rb") as handle:
        catalog = read_po(handle)
    fresh = io.BytesIO()
    write_mo(fresh, catalog)
    fresh.seek(0)
    with (folder / "briefing.mo").open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)
    rebuilt = gettext.GNUTranslations(fresh)
    # The header entry ("") carries creation dates; the messages must be the same.
    messages = {k: v for k, v in shipped._catalog.items() if k != ""}  # type: ignore[attr-defined]
    fresh_messages = {k: v for k, v in rebuilt._catalog.items() if k != ""}  # type: ignore[attr-defined]
    assert messages == fresh_messages
    assert shipped.ngettext("{n} item", "{n} items", 1) == "{n} élément"
    assert shipped.ngettext("{n} item", "{n} items", 0) == "{n} élément"  # French: 0 is singular
    assert shipped.ngettext("{n} item", "{n} items", 2) == "{n} éléments"


def test_drift_counts_dates_and_keeps_item_meaning(run, tmp_path):
    shutil.copy(FRENCH_FILE, tmp_path / FRENCH_FILE.name)
    data = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    data["timeline"].append({"date": "2025", "title": "A second event that year"})
    (tmp_path / DEFAULT_FILE.name).write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    french = yaml.safe_load(FRENCH_FILE.read_text(encoding="utf-8"))
    french["items"][0]["themes"] = ["intelligence"]
    (tmp_path / FRENCH_FILE.name).write_text(
        yaml.safe_dump(french, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "timeline: missing timeline date `2025` of the original" in result.stdout
    assert (
        "items: item `plan-validated-and-signed` has other themes or another status"
        in result.stdout
    )


def test_help_follows_the_last_lang_option():
    from briefing.cli.parse import peek_language

    assert peek_language(["--lang", "fr", "--lang", "en", "--help"]) == "en"
    assert peek_language(["--lang=fr", "show", "--lang", "en"]) == "en"  # after the command too
    assert (
        peek_language(["show", "--search", "--lang", "--help"]) is None
    )  # a value, not the option


def test_french_help_writes_headings_the_french_way(run):
    result = run("--lang", "fr", "show", "--help")
    assert result.exit_code == 0
    assert "\nOptions :\n" in result.stdout and "\nArguments :\n" in result.stdout
    assert "Options:" not in result.stdout


@pytest.mark.parametrize("locale", sorted(i18n.PLAIN_DATES))
def test_dates_written_without_babel_are_babels_own(locale):
    # Every month, with no day and with each of its days, across years of one to four
    # digits (year 0 included): the table of the interface's languages says what Babel says.
    for year in (0, 1, 9, 10, 99, 100, 999, 1000, 1900, 2000, 2024, 2026, 9999):
        for month in range(1, 13):
            days = [None, *range(1, days_in_month(year, month) + 1)]
            for day in days:
                date = PartialDate(year, month, day)
                assert i18n.format_date(date, locale) == i18n.babel_date(date, locale), date
