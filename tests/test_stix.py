"""STIX 2.1 bundles: valid for stix2-validator, every reference resolved, ids and bytes stable."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.formats.jsondoc import dumps
from briefing.formats.stix import CONFIDENCE_OF_CREDIBILITY, NAMESPACE, bundle, stix_id
from briefing.reading.conformance import check_scalar
from briefing.reading.contract import URL
from tests.conftest import DEFAULT_FILE, FRENCH_FILE, ROOT, default_briefing, minimal

ROOT_FIXTURES = ROOT / "tests" / "fixtures"

validator = pytest.importorskip("stix2validator")

# The validator's recommendations ("SHOULD") that a bundle of ours may fail, each with why.
# Every other warning fails the test, and each of these is checked to be about what it says.
ACCEPTED_WARNINGS = {
    # STIX 2.1 recommends UUIDv4 for domain objects; a re-import must update the objects
    # instead of duplicating them, so the ids are UUIDv5 of the data's ids, in a namespace of
    # briefing's own (the specification forbids only the one reserved for cyber-observables).
    "uuid-check": r"Given ID value (\S+) is not a valid UUIDv4 ID\.",
    # OpenCTI reads a report's source reliability from this top-level property, by this name.
    "extensions-use": r"Custom property 'x_opencti_reliability' should be implemented",
    # A source's address is a web page briefing never downloads: it has no hash to give.
    "extref-hashes": r"External reference '[^']*' has a URL but no hash\.",
}
CODES = {"uuid-check": "103", "extensions-use": "401", "extref-hashes": "302"}


def validate(text: str) -> None:
    """Fail unless stix2-validator accepts the bundle strictly, bar the warnings accepted above."""
    from stix2validator import ValidationOptions, validate_string

    lax = validate_string(text, ValidationOptions(version="2.1", strict_types=True, silent=True))
    assert lax.is_valid, [str(e) for e in lax.errors]
    for warning in lax.warnings or []:
        accepted = [
            code
            for code, pattern in ACCEPTED_WARNINGS.items()
            if f"{{{CODES[code]}}}" in str(warning) and re.search(pattern, str(warning))
        ]
        assert accepted, f"warning with no written reason: {warning}"
        found = re.search(ACCEPTED_WARNINGS["uuid-check"], str(warning))
        if found:  # a UUIDv5 of ours, not anything else that is not a UUIDv4
            assert uuid.UUID(found.group(1).split("--")[1]).version == 5
    strict = validate_string(
        text,
        ValidationOptions(
            version="2.1",
            strict=True,
            strict_types=True,
            silent=True,
            disabled=",".join(CODES.values()),
        ),
    )
    assert strict.is_valid, [str(e) for e in strict.errors]
    assert not strict.warnings


def bundle_of(run, *args: str) -> tuple[str, dict[str, Any]]:
    result = run("show", "--format", "stix", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    validate(result.stdout)
    return result.stdout, json.loads(result.stdout)


def refs_of(value: Any) -> list[str]:
    """Every id an object refers to, at any depth (`*_ref` and `*_refs` properties)."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            if key.endswith("_ref") and isinstance(inner, str):
                found.append(inner)
            elif key.endswith("_refs") and isinstance(inner, list):
                found += inner
            else:
                found += refs_of(inner)
    elif isinstance(value, list):
        for inner in value:
            found += refs_of(inner)
    return found


def check_references(bundle: dict[str, Any]) -> None:
    seen: set[str] = set()
    for obj in bundle["objects"]:
        for ref in refs_of(obj):
            assert ref in seen, f"{obj['id']} refers to {ref}, not earlier in the bundle"
        assert obj["id"] not in seen, f"{obj['id']} twice"
        seen.add(obj["id"])


def of_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [o for o in bundle["objects"] if o["type"] == kind]


