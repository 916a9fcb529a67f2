"""`diff` misses nothing: the contract is walked, and every field it declares is changed in turn.

For every field of the data contract (briefing/schema.py), at every depth, a
copy of a fixture with that one field changed must make the diff non-empty
and show up in every format that can show a diff: in JSON as that field with
the new value, in the text formats under the field's label. A field added to
the contract is walked with no change here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from briefing.commands.diff import diff, entry_of, value_of
from briefing.delivery.console import OutputOptions
from briefing.formats import able, choices_for, get
from briefing.formats.difftext import label_of
from briefing.formats.outputschema import output_schema
from briefing.model import Acknowledgement, Briefing, PartialDate, Party, Signpost, SourceRef
from briefing.reading.contract import BRIEFING, VOCABULARIES, Field, Obj, Scalar, Seq, Spec
from briefing.reading.loader import load

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = str(ROOT / "tests" / "data" / "history" / "small-2027.yaml")
WIDE = OutputOptions(width=1000)
SCHEMA = jsonschema.Draft202012Validator(output_schema("diff"))


def fixture() -> Briefing:
    """The small briefing with every optional field given, so each can be changed."""
    b = load([FIXTURE])[0]
    memo, report = b.sources
    rule = VOCABULARIES["rule"][0]
    accepted = (Acknowledgement(rule, "Accepted for a reason"),)
    first, *others = b.items
    # Tracking (format version 3): a due date, and a signpost seen with every field given.
    seen = Signpost(
        "exercise",
        "A joint exercise is announced",
        "supports",
        "observed",
        "The analyst's own signpost",
        PartialDate(2026, 9),
        (SourceRef("report", "annex"),),
        3,
    )
    tracked = first._replace(
        acknowledged=accepted,
        expected_by=PartialDate(2026, 12),
        expected_by_set_by="analyst",
        signposts=(seen,),
    )
    return b._replace(
        items=(tracked, *others),
        subtitle="A subtitle",
        translation_of=None,
        parties=(Party("Kingdom of Morocco", "Royal Armed Forces"), Party("State of Israel")),
        themes=tuple(t._replace(description=f"About {t.id}") for t in b.themes),
        sources=(
            memo._replace(
                language="en",
                published=PartialDate(2026, 5),
                url="https://example.org/memo",
                grade_note="A known office",
                publisher="An office",
                author="Someone",
                accessed=PartialDate(2026, 6, 1),
                archived_url="https://example.org/archive",
                relays="report",
                acknowledged=accepted,
            ),
            report._replace(kind="report"),
        ),
        summary="First paragraph of the bottom line.\n\nSecond paragraph, on the outlook.",
    )


def changed(spec: Scalar, value: Any) -> Any:
    """Another valid value of the same kind, in the model's form."""
    kind = spec.kind
    if kind == "text":
        return (value or "Some text") + " and more"
    if kind == "slug":
        return (value or "x") + "-changed"
    if kind == "date":
        return PartialDate(1999, 2, 3) if value != PartialDate(1999, 2, 3) else PartialDate(1998)
    if kind == "version":
        return 1 if value == 2 else 2
    if kind == "credibility":
        return 6 if value != 6 else 1
    if kind == "url":
        return "https://example.org/changed"
    if kind == "lang":
        return "de" if value != "de" else "it"
    words = VOCABULARIES[kind]
    return next(w for w in words if w != value)


def _attr(name: str, field: Field) -> str:
    return field.attr or name


