"""How the text formats lay out a diff: headed sections of lines, each field shown in words.

Everything is derived from the contract, as the diff is: a section per list of
the briefing, a label per field (`Field.label`), a value shown by its kind (a
status or grade in words, a date as the reader's language writes it). Text
is compared by paragraph, then word by word, like `git diff --word-diff`: the
terminal marks what was removed `[-so-]` and added `{+so+}`, Markdown
~~strikes~~ and **bolds** it. Work is bounded: past a few thousand words or
paragraphs of difference, the differing middle is shown removed then added.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from briefing.commands.diff import Change, Diff, Entry, ListDiff, fingerprint, minus
from briefing.i18n import _, format_date
from briefing.model import PartialDate, split_paragraphs
from briefing.reading.contract import BRIEFING, Field, Obj, Scalar, Seq, Spec

# Past this many (old × new) words or paragraphs left after the common start
# and end are set aside, difflib's matching is not tried: its cost grows with
# the product, and a wholesale rewrite reads as well removed then added.
MATCH_LIMIT = 250_000


class Detail(NamedTuple):
    """One line under a changed entry: a label and a value, old → new, or words marked.

    `new` is None for a single value (an open question added); `words`, when
    given, is the text with what was removed and added marked in it.
    """

    label: str
    old: str
    new: str | None = None
    words: tuple[tuple[str, str], ...] = ()  # ("=" | "-" | "+", text)


class Line(NamedTuple):
    """One line of a change report: a symbol, a word saying what happened, and the text."""

    symbol: str  # + - ~
    word: str
    text: str
    detail: tuple[Detail, ...] = ()


def label_of(name: str, field: Field) -> str:
    """A field's name in the reader's language: its label in the contract, else its key."""
    return _(field.label) if field.label else name.replace("_", " ")


def shown(spec: Spec, value: Any) -> str:
    """A value as the text formats show it: a status or grade in words, a date as written."""
    if value is None or value == []:
        # A form's word for an empty field, which French writes the same for every gender.
        return _("(none)")
    if isinstance(spec, Seq):
        return ", ".join(shown(spec.of, v) for v in value)
    if isinstance(spec, Obj):
        first, *rest = [
            shown(f.spec, value[name]) for name, f in spec.fields.items() if value[name] is not None
        ] or [_("(none)")]
        return first + (" (" + ", ".join(rest) + ")" if rest else "")
    return _scalar(spec, value)


def _scalar(spec: Scalar, value: Any) -> str:
    from briefing import grades
    from briefing.formats.views import status_name

    kind = spec.kind
    if kind == "status":
        return status_name(str(value))
    if kind == "credibility":
        return grades.credibility_text(value if isinstance(value, int) else None)
    if kind == "reliability":
        return grades.reliability_text(str(value))
    if kind == "item-kind" and grades.find(grades.KINDS, str(value)):
        return grades.label(grades.KINDS, str(value))
    if kind == "confidence":
        return grades.label(grades.CONFIDENCE, str(value))
    if kind == "likelihood":
        meaning = grades.meaning(grades.LIKELIHOOD, str(value))
        return grades.label(grades.LIKELIHOOD, str(value)) + (f" ({meaning})" if meaning else "")
    if kind == "date":
        return format_date(PartialDate.parse(str(value)))
    return str(value)


def _trimmed(a: list[str], b: list[str]) -> tuple[int, int]:
    """How many entries the two lists share at their start, and then at their end."""
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start, end


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes for two lists, in bounded work (see MATCH_LIMIT)."""
    start, end = _trimmed(a, b)
    codes: list[tuple[str, int, int, int, int]] = []
    if start:
        codes.append(("equal", 0, start, 0, start))
    mid_a, mid_b = a[start : len(a) - end], b[start : len(b) - end]
    if mid_a or mid_b:
        if len(mid_a) * len(mid_b) <= MATCH_LIMIT:
            import difflib  # only when something differs

            matcher = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False)
            codes += [
                (tag, i1 + start, i2 + start, j1 + start, j2 + start)
                for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            ]
        else:
            codes.append(("replace", start, len(a) - end, start, len(b) - end))
    if end:
        codes.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    return codes


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """One paragraph's words, with runs kept ("="), removed ("-") and added ("+")."""
    a, b = old.split(" "), new.split(" ")
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            runs.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("+", " ".join(b[j1:j2])))
    return tuple(runs)


