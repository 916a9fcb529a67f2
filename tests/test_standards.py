"""`validate --standards`, `--strict`, `--source`: each rule fires, and not on its near miss."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tests.conftest import DEFAULT_FILE, ROOT

SOURCES = ROOT / "tests" / "data" / "sources"
EN_TEXT = str(SOURCES / "harbour-drill.en.txt")
FR_TEXT = str(SOURCES / "exercice-portuaire.fr.txt")

# A described source, so that only the rule under test speaks.
DESCRIBED = {
    "id": "wire",
    "title": "A wire story",
    "reliability": "C",
    "publisher": "Coast Wire",
    "published": "2026-03",
    "archived_url": "https://archive.example.org/wire",
}

BASES: dict[str, dict[str, Any]] = {
    "en": {
        "summary": "The two navies agreed on spring patrols.",
        "item": "Each navy sends two ships to a joint patrol in April.",
        "parties": [{"name": "Aland"}, {"name": "Borea"}],
    },
    "fr": {
        "summary": "Les deux marines ont convenu de patrouilles au printemps.",
        "item": "Chaque marine envoie deux navires à une patrouille commune en avril.",
        "parties": [{"name": "Aland"}, {"name": "Borée"}],
    },
}


def briefing(lang: str = "en", **item: Any) -> dict[str, Any]:
    """A minimal valid version 2 briefing with one item (its keys replaced by `item`)."""
    base = BASES[lang]
    entry: dict[str, Any] = {
        "id": "patrols",
        "title": "Joint patrols" if lang == "en" else "Patrouilles communes",
        "themes": ["navy"],
        "summary": base["item"],
        "credibility": 3,
        "sources": [{"source": "wire"}],
    }
    entry.update(item)
    return {
        "briefing": 2,
        "id": "drill",
        "title": "Harbour drill",
        "as_of": "2026-03",
        "language": lang,
        "summary": base["summary"],
        "parties": base["parties"],
        "themes": [{"id": "navy", "title": "Navy"}],
        "items": [{k: v for k, v in entry.items() if v is not None}],
        "sources": [copy.deepcopy(DESCRIBED)],
    }


def warnings(run, path, *args: str) -> list[dict[str, Any]]:
    result = run("validate", str(path), "--standards", "--format", "json", *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["standards_checked"] is True
    return report["warnings"]


def rules(found: list[dict[str, Any]]) -> list[str]:
    return [w["rule"] for w in found if not w["acknowledged"]]


SECOND = {**DESCRIBED, "id": "paper", "title": "A newspaper", "publisher": "Harbour Times"}

# (rule, language, the minimal case that breaks it, its near miss): a change to the
# item, and the sources the briefing declares when they matter.
CASES = [
    ("corroboration", "en", {"credibility": 2}, {"credibility": 3}),
    ("corroboration", "fr", {"credibility": 1}, {"credibility": 3}),
    (
        "estimative-in-report",
        "en",
        {"summary": "The ships will probably sail in April."},
        {"summary": "The ships will sail in May 2026, the navy said."},
    ),
    (
        "estimative-in-report",
        "fr",
        {"summary": "Les navires partiront sans doute en avril."},
        {"summary": "Les navires partiront en avril, selon la marine."},
    ),
    (
        "off-scale-in-assessment",
        "en",
        {"kind": "assessment", "confidence": "low", "summary": "The patrols could widen."},
        {"kind": "assessment", "confidence": "low", "summary": "The patrols are likely to widen."},
    ),
    (
        "off-scale-in-assessment",
        "fr",
        {"kind": "assessment", "confidence": "low", "summary": "Elles pourraient s’étendre."},
        {
            "kind": "assessment",
            "confidence": "low",
            "summary": "Il est probable qu’elles grandissent.",
        },
    ),
    (
        "one-sided-as-fact",
        "en",
        {"account_of": "Borea", "summary": "The drill has no date yet."},
        {"account_of": "Borea", "summary": "According to the Borean navy, the drill has no date."},
    ),
    (
        "one-sided-as-fact",
        "fr",
        {"account_of": "Borée", "summary": "L’exercice n’a pas encore de date."},
        {"account_of": "Borée", "summary": "Selon la marine boréenne, l’exercice n’a pas de date."},
    ),
]


@pytest.mark.parametrize(("rule", "lang", "fires", "quiet"), CASES)
def test_each_rule_fires_and_its_near_miss_stays_quiet(run, write, rule, lang, fires, quiet):
    assert rules(warnings(run, write(briefing(lang, **fires)))) == [rule]
    assert rules(warnings(run, write(briefing(lang, **quiet)))) == []


def tracked(as_of: str, lang: str = "en", **item: Any) -> dict[str, Any]:
    """A version 3 briefing as of a date, with one item (its keys replaced by `item`)."""
    data = briefing(lang, **item)
    data.update(briefing=3, as_of=as_of)
    return data


PLANNED = {"status": "planned", "expected_by_set_by": "analyst"}

# (the briefing's as_of, the item's expected_by, whether the due date has passed):
# each precision against each, at the edges where a partial date ends.
PAST_DUE = [
    ("2026-03", "2026-02", True),  # the whole of February is before March
    ("2026-03", "2026-03", False),  # due by the end of March: not yet, as of some day in March
    ("2026-03-01", "2026-02-28", True),
    ("2026-03-01", "2026-03-01", False),  # due that day: not yet passed
    ("2026", "2025", True),
    ("2026", "2025-12-31", True),
    ("2026", "2026-01", False),  # as of 2026 may mean 1 January: January has not passed
    ("2026-12-31", "2026", False),  # 2026 has not ended on its last day
    ("2027-01-01", "2026", True),
    ("2027", "2026-12", True),
    ("2028-02-29", "2028-02", False),  # a leap day: February 2028 is not over
    ("2028-03-01", "2028-02", True),
    ("2028-03", "2028-02-29", True),
]


@pytest.mark.parametrize(("as_of", "due", "passed"), PAST_DUE)
def test_a_planned_item_past_its_due_date_as_of_the_briefing(run, write, as_of, due, passed):
    found = rules(warnings(run, write(tracked(as_of, expected_by=due, **PLANNED))))
    assert found == (["planned-past-due"] if passed else [])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_past_due_fires_only_on_what_is_still_planned(run, write, lang):
    fires = tracked("2026-03", lang, expected_by="2026-02", **PLANNED)
    assert rules(warnings(run, write(fires))) == ["planned-past-due"]
    # The near misses: the same date under another status, or a planned item with no date.
    for status in ("under-way", "completed", "unclear"):
        quiet = tracked("2026-03", lang, expected_by="2026-02", **{**PLANNED, "status": status})
        assert rules(warnings(run, write(quiet))) == [], status
    undated = tracked("2026-03", lang, status="planned")
    assert rules(warnings(run, write(undated))) == []


def test_past_due_reads_the_briefing_date_not_the_clock(run, write):
    # Due in 2026, as of March 2026: whatever today is, the briefing's date decides.
    path = write(tracked("2026-03", expected_by="2026-06", **PLANNED))
    assert rules(warnings(run, path)) == []
    # A briefing dated long after: the same item has passed its date.
    later = write(tracked("2031-01", expected_by="2026-06", **PLANNED))
    assert rules(warnings(run, later)) == ["planned-past-due"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "still planned as of 2026-03, but it was due by 2026-02"), ("fr", "2026-02")],
)
def test_past_due_says_where_and_how_to_fix(run, write, lang, words):
    path = write(tracked("2026-03", lang, expected_by="2026-02", **PLANNED))
    result = run("--lang", lang, "validate", str(path), "--standards")
    assert result.exit_code == 0, result.stderr
    [line] = [w for w in result.stdout.splitlines() if "planned-past-due" in w]
    assert f"{path}:" in line and "items[0].expected_by" in line
    assert words in line
    if lang == "fr":
        assert "toujours prévu" in line and "avertissement" in line
    else:
        assert "acknowledge" in line
    strict = run("validate", str(path), "--strict")
    assert strict.exit_code == 1
    accepted = tracked(
        "2026-03",
        lang,
        expected_by="2026-02",
        acknowledged=[{"rule": "planned-past-due", "reason": "The source gives no news yet."}],
        **PLANNED,
    )
    assert run("validate", str(write(accepted)), "--strict").exit_code == 0


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_corroboration_counts_independent_origins(run, write, lang):
    two = briefing(lang, credibility=2, sources=[{"source": "wire"}, {"source": "paper"}])
    two["sources"].append(copy.deepcopy(SECOND))
    assert rules(warnings(run, write(two))) == []  # two outlets: corroborated
    relayed = copy.deepcopy(two)
    relayed["sources"][1]["relays"] = "wire"  # the newspaper repeats the wire
    assert rules(warnings(run, write(relayed))) == ["corroboration"]
    same_outlet = copy.deepcopy(two)
    same_outlet["sources"][1]["publisher"] = "COAST WIRE"
    assert rules(warnings(run, write(same_outlet))) == ["corroboration"]


def test_high_confidence_on_unjudgeable_sources(run, write):
    data = briefing(kind="assessment", confidence="high", summary="Patrols are likely to grow.")
    data["sources"][0]["reliability"] = "F"
    assert rules(warnings(run, write(data))) == ["high-confidence-weak-sources"]
    data["sources"][0]["reliability"] = "B"
    assert rules(warnings(run, write(data))) == []
    data["sources"][0]["reliability"] = "E"
    data["items"][0]["confidence"] = "moderate"
    assert rules(warnings(run, write(data))) == []


def test_source_descriptor_gaps(run, write):
    data = briefing()
    del data["sources"][0]["publisher"], data["sources"][0]["archived_url"]
    found = warnings(run, write(data))
    assert rules(found) == ["source-descriptors"]
    assert "`publisher`, `archived_url`" in found[0]["message"]
    assert found[0]["path"] == "sources[0]" and found[0]["line"] is not None


def test_text_names_the_rule_the_place_and_the_fix(run, write):
    path = write(briefing(credibility=2))
    result = run("validate", str(path), "--standards")
    assert result.exit_code == 0  # a warning, not an error
    line = result.stdout.splitlines()[0]
    assert line.startswith(f"{path}:")
    assert ": items[0].credibility: warning [corroboration]: credibility 2 says" in line
    assert "grade it 3 or lower" in line
    assert result.stdout.splitlines()[-1] == (
        "1 file checked; 0 problems; 1 standards warning (0 acknowledged)."
    )
    french = run("--lang", "fr", "validate", str(path), "--standards").stdout
    assert "avertissement [corroboration]: la crédibilité 2 suppose" in french
    assert "cotez-le 3 ou moins" in french


def test_without_standards_nothing_is_warned(run, write):
    result = run("validate", str(write(briefing(credibility=2))))
    assert result.exit_code == 0 and "warning [" not in result.stdout


def test_strict_makes_open_warnings_fatal_and_acknowledgements_accept_them(run, write):
    data = briefing(credibility=2)
    path = write(data)
    strict = run("validate", str(path), "--strict")
    assert strict.exit_code == 1 and "warning [corroboration]" in strict.stdout
    reason = "A second outlet saw the ships; its report is on file."
    data["items"][0]["acknowledged"] = [{"rule": "corroboration", "reason": reason}]
    accepted = run("validate", str(write(data)), "--strict")
    assert accepted.exit_code == 0, accepted.stdout
    assert "warning [" not in accepted.stdout
    assert "1 standards warning (1 acknowledged)" in accepted.stdout
    report = json.loads(run("validate", str(write(data)), "--strict", "-f", "json").stdout)
    assert report["valid"] is True
    assert [(w["rule"], w["acknowledged"], w["reason"]) for w in report["warnings"]] == [
        ("corroboration", True, reason)
    ]
    assert report["counts"]["warnings"] == 1 and report["counts"]["acknowledged"] == 1


def test_an_acknowledgement_that_accepts_nothing_is_itself_a_warning(run, write):
    data = briefing()
    data["items"][0]["acknowledged"] = [{"rule": "corroboration", "reason": "Old note."}]
    found = warnings(run, write(data))
    assert rules(found) == ["unused-acknowledgement"]
    assert found[0]["path"] == "items[0].acknowledged[0].rule"
    assert run("validate", str(write(data)), "--strict").exit_code == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"acknowledged": [{"rule": "corroborate", "reason": "x"}]},
            "unknown standard `corroborate` (did you mean `corroboration`?)",
        ),
        ({"acknowledged": [{"rule": "corroboration"}]}, "needs the key `reason`"),
        ({"account_of": "Narnia"}, "`Narnia` is not the name of a declared party"),
    ],
)
def test_the_new_keys_are_part_of_the_contract(run, write, change, message):
    result = run("validate", str(write(briefing(**change))))
    assert result.exit_code == 1 and message in result.stdout


def test_relays_must_name_another_declared_source(run, write):
    data = briefing()
    data["sources"][0]["relays"] = "wirre"
    result = run("validate", str(write(data)))
    assert result.exit_code == 1 and "`wirre` is not a declared source id" in result.stdout
    data["sources"][0]["relays"] = "wire"
    result = run("validate", str(write(data)))
    assert result.exit_code == 1 and "relays itself" in result.stdout


def test_a_version_1_file_may_not_use_the_new_keys(run, write):
    data = briefing(account_of="Aland")
    data["briefing"] = 1
    del data["items"][0]["credibility"], data["sources"][0]["reliability"]
    result = run("validate", str(write(data)))
    assert result.exit_code == 1 and "`account_of` needs format version 2" in result.stdout


def test_a_translation_keeps_what_the_checks_rely_on(run, tmp_path, write):
    original = briefing("en", account_of="Borea", summary="The Borean navy said so.")
    translation = briefing("fr", account_of="Borée", summary="La marine boréenne l’a dit.")
    translation["translation_of"] = "en"
    write(original, "a.yaml"), write(translation, "b.yaml")
    assert run("validate", str(tmp_path)).exit_code == 0  # the same party, by position
    translation["items"][0]["account_of"] = "Aland"
    write(translation, "b.yaml")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "item `patrols` has another `account_of`, `acknowledged` or `quote`" in result.stdout


def test_the_word_lists_are_documented():
    from briefing.reading.standards import WORDS

    doc = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    for language, lists in WORDS.items():
        for words in lists:
            for word in words:
                assert f"`{word}`" in doc, (language, word)


def test_the_shipped_briefing_meets_the_standards(run):
    data = str(DEFAULT_FILE.parent)
    result = run("validate", data, "--strict")
    assert result.exit_code == 0, result.stdout
    report = json.loads(run("validate", data, "--strict", "-f", "json").stdout)
    # Every warning left is accepted in the data, with its reason.
    assert all(w["acknowledged"] and w["reason"] for w in report["warnings"])


# Against a source text ---------------------------------------------------------


def cited(lang: str, locator: str | None = None, quote: str | None = None, **item: Any):
    ref: dict[str, Any] = {"source": "wire"}
    if locator is not None:
        ref["locator"] = locator
    if quote is not None:
        ref["quote"] = quote
    data = briefing(lang, sources=[ref], **item)
    data["sources"][0]["language"] = "en" if lang == "en" else "fr"
    return data


def checked(run, path, text: str, code: int = 0) -> dict[str, Any]:
    result = run("validate", str(path), "--source", f"wire={text}", "-f", "json")
    assert result.exit_code == code, result.stdout + result.stderr
    return json.loads(result.stdout)


TEXTS = {"en": EN_TEXT, "fr": FR_TEXT}
HEADINGS = {"en": '"Patrols and exercises"', "fr": '"Patrouilles et exercices"'}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_locators_resolve_in_the_text(run, write, lang):
    good = checked(run, write(cited(lang, f"{HEADINGS[lang]} ¶2")), TEXTS[lang])
    assert good["problems"] == [] and good["counts"]["locators"] == 1
    assert checked(run, write(cited(lang, "intro ¶1")), TEXTS[lang])["problems"] == []
    too_far = checked(run, write(cited(lang, f"{HEADINGS[lang]} ¶3")), TEXTS[lang], 1)
    [problem] = too_far["problems"]
    assert problem["path"] == "items[0].sources[0].locator"
    assert "has 2 paragraphs, so ¶3 does not exist" in problem["message"]
    unknown = checked(run, write(cited(lang, '"Coastal patrols" ¶1')), TEXTS[lang], 1)
    assert 'the source text has no heading "Coastal patrols"' in unknown["problems"][0]["message"]
    unchecked = checked(run, write(cited(lang, "page 4")), TEXTS[lang], 1)
    assert "cannot be checked" in unchecked["problems"][0]["message"]


def test_a_heading_must_be_written_as_in_the_text(run, write):
    found = checked(run, write(cited("en", '"patrols and Exercises" ¶1')), EN_TEXT, 1)
    assert 'is written "Patrols and exercises"' in found["problems"][0]["message"]


@pytest.mark.parametrize(
    ("lang", "quote", "elsewhere"),
    [
        ("en", "liaison officers", "declined to comment"),
        ("fr", "officiers de liaison", "s’est refusé à tout commentaire"),
    ],
)
def test_quotations_are_in_the_text_at_the_place_cited(run, write, lang, quote, elsewhere):
    here = f"{HEADINGS[lang]} ¶1"
    good = checked(run, write(cited(lang, here, quote)), TEXTS[lang])
    assert good["problems"] == [] and good["counts"]["quotations"] == 1
    moved = checked(run, write(cited(lang, here, elsewhere)), TEXTS[lang], 1)
    assert "at the place cited" in moved["problems"][0]["message"]
    assert moved["problems"][0]["path"] == "items[0].sources[0].quote"
    invented = checked(run, write(cited(lang, here, quote + " demain")), TEXTS[lang], 1)
    assert "is not in the source text" in invented["problems"][0]["message"]


COPIES = {
    # Runs of the text's words, in another case, without accents or with other punctuation.
    "en": ("They will SWAP liaison officers and practise search and rescue.", 9),
    "fr": ("Ils echangeront des OFFICIERS de liaison, et s'entraineront ensemble au sauvetage", 11),
}
NEAR = {
    # Seven words in a row only.
    "en": "They will swap liaison officers and practise rescue at sea.",
    "fr": "Les équipages échangeront des officiers de liaison, puis s’exerceront.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_copied_run_of_words_is_caught_and_a_shorter_one_is_not(run, write, lang):
    summary, length = COPIES[lang]
    found = checked(run, write(cited(lang, summary=summary)), TEXTS[lang], 1)
    [problem] = found["problems"]
    assert problem["path"] == "items[0].summary" and problem["line"] is not None
    assert f"{length} words in a row" in problem["message"]
    assert f"at {HEADINGS[lang]} ¶1" in problem["message"]
    assert checked(run, write(cited(lang, summary=NEAR[lang])), TEXTS[lang])["problems"] == []


def test_a_marked_quotation_may_be_copied(run, write):
    quote = "swap liaison officers and practise search and rescue"
    summary = f"The crews will “{quote}”, the article says."
    data = cited("en", '"Patrols and exercises" ¶1', quote, summary=summary)
    assert checked(run, write(data), EN_TEXT)["problems"] == []


def test_prose_in_another_language_is_not_compared(run, write):
    data = cited("fr", summary="They will swap liaison officers and practise search and rescue.")
    data["sources"][0]["language"] = "en"
    report = checked(run, write(data), EN_TEXT)  # a French briefing, an English text
    assert report["problems"] == [] and report["counts"]["fields_compared"] == 0


def test_the_summary_line_counts_what_was_compared(run, write):
    path = write(cited("en", '"Patrols and exercises" ¶1'))
    result = run("validate", str(path), "--source", f"wire={EN_TEXT}")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "1 file checked; 0 problems; 1 source text compared "
        "(locators: 1, quotations: 0, fields: 4, mismatches: 0)."
    )


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("wire", 2, "--source `wire` is not ID=FILE"),
        (f"wir={EN_TEXT}", 2, "no checked briefing declares that source (did you mean `wire`?)"),
        ("wire=missing.txt", 1, "missing.txt"),
    ],
)
def test_source_mistakes_are_one_line(run, write, value, code, message):
    result = run("validate", str(write(briefing())), "--source", value)
    assert result.exit_code == code
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        (EN_TEXT, "intro ¶1 (line 1) The two navies of Aland and Borea ended", '"What remains'),
        (FR_TEXT, "intro ¶1 (ligne 1) Les marines d’Aland et de Borée ont achevé", '"Ce qui'),
    ],
)
def test_outline_lists_every_locator(run, text, first, last):
    lang = "fr" if text == FR_TEXT else "en"
    result = run("--lang", lang, "sources", "--outline", text)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4 and lines[0].startswith(first) and lines[3].startswith(last)
    assert lines[2].startswith(f"{HEADINGS[lang]} ¶2 (")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not a regular file: name a plain-text copy of the source"),
        (b"\xff\xfe", "not valid UTF-8"),
        (b"", "no paragraph found in the text"),
    ],
)
def test_outline_of_an_unusable_file_is_one_line(run, tmp_path, content, message):
    path = tmp_path / "text.txt"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    result = run("sources", "--outline", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert str(path) in line and message in line


def test_french_summary_line(run, write):
    result = run("--lang", "fr", "validate", str(write(briefing(credibility=2))), "--standards")
    assert result.stdout.splitlines()[-1] == (
        "1 fichier vérifié ; 0 problème ; 1 avertissement des normes (0 accepté(s))."
    )


def test_outline_takes_no_filters(run):
    result = run("sources", "--outline", EN_TEXT, "--format", "json")
    assert result.exit_code == 2 and "takes no themes, filters or --format" in result.stderr


def test_the_shipped_briefing_matches_its_article(run):
    """With the article's text at hand (it is not shipped), locators resolve, nothing is copied."""
    import os

    article = os.environ.get("BRIEFING_ARTICLE_TEXT")
    if not article:
        pytest.skip("set BRIEFING_ARTICLE_TEXT to a plain-text copy of the article")
    result = run("validate", str(DEFAULT_FILE.parent), "--strict", "--source", f"article={article}")
    assert result.exit_code == 0, result.stdout
    assert "mismatches: 0" in result.stdout


