"""Markdown: CommonMark that pandoc (commonmark, gfm, markdown) and markdown-it read alike.

Every piece of data text is escaped so that it renders literally: no HTML,
links, emphasis, headings, list items, table cells, smart quotes or dashes
can come from the data. The only links are sources' validated http(s) URLs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.delivery.console import OutputOptions
from briefing.formats import Renderer
from briefing.formats.mdtext import MarkdownCitations, front_matter_lines, md, md_url
from briefing.formats.trackviews import (
    due_note,
    gap_note,
    overdue,
    seen_by_item,
    signpost_note,
    tracking_dates,
    watch_groups,
    watch_summary,
)
from briefing.formats.views import (
    citation_grade,
    count_note,
    filter_notes,
    grade_legend,
    grade_lines,
    home_theme,
    marking,
    open_questions,
    other_themes,
    revisions,
    sections,
    source_brief,
    source_details,
    source_uses,
    status_name,
    theme_counts,
    timeline,
    timeline_sources,
)
from briefing.i18n import _, as_of, dating, format_date, ngettext
from briefing.model import Briefing, Item, PartialDate, Signpost, Source, SourceRef
from briefing.tlp import label as tlp_label

if TYPE_CHECKING:
    from collections.abc import Sequence

    from briefing.commands.diff import Diff
    from briefing.commands.tracking import Watch
    from briefing.reading.loader import InvalidFile


def _bold(label: str) -> str:
    """A label in bold: `**Status:**`."""
    return "**" + md(label, start=False) + "**"


def _em(label: str) -> str:
    """A label in italics: `*No items match.*`."""
    return "*" + md(label, start=False) + "*"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _source_line(source: Source) -> str:
    title = md(source.title)
    if source.url:
        title = f"[{title}]({md_url(source.url)})"
    data, published = source_brief(source)
    details = [md(d) for d in data] + ([md(published)] if published else [])
    return title + (f" ({', '.join(details)})" if details else "")


def _link(label: str, value: str) -> str:
    """A descriptor value: a link for an address (validated http(s) URLs), else escaped text."""
    if label == _("Archived copy"):
        return f"[{md(value)}]({md_url(value)})"
    return md(value)


# The named styles of a .docx or .odt made through pandoc (docs/exports.md lists them).
STYLE_MARKING = "Handling Marking"
STYLE_ITEM = "Briefing Item"
STYLE_ASSESSMENT = "Briefing Assessment"


def _styled(style: str, lines: list[str], options: OutputOptions) -> list[str]:
    """Lines in a fenced div with a pandoc custom style, when the export asks for named styles."""
    if not options.styles:
        return lines
    # Data cannot close the div: `md` escapes every colon that is not followed by a space.
    return [f'::: {{custom-style="{style}"}}', "", *lines, ":::", ""]


def _marking_lines(briefing: Briefing, options: OutputOptions) -> list[str]:
    """The handling marking, first thing in the document; nothing when unmarked."""
    mark = marking(briefing)
    if mark is None:
        return []
    return _styled(STYLE_MARKING, [_bold(mark.label) + " — " + md(mark.audience), ""], options)


def _item(
    briefing: Briefing, item: Item, cites: MarkdownCitations, options: OutputOptions | None = None
) -> list[str]:
    meta = [_bold(_("Status:")) + " " + md(status_name(item.status))]
    if item.attribution:
        meta.append(_bold(_("Attribution:")) + " " + md(item.attribution))
    others = other_themes(item, briefing)
    if others:
        meta.append(_bold(_("Also:")) + " " + ", ".join(md(t.title) for t in others))
    meta += [
        _bold(label)
        if words is None
        else _bold(_("{label}:").format(label=label)) + " " + md(words)
        for parts in grade_lines(item)
        for label, words in parts
    ]
    if item.tlp is not None:
        meta.append(_bold(_("Marking:")) + " " + md(tlp_label(item.tlp)))
    lines = [f"### {md(item.title)}", "", " · ".join(meta), "", md(item.summary), ""]
    lines += _tracking(item, cites, options.today if options is not None else None)
    lines += [_bold(_("Sources:")) + " " + cites.marks(item.sources, item), ""]
    if options is None:
        return lines
    return _styled(STYLE_ASSESSMENT if item.assessment else STYLE_ITEM, lines, options)


def _tracking(item: Item, cites: MarkdownCitations, today: PartialDate | None) -> list[str]:
    """An item's due date (marked when overdue) and its signposts, as a paragraph and a list."""
    lines = []
    due = due_note(item)
    if due is not None:
        mark = " — " + _bold(_("OVERDUE")) if overdue(item, today) else ""
        lines += [md(due[:1].upper() + due[1:]) + mark, ""]
    if item.signposts:
        lines += [_bold(_("Signposts:")), ""]
        lines += [_signpost(s, cites) for s in item.signposts]
        lines.append("")
    return lines


