"""YAML syntax errors point at their cause, in plain words with the fix, on both parsers."""

from __future__ import annotations

import pytest
import yaml

from briefing import i18n
from briefing.errors import ValidationError
from briefing.reading.loader import parse
from tests.conftest import DEFAULT_FILE

PARSERS = [pytest.param(False, id="libyaml"), pytest.param(True, id="pure")]
if not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover
    PARSERS = [pytest.param(True, id="pure")]

GOOD = """\
briefing: 1
id: x
title: T
as_of: "2026"
summary: S
themes:
  - id: a
    title: A
items:
  - id: i
    title: "Item"
    themes: [a]
    summary: S
    sources: [{source: s}]
  - id: j
    title: J
    themes: [a]
    summary: S
    sources: [{source: s}]
sources:
  - id: s
    title: Src
"""


def first_problem(text: str, pure: bool) -> str:
    """The one problem reported for a text with a syntax error."""
    with pytest.raises(ValidationError) as info:
        parse(text, "f.yaml", pure)
    (problem,) = info.value.problems
    return str(problem)


def broken(old: str, new: str) -> str:
    """The good file with one mistake made in it."""
    assert GOOD.count(old) == 1
    return GOOD.replace(old, new)


def test_the_good_file_is_valid():
    parse(GOOD, "f.yaml")


CASES = [
    pytest.param(
        broken('title: "Item"', 'title: "Item'),
        'f.yaml:11:12: unclosed quote: nothing closes the " opened here; add the closing "',
        id="unclosed-double-quote",
    ),
    pytest.param(
        broken('title: "Item"', "title: 'Item"),
        "f.yaml:11:12: unclosed quote: nothing closes the ' opened here; add the closing '",
        id="unclosed-single-quote",
    ),
    pytest.param(
        broken("title: T\n", "title T\n"),
        "f.yaml:3:1: missing colon: `title T` is neither `key: value` nor a list entry; "
        "write a colon and a space after the key",
        id="missing-colon",
    ),
    pytest.param(
        broken("title: T\n", "title:T\n"),
        "f.yaml:3:1: missing colon: `title:T` is neither `key: value` nor a list entry; "
        "write a colon and a space after the key",
        id="missing-space-after-colon",
    ),
    pytest.param(
        broken("summary: S\nthemes", "summary: Note: both sides\nthemes"),
        'f.yaml:5:14: a plain value cannot contain ": " (a colon and a space): quote the value, '
        'e.g. `summary: "Note: both sides"`',
        id="colon-in-plain-value",
    ),
    pytest.param(
        broken("    title: A", "\ttitle: A"),
        "f.yaml:8:1: a tab in the indentation: YAML indents with spaces only; "
        "replace the tab with spaces",
        id="tab-indentation",
    ),
    pytest.param(
        broken("    title: A", "  \ttitle: A"),
        "f.yaml:8:3: a tab in the indentation: YAML indents with spaces only; "
        "replace the tab with spaces",
        id="tab-after-spaces",
    ),
    pytest.param(
        broken(
            "    summary: S\n    sources: [{source: s}]\n  - id: j",
            "     summary: S\n    sources: [{source: s}]\n  - id: j",
        ),
        "f.yaml:13:6: bad indentation: this line is indented by 5 and line 12 by 4; "
        "entries of one mapping or list line up, and a value goes deeper than its key",
        id="indented-too-far",
    ),
    pytest.param(
        broken(
            "    summary: S\n    sources: [{source: s}]\n  - id: j",
            "   summary: S\n    sources: [{source: s}]\n  - id: j",
        ),
        "f.yaml:13:4: bad indentation: this line is indented by 3 and line 12 by 4; "
        "entries of one mapping or list line up, and a value goes deeper than its key",
        id="indented-too-little",
    ),
    pytest.param(
        broken("title: J\n", "title: J\n      summary: x\n"),
        "f.yaml:17:7: bad indentation: this key is indented by 6, more than line 16 (by 4); "
        "keys of one mapping line up",
        id="key-under-a-plain-value",
    ),
    pytest.param(
        broken(
            "    themes: [a]\n    summary: S\n    sources: [{source: s}]\n  - id: j",
            "    themes: [a\n    summary: S\n    sources: [{source: s}]\n  - id: j",
        ),
        "f.yaml:12:13: unclosed bracket: the `[` opened here is not closed; add `]`",
        id="unclosed-bracket",
    ),
    pytest.param(
        broken("sources: [{source: s}]\n  - id: j", "sources: [{source: s]\n  - id: j"),
        "f.yaml:14:15: unclosed brace: the `{` opened here is not closed; add `}`",
        id="unclosed-brace",
    ),
    pytest.param(
        broken('title: "Item"', 'title: "He said "yes" here"'),
        'f.yaml:11:21: text after the closing quote: write `\\"` for a " inside the value, '
        "or quote the whole value with the other kind of quote",
        id="quote-inside-quotes",
    ),
    # libyaml says "did not find expected '-' indicator", PyYAML "expected <block end>":
    # a line lined up with a list's `-` that does not start one more entry.
    pytest.param(
        broken(
            "    summary: S\n    sources: [{source: s}]\n  - id: j",
            "  summary: S\n    sources: [{source: s}]\n  - id: j",
        ),
        "f.yaml:13:3: `summary: S` lines up with the `-` of the list that starts on line 10 "
        "but is not an entry of it: indent it by 4 to go on with the entry above, "
        "or write `- ` before it to start a new entry",
        id="key-lined-up-with-the-dash",
    ),
    pytest.param(
        broken("    title: A\n", "    title: A\n  aliases: [x]\n"),
        "f.yaml:9:3: `aliases: [x]` lines up with the `-` of the list that starts on line 7 "
        "but is not an entry of it: indent it by 4 to go on with the entry above, "
        "or write `- ` before it to start a new entry",
        id="key-of-a-one-key-entry-lined-up-with-the-dash",
    ),
    pytest.param(
        broken("    title: J\n", "    title: J\n    open_questions:\n      - one\n      two: x\n"),
        "f.yaml:19:7: `two: x` lines up with the `-` of the list that starts on line 18 "
        "but is not an entry of it: write `- ` before it to make it an entry, "
        "or indent it less to end the list",
        id="text-list-then-a-key-lined-up-with-the-dash",
    ),
    pytest.param(
        "- one\n- two\ntitle: T\n",
        "f.yaml:3:1: `title: T` lines up with the `-` of the list that starts on line 1 "
        "but is not an entry of it: write `- ` before it to make it an entry",
        id="file-that-is-a-list",
    ),
    pytest.param(
        broken("title: T\n", "title: T\nx-" + "k" * 1100 + ": long\n"),
        "f.yaml:4:1: a key of 1,102 characters: YAML allows at most 1,024 in a plain key; "
        "shorten the key",
        id="key-over-the-limit",
    ),
]


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_a_syntax_error_is_reported_at_its_cause(text, expected, pure):
    assert first_problem(text, pure) == expected


