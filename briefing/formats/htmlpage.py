"""The parts of an HTML page: escaping, the style sheet, the head, ids, tables, the glance panel."""

from __future__ import annotations

import re
import unicodedata
from contextvars import ContextVar
from html import escape

from briefing import i18n
from briefing.formats.views import (
    Citations,
    Section,
    citation_grade,
    grade_legend,
    marking,
    source_details,
    status_name,
)
from briefing.i18n import _, format_date
from briefing.model import (
    STATUSES,
    Briefing,
    Item,
    PartialDate,
    Signpost,
    Source,
    SourceRef,
)
from briefing.text import UNSAFE, one_line
from briefing.tlp import BACKGROUND

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


# The language of the page being rendered: the briefing's, set by `head_lines`.
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


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) URL the page may link to, else None."""
    if not url or UNSAFE.search(url) or not _URL.fullmatch(url):
        return None
    return url


class Ids:
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


class Page:
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
        self.ids = Ids()
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
                + grade_mark(citation_grade(self.briefing, SourceRef(source_id), item))
            )
        return ", ".join(links)


def grade_mark(grade: str) -> str:
    """A compact grade after a citation, as text (the legend explains it)."""
    return f' <span class="grade">({text(grade)})</span>' if grade else ""


def legend_lines(briefing: Briefing) -> list[str]:
    """The grades shown, explained once: a heading and a list of the codes."""
    lines = grade_legend(briefing)
    if not lines:
        return []
    return [
        '<section aria-labelledby="grades">',
        heading2("grades", _("Grades")),
        '<ul class="legend">',
        *(f"<li>{ui(line)}</li>" for line in lines),
        "</ul>",
        "</section>",
    ]


def details_lines(source: Source) -> list[str]:
    """A source's descriptor as a definition list; addresses link only when they are safe."""
    out = ['<dl class="descriptor">']
    for label, value in source_details(source):
        shown = text(value)
        url = safe_url(value) if label == _("Archived copy") else None
        if url:
            shown = f'<a class="external" href="{escape(url, quote=True)}">{shown}</a>'
        out += [f"<dt>{ui(label)}</dt>", f"<dd>{shown}</dd>"]
    return [*out, "</dl>"]


def label_span(label: str) -> str:
    """A label of the page's own wording, styled as one."""
    return f'<span class="label">{ui(label)}</span>'


def heading2(anchor: str, label: str) -> str:
    """A section heading with its anchor."""
    return f'<h2 id="{anchor}">{ui(label)}</h2>'


def none_note(label: str) -> str:
    """A note that nothing is shown, such as `No sources match.`."""
    return f"<p><em>{ui(label)}</em></p>"


def status_mark(status: str) -> str:
    """The status in words; the colour only repeats it."""
    kind = status if status in STATUSES else "unclear"
    return f'<span class="status status-{kind}">{ui(status_name(status))}</span>'


def time_tag(date: PartialDate, written: str | None = None) -> str:
    """A date in a `<time>` element: as people write it, unless `written` says how."""
    return f'<time datetime="{date}">{ui(format_date(date) if written is None else written)}</time>'


def head_lines(title: str, language: str) -> list[str]:
    """The page's start: doctype, language and direction, security policy, title, style."""
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


def banner_lines(briefing: Briefing) -> list[str]:
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


def page_end(out: list[str]) -> str:
    """The page's lines closed and joined into its text."""
    return "\n".join([*out, "</body>", "</html>"]) + "\n"


def table_lines(head: list[tuple[str, bool]], rows: list[list[str]]) -> list[str]:
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
