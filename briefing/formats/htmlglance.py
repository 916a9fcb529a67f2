"""HTML's at-a-glance panel: inline SVG drawn from the data, no script, with the facts in words."""

from __future__ import annotations

from briefing.formats.htmlpage import heading2, text, ui
from briefing.i18n import _
from briefing.model import (
    Briefing,
)


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


def glance_panel(briefing: Briefing) -> list[str]:
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
        heading2("at-a-glance", g["heading"]),
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