def _signpost(signpost: Signpost, cites: MarkdownCitations) -> str:
    """One signpost as a list entry: its text, its standing and, once seen, its citations."""
    text = md(signpost.text)
    if signpost.status == "contradicted":
        text = _bold(signpost.text)
    marks = " " + cites.marks(signpost.sources, signpost) if signpost.sources else ""
    return f"- {text} ({md(signpost_note(signpost))}){marks}"


def _header(
    briefing: Briefing, options: OutputOptions, cites: MarkdownCitations, prefix: str = ""
) -> list[str]:
    out: list[str] = []
    metadata = options.front_matter or cites.pandoc
    if metadata:
        out += front_matter_lines(briefing, cites)
    out += _marking_lines(briefing, options)
    if prefix or not metadata:
        # With a metadata block, pandoc shows title and subtitle itself; said twice otherwise.
        out += ["# " + (md(prefix) + " " if prefix else "") + md(briefing.title), ""]
        if briefing.subtitle and not prefix:
            out += [f"*{md(briefing.subtitle)}*", ""]
    facts: list[str] = []
    if not metadata or prefix:
        # With a metadata block, its `date` is the as-of date pandoc shows under the title.
        facts.append(as_of(briefing.as_of, plain=md))
    if briefing.parties and not prefix:
        parties = [
            md(p.name) + (f" ({md(p.forces)})" if p.forces else "") for p in briefing.parties
        ]
        facts.append(_bold(_("Parties:")) + " " + "; ".join(parties))
    if facts:
        out += [" · ".join(facts), ""]
    notes = filter_notes(briefing)
    if notes:
        shown = " · ".join(
            _bold(_("{label}:").format(label=label)) + " " + md(value) for label, value in notes
        )
        out += ["> " + _bold(_("Filtered")) + f" — {shown} ({md(count_note(briefing))})", ""]
    return out


def _timeline_lines(briefing: Briefing, cites: MarkdownCitations) -> list[str]:
    lines = []
    for entry in timeline(briefing):
        marks = f" {cites.marks(entry.sources)}" if entry.sources else ""
        themes = ", ".join(md(briefing.theme(t).title) for t in entry.themes)
        lines.append(
            f"- **{md(format_date(entry.date))}** — {md(entry.title)}{marks}"
            + (f" (*{themes}*)" if themes else "")
        )
    return lines


def _legend(briefing: Briefing) -> list[str]:
    """The grades shown, explained once: a heading and a list of the codes."""
    lines = grade_legend(briefing)
    if not lines:
        return []
    return ["## " + md(_("Grades")), "", *(f"- {md(line)}" for line in lines), ""]


def _sources_section(briefing: Briefing, cites: MarkdownCitations) -> list[str]:
    if not briefing.sources or cites.pandoc:  # pandoc --citeproc writes the bibliography
        return []
    out = ["## " + md(_("Sources")), ""]
    for source_id, number in cites.numbers.items():
        line = f"{number}. {_source_line(briefing.source(source_id))}"
        places = cites.places(source_id)
        out.append(line + (" — " + "; ".join(md(p, start=False) for p in places) if places else ""))
    uncited = [s for s in briefing.sources if s.id not in cites.numbers]
    if uncited:
        out += ["", md(_("Also consulted:")), ""]
        out += [f"- {_source_line(s)}" for s in uncited]
    return [*out, ""]