GRADED = minimal(
    briefing=2,
    parties=[{"name": "Country A", "forces": "Armed forces of A"}, {"name": "Country B"}],
    revisions=[{"date": "2026-02-03", "summary": "Graded."}],
    items=[
        {
            "id": f"c{credibility}",
            "title": f"Credibility {credibility}",
            "themes": ["alpha"],
            "summary": "Graded item.",
            "status": "planned",
            "credibility": credibility,
            "sources": [{"source": "s1", "locator": "p. 3"}, {"source": "s2"}],
            "open_questions": ["Who?", "When?"],
        }
        for credibility in range(1, 7)
    ]
    + [
        {
            "id": "judged",
            "title": "An assessment",
            "themes": ["beta", "alpha"],
            "summary": "A judgement.",
            "kind": "assessment",
            "credibility": 3,
            "confidence": "low",
            "likelihood": "likely",
            "attribution": "Our reading",
            "sources": [{"source": "s1"}],
        },
    ],
    sources=[
        {
            "id": "s1",
            "title": "Source one",
            "url": "https://example.org/one",
            "archived_url": "https://archive.example.org/one",
            "reliability": "C",
            "publisher": "Example Press",
            "accessed": "2026-01-20",
        },
        {"id": "s2", "title": "Source two", "reliability": "C", "language": "fr"},
        {"id": "s3", "title": "Source three", "reliability": "B"},
    ],
)


def test_shipped_briefing_with_its_translation(run):
    _, bundle = bundle_of(run)
    check_references(bundle)
    report = of_type(bundle, "report")[0]
    assert report["name"] == "Morocco–Israel joint military work plan for 2026"
    assert report["lang"] == "en"
    assert report["published"] == "2025-01-01T00:00:00.000Z"  # as_of "2025"
    assert (report["created"], report["modified"]) == (
        "2025-01-01T00:00:00.000Z",
        "2026-12-04T00:00:00.000Z",  # the latest revision
    )
    assert report["x_opencti_reliability"] == "F - Reliability cannot be judged"
    assert report["description"].startswith("Everything here rests on one")
    assert "\n\n" in report["description"]  # the bottom line's paragraphs kept
    assert [i["name"] for i in of_type(bundle, "identity")] == ["briefing", "Morocco", "Israel"]
    assert report["object_refs"] == [i["id"] for i in of_type(bundle, "identity")[1:]]
    notes = of_type(bundle, "note")
    assert len(notes) == 14
    # Credibility 3 only in the shipped data (one unverified article): the specification's 50.
    assert {n["confidence"] for n in notes} == {50}
    # The French translation, object by object, with the version it translates.
    contents = of_type(bundle, "language-content")
    assert len(contents) == 1 + len(notes)
    by_target = {c["object_ref"]: c for c in contents}
    assert by_target[report["id"]]["contents"]["fr"]["name"].startswith("Plan de travail")
    for note in notes:
        translated = by_target[note["id"]]
        assert translated["object_modified"] == note["modified"]
        assert set(translated["contents"]["fr"]) == {"abstract", "content"}
        assert re.search(r"Statut\s:", translated["contents"]["fr"]["content"])  # French labels


def test_same_bundle_whichever_language_is_asked(run):
    english, _ = bundle_of(run)
    french, _ = bundle_of(run, "--lang", "fr")
    assert french == english


def test_only_the_original_loaded_has_no_language_content(run):
    _, bundle = bundle_of(run, "--data", str(DEFAULT_FILE))
    assert of_type(bundle, "language-content") == []
    _, french = bundle_of(run, "--data", str(FRENCH_FILE))  # a translation alone: its own text
    assert of_type(french, "report")[0]["lang"] == "fr"
    assert of_type(french, "language-content") == []


def test_same_bytes_and_ids_every_run(run, write):
    path = write(GRADED)
    first, bundle = bundle_of(run, "--data", str(path))
    again, _ = bundle_of(run, "--data", str(path))
    assert again == first
    assert of_type(bundle, "report")[0]["id"] == stix_id("report", "test-plan")
    for note in of_type(bundle, "note"):
        uuid_part = uuid.UUID(note["id"].split("--")[1])
        assert uuid_part.version == 5
    # The id is a name of the data's ids: the same item keeps its id when its text changes.
    changed = json.loads(json.dumps(GRADED))
    changed["items"][0]["summary"] = "Reworded."
    _, after = bundle_of(run, "--data", str(write(changed, "changed.yaml")))
    assert [n["id"] for n in of_type(after, "note")] == [n["id"] for n in of_type(bundle, "note")]
    assert uuid.UUID("00abedb4-aa42-466c-9c01-fed23315a9b7") != NAMESPACE  # the SCO one


