"""What changed between two editions of a briefing: a pure `diff`, derived from the data contract.

No field is named here: the compared fields are read from the contract
(`schema.BRIEFING`), so a field added to it is compared, shown and published
with no change to this module. The rules:

- a field holding one value (text, a date, a grade) or a list of values is
  compared whole, as the data holds it (an absent value is the contract's
  default: an item without `kind` is a report); a list of keyed entries
  inside an entry (an item's signposts) is compared whole here too, and
  formats/difftext.py shows it entry by entry, matched on its key;
- each list of entries of the briefing (parties, themes, items, timeline,
  sources, revisions) is matched entry by entry on the contract's `key` for
  it (an id, a title, a name): entries added, removed, changed field by field
  and, for a list shown in file order, reordered; entries sharing a key are
  paired in order (dated ones in date order, so a timeline entry whose date
  changed is re-dated, not removed and added); a list whose entries have no
  key (revisions) is compared entry by entry, whole.

Every comparison is linear in the size of the two editions. The text formats
lay a diff out in formats/difftext.py; JSON in formats/jsondoc.py.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from briefing.errors import UsageError
from briefing.i18n import _
from briefing.model import Briefing, PartialDate
from briefing.reading.contract import BRIEFING, Obj, Scalar, Seq, Spec

# The form of a value in a diff: the data's own (text, a number, a date as
# written, a list, an entry as a mapping of every field), None when absent.
Entry = dict[str, Any]


class Change(NamedTuple):
    """One field that differs: its key (as in the data) and both values in the data's form."""

    field: str
    old: Any
    new: Any


class EntryChange(NamedTuple):
    """An entry in both editions, as it is in the newer one, and what differs in it."""

    entry: Entry
    changes: tuple[Change, ...]


class ListDiff(NamedTuple):
    """What differs in one list of entries of the briefing (`field`, such as `items`)."""

    field: str
    spec: Obj
    added: tuple[Entry, ...] = ()
    removed: tuple[Entry, ...] = ()
    changed: tuple[EntryChange, ...] = ()
    # The keys of the entries in both, in the older and the newer order, when they differ.
    order: tuple[tuple[Any, ...], tuple[Any, ...]] | None = None

    @property
    def empty(self) -> bool:
        """Whether nothing differs in the list."""
        return not (self.added or self.removed or self.changed or self.order)


class Diff(NamedTuple):
    """Everything that differs between an older and a newer edition of one briefing."""

    old: Briefing
    new: Briefing
    fields: tuple[Change, ...]  # the briefing's own fields: title, bottom line, as-of, …
    lists: tuple[ListDiff, ...]  # one per list of the contract, in its order
    themes: tuple[str, ...] = ()  # the theme ids kept by --theme, if any
    theme_titles: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether the two editions hold the same things, everything a reader sees."""
        return not self.fields and all(part.empty for part in self.lists)


def check_comparable(old: Briefing, new: Briefing) -> None:
    """Refuse two briefings that are not editions of one briefing in one language."""
    if old.id != new.id:
        raise UsageError(
            _("cannot compare `{old}` with `{new}`: they are different briefings").format(
                old=old.id, new=new.id
            ),
            _("compare two editions of one briefing: the same id, another as_of"),
        )
    if old.language != new.language or (old.translation_of is None) != (new.translation_of is None):
        raise UsageError(
            _(
                "cannot compare the `{old}` version of `{id}` with its `{new}` version: "
                "a translation differs from its original in every text"
            ).format(old=old.language, new=new.language, id=old.id),
            _("compare two editions in one language, with --lang to choose it"),
        )


def entry_lists(spec: Obj = BRIEFING) -> list[tuple[str, Obj]]:
    """The fields of the briefing that are lists of entries, each with its entries' contract."""
    return [
        (name, f.spec.of)
        for name, f in spec.fields.items()
        if isinstance(f.spec, Seq) and isinstance(f.spec.of, Obj)
    ]


def value_of(spec: Spec, value: Any) -> Any:
    """A model value in the data's form: dates as written, lists as lists, entries as mappings."""
    if isinstance(spec, Scalar):
        return str(value) if isinstance(value, PartialDate) else value
    if isinstance(spec, Seq):
        return [value_of(spec.of, v) for v in value]
    return entry_of(spec, value)


def entry_of(spec: Obj, record: Any) -> Entry:
    """A model record as a mapping of every field of its contract (absent: its default)."""
    out: Entry = {}
    for name, f in spec.fields.items():
        value = getattr(record, f.attr or name)
        out[name] = f.default if value is None else value_of(f.spec, value)
    return out


def _changes(spec: Obj, old: Entry, new: Entry, skip: Iterable[str] = ()) -> tuple[Change, ...]:
    left_out = set(skip)
    return tuple(
        Change(name, old[name], new[name])
        for name in spec.fields
        if name not in left_out and old[name] != new[name]
    )


