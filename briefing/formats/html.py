"""HTML: one self-contained page to mail or print: inline CSS, no script, nothing fetched.

Every piece of data text is made visible (controls and bidirectional marks
become escapes, as in the other formats) and then HTML-escaped, quotes
included, so no element, attribute or entity can come from the data. The only
links to elsewhere are sources' http(s) URLs; anything else is shown as text.
A Content-Security-Policy in the page forbids scripts and every fetch, as a
second line of defence should a mail client or browser mishandle something.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from briefing import i18n
from briefing.delivery.console import OutputOptions
from briefing.formats import Renderer
from briefing.formats.htmlglance import glance_panel
from briefing.formats.htmlpage import (
    Ids,
    Page,
    banner_lines,
    details_lines,
    grade_mark,
    head_lines,
    heading2,
    label_span,
    legend_lines,
    none_note,
    page_end,
    safe_url,
    status_mark,
    table_lines,
    text,
    time_tag,
    ui,
)
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
    Citations,
    citation_grade,
    count_note,
    filter_notes,
    grade_lines,
    home_theme,
    open_questions,
    other_themes,
    revisions,
    sections,
    source_brief,
    source_uses,
    theme_counts,
    timeline,
    timeline_sources,
)
from briefing.i18n import _, as_of, format_date, ngettext
from briefing.model import (
    Briefing,
    Item,
    Signpost,
    Source,
    SourceRef,
    TimelineEntry,
)
from briefing.tlp import label as tlp_label

if TYPE_CHECKING:
    from collections.abc import Sequence

    from briefing.commands.tracking import Watch
    from briefing.reading.loader import InvalidFile


def _header(briefing: Briefing, prefix: str = "") -> list[str]:
    """The page's head: title, subtitle, as of, parties and any filter."""
    title = (text(prefix) + " " if prefix else "") + text(briefing.title)
    out = [*head_lines(title, briefing.language), *banner_lines(briefing), "<header>"]
    out.append(f'<h1 id="top">{(ui(prefix) + " " if prefix else "") + text(briefing.title)}</h1>')
    if briefing.subtitle and not prefix:
        out.append(f'<p class="subtitle">{text(briefing.subtitle)}</p>')
    shown = as_of(briefing.as_of, show=lambda written: time_tag(briefing.as_of, written), plain=ui)
    out += ['<ul class="facts">', f"<li>{shown}</li>"]
    if briefing.parties and not prefix:
        parties = "; ".join(
            text(p.name) + (f" ({text(p.forces)})" if p.forces else "") for p in briefing.parties
        )
        out.append("<li>" + label_span(_("Parties:")) + f" {parties}</li>")
    out.append("</ul>")
    notes = filter_notes(briefing)
    if notes:
        shown = " · ".join(
            label_span(_("{label}:").format(label=label)) + " " + text(value)
            for label, value in notes
        )
        filtered = label_span(_("Filtered"))
        out.append(f'<p class="filter">{filtered} — {shown} ({ui(count_note(briefing))})</p>')
    return [*out, "</header>"]


def _item(page: Page, item: Item) -> list[str]:
    briefing = page.briefing
    meta = [label_span(_("Status:")) + f" {status_mark(item.status)}"]
    if item.attribution:
        meta.append(label_span(_("Attribution:")) + f" {text(item.attribution)}")
    others = other_themes(item, briefing)
    if others:
        links = ", ".join(page.theme_link(t.id) for t in others)
        meta.append(label_span(_("Also:")) + f" {links}")
    if item.tlp is not None:
        meta.append(label_span(_("Marking:")) + f" {text(tlp_label(item.tlp))}")
    meta += [
        label_span(label)
        if words is None
        else label_span(_("{label}:").format(label=label)) + f" {ui(words)}"
        for parts in grade_lines(item)
        for label, words in parts
    ]
    return [
        '<article class="item">',
        f'<h3 id="{page.item_ids[item.id]}">{text(item.title)}</h3>',
        '<p class="meta">' + " · ".join(meta) + "</p>",
        f"<p>{text(item.summary)}</p>",
        *_tracking(page, item),
        "<p>" + label_span(_("Sources:")) + f" {page.marks(item.sources, item)}</p>",
        "</article>",
    ]