def _mutations(spec: Obj, record: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple, Any]]:
    """(path of the field, the record with that field changed), for every field under `spec`."""
    for name, field in spec.fields.items():
        attr, here = _attr(name, field), (*path, name)
        value = getattr(record, attr)
        kind = field.spec
        if isinstance(kind, Scalar):
            # Changed from what it means: an absent value is the contract's default.
            meant = field.default if value is None else value
            yield here, record._replace(**{attr: changed(kind, meant)})
        elif isinstance(kind, Seq) and isinstance(kind.of, Scalar):
            more = changed(kind.of, value[0] if value else None)
            yield here, record._replace(**{attr: (*value, more)})
        elif isinstance(kind, Seq) and isinstance(kind.of, Obj):
            assert value, f"the fixture needs an entry in {'.'.join(here)}"
            first, *rest = value
            for sub, mutated in _mutations(kind.of, first, here):
                yield sub, record._replace(**{attr: (mutated, *rest)})
        else:  # a mapping inside a mapping: none today, but walked the same way
            assert isinstance(kind, Obj)
            for sub, mutated in _mutations(kind, value, here):
                yield sub, record._replace(**{attr: mutated})


def _field(path: tuple[str, ...]) -> tuple[Field, Spec]:
    """The contract's field at a path, and the spec of what holds it."""
    spec: Spec = BRIEFING
    holder: Spec = BRIEFING
    f = None
    for name in path:
        while isinstance(spec, Seq):
            spec = spec.of
        assert isinstance(spec, Obj)
        holder, f = spec, spec.fields[name]
        spec = f.spec
    assert f is not None
    return f, holder


CASES = list(_mutations(BRIEFING, fixture(), ()))
ALL_FIELDS = {path for path, _ in CASES}


