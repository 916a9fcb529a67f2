"""PDF: a printable document typeset by the Typst compiler from the `typst` package, no LaTeX.

The document is our own fixed Typst template (`pdf.typ`) and the briefing as
JSON data, handed over in `sys.inputs`: the template reads it with `json()`
and shows every value as a string, so no Typst markup or code ever comes from
the data — a `#read(...)`, `$…$` or `*` in a title prints as those characters.
The compiler's root is an empty temporary folder holding only the template,
so it can read no other file, and it uses only the fonts the package ships,
so the pages look the same on every machine.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from briefing.delivery.console import OutputOptions
from briefing.formats import DocumentRenderer
from briefing.formats.views import (
    Citations,
    Section,
    citation_grade,
    count_note,
    filter_notes,
    grade_legend,
    grade_lines,
    home_theme,
    marking,
    open_questions,
    other_themes,
    sections,
    source_brief,
    source_details,
    status_name,
    timeline,
)
from briefing.i18n import _, as_of, format_date
from briefing.model import STATUSES, Briefing, Item, Source, SourceRef
from briefing.text import one_line
from briefing.tlp import label as tlp_label

TEMPLATE = "pdf.typ"
LONG_ITEM = 1500  # characters of an item's text past which its card may break across pages
# Languages written right to left: Typst lays the page out in their direction.
_RTL = {"ar", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug", "ur", "yi"}


def t(value: str) -> str:
    """Data text as the template shows it: made visible and on one line, like every format."""
    return one_line(value)


def _marks(
    briefing: Briefing, cites: Citations, refs: tuple[SourceRef, ...], item: Item | None
) -> str:
    """Numbered citations such as `[1, p. 2; p. 5] (B2)`, as in the HTML page."""
    shown = []
    for source_id, places in cites.grouped(refs):
        where = "".join(", " + t(p) for p in places[:1]) + "".join("; " + t(p) for p in places[1:])
        grade = citation_grade(briefing, SourceRef(source_id), item)
        shown.append(f"[{cites.numbers[source_id]}{where}]" + (f" ({t(grade)})" if grade else ""))
    return ", ".join(shown)


def _item(briefing: Briefing, cites: Citations, item: Item) -> dict[str, Any]:
    meta: list[list[str]] = []
    if item.attribution:
        meta.append([_("Attribution:"), t(item.attribution)])
    others = other_themes(item, briefing)
    if others:
        meta.append([_("Also:"), ", ".join(t(o.title) for o in others)])
    for parts in grade_lines(item):
        line = " · ".join(
            label if words is None else _("{label}:").format(label=label) + " " + words
            for label, words in parts
        )
        meta.append(["", line])
    summary = t(item.summary)
    return {
        "title": t(item.title),
        # Past this much text a card could be taller than a page: it may then break.
        "long": len(summary) + sum(len(m[1]) for m in meta) > LONG_ITEM,
        "status": status_name(item.status),
        "status_key": item.status if item.status in STATUSES else "unclear",
        "assessment": item.assessment,
        "marking": tlp_label(item.tlp) if item.tlp is not None else None,
        "meta": meta,
        "summary": summary,
        "sources": _marks(briefing, cites, item.sources, item),
    }


def _section(briefing: Briefing, cites: Citations, section: Section) -> dict[str, Any]:
    related = []
    for item in section.related:
        home = briefing.theme(home_theme(item, briefing)).title
        related.append({"title": t(item.title), "see": _("see {theme}").format(theme=t(home))})
    return {
        "title": t(section.theme.title),
        "description": t(section.theme.description) if section.theme.description else None,
        "items": [_item(briefing, cites, item) for item in section.items],
        "related": related,
    }


def _source_line(source: Source) -> str:
    line = t(source.title)
    data, published = source_brief(source)
    details = [t(d) for d in data] + ([published] if published else [])
    if details:
        line += f" ({', '.join(details)})"
    if source.url:
        line += f" <{t(source.url)}>"
    return line


def _sources(briefing: Briefing, cites: Citations) -> dict[str, Any]:
    listed = []
    for source_id, number in cites.numbers.items():
        source = briefing.source(source_id)
        listed.append(
            {
                "number": str(number),
                "line": _source_line(source),
                "places": "; ".join(t(p) for p in cites.locators[source_id]),
                "details": [
                    [_("{label}:").format(label=label), t(value)]
                    for label, value in source_details(source)
                ],
            }
        )
    consulted = [_source_line(s) for s in briefing.sources if s.id not in cites.numbers]
    return {"cited": listed, "consulted": consulted}


def document(briefing: Briefing) -> dict[str, Any]:
    """The briefing as the template's data: the HTML page's views, as plain display strings."""
    cites = Citations.of(briefing)
    shown = sections(briefing)
    mark = marking(briefing)
    notes = filter_notes(briefing)
    language = briefing.language
    parties = "; ".join(
        t(p.name) + (f" ({t(p.forces)})" if p.forces else "") for p in briefing.parties
    )
    from briefing.formats.glance import glance

    return {
        "lang": language.split("-")[0].lower(),
        "region": language.split("-")[1] if "-" in language else None,
        "dir": "rtl" if language.split("-")[0].lower() in _RTL else "ltr",
        "labels": {
            "parties": _("Parties:"),
            "filtered": _("Filtered"),
            "bottom_line": _("Bottom line"),
            "questions": _("What we don’t know"),
            "timeline": _("Timeline"),
            "grades": _("Grades"),
            "sources": _("Sources"),
            "sources_cited": _("Sources:"),
            "consulted": _("Also consulted:"),
            "status": _("Status:"),
            "marking": _("Marking:"),
            "related": _("Also under this theme:"),
            "no_items": _("No items match this filter."),
            "revisions": _("Revisions"),
            "page": _("Page {page} of {pages}"),
        },
        "marking": None
        if mark is None
        else {"label": mark.label, "audience": mark.audience, "colour": mark.colour},
        "title": t(briefing.title),
        "subtitle": t(briefing.subtitle) if briefing.subtitle else None,
        "as_of": as_of(briefing.as_of),
        "parties": parties or None,
        "filter": " · ".join(
            _("{label}:").format(label=label) + " " + t(value) for label, value in notes
        )
        + f" ({count_note(briefing)})"
        if notes
        else None,
        "bottom_line": [t(p) for p in briefing.paragraphs()],
        "glance": glance(briefing),
        "sections": [_section(briefing, cites, s) for s in shown],
        "questions": [
            {"title": t(i.title), "questions": [t(q) for q in i.open_questions]}
            for i in open_questions(briefing)
        ],
        "timeline": [
            {
                "date": format_date(e.date),
                "title": t(e.title),
                "marks": _marks(briefing, cites, e.sources, None) if e.sources else "",
                "themes": ", ".join(t(briefing.theme(x).title) for x in e.themes),
            }
            for e in timeline(briefing)
        ],
        "legend": grade_legend(briefing),
        "sources": _sources(briefing, cites),
        "revisions": [
            {"date": format_date(r.date), "summary": t(r.summary)} for r in briefing.revisions
        ],
    }


def _refuse_what_fonts_lack(briefing: Briefing, content: dict[str, Any]) -> None:
    """Stop, naming the first character and its place, if the PDF would draw it as a blank box."""
    import unicodedata

    from briefing.errors import ConversionError
    from briefing.formats.pdffonts import first_missing, place

    char = first_missing(content)
    if char is None:
        return
    name = f"U+{ord(char):04X} " + unicodedata.name(char, "")
    found = place(briefing, char)
    where = (
        _("{field}, character {column}").format(column=found[1], field=found[0])
        if found
        else _("the document's labels")
    )
    raise ConversionError(
        _("cannot make a PDF: its fonts have no “{char}” ({name}): {where}").format(
            char=char, name=name.strip(), where=where
        ),
        _(
            "write HTML (-o brief.html) or Markdown (-o brief.md, then pandoc with a font "
            "that has it) instead, or leave that character out of the data"
        ),
    )


def render_document(briefing: Briefing, options: OutputOptions) -> bytes:
    """Typeset the (narrowed) briefing as a PDF with the Typst compiler; return its bytes."""
    import tempfile

    import typst  # only on this path: the compiler is large, and optional

    content = document(briefing)
    _refuse_what_fonts_lack(briefing, content)
    data = json.dumps(content, ensure_ascii=False)
    template = resources.files("briefing.formats").joinpath(TEMPLATE).read_bytes()
    with tempfile.TemporaryDirectory(prefix="briefing-pdf-") as root:
        # The only file the compiler can reach: the template, in a folder of its own.
        main = f"{root}/main.typ"
        with open(main, "wb") as handle:
            handle.write(template)
        # A TypstError here is our template failing on valid data: a bug, reported as one.
        return bytes(
            typst.compile(
                main,
                root=root,
                font_paths=[],
                ignore_system_fonts=True,
                sys_inputs={"briefing": data},
                package_path=root,
                package_cache_path=root,
            )
        )


RENDERER = DocumentRenderer(document=render_document)
