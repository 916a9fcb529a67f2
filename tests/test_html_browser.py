"""The HTML page in a real browser (Chromium through Playwright): safe, offline, fits, prints.

Skipped where Chromium or Playwright is missing, except in CI, which installs both (.ci/run).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing import i18n
from briefing.delivery.console import OutputOptions
from briefing.formats import html
from tests.conftest import default_briefing
from tests.html_pages import plain, sample

pytestmark = pytest.mark.browser

# Skipped on a machine without them; in CI (CI set) a missing one is a failure.
IN_CI = bool(os.environ.get("CI"))
if IN_CI:
    from playwright import sync_api
else:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and not IN_CI:
    pytest.skip("chromium is not installed", allow_module_level=True)

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
OPTIONS = OutputOptions()
VIEWS = ["render_briefing", "render_timeline", "render_sources", "render_themes"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for the module; each test opens its own pages."""
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Tab:
    """A browser tab that loads pages from files and logs what they ask for, say and open."""

    def __init__(self, browser: Any, folder: Path, **context: Any) -> None:
        self.folder = folder
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.url = ""

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def load(self, source: str, name: str = "page.html") -> Any:
        """Write the page to a file, open it, and return the Playwright page."""
        path = self.folder / name
        path.write_text(source, encoding="utf-8")
        self.requests.clear()
        self.url = path.as_uri()
        self.page.goto(self.url)
        return self.page


@pytest.fixture
def tab(browser, tmp_path) -> Iterator[Any]:
    """Open tabs (`tab(viewport=..., color_scheme=...)`); all are closed after the test."""
    opened: list[Tab] = []

    def _open(**context: Any) -> Tab:
        opened.append(Tab(browser, tmp_path, **context))
        return opened[-1]

    yield _open
    for each in opened:
        each.context.close()


def all_pages(briefing) -> dict[str, str]:
    out = {view: getattr(html, view)(briefing, OPTIONS) for view in VIEWS}
    out["render_catalog"] = html.render_catalog([briefing], OPTIONS)
    return out


def test_shipped_briefing_loads_offline_without_errors(tab):
    opened = tab()
    for view, source in all_pages(default_briefing()).items():
        page = opened.load(source, f"{view}.html")
        assert opened.requests == [opened.url], view
        assert page.evaluate("document.scripts.length") == 0, view
    assert opened.errors == []


PAYLOADS = {
    "title": "<script>window.pwned='title'</script>",
    "subtitle": "<img src=x onerror=\"window.pwned='img'\">",
    "summary": "</style><script>alert('style')</script>\n\n</p><svg onload=alert('svg')>",
    "theme1": "</title><script>alert('t')</script>",
    "item1": '" autofocus onfocus="window.pwned=\'focus\'" x="',
    "item1_id": "\" onmouseover=\"alert('id')",
    "attribution": "<a href=\"javascript:window.pwned='a'\">click</a>",
    "locator": "' onmouseover='alert(1)' '",
    "question": "<iframe src=\"javascript:alert('iframe')\"></iframe>",
    "event": "<meta http-equiv=refresh content=\"0;url=javascript:alert('meta')\">",
    "source1": "<style>body{display:none}</style>",
}


def hostile(field: str) -> str:
    return PAYLOADS.get(field, plain(field))


# Events a curious reader triggers: pointer over, focus, click; run in the page for speed.
POKE = """() => {
    for (const e of document.querySelectorAll('body *')) {
        for (const type of ['mouseover', 'mouseenter', 'pointerover']) {
            e.dispatchEvent(new MouseEvent(type, {bubbles: true}));
        }
        if (e.focus) e.focus();
    }
    for (const a of document.querySelectorAll('a[href^="#"]')) a.click();
}"""
HANDLERS = """[...document.querySelectorAll('*')]
    .flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'))"""


@pytest.mark.parametrize("with_policy", [True, False], ids=["as-shipped", "escaping-alone"])
def test_data_that_tries_to_run_script_runs_nothing(tab, with_policy):
    """Escaping alone must hold: the page's Content-Security-Policy is only a second line."""
    opened = tab()
    for view, source in all_pages(sample(hostile, url="javascript:window.pwned='url'")).items():
        if not with_policy:
            source, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", source)
            assert n == 1
        page = opened.load(source, f"{view}.html")
        page.evaluate(POKE)
        page.wait_for_timeout(50)
        assert page.evaluate("typeof window.pwned") == "undefined", view
        assert page.evaluate("document.scripts.length") == 0, view
        assert page.evaluate(HANDLERS) == [], view
        assert page.query_selector_all('a[href^="javascript:" i]') == [], view
        assert page.query_selector_all("iframe, img, meta[http-equiv=refresh]") == []
        # The only drawings are the page's own at-a-glance ones, made of shapes and text.
        assert page.query_selector_all("svg:not(.glance svg)") == [], view
        assert (
            page.evaluate(
                "[...document.querySelectorAll('.glance svg *')].map(e => e.localName)"
                ".filter(n => !['rect', 'line', 'text'].includes(n))"
            )
            == []
        ), view
        assert all(r == opened.url for r in opened.requests), (view, opened.requests)
    assert opened.dialogs == []
    page = opened.load(html.render_briefing(sample(hostile), OPTIONS), "shown.html")
    assert page.inner_text("h1") == PAYLOADS["title"]
    assert page.is_visible("main .item")


UNRESOLVED = """[...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href'))
    .filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))"""


