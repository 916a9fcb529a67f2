"""Whether data conforms to the contract: a checker per spec, versions, scalars, suggestions."""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from briefing.errors import MAX_FINDINGS
from briefing.grades import (
    CREDIBILITY_CODES,
)
from briefing.i18n import _, ngettext
from briefing.model import PartialDate
from briefing.reading.addresses import url_problem
from briefing.reading.contract import (
    ISO_DAY,
    LANG,
    SLUG,
    URL,
    VERSIONS,
    VOCABULARIES,
    Field,
    Obj,
    Seq,
    Spec,
)
from briefing.reading.yamlplaces import KeyPath
from briefing.reading.yamlread import Typed
from briefing.text import shorten


class Finding(NamedTuple):
    """A problem found in the data, before its position in the file is known."""

    path: KeyPath
    message: str
    at_key: bool = False  # point at the key rather than at its value


class Enough(Exception):
    """Raised by Findings when the limit is reached: looking further helps nobody."""


class Findings(list[Finding]):
    """The findings of one check, which stops the check when MAX_FINDINGS are found."""

    def __init__(self, limit: int = MAX_FINDINGS) -> None:
        super().__init__()
        self.limit = limit
        # One suggester per list of known keys, shared by the whole check, so
        # its budget and memory of answers cover every unknown key of a file.
        self.suggesters: dict[int, Suggester] = {}

    def append(self, finding: Finding) -> None:
        """Add a finding; raise Enough when the limit is reached."""
        super().append(finding)
        if len(self) >= self.limit:
            raise Enough


def describe(value: Any) -> str:
    """Name what a value is, in the words an author would use."""
    if isinstance(value, Typed):
        return value.describe()
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return _("an alias")
    return _("text")


# Bounds on "did you mean": names are compared on their first SUGGEST_CHARS
# characters, among at most SUGGEST_CHOICES names, and only the SUGGEST_FINALISTS
# most alike by a linear measure get difflib's quadratic one. A Suggester
# compares at most SUGGEST_BUDGET names in all, whatever the number of lookups.
SUGGEST_CHARS = 40


SUGGEST_CHOICES = 2000


SUGGEST_FINALISTS = 3


SUGGEST_BUDGET = 20_000


class Suggester:
    """Suggest the closest of a list of names, with work bounded per lookup and in all."""

    def __init__(self, choices: list[str] | tuple[str, ...], budget: int = SUGGEST_BUDGET):
        self.names: dict[str, str] = {}  # cut, lower-cased name -> the name as declared
        if len(choices) <= SUGGEST_CHOICES:  # past that, no one reads a guess anyway
            for choice in choices:
                self.names.setdefault(choice[:SUGGEST_CHARS].lower(), choice)
        self.budget = budget
        self.compared = 0  # names compared so far: the measure of work the tests check
        self._memo: dict[str, str] = {}
        self._grams: list[tuple[frozenset[str], str]] | None = None

    def __call__(self, word: str) -> str:
        """Return ` (did you mean `x`?)` for the closest name, or an empty string."""
        key = word[:SUGGEST_CHARS].lower()
        hint = self._memo.get(key)
        if hint is None:
            if not key or len(self.names) > self.budget:
                return ""
            self.budget -= len(self.names)
            self.compared += len(self.names)
            name = self._closest(key)
            shown = _("did you mean `{name}`?").format(name=shorten(name)) if name else ""
            hint = self._memo[key] = " (" + shown + ")" if shown else ""
        return hint

    def _closest(self, key: str) -> str | None:
        if self._grams is None:  # built at the first lookup: valid files never pay for it
            self._grams = [(_bigrams(name), name) for name in self.names]
        mine = _bigrams(key)
        # Linear and in C: the share of character pairs in common (Dice's measure).
        scored = [
            (len(mine & theirs) / (len(mine) + len(theirs) or 1), n) for theirs, n in self._grams
        ]
        import difflib  # only when a name is not found: valid files never pay for it

        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(key)  # difflib caches facts about the second sequence
        best, best_ratio = None, 0.6
        for _share, name in heapq.nlargest(SUGGEST_FINALISTS, scored):
            matcher.set_seq1(name)
            ratio = matcher.ratio()
            if ratio > best_ratio or (best is None and ratio == best_ratio):
                best, best_ratio = name, ratio
        if best is None:  # an abbreviation: `intel` for `intelligence`
            starting = [n for n in self.names if n.startswith(key)][:2]
            best = starting[0] if len(starting) == 1 else None
        return self.names[best] if best is not None else None


