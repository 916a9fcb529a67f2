"""HTML page without a browser: escaping, ids and links, self-containment, labels."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing import i18n
from briefing.delivery.console import OutputOptions
from briefing.formats import html, htmlpage
from briefing.model import split_paragraphs
from briefing.text import one_line
from tests.conftest import default_briefing
from tests.html_pages import FIELDS, plain, sample

OPTIONS = OutputOptions()
VIEWS = ["render_briefing", "render_timeline", "render_sources", "render_themes"]


class Page(HTMLParser):
    """Every start tag with its attributes, the ids, and the text inside each tag."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.ids: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.open: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self.ids += [v for k, v in attrs if k == "id" and v is not None]
        if tag not in ("meta", "br"):
            self.open.append(tag)
            self.texts.setdefault(tag, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for tag in set(self.open):
            self.texts[tag][-1] += data

    def shape(self) -> list[tuple[str, list[str]]]:
        """The tags and attribute names, in order: what markup the page has."""
        return [(tag, [k for k, _v in attrs]) for tag, attrs in self.tags]

    def hrefs(self) -> list[str]:
        return [v or "" for tag, attrs in self.tags for k, v in attrs if k == "href"]


def pages(briefing) -> dict[str, str]:
    out = {view: getattr(html, view)(briefing, OPTIONS) for view in VIEWS}
    out["render_catalog"] = html.render_catalog([briefing], OPTIONS)
    return out


def data_like(value: str, counter: dict[str, str]) -> str:
    """Stand-in text: equal inputs get equal stand-ins, so ids collide where the data's do."""
    return counter.setdefault(value, f"p{len(counter)}")


# Text fields made of anything a YAML file could hold, including markup and controls.
ANYTHING = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)
MARKUP = st.sampled_from(
    [
        "<script>window.pwned=1</script>",
        '<img src=x onerror="alert(1)">',
        "</style><script>alert(1)</script>",
        "\" onmouseover='alert(1)' x=\"",
        "' autofocus onfocus=alert(1) '",
        "&lt;b&gt; &amp; &#x3c;script&#x3e;",
        "<!-- comment --> <![CDATA[ x ]]>",
        "</title><meta http-equiv=refresh content=0>",
        "RLO \u202e reversed and ESC \x1b[31m",
        "{theme}",
    ]
)
TEXT = st.one_of(ANYTHING, MARKUP)


@given(st.fixed_dictionaries({f: TEXT for f in FIELDS}))
@settings(max_examples=150, deadline=None)
@example({f: "<script>alert(1)</script>" for f in FIELDS})
@example({f: "\u202e\x00\x1b" + f for f in FIELDS})
def test_no_markup_comes_from_data(values):
    """The page has the same elements and attributes whatever the text: only values differ."""
    counter: dict[str, str] = {}
    stand_ins = {f: data_like(values[f], counter) for f in FIELDS}
    # The summary's paragraphs are paragraphs of the page: as many stand-ins as there are.
    stand_ins["summary"] = "\n\n".join("p" for _p in split_paragraphs(values["summary"]))
    nasty = pages(sample(values.__getitem__, url="javascript:alert(1)"))
    tame = pages(sample(stand_ins.__getitem__, url="javascript:alert(1)"))
    for view, text in nasty.items():
        page = Page(text)
        assert page.shape() == Page(tame[view]).shape(), view
        assert len(page.ids) == len(set(page.ids)), view
        for href in page.hrefs():
            assert href.startswith("#") and href[1:] in page.ids, (view, href)
    shown = Page(nasty["render_briefing"])
    assert shown.texts["h1"] == [one_line(values["title"])]
    assert shown.texts["title"] == [one_line(values["title"])]
    assert one_line(values["question"]) in shown.texts["li"]


