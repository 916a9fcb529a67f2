"""The definitions every output schema shares: a briefing, its items, sources, themes, the diff."""

from __future__ import annotations

from briefing.formats.outputnodes import (
    COUNT,
    DATE,
    ID,
    LANGUAGE,
    NULL,
    POSITION,
    TEXT,
    Node,
    diff_defs,
    list_of,
    object_node,
    or_null,
    ref_to,
)
from briefing.grades import (
    CONFIDENCE_CODES,
    CREDIBILITY_CODES,
    KIND_CODES,
    LIKELIHOOD_CODES,
    RELIABILITY_CODES,
    STANDARD_RULES,
)
from briefing.model import DIRECTIONS, SETTERS, SIGNPOST_STATUSES, STATUSES
from briefing.reading.contract import URL
from briefing.tlp import CODES as TLP_CODES

_HEAD: dict[str, tuple[Node, str]] = {
    "id": (ID, "The briefing's id, shared by its translations."),
    "title": (TEXT, "The briefing's title, in its language."),
    "subtitle": (or_null(TEXT), "The subtitle, or null."),
    "language": (LANGUAGE, "The language of the briefing's text."),
    "translation_of": (
        or_null(LANGUAGE),
        "For a translation, the language of the original; else null.",
    ),
    "as_of": (DATE, "The date the briefing is current to: YYYY, YYYY-MM or YYYY-MM-DD."),
    "tlp": (
        {"enum": [*TLP_CODES, None]},
        "The most restrictive TLP 2.0 marking of what this output holds (the briefing's and "
        "its shown items'), or null when nothing is marked.",
    ),
}


_GRADE = (
    {"type": ["string", "null"], "pattern": "^[A-F-][1-6-]?$"},
    "The citation's grade: the source's reliability (A-F), then for an item its "
    "credibility (1-6), e.g. `B2`; `-` for a grade that is missing. A timeline "
    "entry has no credibility: its citations carry the letter alone. Null for a "
    "format version 1 briefing, which has no grades.",
)


LEGEND = (
    list_of(TEXT),
    "The grades shown, explained once in the reader's language: `B: usually reliable "
    "(source reliability)`, one per code, then `-: not graded` if any is missing.",
)


_REFS: Node = list_of(
    object_node(
        "A citation of a declared source.",
        {
            "source": (ID, "The id of a source in `sources`."),
            "locator": (or_null(TEXT), "Where in the source (page, paragraph), or null."),
            "grade": _GRADE,
        },
    )
)