@pytest.mark.parametrize("pure", PARSERS)
def test_an_unclosed_quote_is_found_where_it_opens_not_where_the_parser_stops(pure):
    lines = DEFAULT_FILE.read_text(encoding="utf-8").split("\n")
    quoted = [i for i, line in enumerate(lines) if ': "' in line and line.endswith('"')]
    assert len(quoted) > 20
    quoted = quoted[::4] if pure else quoted  # the pure parser is slower: a sample
    later = 0
    # Each quoted value of the shipped briefing in turn loses its closing quote: the
    # next quote in the file closes it, and the parser often stops lines later.
    for index in quoted:
        broken_lines = [*lines]
        broken_lines[index] = lines[index][:-1]
        text = "\n".join(broken_lines)
        with pytest.raises(yaml.MarkedYAMLError) as parser_says:
            list(yaml.parse(text, Loader=yaml.BaseLoader))
        later += parser_says.value.problem_mark.line > index  # type: ignore[union-attr]
        column = lines[index].index('"') + 1
        problem = first_problem(text, pure)
        assert problem.startswith(f"f.yaml:{index + 1}:{column}: unclosed quote: "), problem
    assert later == len(quoted)


def test_a_multi_line_quoted_value_is_not_taken_for_an_unclosed_quote():
    text = broken("summary: S\nthemes", 'summary: "First line,\n  Note: second line"\nthemes')
    parse(text, "f.yaml")  # valid: a quoted value may run over lines
    text = text.replace("    title: A", "\ttitle: A")
    assert first_problem(text, False).startswith("f.yaml:9:1: a tab in the indentation")


@pytest.mark.parametrize("pure", PARSERS)
def test_a_mistake_without_a_known_cause_keeps_the_parser_words(pure):
    text = broken(
        "    themes: [a]\n    summary: S\n    sources: [{source: s}]\n  - id: j",
        "    themes: [a, b: c: d]\n    summary: S\n    sources: [{source: s}]\n  - id: j",
    )
    assert first_problem(text, pure).startswith("f.yaml:12:21: YAML syntax error: ")


def test_a_line_lined_up_with_a_dash_is_told_in_french():
    text = broken("    title: A\n", "    title: A\n  aliases: [x]\n")
    i18n.activate("fr")
    try:
        problem = first_problem(text, False)
    finally:
        i18n.activate("en")
    assert problem == (
        "f.yaml:9:3: `aliases: [x]` est aligné sur le `-` de la liste qui commence ligne 7 "
        "sans en être une entrée : indentez-le de 4 pour continuer l’entrée du dessus, "
        "ou écrivez `- ` devant pour commencer une nouvelle entrée"
    )


def test_the_causes_are_told_in_french():
    i18n.activate("fr")
    try:
        problem = first_problem(broken('title: "Item"', 'title: "Item'), False)
    finally:
        i18n.activate("en")
    assert problem.startswith("f.yaml:11:12: guillemet non fermé")
