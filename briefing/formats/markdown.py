"""Markdown: CommonMark that pandoc (commonmark, gfm, markdown) and markdown-it read alike.

Every piece of data text is escaped so that it renders literally: no HTML,
links, emphasis, headings, list items, table cells, smart quotes or dashes
can come from the data. The only links are sources' validated http(s) URLs.
"""

from __future__ import annotations

import re

from ..i18n import _, format_date, ngettext
from ..layout import (
    Citation,
    citations,
    count_note,
    filter_notes,
    home_theme,
    open_questions,
    other_themes,
    sections,
    source_uses,
    status_name,
    theme_counts,
    timeline,
)
from ..model import Briefing, Item, Source, SourceRef
from ..output import OutputOptions
from ..text import one_line

# Characters that mean something inline in one of the readers, wherever they stand:
# emphasis, code, links, HTML, tables, pandoc's sub/superscript, maths,
# citations and attributes, entities, smart quotes and dashes, GFM emoji and
# bare-URL autolinks.
_INLINE = re.compile(r"""[\\`*_\[\]<>|~^$@&"'#{}]|-(?=-)|\.(?=\.)|:(?=\S)|(?<=www)\.""", re.I)
# What makes a block when it starts a line: list markers (including pandoc's
# letters and roman numerals), definition lists, setext and thematic breaks.
_BLOCK_START = re.compile(r"^(\(?)([A-Za-z0-9]+)([.)])")


def md(text: str) -> str:
    """Escape data text so every reader shows it literally, on one line."""
    escaped = _INLINE.sub(lambda m: "\\" + m.group(), one_line(text))
    if escaped[:1] in ("-", "+", "=", ":"):
        return "\\" + escaped
    return _BLOCK_START.sub(
        lambda m: ("\\(" if m.group(1) else "") + m.group(2) + "\\" + m.group(3), escaped, count=1
    )


def _url(url: str) -> str:
    """Return a validated URL safe inside `( )`: parentheses percent-encoded."""
    return url.replace("(", "%28").replace(")", "%29")


def _front_matter(briefing: Briefing) -> list[str]:
    import yaml

    # pandoc reads metadata strings as Markdown, so they are escaped like any data text.
    meta = {"title": md(briefing.title), "date": str(briefing.as_of)}
    if briefing.subtitle:
        meta["subtitle"] = md(briefing.subtitle)
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return ["---", *dumped.rstrip("\n").splitlines(), "---", ""]


def _marks(refs: tuple[SourceRef, ...], numbers: dict[Citation, int]) -> str:
    """Numbered citation marks such as `[1], [3]`, pointing at the Sources section."""
    return ", ".join(f"\\[{numbers[(r.source, r.locator)]}\\]" for r in refs)


def _bold(label: str) -> str:
    """A label in bold: `**Status:**`."""
    return "**" + md(label) + "**"


def _em(label: str) -> str:
    """A label in italics: `*No items match.*`."""
    return "*" + md(label) + "*"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _source_line(source: Source) -> str:
    title = md(source.title)
    if source.url:
        title = f"[{title}]({_url(source.url)})"
    details = [md(d) for d in (source.kind, source.language) if d]
    if source.published:
        details.append(_("published {date}").format(date=format_date(source.published)))
    return title + (f" ({', '.join(details)})" if details else "")


def _item(briefing: Briefing, item: Item, numbers: dict[Citation, int]) -> list[str]:
    meta = [_bold(_("Status:")) + " " + md(status_name(item.status))]
    if item.attribution:
        meta.append(_bold(_("Attribution:")) + " " + md(item.attribution))
    others = other_themes(item, briefing)
    if others:
        meta.append(_bold(_("Also:")) + " " + ", ".join(md(t.title) for t in others))
    lines = [f"### {md(item.title)}", "", " · ".join(meta), "", md(item.summary), ""]
    lines += [_bold(_("Sources:")) + " " + _marks(item.sources, numbers), ""]
    return lines


def _header(briefing: Briefing, options: OutputOptions, prefix: str = "") -> list[str]:
    out: list[str] = _front_matter(briefing) if options.front_matter else []
    out += ["# " + (md(prefix) + " " if prefix else "") + md(briefing.title), ""]
    if briefing.subtitle and not prefix:
        out += [f"*{md(briefing.subtitle)}*", ""]
    facts = [_bold(_("As of:")) + " " + md(format_date(briefing.as_of))]
    if briefing.parties and not prefix:
        parties = [
            md(p.name) + (f" ({md(p.forces)})" if p.forces else "") for p in briefing.parties
        ]
        facts.append(_bold(_("Parties:")) + " " + "; ".join(parties))
    out += [" · ".join(facts), ""]
    notes = filter_notes(briefing)
    if notes:
        shown = " · ".join(
            _bold(_("{label}:").format(label=label)) + " " + md(value) for label, value in notes
        )
        out += ["> " + _bold(_("Filtered")) + f" — {shown} ({md(count_note(briefing))})", ""]
    return out


def _timeline_lines(briefing: Briefing, numbers: dict[Citation, int]) -> list[str]:
    lines = []
    for entry in timeline(briefing):
        marks = f" {_marks(entry.sources, numbers)}" if entry.sources else ""
        themes = ", ".join(md(briefing.theme(t).title) for t in entry.themes)
        lines.append(
            f"- **{md(format_date(entry.date))}** — {md(entry.title)}{marks}"
            + (f" (*{themes}*)" if themes else "")
        )
    return lines