def _text_rows(label: str, old: str | None, new: str | None) -> list[Detail]:
    """A changed text, paragraph by paragraph, each changed one word by word."""
    if old is None or new is None:
        return [Detail(label, shown(Scalar("text"), old), shown(Scalar("text"), new))]
    a, b = split_paragraphs(old), split_paragraphs(new)
    many = len(a) > 1 or len(b) > 1

    def named(n: int) -> str:
        return _("{field} ¶{n}").format(field=label, n=n + 1) if many else label

    rows: list[Detail] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1)
        for k in range(pairs):
            rows.append(
                Detail(named(j1 + k), a[i1 + k], b[j1 + k], word_diff(a[i1 + k], b[j1 + k]))
            )
        for i in range(i1 + pairs, i2):
            rows.append(Detail(named(i), a[i], None, (("-", a[i]),)))
        for j in range(j1 + pairs, j2):
            rows.append(Detail(named(j), b[j], None, (("+", b[j]),)))
    if not rows:  # the same paragraphs, spaced differently: say so rather than nothing
        rows.append(Detail(label, shown(Scalar("text"), old), shown(Scalar("text"), new)))
    return rows


def details(spec: Obj, changes: Iterable[Change]) -> tuple[Detail, ...]:
    """What a changed entry shows under its line: each field that differs, in words."""
    rows: list[Detail] = []
    for change in changes:
        field = spec.fields[change.field]
        label = label_of(change.field, field)
        kind = field.spec
        if isinstance(kind, Scalar) and kind.kind == "text":
            rows += _text_rows(label, change.old, change.new)
        elif isinstance(kind, Seq) and isinstance(kind.of, Obj) and kind.of.key:
            rows += _keyed_rows(label, kind.of, change.old or [], change.new or [])
        elif isinstance(kind, Seq):
            # Lists are shown entry by entry: those dropped, then those added; linear.
            old, new = change.old or [], change.new or []
            gone = minus(old, new, fingerprint)
            came = minus(new, old, fingerprint)
            what = _("removed from {field}").format(field=label)
            rows += [Detail(what, shown(kind.of, v)) for v in gone]
            what = _("added to {field}").format(field=label)
            rows += [Detail(what, shown(kind.of, v)) for v in came]
            if not gone and not came:
                what = _("order of {field}").format(field=label)
                rows.append(Detail(what, shown(kind, old), shown(kind, new)))
        else:
            rows.append(Detail(label, shown(kind, change.old), shown(kind, change.new)))
    return tuple(rows)


def _keyed_rows(label: str, spec: Obj, old: list[Entry], new: list[Entry]) -> list[Detail]:
    """A list of entries with a key inside an entry (an item's signposts), matched on it.

    An entry in both lists shows each field that changed (`signposts: meeting-held,
    status`); the others are removed or added whole. Linear in the two lists.
    """
    before = {fingerprint(e[spec.key]): e for e in old}
    after = {fingerprint(e[spec.key]): e for e in new}
    rows: list[Detail] = []
    for key, entry in before.items():
        if key not in after:
            what = _("removed from {field}").format(field=label)
            rows.append(Detail(what, shown(spec, entry)))
    for key, entry in after.items():
        earlier = before.get(key)
        if earlier is None:
            what = _("added to {field}").format(field=label)
            rows.append(Detail(what, shown(spec, entry)))
            continue
        for name, field in spec.fields.items():
            if earlier[name] != entry[name]:
                what = _("{field}: {key}, {part}").format(
                    field=label, key=entry[spec.key], part=label_of(name, field)
                )
                rows.append(
                    Detail(what, shown(field.spec, earlier[name]), shown(field.spec, entry[name]))
                )
    return rows