def _tracking(page: Page, item: Item) -> list[str]:
    """An item's due date (marked when overdue) and its signposts."""
    out = []
    due = due_note(item)
    if due is not None:
        mark = f" — <strong>{ui(_('OVERDUE'))}</strong>" if overdue(item, page.today) else ""
        out.append(f"<p>{ui(due[:1].upper() + due[1:])}{mark}</p>")
    if item.signposts:
        out += ["<p>" + label_span(_("Signposts:")) + "</p>", '<ul class="signposts">']
        out += [_signpost(page, s) for s in item.signposts]
        out.append("</ul>")
    return out


def _signpost(page: Page, signpost: Signpost) -> str:
    """One signpost as a list entry: its text, its standing and, once seen, its citations."""
    shown = text(signpost.text)
    if signpost.status == "contradicted":
        shown = f"<strong>{shown}</strong>"
    marks = " " + page.marks(signpost.sources, signpost) if signpost.sources else ""
    return f'<li>{shown} <span class="muted">({ui(signpost_note(signpost))})</span>{marks}</li>'


def _timeline_list(page: Page) -> list[str]:
    briefing = page.briefing
    out = ['<ul class="timeline">']
    for entry in timeline(briefing):
        out.append(f"<li>{_entry(page, entry)}</li>")
    return [*out, "</ul>"]


def _entry(page: Page, entry: TimelineEntry) -> str:
    line = f"{time_tag(entry.date)} — {text(entry.title)}"
    if entry.sources:
        line += " " + page.marks(entry.sources)
    if entry.themes:
        themes = ", ".join(page.theme_link(t) for t in entry.themes)
        line += f' <span class="muted">({themes})</span>'
    return line


def _source_line(source: Source) -> str:
    title = text(source.title)
    url = safe_url(source.url)
    if url:
        title = f'<a class="external" href="{escape(url, quote=True)}">{title}</a>'
    elif source.url:
        title += f" &lt;{text(source.url)}&gt;"
    data, published = source_brief(source)
    details = [text(d) for d in data] + ([ui(published)] if published else [])
    return title + (f" ({', '.join(details)})" if details else "")


def _sources_section(page: Page) -> list[str]:
    briefing = page.briefing
    if not briefing.sources:
        return []
    out = [
        '<section aria-labelledby="sources">',
        heading2("sources", _("Sources")),
    ]
    numbers = page.cites.numbers
    if numbers:
        out.append('<ol class="sources">')
        for source_id, number in numbers.items():
            line = _source_line(briefing.source(source_id))
            places = page.cites.places(source_id)
            line += " — " + "; ".join(text(p) for p in places) if places else ""
            sid = page.source_ids[source_id]
            out.append(f'<li id="{sid}" value="{number}">{line}</li>')
        out.append("</ol>")
    uncited = [s for s in briefing.sources if s.id not in numbers]
    if uncited:
        out += ["<p>" + ui(_("Also consulted:")) + "</p>", "<ul>"]
        out += [f'<li id="{page.source_ids[s.id]}">{_source_line(s)}</li>' for s in uncited]
        out.append("</ul>")
    return [*out, "</section>"]