def _sources_section(briefing: Briefing, numbers: dict[Citation, int]) -> list[str]:
    if not briefing.sources:
        return []
    out = ["## " + md(_("Sources")), ""]
    for (source_id, locator), number in numbers.items():
        line = f"{number}. {_source_line(briefing.source(source_id))}"
        out.append(line + (f", {md(locator)}" if locator else ""))
    cited = {source_id for source_id, _ in numbers}
    uncited = [s for s in briefing.sources if s.id not in cited]
    if uncited:
        out += ["", md(_("Also consulted:")), ""]
        out += [f"- {_source_line(s)}" for s in uncited]
    return [*out, ""]


def render_briefing(briefing: Briefing, options: OutputOptions) -> str:
    """Render the (possibly filtered) briefing as a Markdown document."""
    numbers = citations(briefing)
    out = _header(briefing, options)
    out += ["## " + md(_("Bottom line")), ""]
    for paragraph in briefing.paragraphs():
        out += [md(paragraph), ""]
    for section in sections(briefing):
        out += [f"## {md(section.theme.title)}", ""]
        if section.theme.description:
            out += [f"*{md(section.theme.description)}*", ""]
        for item in section.items:
            out += _item(briefing, item, numbers)
        if section.related:
            out += [md(_("Also under this theme:")), ""]
            for item in section.related:
                home = briefing.theme(home_theme(item, briefing)).title
                before, _mark, after = _("see {theme}").partition("{theme}")
                see = md(before) + " " * before.endswith(" ") + f"*{md(home)}*"
                see += " " * after.startswith(" ") + md(after)
                out.append(f"- {md(item.title)} ({see})")
            out.append("")
    if not briefing.items:
        out += [_em(_("No items match this filter.")), ""]
    asked = open_questions(briefing)
    if asked:
        out += ["## " + md(_("What we don’t know")), ""]
        for item in asked:
            out += [f"**{md(item.title)}**", ""]
            out += [f"- {md(q)}" for q in item.open_questions]
            out.append("")
    if briefing.timeline:
        out += ["## " + md(_("Timeline")), "", *_timeline_lines(briefing, numbers), ""]
    out += _sources_section(briefing, numbers)
    return "\n".join(out).rstrip("\n") + "\n"


def render_timeline(briefing: Briefing, options: OutputOptions) -> str:
    """Render the dated events in order, with their citations."""
    only_timeline = briefing._replace(items=())
    numbers = citations(only_timeline)
    out = _header(briefing, options, _("Timeline:"))
    out += _timeline_lines(briefing, numbers) or [_em(_("No timeline entries match."))]
    out.append("")
    out += _sources_section(only_timeline._replace(sources=_cited(only_timeline)), numbers)
    return "\n".join(out).rstrip("\n") + "\n"


def _cited(briefing: Briefing) -> tuple[Source, ...]:
    used = {r.source for e in briefing.timeline for r in e.sources}
    return tuple(s for s in briefing.sources if s.id in used)


def render_sources(briefing: Briefing, options: OutputOptions) -> str:
    """Render each source with the items and timeline entries that cite it."""
    out = _header(briefing, options, _("Sources:"))
    for source, uses in source_uses(briefing):
        out += [f"## {md(source.title)}", "", _bold(_("Id:")) + " " + md(source.id)]
        details = _source_line(source)
        out += ["", details, ""]
        if uses:
            cited = ngettext("Cited {n} time:", "Cited {n} times:", len(uses))
            out += [md(cited.format(n=len(uses))), ""]
            for use in uses:
                where = f" — {md(use.locator)}" if use.locator else ""
                label = md(_("Item:") if use.kind == "item" else _("Timeline:"))
                out.append(f"- {label} {md(use.title)}{where}")
            out.append("")
        else:
            out += [_em(_("Not cited by anything shown.")), ""]
    if not briefing.sources:
        out += [_em(_("No sources match.")), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_catalog(briefings: list[Briefing], options: OutputOptions) -> str:
    """Render the loaded briefings as a Markdown table, one row per briefing."""
    from ..layout import catalog

    head = [
        md(x) for x in (_("Id"), _("Title"), _("As of"), _("Items"), _("Languages"), _("Files"))
    ]
    out = ["# " + md(_("Briefings")), "", _row(head), "|---|---|---|--:|---|---|"]
    for entry in catalog(briefings):
        b = entry.briefing
        out.append(
            _row(
                [
                    md(b.id),
                    md(b.title),
                    md(format_date(b.as_of)),
                    str(len(b.items)),
                    md(", ".join(entry.languages)),
                    md(", ".join(entry.files)),
                ]
            )
        )
    return "\n".join(out) + "\n"


def render_themes(briefing: Briefing, options: OutputOptions) -> str:
    """Render the themes as a Markdown table with their item counts."""
    out = ["# " + md(_("Themes:")) + " " + md(briefing.title), ""]
    head = [md(x) for x in (_("Theme"), _("Id"), _("Also accepted"), _("Items"), _("Description"))]
    out += [_row(head), "|---|---|---|--:|---|"]
    for c in theme_counts(briefing):
        theme = c.theme
        aliases = ", ".join(md(a) for a in theme.short_names()[1:])
        description = md(theme.description) if theme.description else ""
        out.append(
            f"| {md(theme.title)} | {md(theme.id)} | {aliases} | {c.items} | {description} |"
        )
    return "\n".join(out) + "\n"