DEFS: dict[str, Node] = {
    "briefing": object_node("The briefing shown.", _HEAD),
    "filter": object_node(
        "How the briefing was narrowed.",
        {
            "themes": (list_of(ID), "The theme ids kept (any of them), or [] for every theme."),
            "search": (or_null(TEXT), "The search terms, words or quoted phrases, or null."),
            "credibility": (
                or_null(
                    object_node(
                        "The credibility range kept (items not graded and the timeline "
                        "are left out).",
                        {
                            "min": ({"enum": list(CREDIBILITY_CODES)}, "The lowest grade kept."),
                            "max": ({"enum": list(CREDIBILITY_CODES)}, "The highest grade kept."),
                        },
                    )
                    | {"type": "object"}
                ),
                "The item credibility range kept by `--credibility`, or null.",
            ),
            "statuses": (
                list_of({"enum": list(STATUSES)}),
                "The item statuses kept by `--status` (the timeline is then left out), or [].",
            ),
            "max_tlp": (
                {"enum": [*TLP_CODES, None]},
                "The highest TLP marking kept by `--max-tlp`, or null.",
            ),
            "withheld": (COUNT, "How many items `--max-tlp` left out for being marked above it."),
        },
    ),
    "party": object_node(
        "One side of the relationship.",
        {"name": (TEXT, "The party's name."), "forces": (or_null(TEXT), "Its forces, or null.")},
    ),
    "theme": object_node(
        "A theme, with how many of the shown items carry it.",
        {
            "id": (ID, "The theme's id, which `--theme` accepts."),
            "title": (TEXT, "Its title, which `--theme` accepts too."),
            "aliases": (list_of(TEXT), "Other names `--theme` accepts."),
            "description": (or_null(TEXT), "What the theme covers, or null."),
            "item_count": (COUNT, "How many of the shown items carry the theme."),
        },
    ),
    "item": object_node(
        "One element of the plan.",
        {
            "id": (ID, "The item's id."),
            "title": (TEXT, "Its title."),
            "themes": (list_of(ID), "Its theme ids, the first one its main theme."),
            "summary": (TEXT, "What the sources say."),
            "status": ({"enum": list(STATUSES)}, "How far it has gone."),
            "attribution": (or_null(TEXT), "Who said it, or null."),
            "sources": (_REFS, "Where it comes from."),
            "open_questions": (list_of(TEXT), "What the sources leave unknown."),
            "kind": ({"enum": list(KIND_CODES)}, "A report, or an assessment (a judgement)."),
            "credibility": (
                {"enum": [*CREDIBILITY_CODES, None]},
                "Admiralty credibility, 1 (confirmed) to 6 (cannot be judged), "
                "or null: not graded.",
            ),
            "confidence": (
                {"enum": [*CONFIDENCE_CODES, None]},
                "An assessment's confidence, or null.",
            ),
            "likelihood": (
                {"enum": [*LIKELIHOOD_CODES, None]},
                "An assessment's ICD 203 likelihood term, or null.",
            ),
            "tlp": (
                {"enum": [*TLP_CODES, None]},
                "The item's own TLP 2.0 marking, or null when it has none of its own.",
            ),
            "expected_by": (
                {"anyOf": [ref_to("due"), NULL]},
                "When it is due, or null: no due date recorded.",
            ),
            "signposts": (
                list_of(ref_to("signpost")),
                "Events that would show it carried out or abandoned, in declared order.",
            ),
        },
    ),
    "due": object_node(
        "An item's due date, and who set it.",
        {
            "date": (
                DATE,
                "YYYY, YYYY-MM or YYYY-MM-DD: due by the end of that year, month or day.",
            ),
            "precision": ({"enum": ["year", "month", "day"]}, "How precise `date` is."),
            "set_by": (
                {"enum": list(SETTERS)},
                "Who set the date: the source reports it, or the analyst chose it.",
            ),
            "overdue": (
                {"type": "boolean"},
                "Whether the whole of `date` has passed, as of the day shown (for `watch`, its "
                "as-of date), and the item is not completed.",
            ),
        },
    ),
    "signpost": object_node(
        "An observable event that would show an item carried out (or abandoned).",
        {
            "id": (ID, "The signpost's id, unique in its item."),
            "text": (TEXT, "The event to look for."),
            "direction": (
                {"enum": list(DIRECTIONS)},
                "What seeing it would say: `supports` (carried out) or `undermines` (stalling).",
            ),
            "status": (
                {"enum": list(SIGNPOST_STATUSES)},
                "Whether it has been seen: not yet, observed, or contradicted.",
            ),
            "attribution": (or_null(TEXT), "Who chose this signpost, or null."),
            "observed": (or_null(DATE), "When it was observed or contradicted, or null."),
            "credibility": (
                {"enum": [*CREDIBILITY_CODES, None]},
                "The credibility of the report that it was seen, 1-6, or null.",
            ),
            "sources": (
                _REFS,
                "The citations that report it; the grade is the source's "
                "reliability and this signpost's credibility.",
            ),
        },
    ),
    "tracking_date": object_node(
        "A date from the tracking: an item's due date, or a signpost seen.",
        {
            "date": (DATE, "YYYY, YYYY-MM or YYYY-MM-DD."),
            "precision": ({"enum": ["year", "month", "day"]}, "How precise `date` is."),
            "kind": (
                {"enum": ["due", "observed", "contradicted"]},
                "A due date, or a signpost observed or contradicted.",
            ),
            "item": (ID, "The item's id."),
            "signpost": (or_null(ID), "The signpost's id, or null for a due date."),
            "title": (TEXT, "What happens on that date, in the reader's language."),
        },
    ),
    "watched_item": object_node(
        "An item overdue, due soon or not tracked.",
        {
            "id": (ID, "The item's id."),
            "title": (TEXT, "Its title."),
            "status": ({"enum": list(STATUSES)}, "How far it has gone."),
            "expected_by": (
                {"anyOf": [ref_to("due"), NULL]},
                "When it is due, or null: not tracked by a date.",
            ),
            "missing": (
                list_of({"enum": ["expected_by", "signposts"]}),
                "What it lacks to be followed (listed under `untracked`), else [].",
            ),
        },
    ),
    "seen_signpost": object_node(
        "A signpost observed or contradicted, with its item.",
        {
            "item": (ID, "The id of the item it belongs to."),
            "item_title": (TEXT, "That item's title."),
            "signpost": (ref_to("signpost"), "The signpost."),
        },
    ),
    "watch_group": object_node(
        "What stands where under one theme; each item under its first theme shown.",
        {
            "theme": (ID, "The theme's id."),
            "title": (TEXT, "The theme's title."),
            "overdue": (
                list_of(ref_to("watched_item")),
                "Items not completed whose whole due date has passed, most overdue first.",
            ),
            "due": (
                list_of(ref_to("watched_item")),
                "Items not completed that may fall due within the window, soonest first.",
            ),
            "seen": (
                list_of(ref_to("seen_signpost")),
                "Signposts observed or contradicted in the period, earliest first.",
            ),
            "untracked": (
                list_of(ref_to("watched_item")),
                "Items not completed that lack a due date or a signpost: the gaps in the tracking.",
            ),
        },
    ),
    "timeline_entry": object_node(
        "A dated event; the timeline is in date order.",
        {
            "date": (DATE, "YYYY, YYYY-MM or YYYY-MM-DD: no more precise than its source."),
            "precision": ({"enum": ["year", "month", "day"]}, "How precise `date` is."),
            "title": (TEXT, "What happened."),
            "themes": (list_of(ID), "Its theme ids, possibly none."),
            "sources": (_REFS, "Where it comes from."),
        },
    ),
    "source": object_node(
        "A document the briefing rests on, with every place that cites it.",
        {
            "id": (ID, "The source's id."),
            "title": (TEXT, "Its title."),
            "kind": (or_null(TEXT), "What kind of document it is, or null."),
            "language": (or_null(LANGUAGE), "Its language, or null."),
            "published": (or_null(DATE), "When it was published, or null."),
            "url": (or_null({"type": "string", "pattern": URL.pattern}), "Its address, or null."),
            "reliability": (
                {"enum": [*RELIABILITY_CODES, None]},
                "Admiralty reliability, A (completely reliable) to F (cannot be judged), "
                "or null: not graded.",
            ),
            "grade_note": (or_null(TEXT), "Why it has that reliability, or null."),
            "publisher": (or_null(TEXT), "Its publisher, or null."),
            "author": (or_null(TEXT), "Its author, or null."),
            "accessed": (or_null(DATE), "When it was consulted, or null."),
            "archived_url": (
                or_null({"type": "string", "pattern": URL.pattern}),
                "The address of an archived copy, or null.",
            ),
            "cited_by": (list_of(ref_to("citation")), "The items and timeline entries citing it."),
        },
    ),
    "citation": object_node(
        "An item or a timeline entry that cites a source, in reading order.",
        {
            "kind": ({"enum": ["item", "timeline"]}, "What cites the source."),
            "item": (or_null(ID), "The item's id when `kind` is item, else null."),
            "date": (or_null(DATE), "The entry's date when `kind` is timeline, else null."),
            "title": (TEXT, "The title of the item or entry."),
            "locator": (or_null(TEXT), "Where in the source, or null."),
            "grade": _GRADE,
        },
    ),
    "listed_briefing": object_node(
        "A loaded briefing, latest `as_of` first, in the language shown.",
        {
            **_HEAD,
            "item_count": (COUNT, "How many items it has."),
            "file": ({"type": "string"}, "The file shown was read from ('-' for standard input)."),
            "languages": (list_of(LANGUAGE), "Its languages: the original's first."),
            "files": (list_of({"type": "string"}), "Every file of it, one per language."),
        },
    ),
    "edition": object_node(
        "One of the two editions compared.",
        {
            **_HEAD,
            "file": ({"type": "string"}, "The file it was read from ('-' for standard input)."),
        },
    ),
    "setting": object_node(
        "One setting in effect.",
        {
            "setting": (
                {"type": "string", "pattern": "^[a-z]+(?:_[a-z]+)*$"},
                "The setting's name, as in the configuration file (`pager_command`: its pager).",
            ),
            "value": ({"type": "string"}, "Its value, as text."),
            "source": (
                TEXT,
                "Where it comes from: an option, an environment variable, the "
                "configuration file with its line, or the default.",
            ),
        },
    ),
    "problem": object_node(
        "One problem found in the data.",
        {
            "file": ({"type": ["string", "null"]}, "The file, or null when none applies."),
            "line": (POSITION, "The line, from 1, or null when unknown."),
            "column": (POSITION, "The column, from 1, or null when unknown."),
            "path": (
                {"type": ["string", "null"], "pattern": r"\S"},
                "Where in the data, as `items[0].status`, or null.",
            ),
            "message": (TEXT, "What is wrong and how to fix it."),
        },
    ),
    "warning": object_node(
        "One analytic-standards warning (docs/data-format.md, Analytic standards).",
        {
            "file": ({"type": ["string", "null"]}, "The file, or null when none applies."),
            "line": (POSITION, "The line, from 1, or null when unknown."),
            "column": (POSITION, "The column, from 1, or null when unknown."),
            "path": (
                {"type": ["string", "null"], "pattern": r"\S"},
                "Where in the data, as `items[0].credibility`, or null.",
            ),
            "message": (TEXT, "What the standard asks and how to meet it."),
            "rule": (
                {"enum": [*STANDARD_RULES, "unused-acknowledgement"]},
                "The id of the rule, as an acknowledgement names it.",
            ),
            "acknowledged": ({"type": "boolean"}, "Whether the data accepts it deliberately."),
            "reason": (or_null(TEXT), "The acknowledgement's reason, or null."),
        },
    ),
    "validate_counts": object_node(
        "What was checked and found.",
        {
            "files": (COUNT, "Files checked."),
            "problems": (COUNT, "Problems found (errors)."),
            "warnings": (COUNT, "Standards warnings, acknowledged ones included."),
            "acknowledged": (COUNT, "Warnings the data accepts deliberately."),
            "source_texts": (COUNT, "Source texts given with `--source`."),
            "locators": (COUNT, "Locators checked against a source text."),
            "quotations": (COUNT, "Quotations checked against a source text."),
            "fields_compared": (COUNT, "Text fields compared with a source text for copying."),
            "mismatches": (COUNT, "Problems found against a source text."),
        },
    ),
    **diff_defs(),
}
