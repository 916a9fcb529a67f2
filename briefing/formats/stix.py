"""STIX 2.1: the briefing as one bundle, for OpenCTI, MISP and other threat-intelligence platforms.

The bundle holds, referenced objects first: an identity for who wrote the
objects, an identity for each party, a `report` for the briefing, a `note` per
item, and a `language-content` per object with the other loaded languages.
Ids are UUIDv5 names of the briefing's and items' ids, and every timestamp
comes from the data's dates, so the same data gives the same bytes and a
re-import updates the objects instead of duplicating them. docs/exports.md
describes the mapping field by field.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from briefing import tlp
from briefing.delivery.console import OutputOptions
from briefing.formats import Renderer
from briefing.formats.envelope import dumps
from briefing.formats.trackviews import due_note, signpost_note
from briefing.formats.views import grade_lines, status_name
from briefing.grades import reliability_text
from briefing.i18n import _, speaking
from briefing.model import Briefing, Item, PartialDate, Source, SourceRef, split_paragraphs

SPEC_VERSION = "2.1"

# The namespace of every id this format makes (a UUIDv4 chosen once for briefing). STIX 2.1
# asks producers that use UUIDv5 for domain objects to use a namespace of their own, never the
# one it reserves for cyber-observables (00abedb4-aa42-466c-9c01-fed23315a9b7).
NAMESPACE = uuid.UUID("603050ab-3711-4321-a5aa-baf86a988e81")

# STIX 2.1 Appendix A, "Admiralty Credibility" to STIX confidence: 6 (truth cannot be
# judged) has no value and leaves `confidence` out.
CONFIDENCE_OF_CREDIBILITY: dict[int, int] = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}

# OpenCTI's reliability vocabulary (`reliability_ov`): the Admiralty letter and its label.
OPENCTI_RELIABILITY: dict[str, str] = {
    "A": "A - Completely reliable",
    "B": "B - Usually reliable",
    "C": "C - Fairly reliable",
    "D": "D - Not usually reliable",
    "E": "E - Unreliable",
    "F": "F - Reliability cannot be judged",
}

# Who wrote the objects: the data names no author for a briefing, so the identity is the
# program that turned the data into STIX, the same in every bundle.
PRODUCER = "briefing"
# It never changes, so it has one version: the day this format was first written.
PRODUCER_CREATED = "2026-12-04T00:00:00.000Z"


def stix_id(kind: str, *names: str) -> str:
    """A deterministic STIX id: `kind--` and the UUIDv5 of the names in this format's namespace."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, '/'.join((kind, *names)))}"


def timestamp(date: PartialDate) -> str:
    """A partial date as a STIX timestamp at the start of the period it covers: `2025-01-01T…Z`."""
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00.000Z"


def confidence(credibility: int | None) -> int | None:
    """STIX confidence (0-100) of an Admiralty credibility, or None where the scale gives none."""
    return CONFIDENCE_OF_CREDIBILITY.get(credibility) if credibility is not None else None


def _dates(briefing: Briefing) -> tuple[str, str]:
    """`created` and `modified`: the earliest and latest of the as-of date and the revisions."""
    dates = sorted(
        [briefing.as_of, *(r.date for r in briefing.revisions)], key=PartialDate.sort_key
    )
    return timestamp(dates[0]), timestamp(dates[-1])


def _source_references(source: Source, places: Sequence[str] = ()) -> list[dict[str, Any]]:
    """A source as external references: the document, then its archived copy if it has one."""
    details = [
        value for value in (source.kind, source.language, source.publisher, source.author) if value
    ]
    if source.published:
        details.append(str(source.published))
    lines = [source.title + (f" ({', '.join(details)})" if details else "")]
    if places:
        lines.append(_("{label}:").format(label=_("Sources")) + " " + "; ".join(places))
    lines.append(
        _("{label}:").format(label=_("Reliability")) + " " + reliability_text(source.reliability)
    )
    if source.grade_note:
        lines.append(_("{label}:").format(label=_("Grade note")) + " " + source.grade_note)
    if source.accessed:
        lines.append(_("{label}:").format(label=_("Accessed")) + " " + str(source.accessed))
    reference: dict[str, Any] = {
        "source_name": source.title,
        "description": "\n".join(lines),
        "external_id": source.id,
    }
    if source.url:
        reference["url"] = source.url
    references = [reference]
    if source.archived_url:
        references.append(
            {
                "source_name": source.title,
                "description": _("Archived copy"),
                "url": source.archived_url,
                "external_id": source.id,
            }
        )
    return references


def _places(refs: Sequence[SourceRef]) -> dict[str, list[str]]:
    """Each source cited, once, with its places in the order first cited."""
    places: dict[str, list[str]] = {}
    for ref in refs:
        where = places.setdefault(ref.source, [])
        if ref.locator and ref.locator not in where:
            where.append(ref.locator)
    return places


def _cited(refs: Sequence[SourceRef]) -> str:
    """`article (intro ¶1); memo`: each source once, with its places."""
    return "; ".join(f"{s} ({', '.join(p)})" if p else s for s, p in _places(refs).items())


