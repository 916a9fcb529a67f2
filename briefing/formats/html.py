"""HTML: one self-contained page to mail or print: inline CSS, no script, nothing fetched.

Every piece of data text is made visible (controls and bidirectional marks
become escapes, as in the other formats) and then HTML-escaped, quotes
included, so no element, attribute or entity can come from the data. The only
links to elsewhere are sources' http(s) URLs; anything else is shown as text.
A Content-Security-Policy in the page forbids scripts and every fetch, as a
second line of defence should a mail client or browser mishandle something.
"""

from __future__ import annotations

import re
import unicodedata
from contextvars import ContextVar
from html import escape
from typing import TYPE_CHECKING

from briefing import i18n
from briefing.delivery.console import OutputOptions
from briefing.formats.views import (
    Citations,
    Section,
    citation_grade,
    count_note,
    due_note,
    filter_notes,
    gap_note,
    grade_legend,
    grade_lines,
    home_theme,
    marking,
    open_questions,
    other_themes,
    overdue,
    revisions,
    sections,
    seen_by_item,
    signpost_note,
    source_details,
    source_uses,
    status_name,
    theme_counts,
    timeline,
    tracking_dates,
    watch_groups,
    watch_summary,
)
from briefing.i18n import _, as_of, format_date, ngettext
from briefing.model import (
    STATUSES,
    Briefing,
    Item,
    PartialDate,
    Signpost,
    Source,
    SourceRef,
    TimelineEntry,
)
from briefing.text import UNSAFE, one_line
from briefing.tlp import BACKGROUND
from briefing.tlp import label as tlp_label

if TYPE_CHECKING:
    from collections.abc import Sequence

    from briefing.commands.tracking import Watch
    from briefing.reading.loader import InvalidFile