def test_graded_fixture_field_by_field(run, write):
    _, bundle = bundle_of(run, "--data", str(write(GRADED)))
    check_references(bundle)
    report = of_type(bundle, "report")[0]
    assert (report["created"], report["modified"]) == (
        "2026-01-01T00:00:00.000Z",
        "2026-02-03T00:00:00.000Z",
    )
    assert "x_opencti_reliability" not in report  # C and B: no single reliability
    assert report["labels"] == ["alpha", "beta"]  # the themes its items carry
    references = report["external_references"]
    assert [(r["external_id"], r.get("url")) for r in references] == [
        ("s1", "https://example.org/one"),
        ("s1", "https://archive.example.org/one"),
        ("s2", None),
        ("s3", None),  # declared though nothing cites it: the report lists what it rests on
    ]
    assert "Reliability: C (fairly reliable)" in references[0]["description"]
    assert "Example Press" in references[0]["description"]
    assert "Accessed: 2026-01-20" in references[0]["description"]
    notes = {n["abstract"]: n for n in of_type(bundle, "note")}
    for credibility in range(1, 7):
        note = notes[f"Credibility {credibility}"]
        assert note.get("confidence") == CONFIDENCE_OF_CREDIBILITY.get(credibility)
        assert f"Credibility: {credibility} (" in note["content"]
        assert note["object_refs"] == [report["id"]]
        assert note["labels"] == ["alpha"]
        assert "p. 3" in note["external_references"][0]["description"]
        assert note["content"].endswith("- Who?\n- When?")
        assert "Status: planned" in note["content"]
    assert "confidence" not in notes["Credibility 6"]  # "truth cannot be judged": no value
    judged = notes["An assessment"]["content"]
    assert "According to: Our reading" in judged
    assert "Assessment · Confidence: low · Likelihood: likely (55 to 80%)" in judged
    assert notes["An assessment"]["confidence"] == 50
    parties = of_type(bundle, "identity")[1:]
    assert [(p["name"], p.get("description")) for p in parties] == [
        ("Country A", "Armed forces of A"),
        ("Country B", None),
    ]


TRACKED = DEFAULT_FILE.parents[1] / "tests" / "data" / "tracked.yaml"


def tracked_bundle(run, write, monkeypatch, day: str = "2026-12-04") -> tuple[str, dict]:
    """The tracked fixture, with a signpost citing a source its item does not, as a bundle."""
    import yaml

    from briefing.commands import tracking
    from briefing.model import PartialDate

    data = yaml.safe_load(TRACKED.read_text(encoding="utf-8"))
    data["sources"].append({"id": "wire", "title": "Wire story", "reliability": "B"})
    done = next(i for i in data["items"] if i["id"] == "done-on-time")
    done["signposts"][1]["sources"] = [{"source": "wire", "locator": "¶4"}]
    monkeypatch.setattr(tracking, "today", lambda: PartialDate.parse(day))
    return bundle_of(run, "--data", str(write(data)))


def test_due_dates_and_signposts_in_the_notes(run, write, monkeypatch):
    _, bundle = tracked_bundle(run, write, monkeypatch)
    check_references(bundle)
    notes = {n["abstract"]: n for n in of_type(bundle, "note")}
    late = notes["Exercise due in 2025"]["content"]
    assert "Status: planned\nDue by 2025 (the source’s date)\n" in late
    assert "Signposts:" not in late
    assert (
        "Due by February 2028 (the analyst’s date)"
        in notes["Review due in February 2028"]["content"]
    )
    done = notes["Delivered on time"]
    assert done["content"].endswith(
        "Signposts:\n"
        "- The delivery is reported (observed (June 2025) · would show it happening · "
        "Credibility: 2 (probably true)) · Sources: report (p2)\n"
        "- The follow-on contract is cancelled (contradicted (December 1, 2025) · would show "
        "it stalling · Credibility: 3 (possibly true)) · Sources: wire (¶4)"
    )
    # The source only a signpost cites is an external reference of the note too.
    assert [r["external_id"] for r in done["external_references"]] == ["report", "wire"]
    assert "¶4" in done["external_references"][1]["description"]
    quiet = notes["Nothing to follow"]["content"]
    assert "Due by" not in quiet and "Signposts:" not in quiet
    # No `x_` property: the tracking is in the text that OpenCTI and MISP show.
    assert all(not k.startswith("x_") for n in notes.values() for k in n)