def render_briefing(briefing: Briefing, options: OutputOptions) -> str:
    """Render the (possibly filtered) briefing as one self-contained HTML page."""
    shown = sections(briefing)
    page = Page(briefing, Citations.of(briefing), shown, options.today)
    asked = open_questions(briefing)
    out = _header(briefing)
    toc = [("bottom-line", ui(_("Bottom line")))]
    toc += [(page.theme_ids[s.theme.id], text(s.theme.title)) for s in shown]
    if asked:
        toc.append(("open-questions", ui(_("What we don’t know"))))
    if briefing.timeline:
        toc.append(("timeline", ui(_("Timeline"))))
    legend = legend_lines(briefing)
    if legend:
        toc.append(("grades", ui(_("Grades"))))
    if briefing.sources:
        toc.append(("sources", ui(_("Sources"))))
    revised = revisions(briefing)
    if revised:
        toc.append(("revisions", ui(_("Revisions"))))
    # The page opens with what readers would rather look at than read.
    out += [
        *glance_panel(briefing),
        '<nav class="toc" aria-labelledby="contents">',
        heading2("contents", _("Contents")),
        "<ol>",
        *[f'<li><a href="#{anchor}">{title}</a></li>' for anchor, title in toc],
        "</ol>",
        "</nav>",
        "<main>",
        '<section aria-labelledby="bottom-line">',
        heading2("bottom-line", _("Bottom line")),
        *[f"<p>{text(p)}</p>" for p in briefing.paragraphs()],
        "</section>",
    ]
    for section in shown:
        anchor = page.theme_ids[section.theme.id]
        out += [f'<section aria-labelledby="{anchor}">', f'<h2 id="{anchor}">']
        out[-1] += text(section.theme.title) + "</h2>"
        if section.theme.description:
            out.append(f'<p class="description">{text(section.theme.description)}</p>')
        for item in section.items:
            out += _item(page, item)
        if section.related:
            out += ["<p>" + ui(_("Also under this theme:")) + "</p>", "<ul>"]
            for item in section.related:
                home = briefing.theme(home_theme(item, briefing)).title
                before, _mark, after = _("see {theme}").partition("{theme}")
                # ui() trims its text, so the spaces around the theme are put back here.
                see = ui(before) + " " * before.endswith(" ") + f"<em>{text(home)}</em>"
                see += " " * after.startswith(" ") + ui(after)
                link = f'<a href="#{page.item_ids[item.id]}">{text(item.title)}</a>'
                out.append(f"<li>{link} ({see})</li>")
            out.append("</ul>")
        out.append("</section>")
    if not briefing.items:
        out.append(none_note(_("No items match this filter.")))
    if asked:
        out += [
            '<section aria-labelledby="open-questions">',
            heading2("open-questions", _("What we don’t know")),
        ]
        for item in asked:
            link = f'<a href="#{page.item_ids[item.id]}">{text(item.title)}</a>'
            out += [f"<h3>{link}</h3>", "<ul>"]
            out += [f"<li>{text(q)}</li>" for q in item.open_questions]
            out.append("</ul>")
        out.append("</section>")
    if briefing.timeline:
        out += [
            '<section aria-labelledby="timeline">',
            heading2("timeline", _("Timeline")),
            *_timeline_list(page),
            "</section>",
        ]
    out += [*legend, *_sources_section(page)]
    if revised:
        out += [
            '<section aria-labelledby="revisions">',
            heading2("revisions", _("Revisions")),
            '<ul class="revisions">',
            *[f"<li>{time_tag(r.date)} — {text(r.summary)}</li>" for r in revised],
            "</ul>",
            "</section>",
        ]
    out.append("</main>")
    return page_end(out)


def render_timeline(briefing: Briefing, options: OutputOptions) -> str:
    """Render the dated events in order, with their citations, as an HTML page."""
    only_timeline = briefing._replace(items=(), sources=timeline_sources(briefing))
    page = Page(only_timeline, Citations.of(only_timeline), [])
    out = [*_header(briefing, _("Timeline:")), "<main>"]
    tracked = tracking_dates(briefing)
    if briefing.timeline:
        out += _timeline_list(page)
    elif not tracked:
        out.append(none_note(_("No timeline entries match.")))
    if tracked:
        out += [f"<h2>{ui(_('Due dates and signposts seen'))}</h2>", '<ul class="timeline">']
        for d in tracked:
            label = text(d.label())
            label = f"<strong>{label}</strong>" if d.kind == "contradicted" else label
            item = f' <span class="muted">({text(d.item.title)})</span>' if d.signpost else ""
            out.append(f"<li>{time_tag(d.date)} — {label}{item}</li>")
        out.append("</ul>")
    out += [*legend_lines(only_timeline), *_sources_section(page), "</main>"]
    return page_end(out)


def render_sources(briefing: Briefing, options: OutputOptions) -> str:
    """Render each source with the items and timeline entries that cite it, as an HTML page."""
    ids = Ids()
    ids.new("top")
    out = [*_header(briefing, _("Sources:")), "<main>"]
    for source, uses in source_uses(briefing):
        anchor = ids.new("source", source.id)
        out += [
            f'<section aria-labelledby="{anchor}">',
            f'<h2 id="{anchor}">{text(source.title)}</h2>',
            "<p>" + label_span(_("Id:")) + f" {text(source.id)}</p>",
            f"<p>{_source_line(source)}</p>",
            *details_lines(source),
        ]
        if uses:
            cited = ngettext("Cited {n} time:", "Cited {n} times:", len(uses))
            out += [f"<p>{ui(cited.format(n=len(uses)))}</p>", "<ul>"]
            for use in uses:
                where = f" — {text(use.locator)}" if use.locator else ""
                label = _("Item:") if use.kind == "item" else _("Timeline:")
                grade = grade_mark(citation_grade(briefing, SourceRef(source.id), use.item))
                out.append(f"<li>{label_span(label)} {text(use.title)}{grade}{where}</li>")
            out.append("</ul>")
        else:
            out.append(none_note(_("Not cited by anything shown.")))
        out.append("</section>")
    if not briefing.sources:
        out.append(none_note(_("No sources match.")))
    return page_end([*out, *legend_lines(briefing), "</main>"])