def entry_text(spec: Obj, entry: Entry) -> str:
    """An entry in one line: its first field and, if it has a value, its second (`id: title`)."""
    (first, f1), *rest = spec.fields.items()
    text = shown(f1.spec, entry[first])
    if rest:
        second, f2 = rest[0]
        if entry[second] is not None and not isinstance(entry[second], list | dict):
            text = _named(text, shown(f2.spec, entry[second]))
    return text


def _named(key: str, text: str) -> str:
    """`key: text`, with the colon as the reader's language writes it."""
    return _("{label}:").format(label=key) + " " + text


def heading(name: str) -> str:
    """A section's heading: the list's label, capitalised."""
    label = label_of(name, BRIEFING.fields[name])
    return label[:1].upper() + label[1:]


def _list_lines(part: ListDiff) -> list[Line]:
    spec = part.spec
    added, removed, changed = _("added"), _("removed"), _("changed")
    lines = [Line("+", added, entry_text(spec, e)) for e in part.added]
    lines += [Line("-", removed, entry_text(spec, e)) for e in part.removed]
    lines += [
        Line("~", changed, entry_text(spec, c.entry), details(spec, c.changes))
        for c in part.changed
    ]
    if part.order is not None:
        key = spec.fields[spec.key].spec
        old, new = part.order
        lines.append(
            Line(
                "~",
                _("reordered"),
                "",
                (Detail(_("order"), shown(Seq(key), list(old)), shown(Seq(key), list(new))),),
            )
        )
    return lines


def sections(d: Diff) -> list[tuple[str, list[Line]]]:
    """The report as headed sections of lines, shared by the text formats; empty ones left out."""
    parts: list[tuple[str, list[Line]]] = []
    if d.fields:
        line = Line(
            "~",
            _("changed"),
            _named(d.new.id, d.new.title),
            details(BRIEFING, d.fields),
        )
        parts.append((_("Briefing"), [line]))
    for part in d.lists:
        if not part.empty:
            parts.append((heading(part.field), _list_lines(part)))
    return parts


def title(d: Diff) -> str:
    """The report's heading: which briefing, from which edition to which."""
    # Two editions of one date are told apart by their files.
    same = d.old.as_of == d.new.as_of
    return _("Changes to {id}: {old} → {new}").format(
        id=d.new.id,
        old=d.old.origin if same else format_date(d.old.as_of),
        new=d.new.origin if same else format_date(d.new.as_of),
    )


def wrap(text: str, width: int, first: str = "", indent: str = "") -> list[str]:
    """Wrap `text` to `width` terminal cells after `first`, later lines after `indent`.

    Words are measured in cells (a wide character takes two), and a word longer
    than a line, such as an address, is cut where the line ends. Linear in the
    length of the text.
    """
    from rich.cells import cell_len

    lines: list[str] = []
    line, room = first, max(width - cell_len(first), 1)
    later = max(width - cell_len(indent), 1)  # the room on every line after the first
    used = 0
    for word in text.split(" "):
        if not word:
            continue
        size = cell_len(word)
        if used and used + 1 + size <= room:
            line, used = line + " " + word, used + 1 + size
            continue
        # A word that would fit on a later line is not cut on this one.
        if used or (not lines and room < size <= later):
            lines.append(line)
            line, room, used = indent, later, 0
        while size > room:
            # Cut the word at the last character that fits.
            cut, cells = 0, 0
            while cut < len(word) and cells + cell_len(word[cut]) <= room:
                cells += cell_len(word[cut])
                cut += 1
            cut = max(cut, 1)
            lines.append(line + word[:cut])
            word = word[cut:]
            size = cell_len(word)
            line, room = indent, later
        line, used = line + word, size
    lines.append(line)
    return [x.rstrip() for x in lines]
