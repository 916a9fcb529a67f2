"""Data text read back from pandoc exactly: metadata, CSL references and citation locators."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.delivery.console import OutputOptions
from briefing.formats.markdown import render_briefing
from briefing.formats.mdtext import _locator
from briefing.formats.metadata import block, quote
from briefing.reading.loader import parse
from briefing.text import one_line
from tests.conftest import minimal

PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(
    PANDOC is None and not os.environ.get("CI"), reason="pandoc is not installed"
)


def pandoc(source: str, *args: str) -> str:
    assert PANDOC is not None
    done = subprocess.run(
        [PANDOC, *args], input=source, capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout


def stringify(inlines: list[dict]) -> str:
    """Inlines back to text; any markup pandoc made from the data fails the test."""
    out = []
    for node in inlines:
        if node["t"] == "Str":
            out.append(node["c"])
        elif node["t"] in ("Space", "SoftBreak"):
            out.append(" ")
        elif node["t"] == "Quoted":
            # Typographic quotes in the data (‘a’) are read as quotes, which every writer
            # shows as those same characters: the text is unchanged.
            kind, inner = node["c"]
            left, right = ("‘", "’") if kind["t"] == "SingleQuote" else ("“", "”")
            out.append(left + stringify(inner) + right)
        else:
            raise AssertionError(f"markup {node['t']} made from data text: {node}")
    return "".join(out)


def meta_text(value: dict) -> str:
    assert value["t"] in ("MetaInlines", "MetaString"), value
    return value["c"] if value["t"] == "MetaString" else stringify(value["c"])


def expected(text: str) -> str:
    """What a reader must see: the text on one line, each run of whitespace one space.

    That is what every format does with a one-line field (`one_line`), and what
    Markdown would do anyway.
    """
    return one_line(text)


# Text that YAML 1.1 or 1.2 would read as something else, and text that is markup.
TRICKY = [
    "n",
    "y",
    "NO",
    "true",
    "~",
    "null",
    "1e3",
    "0o777",
    "0x1F",
    "09",
    "1:30",
    ".inf",
    "-.nan",
    "2026-01-01",
    "- dash",
    "? what",
    "#hash",
    "a: b",
    "&anchor",
    "*alias",
    "!tag",
    "|",
    ">",
    "'quoted'",
    '"double"',
    "@cite",
    "%directive",
    "`code`",
    "[link](x)",
    "*em*",
    "<b>x</b>",
    "a\\b",
    "1. one",
    "ünïcödé — ‘quotes’ …",
]

# Characters any data text may hold: letters of several scripts, YAML's and Markdown's
# indicators, digits, and the spaces pandoc keeps apart (a no-break space is text).
_ALPHABET = st.sampled_from(
    list("aZé9 -_.:,;!?#&*@%|>'\"`\\[]{}()<>~^$+=/\u00a0ß漢ع")
) | st.characters(codec="utf-8", categories=["L", "N", "P", "S"])
TEXT = st.text(_ALPHABET, min_size=1, max_size=24).filter(lambda t: expected(t) != "")


def briefing_with(texts: list[str]):
    """A valid briefing carrying each text as a title, subtitle, party and source field."""
    data = minimal()
    data["title"] = texts[0]
    data["subtitle"] = texts[1 % len(texts)]
    data["parties"] = [{"name": t, "forces": t} for t in texts]
    data["sources"] = [
        {"id": f"s{n}", "title": t, "kind": t, "url": "https://example.org/a_b?x=1&y=2"}
        for n, t in enumerate(texts, start=1)
    ]
    for item in data["items"]:
        item["sources"] = [{"source": "s1"}]
    data.pop("timeline", None)
    return parse(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "t.yaml")


# pandoc's `smart` typography curls straight quotes and apostrophes, as the Markdown export
# means it to (the body too): the text is compared with its quotes straightened.
_CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def same_text(shown: str, written: str) -> bool:
    """Whether pandoc shows the text written, up to the curling of its quotes."""
    return shown.translate(_CURLY) == expected(written).translate(_CURLY)


def check_round_trip(texts: list[str]) -> None:
    brief = briefing_with(texts)
    out = render_briefing(brief, OutputOptions(front_matter=True, citations="pandoc"))
    meta = json.loads(pandoc(out, "--from", "markdown", "--to", "json"))["meta"]
    assert same_text(meta_text(meta["title"]), texts[0])
    assert same_text(meta_text(meta["subtitle"]), texts[1 % len(texts)])
    assert meta_text(meta["date"]) == "2026-01"
    parties = meta["parties"]["c"]
    for party, text in zip(parties, texts, strict=True):
        assert same_text(meta_text(party["c"]["name"]), text), (party, text)
        assert same_text(meta_text(party["c"]["forces"]), text), (party, text)
    # The CSL references, as pandoc reads them for citeproc.
    refs = {meta_text(r["c"]["id"]): r["c"] for r in meta["references"]["c"]}
    for n, text in enumerate(texts, start=1):
        ref = refs[f"s{n}"]
        assert same_text(meta_text(ref["title"]), text), (ref, text)
        if "genre" in ref:
            assert same_text(meta_text(ref["genre"]), text), (ref, text)
        assert meta_text(ref["URL"]) == "https://example.org/a_b?x=1&y=2"
        # The type follows from the kind (`MAGAZINE` is a magazine article): one of CSL's words.
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", meta_text(ref["type"])), ref


@needs_pandoc
def test_tricky_values_read_back_from_pandoc_as_written():
    check_round_trip(TRICKY)


@needs_pandoc
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=2, max_size=8))
def test_every_metadata_and_reference_value_reads_back_from_pandoc(texts):
    check_round_trip(texts)


@given(st.text())
def test_quoted_scalars_read_back_in_yaml_1_1(text):
    # PyYAML reads YAML 1.1: a quoted scalar is the same text there too.
    assert yaml.safe_load(quote(text)) == text


def test_metadata_refuses_values_it_cannot_write_as_text():
    with pytest.raises(TypeError):
        block({"title": 1.5})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        block({"title": True})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        block({"bad key": "x"})
    assert block({"title": "n", "issued": {"date-parts": [[2025, 1]]}}) == [
        "---",
        'title: "n"',
        "issued:",
        "  date-parts: [[2025, 1]]",
        "---",
        "",
    ]


# --- citation locators, as citeproc shows them ----------------------------------------------

REFS = '---\nreferences:\n- {id: s1, type: document, title: "T"}\n- {id: s2, type: document, title: "U"}\n---\n\n'  # noqa: E501
# The default style shows `[@s1, {X}; @s2]` as `(“T,” n.d., X; “U,” n.d.)`.
# A locator that starts with punctuation is shown without the ", " before it.
SHOWN = re.compile(r"^\(“T,” n\.d\.(.*); “U,” n\.d\.\)$")
# No letters that start a CSL locator label (p., l., n., v., sec. …): those are shown as
# labels. No `,` or `&`: citeproc spaces the parts of a locator list as its style says.
_LOCATOR_ALPHABET = '{}[];@.*_`<>"\\ ab1xyz¶'


def locator_shown(samples: list[str]) -> list[str]:
    source = REFS + "\n\n".join(f"[@s1, {{{_locator(s)}}}; @s2]" for s in samples) + "\n"
    lines = pandoc(source, "--citeproc", "--from", "markdown", "--to", "plain", "--wrap=none")
    paragraphs = [p for p in lines.split("\n\n") if p.startswith("(")]
    assert len(paragraphs) == len(samples), (samples, lines)
    shown = []
    for paragraph, sample in zip(paragraphs, samples, strict=True):
        found = SHOWN.match(paragraph.strip())
        assert found, (sample, paragraph)  # one citation group of both sources, in order
        text = found.group(1)
        shown.append(text[2:] if text.startswith(", ") else text)
    return shown


def locator_expected(sample: str) -> str:
    return expected(sample)


@needs_pandoc
def test_locators_starting_with_a_brace_or_holding_semicolons_are_shown_as_written():
    samples = ["{{x}}", "{x}", "{a;b}", "a; b", "{{x}} y", "x {y}", "a \\; b", "{[1]}", "}{", "{"]
    samples += ["x[1;]x", "x 3]", "[a", "a] [b", "x[a;b]"]
    assert locator_shown(samples) == [locator_expected(s) for s in samples]


@needs_pandoc
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(st.sampled_from(_LOCATOR_ALPHABET), min_size=1, max_size=12), max_size=12))
def test_every_locator_is_shown_by_citeproc_as_written(samples):
    # The citation style folds punctuation into its own separators (", ." shows as ", ",
    # "x;" then "; " as "x; "): each sample starts and ends with a letter, so what is
    # compared is the locator's own text.
    samples = ["x" + s + "x" for s in samples]
    assert locator_shown(samples) == [locator_expected(s) for s in samples]