def render_briefing(briefing: Briefing, options: OutputOptions) -> str:
    """Render the (possibly filtered) briefing as a Markdown document."""
    cites = MarkdownCitations.of(briefing, pandoc=options.citations == "pandoc", graded=briefing)
    out = _header(briefing, options, cites)
    out += ["## " + md(_("Bottom line")), ""]
    for paragraph in briefing.paragraphs():
        out += [md(paragraph), ""]
    for section in sections(briefing):
        out += [f"## {md(section.theme.title)}", ""]
        if section.theme.description:
            out += [f"*{md(section.theme.description)}*", ""]
        for item in section.items:
            out += _item(briefing, item, cites, options)
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
        out += ["## " + md(_("Timeline")), "", *_timeline_lines(briefing, cites), ""]
    out += _legend(briefing)
    out += _sources_section(briefing, cites)
    revised = revisions(briefing)
    if revised:
        out += ["## " + md(_("Revisions")), ""]
        out += [
            f"- {_bold(_('{label}:').format(label=format_date(r.date)))} {md(r.summary)}"
            for r in revised
        ]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_timeline(briefing: Briefing, options: OutputOptions) -> str:
    """Render the dated events in order, with their citations."""
    only_timeline = briefing._replace(items=())
    pandoc = options.citations == "pandoc"
    cites = MarkdownCitations.of(only_timeline, pandoc=pandoc, graded=only_timeline)
    out = _header(briefing, options, cites, _("Timeline:"))
    tracked = tracking_dates(briefing)
    lines = _timeline_lines(briefing, cites)
    out += lines or ([] if tracked else [_em(_("No timeline entries match."))])
    out.append("")
    if tracked:
        out += ["## " + md(_("Due dates and signposts seen")), ""]
        for d in tracked:
            label = _bold(d.label()) if d.kind == "contradicted" else md(d.label())
            item = f" (*{md(d.item.title)}*)" if d.signpost is not None else ""
            out.append(f"- **{md(format_date(d.date))}** — {label}{item}")
        out.append("")
    out += _legend(only_timeline)
    out += _sources_section(only_timeline._replace(sources=timeline_sources(only_timeline)), cites)
    return "\n".join(out).rstrip("\n") + "\n"


def render_sources(briefing: Briefing, options: OutputOptions) -> str:
    """Render each source with the items and timeline entries that cite it."""
    out = _header(briefing, options, MarkdownCitations([]), _("Sources:"))
    for source, uses in source_uses(briefing):
        out += [f"## {md(source.title)}", "", _bold(_("Id:")) + " " + md(source.id)]
        details = _source_line(source)
        out += ["", details, ""]
        out += [
            f"- {_bold(_('{label}:').format(label=label))} {_link(label, value)}"
            for label, value in source_details(source)
        ]
        out.append("")
        if uses:
            cited = ngettext("Cited {n} time:", "Cited {n} times:", len(uses))
            out += [md(cited.format(n=len(uses))), ""]
            for use in uses:
                where = f" — {md(use.locator)}" if use.locator else ""
                label = md(_("Item:") if use.kind == "item" else _("Timeline:"))
                grade = citation_grade(briefing, SourceRef(source.id), use.item)
                shown = f" ({md(grade)})" if grade else ""
                out.append(f"- {label} {md(use.title)}{shown}{where}")
            out.append("")
        else:
            out += [_em(_("Not cited by anything shown.")), ""]
    if not briefing.sources:
        out += [_em(_("No sources match.")), ""]
    out += _legend(briefing)
    return "\n".join(out).rstrip("\n") + "\n"


def render_catalog(
    briefings: Sequence[Briefing], options: OutputOptions, invalid: Sequence[InvalidFile] = ()
) -> str:
    """Render the loaded briefings as a Markdown table, one row per briefing; then invalid files."""
    from briefing.formats.views import catalog, invalid_note

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
                    md(format_date(b.as_of, tag=b.language)),
                    str(len(b.items)),
                    md(", ".join(entry.languages)),
                    md(", ".join(entry.files)),
                ]
            )
        )
    if invalid:
        out += ["", "## " + md(_("Invalid files, left out")), ""]
        out += [f"- {md(str(bad.problems[0]))} — {md(invalid_note(bad))}" for bad in invalid]
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