def test_tracked_bundle_does_not_depend_on_the_day(run, write, monkeypatch):
    # Overdue as of one day and not as of another: the bundle is the same bytes.
    before, _ = tracked_bundle(run, write, monkeypatch, "2025-01-01")
    after, _ = tracked_bundle(run, write, monkeypatch, "2030-01-01")
    assert before == after
    assert "OVERDUE" not in after


def test_shipped_signposts_in_both_languages(run):
    _, bundle = bundle_of(run)
    by_target = {c["object_ref"]: c for c in of_type(bundle, "language-content")}
    tracked = [n for n in of_type(bundle, "note") if "Signposts:" in n["content"]]
    assert tracked  # the shipped briefing's own signposts, none seen yet
    for note in tracked:
        assert "(not yet seen · would show it happening · The briefing’s own" in note["content"]
        assert "(not yet seen · would show it stalling · " in note["content"]
        french = by_target[note["id"]]["contents"]["fr"]["content"]
        assert "Indicateurs :" in french and "pas encore observé" in french


def test_the_mapping_is_the_specifications():
    # STIX 2.1, Appendix A: Admiralty Credibility to STIX confidence; 6 is not present.
    assert CONFIDENCE_OF_CREDIBILITY == {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}


def test_no_parties_the_report_refers_to_its_author(run, write):
    _, bundle = bundle_of(run, "--data", str(write(minimal())))
    check_references(bundle)
    report = of_type(bundle, "report")[0]
    assert report["object_refs"] == [report["created_by_ref"]]
    # A version 1 briefing is not graded: no confidence, no reliability claimed.
    assert all("confidence" not in n for n in of_type(bundle, "note"))
    assert "x_opencti_reliability" not in report


def test_narrowed_bundle(run):
    _, bundle = bundle_of(run, "--theme", "intelligence")
    check_references(bundle)
    assert len(of_type(bundle, "note")) == 2
    contents = of_type(bundle, "language-content")
    assert len(contents) == 3  # the report and the two notes kept


def test_hostile_text_stays_text(run, write):
    hostile = minimal(title='"},{"type":"x"} \x1b[31m<script>', summary="=cmd|' /C calc'!A0")
    text, bundle = bundle_of(run, "--data", str(write(hostile)))
    assert "\x1b" not in text
    assert of_type(bundle, "report")[0]["name"] == '"},{"type":"x"} \x1b[31m<script>'


def test_output_file_by_its_suffix(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("show", "-o", "brief.stix.json")
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "brief.stix.json").read_text(encoding="utf-8")
    validate(text)
    assert json.loads(text)["type"] == "bundle"
    plain = run("show", "-o", "brief.json")  # a plain .json stays the JSON envelope
    assert json.loads((tmp_path / "brief.json").read_text(encoding="utf-8"))["command"] == "show"
    assert plain.exit_code == 0


@pytest.mark.parametrize("command", ["themes", "timeline", "sources", "list"])
def test_other_commands_do_not_offer_stix(run, command):
    result = run(command, "--format", "stix")
    assert result.exit_code == 2
    assert "stix" in result.stderr and result.stdout == ""


def test_stix_refuses_all_and_front_matter(run):
    assert run("show", "--all", "--format", "stix").exit_code == 2
    assert run("show", "--front-matter", "--format", "stix").exit_code == 2