def test_the_walk_reaches_every_field_of_the_contract():
    def paths(spec: Spec, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        while isinstance(spec, Seq):
            spec = spec.of
        if isinstance(spec, Obj):
            for name, f in spec.fields.items():
                inner = f.spec.of if isinstance(f.spec, Seq) else f.spec
                if isinstance(inner, Obj):
                    yield from paths(inner, (*path, name))
                else:
                    yield (*path, name)

    assert set(paths(BRIEFING, ())) == ALL_FIELDS
    # The fields of the issue that asked for this, as a floor: the walk covers at least these.
    assert {
        ("summary",),
        ("title",),
        ("subtitle",),
        ("as_of",),
        ("language",),
        ("parties", "name"),
        ("parties", "forces"),
        ("themes", "title"),
        ("themes", "description"),
        ("themes", "aliases"),
        ("timeline", "themes"),
        ("timeline", "sources", "locator"),
        ("revisions", "summary"),
        ("items", "open_questions"),
        ("sources", "archived_url"),
    } <= ALL_FIELDS


def _json_mentions(data: dict[str, Any], path: tuple[str, ...], new: Any) -> bool:
    """Whether the JSON diff carries the change at `path` with its new value as data."""
    changes = data["changes"]
    if len(path) == 1:
        return any(c["field"] == path[0] and c["new"] == new for c in changes["briefing"])
    part = changes[path[0]]
    entries = [c for c in part.get("changed", []) for c in c["changes"] if c["field"] == path[1]]
    if any(c["new"] == new for c in entries):
        return True
    # A key changed, or an entry without a key: the entry is removed and another added.
    return any(e.get(path[1]) == new for e in part["added"])


@pytest.mark.parametrize(("path", "mutated"), CASES, ids=[".".join(p) for p, _ in CASES])
def test_every_field_of_the_contract_shows_in_every_format(path, mutated):
    base = fixture()
    d = diff(base, mutated)
    assert not d.empty, f"{'.'.join(path)} changed but the diff is empty"
    unchanged = diff(base, base)
    assert unchanged.empty
    f, _holder = _field(path)
    top = BRIEFING.fields[path[0]]
    for name in choices_for("diff"):
        render = able(get(name).diff, name, "diff")
        text = render(d, WIDE)
        assert text != render(unchanged, WIDE), (name, path)
        if name == "json":
            data = json.loads(text)
            assert data["differ"] is True
            SCHEMA.validate(data)  # and the published schema says so
            if len(path) == 1:
                new = value_of(top.spec, getattr(mutated, top.attr or path[0]))
            else:
                spec = top.spec.of
                entry = entry_of(spec, getattr(mutated, top.attr or path[0])[0])
                new = entry[path[1]]
            assert _json_mentions(data, path, new), (path, new)
        else:
            # The field is named under its label (a citation's fields under the list that
            # holds them), or, where it identifies an entry, the entry is removed and added.
            shown = f if len(path) <= 2 else _field(path[:2])[0]
            label = label_of(path[min(len(path), 2) - 1], shown)
            named = f"{label}:" in text or f"{label} ¶" in text
            assert named or ("added" in text and "removed" in text), (name, path, text)


def test_entries_added_removed_and_reordered_show_in_every_format():
    base = fixture()
    for name, f in BRIEFING.fields.items():
        if not (isinstance(f.spec, Seq) and isinstance(f.spec.of, Obj)):
            continue
        entries = getattr(base, name)
        variants = {"removed": entries[1:], "added": (*entries, entries[0])}
        spec = f.spec.of
        if spec.key:
            first = entries[0]
            key = spec.key
            variants["added"] = (
                *entries,
                first._replace(**{key: changed(spec.fields[key].spec, getattr(first, key))}),
            )
        if spec.key and "date" not in spec.fields and len(entries) > 1:
            variants["reordered"] = (entries[1], entries[0], *entries[2:])
        for what, listed in variants.items():
            mutated = base._replace(**{name: tuple(listed)})
            d = diff(base, mutated)
            assert not d.empty, (name, what)
            for fmt in choices_for("diff"):
                text = able(get(fmt).diff, fmt, "diff")(d, WIDE)
                if fmt == "json":
                    part = json.loads(text)["changes"][name]
                    key = {"reordered": "order"}.get(what, what)
                    assert part[key], (name, what)
                else:
                    assert what in text, (fmt, name, what)


# diff on the command line ---------------------------------------------------

HISTORY = ROOT / "tests" / "data" / "history"
OLD, NEW = str(HISTORY / "small-2026.yaml"), str(HISTORY / "small-2027.yaml")


def _edited(tmp_path: Path, old: str, new: str) -> str:
    text = Path(NEW).read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return str(path)


def test_a_rewritten_bottom_line_is_a_difference_shown_word_by_word(run, tmp_path):
    old = "summary: An invented briefing with accents, partial dates and two sources."
    rewritten = _edited(
        tmp_path,
        old,
        'summary: "An invented briefing with accents, partial dates and three sources.'
        '\\n\\nA second paragraph."',
    )
    result = run("diff", NEW, rewritten, "--exit-code", "-f", "terminal", "--width", "200")
    assert result.exit_code == 1
    assert "      bottom line ¶1: An invented briefing with accents, partial dates and " in (
        result.stdout
    )
    assert "[-two-]{+three+} sources." in result.stdout
    assert "bottom line ¶2: {+A second paragraph.+}" in result.stdout
    md = run("diff", NEW, rewritten, "-f", "md").stdout
    assert "~~two~~ **three** sources." in md
    data = json.loads(run("diff", NEW, rewritten, "-f", "json").stdout)
    [change] = data["changes"]["briefing"]
    assert change["field"] == "summary" and change["old"] == old.removeprefix("summary: ")
    assert change["new"].endswith("\n\nA second paragraph.")


def test_revisions_alone_make_a_difference_for_exit_code(run, tmp_path):
    noted = _edited(tmp_path, "    summary: First graded edition.", "    summary: First edition.")
    result = run("diff", NEW, noted, "--exit-code", "-f", "json")
    assert result.exit_code == 1 and json.loads(result.stdout)["differ"] is True
    part = json.loads(result.stdout)["changes"]["revisions"]
    assert [r["summary"] for r in part["added"]] == ["First edition."]
    assert [r["summary"] for r in part["removed"]] == ["First graded edition."]


def test_diff_id_compares_the_latest_edition_with_the_one_before(run):
    by_id = run("--data", str(HISTORY), "diff", "small-plan-2027", "-f", "json")
    assert by_id.exit_code == 0, by_id.stderr
    by_files = run("diff", OLD, NEW, "-f", "json")
    assert json.loads(by_id.stdout)["changes"] == json.loads(by_files.stdout)["changes"]
    at = run("--data", str(HISTORY), "diff", "small-plan-2027@2027-01", "-f", "json")
    assert json.loads(at.stdout)["changes"] == json.loads(by_files.stdout)["changes"]
    assert run("--data", str(HISTORY), "diff", "small-plan-2027", "--exit-code").exit_code == 1
    first = run("--data", str(HISTORY), "diff", "small-plan-2027@2026-06")
    assert first.exit_code == 2 and "has no edition before 2026-06" in first.stderr
    unknown = run("--data", str(HISTORY), "diff", "small-plan")
    assert unknown.exit_code == 2
    assert "no briefing with id `small-plan` (did you mean `small-plan-2027`?)" in unknown.stderr


def test_diff_names_each_unreadable_argument(run, tmp_path):
    import os

    missing = run("diff", str(tmp_path / "gone.yaml"), NEW)
    assert missing.exit_code == 1 and "no such file or folder" in missing.stderr
    bare = run("diff", "gone", NEW)
    assert bare.exit_code == 1 and "gone: no such file or folder" in bare.stderr
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    broken = run("diff", str(link), NEW)
    assert broken.exit_code == 1 and "broken symbolic link" in broken.stderr
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    looped = run("diff", str(loop), NEW)
    assert looped.exit_code == 1 and "a loop of symbolic links" in looped.stderr
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    piped = run("diff", str(fifo), NEW)
    assert piped.exit_code == 1 and "not a regular file" in piped.stderr
    folder = run("diff", str(HISTORY), NEW)
    assert folder.exit_code == 2 and "is a folder" in folder.stderr
    for result in (missing, bare, broken, looped, piped, folder):
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert "neither a briefing file" not in result.stderr


def _runs(inlines: list[dict]) -> list[tuple[str, str]]:
    """pandoc's inlines as (kind, text) runs: `-` struck out, `+` strong, `=` plain text."""
    from tests.test_markdown import _inline_text

    runs: list[tuple[str, str]] = []
    for node in inlines:
        kind = {"Strikeout": "-", "Strong": "+"}.get(node["t"], "=")
        text = _inline_text(node["c"]) if kind != "=" else _inline_text([node])
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + text)
        else:
            runs.append((kind, text))
    return [(k, t.strip()) for k, t in runs if t.strip()]


@pytest.mark.skipif(__import__("shutil").which("pandoc") is None, reason="needs pandoc")
def test_word_diff_in_markdown_marks_only_what_changed_and_data_stays_text():
    """Through pandoc's GFM reader, which reads ~~strike~~: the marks are the diff's alone."""
    from briefing.formats.difftext import word_diff
    from briefing.formats.markdown import _marked
    from briefing.text import one_line
    from tests.test_markdown import NASTY, pandoc

    samples = [s for s in NASTY if one_line(s)]
    pairs = [(f"start {s} end", "start NEW end") for s in samples]
    pairs += [("start end", f"start {s} end") for s in samples]
    source = "\n\n".join(_marked(word_diff(one_line(a), one_line(b))) for a, b in pairs) + "\n"
    blocks = json.loads(pandoc(source, "gfm"))["blocks"]
    assert [b["t"] for b in blocks] == ["Para"] * len(pairs)
    for block, sample in zip(blocks, samples + samples, strict=True):
        runs = _runs(block["c"])
        assert runs[0] == ("=", "start") and runs[-1] == ("=", "end"), runs
        marked = [r for r in runs if r[0] != "="]
        assert marked in ([("-", one_line(sample)), ("+", "NEW")], [("+", one_line(sample))])