def _all_refs(item: Item) -> list[SourceRef]:
    """What an item cites, then what its signposts cite: every source its note names."""
    return [*item.sources, *(r for s in item.signposts for r in s.sources)]


def _note_content(item: Item, briefing: Briefing) -> str:
    """An item as a note's text: summary, status and due date, attribution, grades, sources,
    signposts, open questions.
    """
    lines = [" ".join(item.summary.split()), ""]
    lines.append(_("{label}:").format(label=_("Status")) + " " + status_name(item.status))
    # The due date and the signposts are what an analyst follows the item by. Whether the
    # item is overdue is left out: that depends on the day, and a bundle never reads the
    # clock (the same data gives the same bytes); the due date lets the reader judge.
    due = due_note(item)
    if due is not None:
        lines.append(due[:1].upper() + due[1:])
    if item.attribution:
        lines.append(_("According to:") + " " + item.attribution)
    if briefing.version >= 2:
        for parts in grade_lines(item):
            lines.append(
                " · ".join(
                    label_ if words is None else _("{label}:").format(label=label_) + " " + words
                    for label_, words in parts
                )
            )
    cited = _cited(item.sources)
    if cited:
        lines.append(_("Sources:") + " " + cited)
    if item.signposts:
        lines += ["", _("Signposts:")]
        for signpost in item.signposts:
            entry = f"- {' '.join(signpost.text.split())} ({signpost_note(signpost)})"
            if signpost.sources:
                entry += " · " + _("Sources:") + " " + _cited(signpost.sources)
            lines.append(entry)
    if item.open_questions:
        lines += ["", _("{label}:").format(label=_("What we don’t know"))]
        lines += [f"- {question}" for question in item.open_questions]
    return "\n".join(lines)


def _reliability(briefing: Briefing, sources: Sequence[Source]) -> str | None:
    """OpenCTI's reliability when every source has the same letter; None when they differ."""
    letters = {s.reliability for s in sources}
    if len(letters) != 1:
        return None
    (letter,) = letters
    return OPENCTI_RELIABILITY.get(letter) if letter else None


# FIRST TLP 2.0 as STIX 2.1 marking definitions: the objects OASIS publishes (the TLP 2.0
# extension in cti-stix-common-objects), by the ids OpenCTI and MISP know them by.
TLP_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP_CREATED = "2022-10-01T00:00:00.000Z"
TLP_MARKINGS = {
    "CLEAR": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "GREEN": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "AMBER": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "RED": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}


def tlp_definition(code: str) -> dict[str, Any]:
    """The published STIX 2.1 marking definition of a TLP 2.0 level."""
    return {
        "type": "marking-definition",
        "spec_version": SPEC_VERSION,
        "id": TLP_MARKINGS[code],
        "created": TLP_CREATED,
        "name": tlp.label(code),
        "extensions": {
            TLP_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": code.lower()}
        },
    }


def _mark(stix_object: dict[str, Any], *codes: str | None) -> None:
    """Mark an object with the strictest of some TLP markings; leave it unmarked for none."""
    code = tlp.strictest(codes)
    if code is not None:
        stix_object["object_marking_refs"] = [TLP_MARKINGS[code]]