def test_every_citation_and_internal_link_resolves(tab, run):
    cases = {f"en-{v}": s for v, s in all_pages(default_briefing()).items()}
    cases |= {f"sample-{v}": s for v, s in all_pages(sample(plain)).items()}
    for command in ("show", "timeline", "sources"):
        result = run("--lang", "fr", command, "--format", "html")
        assert result.exit_code == 0, result.stderr
        cases[f"fr-{command}"] = result.stdout
    i18n.activate("en")
    opened = tab()
    for name, source in cases.items():
        page = opened.load(source, f"{name}.html")
        missing = page.evaluate(UNRESOLVED)
        assert missing == [], name
    page = opened.load(html.render_briefing(default_briefing(), OPTIONS))
    cites = page.query_selector_all('a.cite[href^="#source-"]')
    assert len(cites) > 5
    target = cites[-1].get_attribute("href")
    cites[-1].click()
    assert page.evaluate("location.hash") == target
    assert page.evaluate("document.querySelector(':target').tagName") == "LI"


LONG = "x" * 400


def long_words(field: str) -> str:
    """Every text a single unbroken word far wider than a phone's screen."""
    return f"{field}{LONG}" if field != "summary" else f"{LONG}\n\n{LONG}"


@pytest.mark.parametrize("width", [375, 1280])
def test_no_horizontal_scrolling(tab, width):
    long_url = "https://example.org/" + "a" * 600
    cases = {
        "shipped": all_pages(default_briefing()),
        "long-words": all_pages(sample(long_words, url=long_url)),
    }
    opened = tab(viewport={"width": width, "height": 800})
    for case, sources in cases.items():
        for view, source in sources.items():
            page = opened.load(source, f"{case}-{view}.html")
            for media in ("screen", "print"):
                page.emulate_media(media=media)
                scroll, client = page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                assert scroll <= client, (case, view, media, width, scroll, client)


def test_colour_schemes_differ_and_keep_contrast(tab):
    source = html.render_briefing(default_briefing(), OPTIONS)
    colours = {}
    for scheme in ("light", "dark"):
        page = tab(color_scheme=scheme).load(source, f"{scheme}.html")
        colours[scheme] = page.evaluate(
            "[document.body, document.querySelector('a.cite')].flatMap(e => "
            "[getComputedStyle(e).color, getComputedStyle(document.body).backgroundColor])"
        )
    assert colours["light"] != colours["dark"]
    for text, background, link, _background in colours.values():
        assert contrast(text, background) >= 7
        assert contrast(link, background) >= 4.5


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two `rgb(r, g, b)` colours."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(fg), luminance(bg)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_print_hides_the_contents_and_shows_link_urls(tab):
    page = tab().load(html.render_briefing(sample(plain), OPTIONS))
    assert page.is_visible("nav.toc")
    page.emulate_media(media="print")
    assert not page.is_visible("nav.toc")
    after = page.evaluate(
        "getComputedStyle(document.querySelector('a.external'), '::after').content"
    )
    assert "https://example.org/one" in after
    assert page.evaluate("getComputedStyle(document.querySelector('.item')).breakInside") == "avoid"


@pytest.mark.skipif(
    shutil.which("pdftotext") is None and not IN_CI, reason="pdftotext is not installed"
)
def test_printed_pdf_has_the_title_once_and_the_urls(tab, tmp_path):
    briefing = default_briefing()
    briefing = briefing._replace(
        sources=(*briefing.sources, sample(plain).sources[0]._replace(id="extra"))
    )
    page = tab().load(html.render_briefing(briefing, OPTIONS))
    pdf = tmp_path / "brief.pdf"
    page.pdf(path=str(pdf), format="A4")
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    text = " ".join(done.stdout.split())
    assert text.count(briefing.title) == 1
    assert "https://example.org/one" in text
    # The contents list is not printed: its heading, and its first entry between the
    # drawings (which name the themes too) and the bottom line, are not in the text.
    assert "Contents" not in text
    drawn = text.index("At a glance, in words")
    assert briefing.themes[0].title not in text[drawn : text.index("Bottom line")]


def test_at_a_glance_is_drawn_in_both_schemes_with_contrast(tab):
    source = html.render_briefing(default_briefing(), OPTIONS)
    fills = {}
    for scheme in ("light", "dark"):
        page = tab(color_scheme=scheme).load(source, f"glance-{scheme}.html")
        found = page.evaluate(
            "[...document.querySelectorAll('.glance svg rect')].map(r => getComputedStyle(r).fill)"
        )
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert found, scheme
        # Graphics carry meaning: WCAG 1.4.11 asks 3:1 against what surrounds them.
        for fill in set(found):
            assert contrast(fill, background) >= 3, (scheme, fill, background)
        fills[scheme] = set(found)
        assert not tab_has_script(page)
    assert fills["light"] != fills["dark"]


def tab_has_script(page: Any) -> bool:
    return bool(page.evaluate("document.querySelectorAll('script, foreignObject, use').length"))


def test_marking_banner_passes_wcag_aa(tab):
    from tests.conftest import ROOT

    marked = ROOT / "tests" / "fixtures" / "marked.yaml"
    from briefing.reading.loader import load

    for scheme in ("light", "dark"):
        page = tab(color_scheme=scheme).load(
            html.render_briefing(load([str(marked)])[0], OPTIONS), f"marked-{scheme}.html"
        )
        label, ground, words = page.evaluate(
            "(() => { const b = document.querySelector('.tlp');"
            " return [getComputedStyle(b.querySelector('.tlp-label')).color,"
            " getComputedStyle(b).backgroundColor,"
            " getComputedStyle(b.querySelector('.tlp-audience')).color]; })()"
        )
        assert contrast(label, ground) >= 4.5 and contrast(words, ground) >= 4.5
