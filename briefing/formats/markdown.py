"""Markdown: CommonMark that pandoc (commonmark, gfm, markdown) and markdown-it read alike.

Every piece of data text is escaped so that it renders literally: no HTML,
links, emphasis, headings, list items, table cells, smart quotes or dashes
can come from the data. The only links are sources' validated http(s) URLs.
"""

from __future__ import annotations

import re

from ..layout import (
    focus_titles,
    home_theme,
    open_questions,
    other_themes,
    sections,
    theme_counts,
    timeline,
)
from ..model import Briefing, Item, SourceRef
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

    meta = {"title": one_line(briefing.title), "date": str(briefing.as_of)}
    if briefing.subtitle:
        meta["subtitle"] = one_line(briefing.subtitle)
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return ["---", *dumped.rstrip("\n").splitlines(), "---", ""]


def _cite(refs: tuple[SourceRef, ...]) -> str:
    return "; ".join(
        f"{md(r.source)}, {md(r.locator)}" if r.locator else md(r.source) for r in refs
    )


def _item(briefing: Briefing, item: Item) -> list[str]:
    meta = [f"**Status:** {item.status}"]
    if item.attribution:
        meta.append(f"**Attribution:** {md(item.attribution)}")
    others = other_themes(item, briefing)
    if others:
        meta.append("**Also:** " + ", ".join(md(t.title) for t in others))
    lines = [f"### {md(item.title)}", "", " · ".join(meta), "", md(item.summary), ""]
    lines += [f"**Sources:** {_cite(item.sources)}", ""]
    return lines


def render_briefing(briefing: Briefing, options: OutputOptions) -> str:
    """Render the (possibly filtered) briefing as a Markdown document."""
    out: list[str] = _front_matter(briefing) if options.front_matter else []
    out += [f"# {md(briefing.title)}", ""]
    if briefing.subtitle:
        out += [f"*{md(briefing.subtitle)}*", ""]
    facts = [f"**As of:** {briefing.as_of}"]
    if briefing.parties:
        parties = [
            md(p.name) + (f" ({md(p.forces)})" if p.forces else "") for p in briefing.parties
        ]
        facts.append("**Parties:** " + "; ".join(parties))
    out += [" · ".join(facts), ""]
    if briefing.focus:
        shown = ", ".join(md(t) for t in focus_titles(briefing))
        out += [f"> **Filtered to themes:** {shown} ({len(briefing.items)} items)", ""]
    out += ["## Bottom line", ""]
    for paragraph in briefing.paragraphs():
        out += [md(paragraph), ""]
    for section in sections(briefing):
        out += [f"## {md(section.theme.title)}", ""]
        if section.theme.description:
            out += [f"*{md(section.theme.description)}*", ""]
        for item in section.items:
            out += _item(briefing, item)
        if section.related:
            out += ["Also under this theme:", ""]
            for item in section.related:
                home = briefing.theme(home_theme(item, briefing)).title
                out.append(f"- {md(item.title)} (see *{md(home)}*)")
            out.append("")
    if not briefing.items:
        out += ["*No items match this filter.*", ""]
    asked = open_questions(briefing)
    if asked:
        out += ["## What we don’t know", ""]
        for item in asked:
            out += [f"**{md(item.title)}**", ""]
            out += [f"- {md(q)}" for q in item.open_questions]
            out.append("")
    events = timeline(briefing)
    if events:
        out += ["## Timeline", ""]
        out += [f"- **{e.date}** — {md(e.title)}" for e in events]
        out.append("")
    if briefing.sources:
        out += ["## Sources", ""]
        for source in briefing.sources:
            title = md(source.title)
            if source.url:
                title = f"[{title}]({_url(source.url)})"
            details = [md(d) for d in (source.kind, source.language) if d]
            if source.published:
                details.append(f"published {source.published}")
            suffix = f" ({', '.join(details)})" if details else ""
            out.append(f"- **{md(source.id)}**: {title}{suffix}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_themes(briefing: Briefing, options: OutputOptions) -> str:
    """Render the themes as a Markdown table with their item counts."""
    out = [f"# Themes: {md(briefing.title)}", ""]
    out += ["| Theme | Id | Also accepted | Items | Description |", "|---|---|---|--:|---|"]
    for c in theme_counts(briefing):
        theme = c.theme
        aliases = ", ".join(md(a) for a in theme.aliases)
        description = md(theme.description) if theme.description else ""
        out.append(
            f"| {md(theme.title)} | {md(theme.id)} | {aliases} | {c.count} | {description} |"
        )
    return "\n".join(out) + "\n"