def _objects(briefing: Briefing) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The identities, the report and the notes, in that order, and the note id of each item."""
    created, modified = _dates(briefing)
    common = {"spec_version": SPEC_VERSION}
    producer = stix_id("identity", PRODUCER)
    objects: list[dict[str, Any]] = [
        {
            "type": "identity",
            **common,
            "id": producer,
            "created": PRODUCER_CREATED,
            "modified": PRODUCER_CREATED,
            "name": PRODUCER,
            "identity_class": "system",
        }
    ]
    parties = []
    for party in briefing.parties:
        party_id = stix_id("identity", briefing.id, "party", party.name)
        identity: dict[str, Any] = {
            "type": "identity",
            **common,
            "id": party_id,
            "created_by_ref": producer,
            "created": created,
            "modified": modified,
            "name": party.name,
            "identity_class": "organization",
        }
        if party.forces:
            identity["description"] = party.forces
        identity["lang"] = briefing.language
        _mark(identity, briefing.tlp)
        objects.append(identity)
        parties.append(party_id)

    report_id = stix_id("report", briefing.id)
    report: dict[str, Any] = {
        "type": "report",
        **common,
        "id": report_id,
        "created_by_ref": producer,
        "created": created,
        "modified": modified,
        "name": briefing.title,
        "description": _description(briefing, briefing),
        "published": timestamp(briefing.as_of),
        # The report is about the parties; with none declared, about who wrote it.
        "object_refs": parties or [producer],
        "labels": [t.id for t in briefing.themes if any(t.id in i.themes for i in briefing.items)],
        "lang": briefing.language,
        "external_references": [r for s in briefing.sources for r in _source_references(s)],
    }
    reliability = _reliability(briefing, briefing.sources)
    if reliability is not None:
        report["x_opencti_reliability"] = reliability
    if not report["labels"]:
        del report["labels"]
    # The report holds the whole bundle's text: the strictest marking of what it holds.
    _mark(report, tlp.marking(briefing))
    objects.append(report)

    notes: dict[str, str] = {}
    for item in briefing.items:
        note_id = stix_id("note", briefing.id, item.id)
        notes[item.id] = note_id
        places = _places(_all_refs(item))
        note: dict[str, Any] = {
            "type": "note",
            **common,
            "id": note_id,
            "created_by_ref": producer,
            "created": created,
            "modified": modified,
            "abstract": item.title,
            "content": _note_content(item, briefing),
            "object_refs": [report_id],
            "labels": list(item.themes),
            "lang": briefing.language,
        }
        score = confidence(item.credibility)
        if score is not None:
            note["confidence"] = score
        cited = [briefing.source(s) for s in places]
        references = [r for s in cited for r in _source_references(s, places[s.id])]
        if references:
            note["external_references"] = references
        _mark(note, briefing.tlp, item.tlp)
        objects.append(note)
    return objects, notes


def _description(briefing: Briefing, narrowed: Briefing) -> str:
    """The report's text in a briefing's words: its bottom line, then what `--max-tlp` left out.

    STIX has no property for a partial report; its description says so, in the
    text's own language (`narrowed` is the view that counted what was left out),
    so the bundle stays strictly valid and whoever reads the report sees it.
    """
    paragraphs = split_paragraphs(briefing.summary)
    if narrowed.withheld and narrowed.max_tlp is not None:
        paragraphs.append(tlp.withheld_note(narrowed.withheld, narrowed.max_tlp) + ".")
    return "\n\n".join(paragraphs)


def _translated(
    objects: list[dict[str, Any]],
    notes: dict[str, str],
    original: Briefing,
    others: Sequence[Briefing],
) -> list[dict[str, Any]]:
    """A `language-content` per report and note, with each translation's text for it."""
    by_id = {o["id"]: o for o in objects}
    report_id = stix_id("report", original.id)
    contents: dict[str, dict[str, dict[str, str]]] = {}
    for other in sorted(others, key=lambda b: b.language):
        with speaking(other.language):
            contents.setdefault(report_id, {})[other.language] = {
                "name": other.title,
                "description": _description(other, original),
            }
            translated = {i.id: i for i in other.items}
            for item_id, note_id in notes.items():
                if item_id in translated:
                    item = translated[item_id]
                    contents.setdefault(note_id, {})[other.language] = {
                        "abstract": item.title,
                        "content": _note_content(item, other),
                    }
    added = []
    for target, languages in contents.items():
        added.append(
            {
                "type": "language-content",
                "spec_version": SPEC_VERSION,
                "id": stix_id("language-content", target),
                "created_by_ref": by_id[target]["created_by_ref"],
                "created": by_id[target]["created"],
                "modified": by_id[target]["modified"],
                "object_ref": target,
                "object_modified": by_id[target]["modified"],
                "contents": languages,
                # The translated text is marked as the object it translates.
                **(
                    {"object_marking_refs": by_id[target]["object_marking_refs"]}
                    if "object_marking_refs" in by_id[target]
                    else {}
                ),
            }
        )
    return added


def bundle(briefing: Briefing, translations: Sequence[Briefing] = ()) -> dict[str, Any]:
    """The STIX bundle of a (narrowed) briefing, with its other loaded languages if any.

    The objects are written in the original's language when it is loaded, so a
    bundle is the same whichever language was asked for; each other language
    becomes `language-content`.
    """
    editions = [briefing, *translations]
    original = next((b for b in editions if b.translation_of is None), briefing)
    if original is not briefing:  # keep of the original what the shown view kept
        kept = {i.id for i in briefing.items}
        cited = {s.id for s in briefing.sources}
        original = original._replace(
            items=tuple(i for i in original.items if i.id in kept),
            sources=tuple(s for s in original.sources if s.id in cited),
            withheld=briefing.withheld,
            max_tlp=briefing.max_tlp,
        )
    others = [b for b in editions if b.id == original.id and b.language != original.language]
    with speaking(original.language):
        objects, notes = _objects(original)
    objects += _translated(objects, notes, original, others)
    # The marking definitions used come first, so every reference points back.
    used = {ref for o in objects for ref in o.get("object_marking_refs", ())}
    markings = [tlp_definition(code) for code, ref in TLP_MARKINGS.items() if ref in used]
    name = "/".join([original.id, str(original.as_of), *sorted(notes)])
    return {"type": "bundle", "id": stix_id("bundle", name), "objects": markings + objects}


def render_briefing(briefing: Briefing, options: OutputOptions) -> str:
    """The briefing as a STIX 2.1 bundle, in JSON."""
    return dumps(bundle(briefing))


def render_translated(
    briefing: Briefing, translations: Sequence[Briefing], options: OutputOptions
) -> str:
    """The briefing as a STIX 2.1 bundle, with its other loaded languages as language-content."""
    return dumps(bundle(briefing, translations))


# A bundle of one briefing, with its translations as STIX language content.
RENDERER = Renderer(briefing=render_briefing, translated=render_translated)