def test_only_http_urls_become_links():
    for url, linked in [
        ("https://example.org/a?b=1&c=2", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("https://example.org/\u202e", False),
        ("https://example.org/a b", False),
        ("//example.org", False),
    ]:
        for view in ("render_briefing", "render_sources"):
            text = getattr(html, view)(sample(plain, url=url), OPTIONS)
            external = [h for h in Page(text).hrefs() if not h.startswith("#")]
            assert external == ([url] if linked else []), (view, url)
            if not linked:
                assert html.text(url) in text


def test_escaping_keeps_quotes_and_makes_controls_visible():
    assert html.text("a\"b'c<d>&e") == "a&quot;b&#x27;c&lt;d&gt;&amp;e"
    assert html.text("x\u202ey\x1bz\n\nw") == "x\\u202ey\\x1bz w"


def test_ids_are_safe_unique_and_stable():
    ids = htmlpage.Ids()
    assert ids.new("theme", "Défense Industry") == "theme-defense-industry"
    assert ids.new("theme", "défense-industry") == "theme-defense-industry-2"
    assert ids.new("theme", "<script>") == "theme-script"
    assert ids.new("theme", "مخابرات") == "theme-مخابرات"
    assert ids.new("theme", "!!!") == "theme"
    assert ids.new("theme", "???") == "theme-2"
    assert len(ids.new("source", "x" * 500)) <= 80
    fixed = pages(sample(lambda f: {"theme1_id": "contents", "item1_id": "top"}.get(f, f)))
    for view, text in fixed.items():
        page = Page(text)
        assert len(page.ids) == len(set(page.ids)), view


def test_every_internal_link_resolves_in_the_shipped_briefing():
    for view, text in pages(default_briefing()).items():
        page = Page(text)
        links = [h for h in page.hrefs() if h.startswith("#")]
        if view == "render_briefing":  # the contents and the citations link inside the page
            assert links, view
        assert all(h[1:] in page.ids for h in links), view
        assert len(page.ids) == len(set(page.ids)), view
    shown = Page(html.render_briefing(default_briefing(), OPTIONS))
    cites = [h for h in shown.hrefs() if h.startswith("#source-")]
    assert len(cites) > 5


def test_page_is_self_contained():
    for view, text in pages(default_briefing()).items():
        page = Page(text)
        tags = {tag for tag, _attrs in page.tags}
        assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base"}, view
        assert not [k for _t, attrs in page.tags for k, _v in attrs if k in ("src", "srcset")]
        assert "url(" not in text and "@import" not in text, view
        assert text.startswith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
        assert "default-src 'none'" in text


def test_status_is_in_words_and_the_toc_lists_each_theme():
    page = html.render_briefing(sample(plain), OPTIONS)
    assert '<span class="status status-under-way">under way</span>' in page
    toc = page.split('<nav class="toc"')[1].split("</nav>")[0]
    assert toc.index("theme1") < toc.index("theme2")
    assert '<a href="#theme-theme1-id">theme1</a>' in toc


def test_language_and_labels_follow_the_briefing_and_interface():
    i18n.activate("fr")
    page = html.render_briefing(sample(plain, language="fr"), OPTIONS)
    assert page.startswith('<!doctype html>\n<html lang="fr">')
    assert ">Sommaire</h2>" in page and "janvier 2026" in page and "en cours" in page


def test_right_to_left_languages_set_the_direction():
    for language, direction in [("he", ' dir="rtl"'), ("ar-MA", ' dir="rtl"'), ("fr", "")]:
        page = html.render_briefing(sample(plain, language=language), OPTIONS)
        assert f'<html lang="{language}"{direction}>' in page


def test_labels_carry_their_language_where_the_briefing_is_in_another():
    i18n.activate("fr")
    page = Page(html.render_briefing(sample(plain, language="en"), OPTIONS))
    tagged = [dict(attrs) for tag, attrs in page.tags if tag == "span" and ("lang", "fr") in attrs]
    assert len(tagged) > 10 and all(t["dir"] == "ltr" for t in tagged)
    assert "Sommaire" in page.texts["h2"] and page.texts["h1"] == ["title"]
    i18n.activate("en")
    hebrew = html.render_briefing(sample(plain, language="he"), OPTIONS)
    assert '<span class="label"><span lang="en" dir="ltr">Status:</span></span>' in hebrew
    same = html.render_briefing(sample(plain, language="en-GB"), OPTIONS)
    assert "<span lang=" not in same


def test_filtered_view_says_so_and_links_only_to_shown_themes():
    narrowed = sample(plain)._replace(focus=("theme1-id",))
    narrowed = narrowed._replace(items=narrowed.items[:1])
    page = Page(html.render_briefing(narrowed, OPTIONS))
    assert any(t.startswith("Filtered — Themes: theme1") for t in page.texts["p"])
    assert "theme-theme2-id" not in page.ids
    internal = [h for h in page.hrefs() if h.startswith("#")]
    assert internal and all(h[1:] in page.ids for h in internal)


def test_empty_views_say_nothing_matches():
    empty = sample(plain)._replace(items=(), timeline=(), sources=())
    assert "No items match this filter." in html.render_briefing(empty, OPTIONS)
    assert "No timeline entries match." in html.render_timeline(empty, OPTIONS)
    assert "No sources match." in html.render_sources(empty, OPTIONS)


def test_html_format_via_the_cli(run, tmp_path):
    result = run("show", "--format", "html")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == html.render_briefing(default_briefing(), OPTIONS)