def fingerprint(value: Any) -> str:
    """A hashable form of a value in the data's form, equal exactly when the values are."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def minus(first: Sequence[Any], second: Sequence[Any], key: Callable[[Any], Any]) -> list[Any]:
    """The entries of `first` left once each of `second` has taken its match, in order; linear."""
    left = Counter(key(x) for x in second)
    out = []
    for x in first:
        k = key(x)
        if left[k] > 0:
            left[k] -= 1
        else:
            out.append(x)
    return out


def _dated(spec: Obj) -> bool:
    # Dated entries are shown in date order: their order in the file is not something to read.
    return "date" in spec.fields


def _by_date(entries: Iterable[Entry]) -> list[Entry]:
    # Partial ISO dates sort as text in date order: `2026` < `2026-01` < `2026-01-05`.
    return sorted(entries, key=lambda e: str(e["date"]))


def _compare_list(
    field: str,
    spec: Obj,
    olds: list[Entry],
    news: list[Entry],
    kept: Callable[[Entry], bool],
) -> ListDiff:
    dated = _dated(spec)
    if not spec.key:
        added = [e for e in minus(news, olds, fingerprint) if kept(e)]
        removed = [e for e in minus(olds, news, fingerprint) if kept(e)]
        if dated:
            added, removed = _by_date(added), _by_date(removed)
        return ListDiff(field, spec, tuple(added), tuple(removed))

    def grouped(entries: list[Entry]) -> dict[Any, list[Entry]]:
        groups: dict[Any, list[Entry]] = {}
        for entry in _by_date(entries) if dated else entries:
            groups.setdefault(fingerprint(entry[spec.key]), []).append(entry)
        return groups

    before, after = grouped(olds), grouped(news)
    added_, removed_, changed = [], [], []
    for key in dict.fromkeys([*before, *after]):
        earlier, later = before.get(key, []), after.get(key, [])
        for a, b in zip(earlier, later, strict=False):
            changes = _changes(spec, a, b)
            if changes and (kept(a) or kept(b)):
                changed.append(EntryChange(b, changes))
        removed_ += [e for e in earlier[len(later) :] if kept(e)]
        added_ += [e for e in later[len(earlier) :] if kept(e)]
    order = None
    if not dated:
        both = before.keys() & after.keys()
        # Kept entries only: a reordering of entries --theme leaves out is not shown.
        old_keys = _first_keys(spec, olds, both, kept)
        new_keys = _first_keys(spec, news, both, kept)
        if old_keys != new_keys:
            order = (old_keys, new_keys)
    else:
        added_, removed_ = _by_date(added_), _by_date(removed_)
        changed.sort(key=lambda c: str(c.entry["date"]))
    return ListDiff(field, spec, tuple(added_), tuple(removed_), tuple(changed), order)


def _first_keys(
    spec: Obj, entries: list[Entry], both: set[Any], kept: Callable[[Entry], bool]
) -> tuple[Any, ...]:
    keys: dict[str, Any] = {}
    for entry in entries:
        key = fingerprint(entry[spec.key])
        if key in both and kept(entry):
            keys.setdefault(key, entry[spec.key])
    return tuple(keys.values())


def _theme_filter(
    theme_ids: tuple[str, ...], old: dict[str, list[Entry]], new: dict[str, list[Entry]]
) -> Callable[[str], Callable[[Entry], bool]]:
    """For each list, which of its entries `--theme` keeps.

    An entry that carries themes is kept when it carries one of them; a theme
    when it is one of them; a source when a kept entry cites it in either
    edition; anything else (a party, a revision) always.
    """
    wanted = set(theme_ids)

    def themed(entry: Entry) -> bool:
        return bool(wanted.intersection(entry["themes"]))

    cited: set[str] = set()
    for entries in (old, new):
        for listed in entries.values():
            for entry in listed:
                if isinstance(entry.get("themes"), list) and themed(entry):
                    cited.update(ref["source"] for ref in entry.get("sources") or ())

    def for_list(name: str) -> Callable[[Entry], bool]:
        if not theme_ids:
            return lambda entry: True
        if name == "themes":
            return lambda entry: entry["id"] in wanted
        if name == "sources":
            return lambda entry: entry["id"] in cited
        return lambda entry: not isinstance(entry.get("themes"), list) or themed(entry)

    return for_list


def diff(
    old: Briefing,
    new: Briefing,
    theme_ids: tuple[str, ...] = (),
    theme_titles: tuple[str, ...] = (),
) -> Diff:
    """Compare an older edition with a newer one; `theme_ids` keeps what carries those themes.

    The briefing's own fields (its title, bottom line, as-of, …) are always
    compared; `--theme` narrows the lists of entries only.
    """
    lists = entry_lists()
    in_lists = {name for name, _spec in lists}
    olds = {name: [entry_of(spec, r) for r in getattr(old, name)] for name, spec in lists}
    news = {name: [entry_of(spec, r) for r in getattr(new, name)] for name, spec in lists}
    top = [(name, f) for name, f in BRIEFING.fields.items() if name not in in_lists]
    fields = tuple(
        Change(name, a, b)
        for name, f in top
        for a, b in [(_field(old, name), _field(new, name))]
        if a != b
    )
    kept = _theme_filter(theme_ids, olds, news)
    parts = tuple(
        _compare_list(name, spec, olds[name], news[name], kept(name)) for name, spec in lists
    )
    return Diff(old, new, fields, parts, theme_ids, theme_titles)


def _field(briefing: Briefing, name: str) -> Any:
    f = BRIEFING.fields[name]
    value = getattr(briefing, f.attr or name)
    return f.default if value is None else value_of(f.spec, value)


def list_parts(spec: Obj) -> tuple[str, ...]:
    """What the JSON of a list's diff holds: added, removed; by key, changed and reordered.

    Entries without a key can only be added or removed; a dated list is read
    in date order, so it is never reordered.
    """
    parts: tuple[str, ...] = ("added", "removed")
    if spec.key:
        parts += ("changed",)
        if not _dated(spec):
            parts += ("order",)
    return parts


def changed_names(spec: Obj) -> tuple[str, ...]:
    """The fields that name a changed entry in JSON: its key, and its title if it has one."""
    return tuple(dict.fromkeys(name for name in (spec.key, "title") if name in spec.fields))