def render_themes(briefing: Briefing, options: OutputOptions) -> str:
    """Render the themes as an HTML table with their item counts."""
    title = _("Themes:")
    out = [*head_lines(text(title) + " " + text(briefing.title), briefing.language), "<main>"]
    out.append(f'<h1 id="top">{ui(title)} {text(briefing.title)}</h1>')
    head = [
        (_("Theme"), False),
        (_("Id"), False),
        (_("Also accepted"), False),
        (_("Items"), True),
        (_("Description"), False),
    ]
    rows = []
    for c in theme_counts(briefing):
        theme = c.theme
        aliases = ", ".join(text(a) for a in theme.short_names()[1:])
        description = text(theme.description) if theme.description else ""
        rows.append([text(theme.title), text(theme.id), aliases, str(c.items), description])
    return page_end([*out, *table_lines(head, rows), "</main>"])


def render_catalog(
    briefings: Sequence[Briefing], options: OutputOptions, invalid: Sequence[InvalidFile] = ()
) -> str:
    """Render the loaded briefings as an HTML table; then the invalid files left out."""
    from briefing.formats.views import invalid_note

    title = text(_("Briefings"))
    out = [*head_lines(title, i18n.current), "<main>", f'<h1 id="top">{title}</h1>']
    head = [
        (_("Id"), False),
        (_("Title"), False),
        (_("As of"), False),
        (_("Items"), True),
        (_("File"), False),
    ]
    rows = [
        [
            text(b.id),
            text(b.title),
            time_tag(b.as_of, format_date(b.as_of, tag=b.language)),
            str(len(b.items)),
            text(b.origin),
        ]
        for b in briefings
    ]
    out += table_lines(head, rows)
    if invalid:
        out += [f"<h2>{ui(_('Invalid files, left out'))}</h2>", "<ul>"]
        out += [
            f"<li>{text(str(bad.problems[0]))} — {text(invalid_note(bad))}</li>" for bad in invalid
        ]
        out.append("</ul>")
    return page_end([*out, "</main>"])


def render_watch(watch: Watch, options: OutputOptions) -> str:
    """What stands where as of a date, by theme, as one HTML page."""
    seen_refs = [r for s in watch.seen for r in s.signpost.sources]
    cites = Citations(seen_refs)
    cited = tuple(s for s in watch.briefing.sources if s.id in cites.numbers)
    briefing = watch.briefing._replace(sources=cited)
    page = Page(briefing, cites, [])
    out = [*_header(briefing, _("Watch:")), "<main>", f"<p>{ui(watch_summary(watch))}</p>"]
    for group in watch_groups(watch):
        anchor = page.theme_ids[group.theme.id]
        out += ["<section>", f'<h2 id="{anchor}">{text(group.theme.title)}</h2>']
        for label, items in ((_("Overdue"), group.overdue), (_("Due soon"), group.due)):
            if items:
                out += [f"<h3>{ui(label)}</h3>", "<ul>"]
                out += [
                    f"<li>{text(i.title)} — {ui(due_note(i) or '')} {status_mark(i.status)}</li>"
                    for i in items
                ]
                out.append("</ul>")
        if group.seen:
            out.append(f"<h3>{ui(_('Signposts observed or contradicted'))}</h3>")
            for item, signposts in seen_by_item(group.seen):
                out += [f'<p class="label">{text(item.title)}</p>', '<ul class="signposts">']
                out += [_signpost(page, s) for s in signposts]
                out.append("</ul>")
        if group.untracked:
            out += [f"<h3>{ui(_('Gaps in the tracking'))}</h3>", "<ul>"]
            out += [
                f'<li>{text(i.title)} <span class="muted">({ui(gap_note(i))})</span></li>'
                for i in group.untracked
            ]
            out.append("</ul>")
        out.append("</section>")
    out += [*_sources_section(page), "</main>"]
    return page_end(out)


# One page holds one briefing: no `--all`; a change note is Markdown's or the terminal's.
RENDERER = Renderer(
    briefing=render_briefing,
    themes=render_themes,
    timeline=render_timeline,
    sources=render_sources,
    catalog=render_catalog,
    watch=render_watch,
)