# Nothing may be fetched or run; inline styles are the only thing the page needs.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.I)
_NOT_ID = re.compile(r"[^\w]+")
# Languages written right to left, so a briefing in Hebrew or Arabic reads in its direction.
_RTL = {"ar", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug", "ur", "yi"}

# Kept short: a reader mails this page, so it should read well in any client.
# overflow-wrap: anywhere lets long unbroken words, ids and URLs wrap instead
# of widening the page on a phone.
_STYLE = """\
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#555;--rule:#d6d6d6;\
--link:#0b57a4;--card:#f6f7f9;--planned:#e3ecfa;--under-way:#fdf1d6;--completed:#dff3e4;\
--unclear:#ececec;--ink-planned:#3d6fb6;--ink-under-way:#b07800;--ink-completed:#2e8b57;\
--ink-unclear:#7a7a7a;--ink-bar:#555f6d;--ink-alarm:#b3261e}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#16181b;--muted:#a9adb3;\
--rule:#3a3e44;--link:#8cc4ff;--card:#1f2226;--planned:#22344f;--under-way:#473a17;\
--completed:#1e3d28;--unclear:#33363a;--ink-planned:#7fb0f5;--ink-under-way:#e3b341;\
--ink-completed:#5fc98a;--ink-unclear:#9a9ea5;--ink-bar:#aab4c3;--ink-alarm:#ff8a80}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:46rem;padding:1rem 1.25rem 3rem;color:var(--fg);\
background:var(--bg);font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
overflow-wrap:anywhere}
h1,h2,h3{line-height:1.25}
h1{font-size:1.75rem;margin:1rem 0 .25rem}
h2{font-size:1.3rem;margin:2.25rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid \
var(--rule)}
h3{font-size:1.05rem;margin:0 0 .4rem}
a{color:var(--link)}
.subtitle,.description,.muted{color:var(--muted)}
.subtitle{font-size:1.1rem;margin:.25rem 0 .75rem}
.description{font-style:italic}
.facts{margin:.5rem 0;padding:0;list-style:none}
.label{font-weight:600}
.filter{border-inline-start:4px solid var(--rule);padding:.25rem .75rem;margin:1rem 0}
nav.toc{background:var(--card);border-radius:.5rem;padding:.5rem 1rem;margin:1.5rem 0}
nav.toc h2{font-size:1rem;margin:.25rem 0;border:0}
nav.toc ol{margin:.25rem 0;padding-inline-start:1.25rem}
.item{background:var(--card);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.item p{margin:.4rem 0}
.status{display:inline-block;padding:0 .45rem;border-radius:.25rem;border:1px solid \
var(--rule)}
.status-planned{background:var(--planned)}
.status-under-way{background:var(--under-way)}
.status-completed{background:var(--completed)}
.status-unclear{background:var(--unclear)}
.cite{overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%}
th,td{text-align:start;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid \
var(--rule)}
td.n,th.n{text-align:end}
.table{overflow-x:auto}
th,td{overflow-wrap:break-word}
time{white-space:nowrap}
@media (max-width:40rem){
thead{display:none}
table,tbody,tr,td{display:block}
tr{padding:.4rem 0;border-bottom:1px solid var(--rule)}
td{border:0;padding:.1rem 0}
td.n{text-align:start}
td::before{content:attr(data-label);display:block;font-size:.85em;color:var(--muted)}
td:empty{display:none}
}
.tlp{margin:.5rem 0;padding:.35rem .75rem;border-radius:.25rem;background:#000;color:#fff;\
font-weight:600;print-color-adjust:exact;-webkit-print-color-adjust:exact}
.tlp .tlp-label{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;\
letter-spacing:.03em}
.tlp .tlp-audience{font-weight:400}
.glance h3{font-size:.95rem;margin:1rem 0 .4rem}
.glance .rows{list-style:none;padding:0;margin:0}
.glance .rows li{display:grid;grid-template-columns:minmax(6rem,38%) 1fr auto;gap:.5rem;\
align-items:center;margin:.15rem 0;font-size:.9rem}
.glance .rows .what{text-align:end}
.glance svg{display:block;width:100%;height:.9rem}
.glance .n{font-variant-numeric:tabular-nums;color:var(--muted);font-size:.85rem}
.glance .key{list-style:none;padding:0;margin:.2rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;\
font-size:.85rem}
.glance .swatch{display:inline-block;width:.7rem;height:.7rem;margin-inline-end:.3rem;\
vertical-align:-.05rem;border-radius:.1rem}
.ink-planned{fill:var(--ink-planned);background:var(--ink-planned)}
.ink-under-way{fill:var(--ink-under-way);background:var(--ink-under-way)}
.ink-completed{fill:var(--ink-completed);background:var(--ink-completed)}
.ink-unclear{fill:var(--ink-unclear);background:var(--ink-unclear)}
.ink-bar{fill:var(--ink-bar)}
.glance .span-due{fill:var(--under-way);stroke:var(--ink-under-way);stroke-width:1.5;\
stroke-dasharray:3 2}
.glance .span-deadline{stroke:var(--ink-under-way);stroke-width:3}
.glance .span-event{fill:var(--ink-bar)}
.glance .span-observed{fill:var(--ink-completed)}
.glance .span-contradicted{fill:var(--ink-alarm)}
.glance svg.mark{display:inline-block;width:1.1rem;height:.8rem;margin-inline-end:.3rem;\
vertical-align:middle}
.glance .tick{stroke:var(--rule);stroke-width:1}
.glance svg.grades{width:auto;height:5.5rem;max-width:100%}
.glance svg.grades text{fill:var(--fg);font-size:11px}
.glance .years{display:flex;font-size:.75rem;color:var(--muted)}
.glance .years span{flex:1;text-align:center;border-inline-start:1px solid var(--rule)}
.glance details{margin:.6rem 0;font-size:.9rem}
@media (max-width:40rem){.glance .rows li{grid-template-columns:1fr auto}
.glance .rows .what{grid-column:1/-1;text-align:start}}
ul,ol{padding-inline-start:1.5rem}
li{margin:.2rem 0}
ul.timeline{list-style:none;padding-inline-start:0}
.timeline time{font-weight:600}
@media print{
@page{margin:1.5cm}
:root{--fg:#000;--bg:#fff;--muted:#333;--link:#000;--card:#fff;--rule:#999}
body{max-width:none;padding:0;font-size:11pt}
nav.toc{display:none}
.item{border:1px solid var(--rule);break-inside:avoid}
h2,h3{break-after:avoid}
li{break-inside:avoid}
a{text-decoration:none}
a.external::after{content:" <" attr(href) ">";font-size:.9em}
.table{overflow:visible}
th,td{overflow-wrap:anywhere}
}
"""


def text(value: str) -> str:
    """Escape data text for HTML: made visible, on one line, quotes escaped too."""
    return escape(one_line(value), quote=True)


# The language of the page being rendered: the briefing's, set by `_head`.
_PAGE_LANGUAGE: ContextVar[str] = ContextVar("page_language", default=i18n.DEFAULT)


def _base(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


def ui(label: str) -> str:
    """Interface text, escaped, tagged with its own language where the page's differs.

    A briefing shown in its original when the interface speaks another language
    (or in a language the interface lacks, such as Hebrew) keeps its labels
    pronounced, and laid out, in theirs.
    """
    escaped = text(label)
    current = i18n.current
    if not escaped or _base(current) == _base(_PAGE_LANGUAGE.get()):
        return escaped
    direction = "rtl" if _base(current) in _RTL else "ltr"
    return f'<span lang="{current}" dir="{direction}">{escaped}</span>'


def _safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) URL the page may link to, else None."""
    if not url or UNSAFE.search(url) or not _URL.fullmatch(url):
        return None
    return url


class _Ids:
    """Hands out element ids that are safe in a URL fragment and unique in the page."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def new(self, prefix: str, *parts: str) -> str:
        """Return `prefix-part-part`, lower-cased, with a number added if already taken."""
        words = [prefix]
        for part in parts:
            # Accents dropped (`é` -> `e`) so fragments stay ASCII where the script allows.
            folded = unicodedata.normalize("NFKD", part.casefold())
            folded = "".join(c for c in folded if not unicodedata.combining(c))
            slug = _NOT_ID.sub("-", folded).strip("-_")
            if slug:
                words.append(slug)
        base = "-".join(words)[:80].rstrip("-")
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


class _Page:
    """One page being built: its ids, and where each citation points."""

    def __init__(
        self,
        briefing: Briefing,
        cites: Citations,
        sections: list[Section],
        today: PartialDate | None = None,
    ) -> None:
        self.briefing = briefing
        self.today = today  # the day items are marked overdue against; None marks none
        self.cites = cites
        self.sections = sections
        # Theme links point only at themes that have a section on this page.
        self.shown = {s.theme.id for s in sections}
        # Fixed sections take their ids first, so no data id can take them.
        self.ids = _Ids()
        for fixed in (
            "top",
            "contents",
            "at-a-glance",
            "bottom-line",
            "open-questions",
            "timeline",
            "sources",
            "revisions",
        ):
            self.ids.new(fixed)
        self.theme_ids = {t.id: self.ids.new("theme", t.id) for t in briefing.themes}
        self.item_ids = {i.id: self.ids.new("item", i.id) for i in briefing.items}
        # Every source has one entry in the Sources list, cited or not.
        self.source_ids = {s.id: self.ids.new("source", s.id) for s in briefing.sources}

    def theme_link(self, theme_id: str) -> str:
        """The theme's title, linked to its section if this page has one."""
        title = text(self.briefing.theme(theme_id).title)
        if theme_id not in self.shown:
            return title
        return f'<a href="#{self.theme_ids[theme_id]}">{title}</a>'

    def marks(self, refs: tuple[SourceRef, ...], item: Item | Signpost | None = None) -> str:
        """Numbered citation links such as `[1, p. 2; p. 5] (B2)`, each to its Sources entry.

        The grade after each link is the source's reliability and the item's credibility.
        """
        links = []
        for source_id, places in self.cites.grouped(refs):
            where = "".join(", " + text(place) for place in places[:1]) + "".join(
                "; " + text(place) for place in places[1:]
            )
            hint = text(self.briefing.source(source_id).title)
            links.append(
                f'<a class="cite" href="#{self.source_ids[source_id]}" title="{hint}">'
                f"[{self.cites.numbers[source_id]}{where}]</a>"
                + _grade(citation_grade(self.briefing, SourceRef(source_id), item))
            )
        return ", ".join(links)


def _grade(grade: str) -> str:
    """A compact grade after a citation, as text (the legend explains it)."""
    return f' <span class="grade">({text(grade)})</span>' if grade else ""


def _legend(briefing: Briefing) -> list[str]:
    """The grades shown, explained once: a heading and a list of the codes."""
    lines = grade_legend(briefing)
    if not lines:
        return []
    return [
        '<section aria-labelledby="grades">',
        _h2("grades", _("Grades")),
        '<ul class="legend">',
        *(f"<li>{ui(line)}</li>" for line in lines),
        "</ul>",
        "</section>",
    ]


def _details(source: Source) -> list[str]:
    """A source's descriptor as a definition list; addresses link only when they are safe."""
    out = ['<dl class="descriptor">']
    for label, value in source_details(source):
        shown = text(value)
        url = _safe_url(value) if label == _("Archived copy") else None
        if url:
            shown = f'<a class="external" href="{escape(url, quote=True)}">{shown}</a>'
        out += [f"<dt>{ui(label)}</dt>", f"<dd>{shown}</dd>"]
    return [*out, "</dl>"]


def _label(label: str) -> str:
    return f'<span class="label">{ui(label)}</span>'


def _h2(anchor: str, label: str) -> str:
    return f'<h2 id="{anchor}">{ui(label)}</h2>'


def _none(label: str) -> str:
    """A note that nothing is shown, such as `No sources match.`."""
    return f"<p><em>{ui(label)}</em></p>"


def _status(status: str) -> str:
    """The status in words; the colour only repeats it."""
    kind = status if status in STATUSES else "unclear"
    return f'<span class="status status-{kind}">{ui(status_name(status))}</span>'


def _time(date: PartialDate, written: str | None = None) -> str:
    """A date in a `<time>` element: as people write it, unless `written` says how."""
    return f'<time datetime="{date}">{ui(format_date(date) if written is None else written)}</time>'


def _head(title: str, language: str) -> list[str]:
    _PAGE_LANGUAGE.set(language)
    lang = text(language)
    rtl = ' dir="rtl"' if _base(language) in _RTL else ""
    return [
        "<!doctype html>",
        f'<html lang="{lang}"{rtl}>',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{title}</title>",
        "<style>",
        _STYLE.rstrip("\n"),
        "</style>",
        "</head>",
        "<body>",
    ]


def _banner(briefing: Briefing) -> list[str]:
    """The handling marking as a banner in FIRST's colours (label on black); none if unmarked."""
    mark = marking(briefing)
    if mark is None:
        return []
    # The colours are FIRST's fixed ones, never data: each passes WCAG AA on black.
    return [
        f'<p class="tlp" role="note" style="background:{BACKGROUND}">'
        f'<span class="tlp-label" style="color:{mark.colour}">{text(mark.label)}</span> '
        f'<span class="tlp-audience">— {ui(mark.audience)}</span></p>'
    ]


def _span_mark(kind: str, x: float, width: float) -> str:
    """One span on the timeline drawing, shaped by what it is, so colour only repeats it.

    An event is a solid bar in a neutral ink (no status's colour); a due date an outlined
    bar closed by a heavy stroke at its end (the date it is due by); a signpost seen a
    thinner bar, green when observed and red when contradicted.
    """
    if kind == "due":
        return (
            f'<rect class="span-due" x="{x:.3f}" y="1.5" width="{width:.3f}" height="7" '
            'vector-effect="non-scaling-stroke"/>'
            f'<line class="span-deadline" x1="{x + width:.3f}" y1="0" x2="{x + width:.3f}" y2="10" '
            'vector-effect="non-scaling-stroke"/>'
        )
    if kind in ("observed", "contradicted"):
        return f'<rect class="span-{kind}" x="{x:.3f}" y="3.5" width="{width:.3f}" height="3"/>'
    return f'<rect class="span-event" x="{x:.3f}" y="2" width="{width:.3f}" height="6"/>'


def _glance(briefing: Briefing) -> list[str]:
    """The at-a-glance block: inline SVG drawn from the data, no script, with the facts in words.

    Labels and counts are HTML text beside each drawing, so they wrap and stay
    readable at any width; the drawings repeat them (aria-hidden), and a list
    says everything again in sentences. Colours come from the page's own
    variables, so dark mode redraws them.
    """
    from briefing.formats.glance import glance

    g = glance(briefing)
    if g is None:
        return []
    out = [
        '<section class="glance" aria-labelledby="at-a-glance">',
        _h2("at-a-glance", g["heading"]),
    ]
    if g["rows"]:
        most = max(row["total"] for row in g["rows"])
        out += [f"<h3>{ui(g['status_heading'])}</h3>", '<ul class="key">']
        out += [
            f'<li><span class="swatch ink-{s["key"]}"></span>{ui(s["name"])}</li>'
            for s in g["statuses"]
        ]
        out += ["</ul>", '<ul class="rows">']
        for row in g["rows"]:
            rects, x = [], 0.0
            for status in g["statuses"]:
                n = row["counts"][status["key"]]
                if n:
                    w = 100 * n / most
                    rects.append(
                        f'<rect class="ink-{status["key"]}" x="{x:.3f}" y="0" '
                        f'width="{w:.3f}" height="10"/>'
                    )
                    x += w
            counts = ", ".join(
                f"{row['counts'][s['key']]} {s['name']}"
                for s in g["statuses"]
                if row["counts"][s["key"]]
            )
            out.append(
                f'<li><span class="what">{text(row["theme"])}</span>'
                '<svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" '
                f'focusable="false">{"".join(rects)}</svg>'
                f'<span class="n" title="{text(counts)}">{row["total"]}</span></li>'
            )
        out.append("</ul>")
    if g["grades"]:
        codes = list(g["grades"])
        most = max(1, *g["grades"].values())
        width = 28 * len(codes)
        bars = []
        for i, code in enumerate(codes):
            n = g["grades"][code]
            h = 50 * n / most
            x = 28 * i + 6
            bars += [
                f'<rect class="ink-bar" x="{x}" y="{62 - h:.2f}" width="16" height="{h:.2f}"/>',
                f'<text x="{x + 8}" y="{58 - h:.2f}" text-anchor="middle">{n}</text>',
                f'<text x="{x + 8}" y="76" text-anchor="middle" font-weight="bold">'
                f"{text(code)}</text>",
                f'<line class="tick" x1="{x - 2}" y1="62.5" x2="{x + 18}" y2="62.5"/>',
            ]
        out += [
            f"<h3>{ui(g['grades_heading'])}</h3>",
            f'<svg class="grades" viewBox="0 0 {width} 80" width="{width}" aria-hidden="true" '
            f'focusable="false">{"".join(bars)}</svg>',
        ]
    axis = g["axis"]
    if axis is not None:
        years = axis["end"] - axis["start"]

        def at(t: float) -> float:
            return 100 * (t - axis["start"]) / years

        ticks = "".join(
            f'<line class="tick" x1="{at(y):.3f}" y1="0" x2="{at(y):.3f}" y2="10" '
            'vector-effect="non-scaling-stroke"/>'
            for y in range(axis["start"], axis["end"] + 1)
        )
        out.append(f"<h3>{ui(g['timeline_heading'])}</h3>")
        if axis["kinds"]:  # the key: what each shape of span is
            out.append('<ul class="key">')
            out += [
                f'<li><svg class="mark" viewBox="0 0 14 10" aria-hidden="true" '
                f'focusable="false">{_span_mark(k["key"], 0, 14)}</svg>{ui(k["name"])}</li>'
                for k in axis["kinds"]
            ]
            out.append("</ul>")
        out.append('<ul class="rows">')
        for event in axis["events"]:
            x0, x1 = at(event["from"]), at(event["to"])
            out.append(
                f'<li><span class="what">{ui(event["date"])} — {text(event["title"])}</span>'
                '<svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" '
                f'focusable="false">{ticks}{_span_mark(event["kind"], x0, max(x1 - x0, 0.4))}'
                "</svg><span></span></li>"
            )
        labels = "".join(f"<span>{y}</span>" for y in range(axis["start"], axis["end"]))
        out += [
            '<li aria-hidden="true"><span class="what"></span>'
            f'<span class="years">{labels}</span><span></span></li>',
            "</ul>",
        ]
    out += [
        "<details>",
        f"<summary>{ui(_('At a glance, in words'))}</summary>",
        "<ul>",
        *(f"<li>{text(line)}</li>" for line in g["text"]),
        "</ul>",
        "</details>",
        "</section>",
    ]
    return out


def _header(briefing: Briefing, prefix: str = "") -> list[str]:
    """The page's head: title, subtitle, as of, parties and any filter."""
    title = (text(prefix) + " " if prefix else "") + text(briefing.title)
    out = [*_head(title, briefing.language), *_banner(briefing), "<header>"]
    out.append(f'<h1 id="top">{(ui(prefix) + " " if prefix else "") + text(briefing.title)}</h1>')
    if briefing.subtitle and not prefix:
        out.append(f'<p class="subtitle">{text(briefing.subtitle)}</p>')
    shown = as_of(briefing.as_of, show=lambda written: _time(briefing.as_of, written), plain=ui)
    out += ['<ul class="facts">', f"<li>{shown}</li>"]
    if briefing.parties and not prefix:
        parties = "; ".join(
            text(p.name) + (f" ({text(p.forces)})" if p.forces else "") for p in briefing.parties
        )
        out.append("<li>" + _label(_("Parties:")) + f" {parties}</li>")
    out.append("</ul>")
    notes = filter_notes(briefing)
    if notes:
        shown = " · ".join(
            _label(_("{label}:").format(label=label)) + " " + text(value) for label, value in notes
        )
        filtered = _label(_("Filtered"))
        out.append(f'<p class="filter">{filtered} — {shown} ({ui(count_note(briefing))})</p>')
    return [*out, "</header>"]


def _end(out: list[str]) -> str:
    return "\n".join([*out, "</body>", "</html>"]) + "\n"


def _item(page: _Page, item: Item) -> list[str]:
    briefing = page.briefing
    meta = [_label(_("Status:")) + f" {_status(item.status)}"]
    if item.attribution:
        meta.append(_label(_("Attribution:")) + f" {text(item.attribution)}")
    others = other_themes(item, briefing)
    if others:
        links = ", ".join(page.theme_link(t.id) for t in others)
        meta.append(_label(_("Also:")) + f" {links}")
    if item.tlp is not None:
        meta.append(_label(_("Marking:")) + f" {text(tlp_label(item.tlp))}")
    meta += [
        _label(label)
        if words is None
        else _label(_("{label}:").format(label=label)) + f" {ui(words)}"
        for parts in grade_lines(item)
        for label, words in parts
    ]
    return [
        '<article class="item">',
        f'<h3 id="{page.item_ids[item.id]}">{text(item.title)}</h3>',
        '<p class="meta">' + " · ".join(meta) + "</p>",
        f"<p>{text(item.summary)}</p>",
        *_tracking(page, item),
        "<p>" + _label(_("Sources:")) + f" {page.marks(item.sources, item)}</p>",
        "</article>",
    ]


def _tracking(page: _Page, item: Item) -> list[str]:
    """An item's due date (marked when overdue) and its signposts."""
    out = []
    due = due_note(item)
    if due is not None:
        mark = f" — <strong>{ui(_('OVERDUE'))}</strong>" if overdue(item, page.today) else ""
        out.append(f"<p>{ui(due[:1].upper() + due[1:])}{mark}</p>")
    if item.signposts:
        out += ["<p>" + _label(_("Signposts:")) + "</p>", '<ul class="signposts">']
        out += [_signpost(page, s) for s in item.signposts]
        out.append("</ul>")
    return out


def _signpost(page: _Page, signpost: Signpost) -> str:
    """One signpost as a list entry: its text, its standing and, once seen, its citations."""
    shown = text(signpost.text)
    if signpost.status == "contradicted":
        shown = f"<strong>{shown}</strong>"
    marks = " " + page.marks(signpost.sources, signpost) if signpost.sources else ""
    return f'<li>{shown} <span class="muted">({ui(signpost_note(signpost))})</span>{marks}</li>'


def _timeline_list(page: _Page) -> list[str]:
    briefing = page.briefing
    out = ['<ul class="timeline">']
    for entry in timeline(briefing):
        out.append(f"<li>{_entry(page, entry)}</li>")
    return [*out, "</ul>"]


def _entry(page: _Page, entry: TimelineEntry) -> str:
    line = f"{_time(entry.date)} — {text(entry.title)}"
    if entry.sources:
        line += " " + page.marks(entry.sources)
    if entry.themes:
        themes = ", ".join(page.theme_link(t) for t in entry.themes)
        line += f' <span class="muted">({themes})</span>'
    return line


def _source_line(source: Source) -> str:
    title = text(source.title)
    url = _safe_url(source.url)
    if url:
        title = f'<a class="external" href="{escape(url, quote=True)}">{title}</a>'
    elif source.url:
        title += f" &lt;{text(source.url)}&gt;"
    details = [text(d) for d in (source.kind, source.language) if d]
    if source.published:
        details.append(ui(_("published {date}").format(date=format_date(source.published))))
    return title + (f" ({', '.join(details)})" if details else "")


def _sources_section(page: _Page) -> list[str]:
    briefing = page.briefing
    if not briefing.sources:
        return []
    out = [
        '<section aria-labelledby="sources">',
        _h2("sources", _("Sources")),
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
    page = _Page(briefing, Citations.of(briefing), shown, options.today)
    asked = open_questions(briefing)
    out = _header(briefing)
    toc = [("bottom-line", ui(_("Bottom line")))]
    toc += [(page.theme_ids[s.theme.id], text(s.theme.title)) for s in shown]
    if asked:
        toc.append(("open-questions", ui(_("What we don’t know"))))
    if briefing.timeline:
        toc.append(("timeline", ui(_("Timeline"))))
    legend = _legend(briefing)
    if legend:
        toc.append(("grades", ui(_("Grades"))))
    if briefing.sources:
        toc.append(("sources", ui(_("Sources"))))
    revised = revisions(briefing)
    if revised:
        toc.append(("revisions", ui(_("Revisions"))))
    # The page opens with what readers would rather look at than read.
    out += [
        *_glance(briefing),
        '<nav class="toc" aria-labelledby="contents">',
        _h2("contents", _("Contents")),
        "<ol>",
        *[f'<li><a href="#{anchor}">{title}</a></li>' for anchor, title in toc],
        "</ol>",
        "</nav>",
        "<main>",
        '<section aria-labelledby="bottom-line">',
        _h2("bottom-line", _("Bottom line")),
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
        out.append(_none(_("No items match this filter.")))
    if asked:
        out += [
            '<section aria-labelledby="open-questions">',
            _h2("open-questions", _("What we don’t know")),
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
            _h2("timeline", _("Timeline")),
            *_timeline_list(page),
            "</section>",
        ]
    out += [*legend, *_sources_section(page)]
    if revised:
        out += [
            '<section aria-labelledby="revisions">',
            _h2("revisions", _("Revisions")),
            '<ul class="revisions">',
            *[f"<li>{_time(r.date)} — {text(r.summary)}</li>" for r in revised],
            "</ul>",
            "</section>",
        ]
    out.append("</main>")
    return _end(out)


def _cited(briefing: Briefing) -> tuple[Source, ...]:
    used = {r.source for e in briefing.timeline for r in e.sources}
    return tuple(s for s in briefing.sources if s.id in used)


def render_timeline(briefing: Briefing, options: OutputOptions) -> str:
    """Render the dated events in order, with their citations, as an HTML page."""
    only_timeline = briefing._replace(items=(), sources=_cited(briefing))
    page = _Page(only_timeline, Citations.of(only_timeline), [])
    out = [*_header(briefing, _("Timeline:")), "<main>"]
    tracked = tracking_dates(briefing)
    if briefing.timeline:
        out += _timeline_list(page)
    elif not tracked:
        out.append(_none(_("No timeline entries match.")))
    if tracked:
        out += [f"<h2>{ui(_('Due dates and signposts seen'))}</h2>", '<ul class="timeline">']
        for d in tracked:
            label = text(d.label())
            label = f"<strong>{label}</strong>" if d.kind == "contradicted" else label
            item = f' <span class="muted">({text(d.item.title)})</span>' if d.signpost else ""
            out.append(f"<li>{_time(d.date)} — {label}{item}</li>")
        out.append("</ul>")
    out += [*_legend(only_timeline), *_sources_section(page), "</main>"]
    return _end(out)


def render_sources(briefing: Briefing, options: OutputOptions) -> str:
    """Render each source with the items and timeline entries that cite it, as an HTML page."""
    ids = _Ids()
    ids.new("top")
    out = [*_header(briefing, _("Sources:")), "<main>"]
    for source, uses in source_uses(briefing):
        anchor = ids.new("source", source.id)
        out += [
            f'<section aria-labelledby="{anchor}">',
            f'<h2 id="{anchor}">{text(source.title)}</h2>',
            "<p>" + _label(_("Id:")) + f" {text(source.id)}</p>",
            f"<p>{_source_line(source)}</p>",
            *_details(source),
        ]
        if uses:
            cited = ngettext("Cited {n} time:", "Cited {n} times:", len(uses))
            out += [f"<p>{ui(cited.format(n=len(uses)))}</p>", "<ul>"]
            for use in uses:
                where = f" — {text(use.locator)}" if use.locator else ""
                label = _("Item:") if use.kind == "item" else _("Timeline:")
                grade = _grade(citation_grade(briefing, SourceRef(source.id), use.item))
                out.append(f"<li>{_label(label)} {text(use.title)}{grade}{where}</li>")
            out.append("</ul>")
        else:
            out.append(_none(_("Not cited by anything shown.")))
        out.append("</section>")
    if not briefing.sources:
        out.append(_none(_("No sources match.")))
    return _end([*out, *_legend(briefing), "</main>"])


def _table(head: list[tuple[str, bool]], rows: list[list[str]]) -> list[str]:
    """A table; each head cell says whether its column holds numbers (aligned at the end)."""
    right = ' class="n"'
    # On a narrow screen each row becomes a card and each cell shows its column's name.
    labels = [f' data-label="{text(h)}"' + right * n for h, n in head]
    # Cells break only between words so columns keep their width; a word wider than the
    # screen scrolls within the table, never the page.
    out = ['<div class="table"><table>', "<thead><tr>"]
    out[-1] += "".join(f'<th scope="col"{right * n}>{ui(h)}</th>' for h, n in head)
    out[-1] += "</tr></thead>"
    out.append("<tbody>")
    for row in rows:
        cells = "".join(f"<td{label}>{cell}</td>" for cell, label in zip(row, labels, strict=True))
        out.append(f"<tr>{cells}</tr>")
    return [*out, "</tbody>", "</table></div>"]


def render_themes(briefing: Briefing, options: OutputOptions) -> str:
    """Render the themes as an HTML table with their item counts."""
    title = _("Themes:")
    out = [*_head(text(title) + " " + text(briefing.title), briefing.language), "<main>"]
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
    return _end([*out, *_table(head, rows), "</main>"])


def render_catalog(
    briefings: list[Briefing], options: OutputOptions, invalid: Sequence[InvalidFile] = ()
) -> str:
    """Render the loaded briefings as an HTML table; then the invalid files left out."""
    from briefing.formats.views import invalid_note

    title = text(_("Briefings"))
    out = [*_head(title, i18n.current), "<main>", f'<h1 id="top">{title}</h1>']
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
            _time(b.as_of, format_date(b.as_of, tag=b.language)),
            str(len(b.items)),
            text(b.origin),
        ]
        for b in briefings
    ]
    out += _table(head, rows)
    if invalid:
        out += [f"<h2>{ui(_('Invalid files, left out'))}</h2>", "<ul>"]
        out += [
            f"<li>{text(str(bad.problems[0]))} — {text(invalid_note(bad))}</li>" for bad in invalid
        ]
        out.append("</ul>")
    return _end([*out, "</main>"])


def render_watch(watch: Watch, options: OutputOptions) -> str:
    """What stands where as of a date, by theme, as one HTML page."""
    seen_refs = [r for s in watch.seen for r in s.signpost.sources]
    cites = Citations(seen_refs)
    cited = tuple(s for s in watch.briefing.sources if s.id in cites.numbers)
    briefing = watch.briefing._replace(sources=cited)
    page = _Page(briefing, cites, [])
    out = [*_header(briefing, _("Watch:")), "<main>", f"<p>{ui(watch_summary(watch))}</p>"]
    for group in watch_groups(watch):
        anchor = page.theme_ids[group.theme.id]
        out += ["<section>", f'<h2 id="{anchor}">{text(group.theme.title)}</h2>']
        for label, items in ((_("Overdue"), group.overdue), (_("Due soon"), group.due)):
            if items:
                out += [f"<h3>{ui(label)}</h3>", "<ul>"]
                out += [
                    f"<li>{text(i.title)} — {ui(due_note(i) or '')} {_status(i.status)}</li>"
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
    return _end(out)