def render_across(command: str, views: Sequence[Briefing], options: OutputOptions) -> str:
    """`--all`: each briefing's view after a line naming its id and as-of date, oldest first."""
    render = render_briefing if command == "show" else render_timeline
    out = []
    for view in views:
        label = _bold(_("Briefing:")) + " " + md(view.id) + " · "
        with dating(view.language):
            label += as_of(view.as_of, plain=md)
            out.append(label + "\n\n" + render(view, options))
    return "\n---\n\n".join(out)


def render_watch(watch: Watch, options: OutputOptions) -> str:
    """What stands where as of a date, by theme, as a Markdown document."""
    briefing = watch.briefing
    cites = MarkdownCitations([r for s in watch.seen for r in s.signpost.sources], graded=briefing)
    out = _header(briefing, options, cites, _("Watch:"))
    out += [md(watch_summary(watch)), ""]
    for group in watch_groups(watch):
        out += [f"## {md(group.theme.title)}", ""]
        for label, items in ((_("Overdue"), group.overdue), (_("Due soon"), group.due)):
            if items:
                out += [f"### {md(label)}", ""]
                out += [
                    f"- {md(i.title)} — {md(due_note(i) or '')} ({md(status_name(i.status))})"
                    for i in items
                ]
                out.append("")
        if group.seen:
            out += ["### " + md(_("Signposts observed or contradicted")), ""]
            for item, signposts in seen_by_item(group.seen):
                out += [f"**{md(item.title)}**", ""]
                out += [_signpost(s, cites) for s in signposts]
                out.append("")
        if group.untracked:
            out += ["### " + md(_("Gaps in the tracking")), ""]
            out += [f"- {md(i.title)} ({md(gap_note(i))})" for i in group.untracked]
            out.append("")
    out += _sources_section(briefing._replace(sources=_cited_by(briefing, cites)), cites)
    return "\n".join(out).rstrip("\n") + "\n"


def _cited_by(briefing: Briefing, cites: MarkdownCitations) -> tuple[Source, ...]:
    return tuple(s for s in briefing.sources if s.id in cites.numbers)


def _marked(words: tuple[tuple[str, str], ...]) -> str:
    """Words with what was removed ~~struck~~ and what was added **in bold**."""
    pieces = []
    for kind, text in words:
        escaped = md(text, start=False)
        pieces.append({"=": escaped, "-": f"~~{escaped}~~", "+": f"**{escaped}**"}[kind])
    return " ".join(pieces)


def render_diff(d: Diff, options: OutputOptions) -> str:
    """A change note to paste: a heading, then a list per section, every data text escaped."""
    from briefing.formats.difftext import sections, title

    out = ["# " + md(title(d)), ""]
    if d.theme_titles:
        out += [md(_("Themes: {themes}").format(themes=", ".join(d.theme_titles))), ""]
    for heading, lines in sections(d):
        out += ["## " + md(heading), ""]
        for line in lines:
            # The symbol (+ - ~) inside the bold: at the start of the item it would be a list.
            word = md(_("{label}:").format(label=line.word), start=False)
            out.append(f"- **{line.symbol} {word}** {md(line.text, start=False)}".rstrip())
            for row in line.detail:
                label = md(_("{label}:").format(label=row.label), start=False)
                if row.words:
                    out.append(f"  - *{label}* {_marked(row.words)}")
                elif row.new is None:
                    out.append(f"  - *{label}* {md(row.old, start=False)}")
                else:
                    old, new = md(row.old, start=False), md(row.new, start=False)
                    out.append(f"  - *{label}* {old} → {new}")
        out.append("")
    if d.empty:
        out += ["*" + md(_("No differences.")) + "*", ""]
    return "\n".join(out).rstrip("\n") + "\n"


RENDERER = Renderer(
    briefing=render_briefing,
    themes=render_themes,
    timeline=render_timeline,
    sources=render_sources,
    catalog=render_catalog,
    across=render_across,
    diff=render_diff,
    watch=render_watch,
)