@pytest.mark.parametrize(
    ("item", "fields"),
    [
        ({"title": "Patrols will probably start"}, ["title"]),
        ({"summary": "The ships will probably sail in April."}, ["summary"]),
        (
            {"title": "Patrols will probably start", "summary": "They may sail in April."},
            ["title", "summary"],
        ),
        (
            {"kind": "assessment", "confidence": "low", "title": "Patrols could widen"},
            ["title"],
        ),
    ],
)
def test_a_word_warning_names_the_field_the_word_is_in(run, write, item, fields):
    path = write(briefing(**item))
    found = [w for w in warnings(run, path) if w["rule"] != "corroboration"]
    assert [w["path"] for w in found] == [f"items[0].{field}" for field in fields]
    lines = path.read_text(encoding="utf-8").splitlines()
    for warning, field in zip(found, fields, strict=True):
        assert lines[warning["line"] - 1].lstrip().startswith(f"{field}:")


@pytest.mark.parametrize(
    ("grade", "english", "french"),
    [
        (
            1,
            "credibility 1 says the item is confirmed by other independent sources, yet it "
            "rests on 1 independent source (wire)",
            "la crédibilité 1 suppose que l’élément est confirmé par d’autres sources "
            "indépendantes, mais il repose sur 1 source indépendante (wire)",
        ),
        (
            2,
            "credibility 2 says the item is consistent with other information on the subject, "
            "yet it rests on 1 independent source (wire)",
            "la crédibilité 2 suppose que l’élément concorde avec d’autres informations sur le "
            "sujet, mais il repose sur 1 source indépendante (wire)",
        ),
    ],
)
def test_the_corroboration_warning_says_what_its_grade_means(run, write, grade, english, french):
    path = write(briefing(credibility=grade))
    assert [w["message"] for w in warnings(run, path)] == [
        english + ": grade it 3 or lower, or cite a second independent source"
    ]
    assert [w["message"] for w in warnings(run, path, "--lang", "fr")] == [
        french + " : cotez-le 3 ou moins, ou citez une seconde source indépendante"
    ]