def _bigrams(text: str) -> frozenset[str]:
    """The pairs of adjacent characters of a text (the text itself when shorter)."""
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) or frozenset((text,))


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """Return ` (did you mean `x`?)` for the closest choice, or an empty string."""
    return Suggester(choices)(word)


def listing(choices: list[str] | tuple[str, ...], limit: int = 12) -> str:
    """List choices for a message: all of them, or the first few and how many in all."""
    if len(choices) <= limit:
        return ", ".join(shorten(c) for c in choices)
    return _("{first}, … ({n} in all)").format(
        first=", ".join(shorten(c) for c in choices[:limit]), n=len(choices)
    )


def slugify(text: str) -> str:
    """Suggest a valid slug for a wrong one."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "my-id"


Checker = Callable[[Any, KeyPath, "str | int | None", list[Finding]], None]


def check(value: Any, spec: Spec, path: KeyPath, out: list[Finding]) -> None:
    """Append a Finding for every way `value` breaks `spec`."""
    _checker(spec)(value, path, None, out)


def _checker(spec: Spec) -> Checker:
    """Compile a spec into a function once; the happy path then costs a few comparisons.

    Checkers take the parent's path and their own key, and build the full path
    only when there is something to report.
    """
    compiled = _COMPILED.get(id(spec))
    if compiled is None:
        if isinstance(spec, Obj):
            compiled = _obj_checker(spec)
        elif isinstance(spec, Seq):
            compiled = _seq_checker(spec)
        else:
            compiled = _scalar_checker(spec.kind)
        _COMPILED[id(spec)] = compiled
    return compiled


_COMPILED: dict[int, Checker] = {}


def _at(path: KeyPath, key: str | int | None) -> KeyPath:
    return path if key is None else (*path, key)


def _scalar_checker(kind: str) -> Checker:
    slug_match = SLUG.fullmatch
    quick: Callable[[Any], bool]
    if kind == "text":
        quick = lambda v: type(v) is str and v != "" and not v.isspace()  # noqa: E731
    elif kind == "slug":
        quick = lambda v: type(v) is str and slug_match(v) is not None  # noqa: E731
    elif kind in VOCABULARIES:
        words = frozenset(VOCABULARIES[kind])
        quick = lambda v: type(v) is str and v in words  # noqa: E731
    else:
        quick = lambda v: False  # noqa: E731 - rare kinds always take the full check

    def run(value: Any, path: KeyPath, key: str | int | None, out: list[Finding]) -> None:
        if quick(value):
            return
        message = check_scalar(value, kind)
        if message:
            out.append(Finding(_at(path, key), message))

    return run


def _seq_checker(spec: Seq) -> Checker:
    entry = _checker(spec.of)
    minimum = spec.min_items

    def run(value: Any, path: KeyPath, key: str | int | None, out: list[Finding]) -> None:
        if type(value) is not list:
            found = describe(value)
            out.append(
                Finding(_at(path, key), _("expected a list, found {what}").format(what=found))
            )
            return
        if len(value) < minimum:
            message = ngettext(
                "needs at least {n} entry, found none",
                "needs at least {n} entries, found none",
                minimum,
            )
            out.append(Finding(_at(path, key), message.format(n=minimum)))
        here = _at(path, key)
        for index, item in enumerate(value):
            entry(item, here, index, out)

    return run


def _obj_checker(spec: Obj) -> Checker:
    fields = {name: _checker(f.spec) for name, f in spec.fields.items()}
    required = [name for name, f in spec.fields.items() if f.required]
    required_set = frozenset(required)

    def run(value: Any, path: KeyPath, key: str | int | None, out: list[Finding]) -> None:
        if type(value) is not dict:
            found = describe(value)
            message = _("expected {noun} (a mapping), found {what}")
            out.append(Finding(_at(path, key), message.format(noun=_(spec.noun), what=found)))
            return
        here = _at(path, key)
        for name, entry in value.items():
            checker = fields.get(name)
            if checker is not None:
                checker(entry, here, name, out)
            else:
                _odd_key(spec, name, here, out)
        if not required_set <= value.keys():
            for name in required:
                if name not in value:
                    doc = spec.fields[name].doc
                    message = _("{noun} needs the key `{key}` ({doc})")
                    out.append(
                        Finding(here, message.format(noun=_(spec.noun), key=name, doc=_(doc)))
                    )

    return run


def versioned(spec: Spec) -> bool:
    """Whether a spec, or anything inside it, has keys that depend on the format version."""
    known = _VERSIONED.get(id(spec))
    if known is None:
        if isinstance(spec, Seq):
            known = versioned(spec.of)
        elif isinstance(spec, Obj):
            known = any(
                f.since > 1 or bool(f.required_from) or versioned(f.spec)
                for f in spec.fields.values()
            )
        else:
            known = False
        _VERSIONED[id(spec)] = known
    return known


_VERSIONED: dict[int, bool] = {}


def _versioned_fields(spec: Obj) -> list[tuple[str, Field]]:
    """The fields of a mapping that depend on the version: only these are looked at per entry."""
    found = _VERSIONED_FIELDS.get(id(spec))
    if found is None:
        found = [
            (name, f)
            for name, f in spec.fields.items()
            if f.since > 1 or f.required_from or versioned(f.spec)
        ]
        _VERSIONED_FIELDS[id(spec)] = found
    return found


_VERSIONED_FIELDS: dict[int, list[tuple[str, Field]]] = {}


def check_version(value: Any, spec: Spec, version: int, path: KeyPath, out: list[Finding]) -> None:
    """Append a Finding for every key too new for `version` and every key it requires.

    A version 1 file may not use the keys of version 2 (an older reader would
    refuse them); a version 2 file must grade what version 2 requires.
    """
    if isinstance(spec, Seq):
        if isinstance(value, list) and versioned(spec.of):
            for index, entry in enumerate(value):
                check_version(entry, spec.of, version, (*path, index), out)
        return
    if not isinstance(spec, Obj) or not isinstance(value, dict):
        return
    for name, field in _versioned_fields(spec):
        if name in value:
            if field.since > version:
                message = _(
                    "`{key}` needs format version {since}: run `briefing migrate FILE` to move "
                    "the file to version {since}, or remove the key"
                ).format(key=name, since=field.since)
                out.append(Finding((*path, name), message, True))
            elif versioned(field.spec):
                check_version(value[name], field.spec, version, (*path, name), out)
        elif field.required_from and version >= field.required_from:
            message = _("{noun} needs the key `{key}` in format version {n} ({doc})")
            out.append(
                Finding(
                    path,
                    message.format(noun=_(spec.noun), key=name, n=version, doc=_(field.doc)),
                )
            )


def _odd_key(spec: Obj, key: Any, here: KeyPath, out: list[Finding]) -> None:
    """Report a key the spec does not know, unless it is an ignored `x-` key."""
    if isinstance(key, Typed):
        out.append(Finding((*here, key.text), _("a key must be text: quote it"), True))
        return
    if key.startswith("x-"):
        return
    suggesters: dict[int, Suggester] = getattr(out, "suggesters", {})
    suggest = suggesters.get(id(spec))
    if suggest is None:
        suggest = suggesters[id(spec)] = Suggester(list(spec.fields))
    hint = suggest(key) or (
        " ("
        + _("known keys: {keys}; keys starting with `x-` are ignored").format(
            keys=", ".join(spec.fields)
        )
        + ")"
    )
    message = _("unknown key `{key}`").format(key=shorten(key))
    out.append(Finding((*here, key), message + hint, True))


_CREDIBILITY_TEXT = frozenset(str(n) for n in CREDIBILITY_CODES)


_GRADE_WORDS = frozenset(("reliability", "item-kind", "confidence", "likelihood", "rule", "tlp"))


_VERSION_TEXT = frozenset(str(v) for v in VERSIONS)


def version_of(value: Any) -> int | None:
    """Return the format version a `briefing:` value names, if this tool reads it."""
    if isinstance(value, Typed) and value.kind == "int":
        text = value.text.lstrip("+")
        if text in _VERSION_TEXT:
            return int(text)
    return None


def _versions() -> str:
    return _("{first} or {last}").format(
        first=", ".join(str(v) for v in VERSIONS[:-1]), last=VERSIONS[-1]
    )


def _vocabulary_messages() -> dict[str, str]:
    return {
        "status": _("unknown status `{value}`{hint}: use one of {choices}"),
        "reliability": _("unknown reliability `{value}`{hint}: use one of {choices}"),
        "item-kind": _("unknown kind `{value}`{hint}: use one of {choices}"),
        "confidence": _("unknown confidence `{value}`{hint}: use one of {choices}"),
        "likelihood": _("unknown likelihood `{value}`{hint}: use one of {choices}"),
        "signpost-status": _("unknown signpost status `{value}`{hint}: use one of {choices}"),
        "direction": _("unknown direction `{value}`{hint}: use one of {choices}"),
        "setter": _("unknown setter `{value}`{hint}: use one of {choices}"),
        "tlp": _("unknown TLP marking `{value}`{hint}: use one of {choices}"),
        "rule": _("unknown standard `{value}`{hint}: use one of {choices}"),
    }


def check_scalar(value: Any, kind: str) -> str | None:
    """Return what is wrong with a single value of this kind, or None."""
    if kind == "version":
        if isinstance(value, Typed) and value.kind == "int":
            if version_of(value) is not None:
                return None
            return _(
                "format version {found} is not supported: this tool reads versions {versions}"
            ).format(found=value.text, versions=_versions())
        return _("expected the format version, the integer {versions}, found {what}").format(
            versions=_versions(), what=describe(value)
        )
    if kind == "credibility":
        if isinstance(value, Typed) and value.kind == "int":
            if value.text.lstrip("+") in _CREDIBILITY_TEXT:
                return None
            return _(
                "credibility {found} is not on the scale: use 1 (confirmed by other sources) "
                "to 6 (truth cannot be judged)"
            ).format(found=value.text)
        return _("expected a credibility, an unquoted integer from 1 to 6, found {what}").format(
            what=describe(value)
        )
    if kind == "date":
        if isinstance(value, Typed) and value.kind == "timestamp" and ISO_DAY.fullmatch(value.text):
            value = value.text
        elif isinstance(value, Typed) and value.kind == "int":
            return _('expected a date as text, found {what}: quote it, "{text}"').format(
                what=value.describe(), text=shorten(value.text)
            )
    if kind in _GRADE_WORDS and isinstance(value, Typed) and value.text != "":
        # `reliability: 2` mixes up the two scales: quoting would not help, name the choices.
        return _("expected one of {choices}, found {what}").format(
            choices=", ".join(VOCABULARIES[kind]), what=value.describe()
        )
    if not isinstance(value, str):
        if isinstance(value, Typed) and value.text == "":
            return _("expected text, found an empty value: write the text or remove the key")
        if isinstance(value, Typed):
            return _('expected text, found {what}: quote it, "{text}"').format(
                what=value.describe(), text=shorten(value.text)
            )
        return _("expected text, found {what}").format(what=describe(value))
    if not value.strip():
        return _("is empty: write the text or remove the key")
    if kind == "slug" and not SLUG.fullmatch(value):
        return _(
            "`{value}` is not a valid id: use lowercase letters, digits and single hyphens, "
            "e.g. `{example}`"
        ).format(value=shorten(value), example=slugify(value[:SUGGEST_CHARS]))
    if kind == "date":
        try:
            PartialDate.parse(value)
        except ValueError as exc:
            return _("`{value}` is not a partial ISO date: {why}").format(
                value=shorten(value), why=exc
            )
    if kind in VOCABULARIES and value not in VOCABULARIES[kind]:
        words = VOCABULARIES[kind]
        return _vocabulary_messages()[kind].format(
            value=shorten(value), hint=did_you_mean(value, words), choices=", ".join(words)
        )
    if kind == "url" and not URL.fullmatch(value):
        if not value.startswith(("http://", "https://")):
            return _(
                "`{value}` is not an http or https URL: only those are allowed, "
                "written in lower case (https://…)"
            ).format(value=shorten(value))
        return url_problem(value)
    if kind == "lang" and not LANG.fullmatch(value):
        return _("`{value}` is not a language tag: use a BCP 47 tag such as `en` or `fr`").format(
            value=shorten(value)
        )
    return None