def test_markings_are_tlp_2_marking_definitions(run):
    from briefing.formats.stix import TLP_MARKINGS
    from tests.conftest import ROOT

    marked = str(ROOT / "tests" / "fixtures" / "marked.yaml")
    _, bundle = bundle_of(run, "--data", marked)
    check_references(bundle)
    definitions = of_type(bundle, "marking-definition")
    assert [d["name"] for d in definitions] == [
        "TLP:GREEN",
        "TLP:AMBER",
        "TLP:AMBER+STRICT",
        "TLP:RED",
    ]
    assert definitions[0]["id"] == TLP_MARKINGS["GREEN"]
    assert list(definitions[2]["extensions"].values()) == [
        {"extension_type": "property-extension", "tlp_2_0": "amber+strict"}
    ]
    report = of_type(bundle, "report")[0]
    assert report["object_marking_refs"] == [TLP_MARKINGS["RED"]]
    notes = {n["abstract"]: n["object_marking_refs"] for n in of_type(bundle, "note")}
    assert notes["Item marked as its briefing"] == [TLP_MARKINGS["GREEN"]]
    assert notes["Item marked amber strict"] == [TLP_MARKINGS["AMBER+STRICT"]]
    # Left out above AMBER: the report is marked AMBER, and RED is defined nowhere.
    result = run("show", "-f", "stix", "--data", marked, "--max-tlp", "AMBER")
    assert result.exit_code == 0 and "left out" in result.stderr
    validate(result.stdout)
    partial = json.loads(result.stdout)
    check_references(partial)
    assert of_type(partial, "report")[0]["object_marking_refs"] == [TLP_MARKINGS["AMBER"]]
    assert TLP_MARKINGS["RED"] not in json.dumps(partial)


def test_unmarked_briefing_has_no_markings(run):
    _, bundle = bundle_of(run)
    assert not of_type(bundle, "marking-definition")
    assert all("object_marking_refs" not in o for o in bundle["objects"])


ONE_BUNDLE_EACH = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@ONE_BUNDLE_EACH
@given(st.from_regex(URL, fullmatch=True))
def test_every_address_the_data_contract_accepts_is_a_stix_uri(address: str) -> None:
    """What `validate` takes as a source's address is a STIX `uri` and parses with urllib."""
    assert check_scalar(address, "url") is None
    parts = urlsplit(address)
    assert parts.scheme in ("http", "https") and parts.hostname
    assert parts.port is None or 0 <= parts.port <= 65535
    briefing = default_briefing()
    source = briefing.sources[0]._replace(url=address, archived_url=address)
    validate(dumps(bundle(briefing._replace(sources=(source, *briefing.sources[1:])))))


@pytest.mark.parametrize(
    "address",
    [
        "https://example.org/%zz",
        "https://example.org/%2",
        "https://example.org/[x]",
        "https://example.org/?q=[1]",
        "https://example.org/a#b#c",
        "https://[example.org]/",
        "https://[::1::]/",
        "https://",
        "https://example.org:65536/",
        "https://exa mple.org/",
    ],
)
def test_addresses_stix_would_refuse_are_refused_with_a_reason(address: str) -> None:
    assert not URL.fullmatch(address)
    reason = check_scalar(address, "url")
    assert reason and address in reason


def test_what_max_tlp_left_out_is_said_in_the_report_in_each_language(run, write):
    import yaml

    original = yaml.safe_load((ROOT_FIXTURES / "marked.yaml").read_text(encoding="utf-8"))
    french = {**original, "language": "fr", "translation_of": "en", "summary": "Un résumé."}
    folder = write(original, "marked.yaml").parent
    write(french, "marked.fr.yaml")
    for lang in ("en", "fr"):  # the bundle is the same whichever language is asked for
        result = run(
            "--lang", lang, "show", "-f", "stix", "--data", str(folder), "--max-tlp", "GREEN"
        )
        assert result.exit_code == 0, result.stderr
        validate(result.stdout)
        bundle = json.loads(result.stdout)
        report = of_type(bundle, "report")[0]
        assert report["description"] == (
            "An invented briefing marked TLP:GREEN, with stricter items.\n\n"
            "3 items marked above TLP:GREEN left out."
        )
        content = of_type(bundle, "language-content")
        translated = next(c for c in content if c["object_ref"] == report["id"])
        assert translated["contents"]["fr"]["description"] == (
            "Un résumé.\n\n3 éléments marqués au-dessus de TLP:GREEN écartés."
        )
    whole = json.loads(run("show", "-f", "stix", "--data", str(folder)).stdout)
    assert "left out" not in of_type(whole, "report")[0]["description"]
