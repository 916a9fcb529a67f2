"""The data contract as data: one description that the validator walks.

Every rule of `docs/data-format.md` that concerns a single value lives here;
rules that relate values to each other (unique ids, references) live in
`validate.py`.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from briefing.errors import MAX_FINDINGS
from briefing.grades import (
    CONFIDENCE_CODES,
    CREDIBILITY_CODES,
    KIND_CODES,
    LIKELIHOOD_CODES,
    RELIABILITY_CODES,
    STANDARD_RULES,
)
from briefing.i18n import N_, _, ngettext
from briefing.model import DIRECTIONS, SETTERS, SIGNPOST_STATUSES, STATUSES, PartialDate
from briefing.reading.yamlread import KeyPath, Typed
from briefing.text import shorten
from briefing.tlp import CODES as TLP_CODES

FORMAT_VERSION = 3  # the version this tool writes and `briefing migrate` produces
VERSIONS = (1, 2, 3)  # the versions it reads
# The kinds of scalar that take one word of a fixed vocabulary.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "status": STATUSES,
    "reliability": RELIABILITY_CODES,
    "item-kind": KIND_CODES,
    "confidence": CONFIDENCE_CODES,
    "likelihood": LIKELIHOOD_CODES,
    "signpost-status": SIGNPOST_STATUSES,
    "direction": DIRECTIONS,
    "setter": SETTERS,
    "tlp": TLP_CODES,
    "rule": STANDARD_RULES,
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
# An http(s) URL is an RFC 3986 URI (appendix A's grammar, written out below)
# with a lower-case `http` or `https` scheme, a host that is not empty (RFC 9110
# section 4.2) and a TCP port (0 to 65535) if any. Only ASCII characters the
# grammar allows can appear, so a URL can neither end a Markdown link nor carry
# controls, and what passes is a STIX `uri` and parses with urllib. No regex
# flags: the JSON Schema uses this pattern too.
_HEX = "[0-9A-Fa-f]"
_PCT = f"%{_HEX}{_HEX}"
_UNRESERVED = r"A-Za-z0-9\-._~"
_SUB_DELIMS = "!$&'()*+,;="
_PCHAR = f"(?:[{_UNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_DEC_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_IPV4 = rf"{_DEC_OCTET}(?:\.{_DEC_OCTET}){{3}}"
_H16 = f"{_HEX}{{1,4}}"
_LS32 = f"(?:{_H16}:{_H16}|{_IPV4})"
_IPV6 = (
    "(?:"
    + "|".join(
        [
            f"(?:{_H16}:){{6}}{_LS32}",
            f"::(?:{_H16}:){{5}}{_LS32}",
            f"(?:{_H16})?::(?:{_H16}:){{4}}{_LS32}",
            f"(?:(?:{_H16}:){{0,1}}{_H16})?::(?:{_H16}:){{3}}{_LS32}",
            f"(?:(?:{_H16}:){{0,2}}{_H16})?::(?:{_H16}:){{2}}{_LS32}",
            f"(?:(?:{_H16}:){{0,3}}{_H16})?::{_H16}:{_LS32}",
            f"(?:(?:{_H16}:){{0,4}}{_H16})?::{_LS32}",
            f"(?:(?:{_H16}:){{0,5}}{_H16})?::{_H16}",
            f"(?:(?:{_H16}:){{0,6}}{_H16})?::",
        ]
    )
    + ")"
)
_IP_FUTURE = rf"v{_HEX}+\.[{_UNRESERVED}{_SUB_DELIMS}:]+"
_REG_NAME = f"(?:[{_UNRESERVED}{_SUB_DELIMS}]|{_PCT})+"
_HOST = rf"(?:\[(?:{_IPV6}|{_IP_FUTURE})\]|{_REG_NAME})"
_USERINFO = f"(?:[{_UNRESERVED}{_SUB_DELIMS}:]|{_PCT})*"
_PORT = r"(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})"
_QUERY = f"(?:{_PCHAR}|[/?])*"
URL = re.compile(
    rf"^https?://(?:{_USERINFO}@)?{_HOST}(?::{_PORT}?)?(?:/{_PCHAR}*)*"
    rf"(?:\?{_QUERY})?(?:#{_QUERY})?$"
)
# Every character a URL may hold, wherever it is.
_URL_CHARS = re.compile(rf"^[{_UNRESERVED}{_SUB_DELIMS}:/?#\[\]@%]*$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Scalar(NamedTuple):
    """A single value: text, slug, date, version, url, lang, credibility or a vocabulary word."""

    kind: str


class Seq(NamedTuple):
    """A YAML sequence of one kind of entry."""

    of: Spec
    min_items: int = 0


class Field(NamedTuple):
    """A key of a mapping, allowed from format version `since`, required from `required_from`.

    `label` names it for readers (what `diff` shows; the key itself when empty),
    `attr` is its attribute in the model when that differs from the key,
    `default` the value an absent key means, and `refers` the section whose ids
    the value (or each entry of it) names: `themes` for a list of theme ids.
    """

    spec: Spec
    required: bool = False
    doc: str = ""
    since: int = 1
    required_from: int = 0  # 0: never required by version (see `required` for always)
    label: str = ""
    attr: str = ""
    default: str | int | None = None
    refers: str = ""


class Obj(NamedTuple):
    """A YAML mapping with known keys (plus ignored `x-` keys).

    `key` is the field that identifies an entry of a list across two editions
    (an id, a title, a name); empty when only the whole entry does.
    """

    noun: str
    fields: dict[str, Field]
    key: str = ""


Spec = Scalar | Seq | Obj

TEXT = Scalar("text")

SOURCE_REF = Obj(
    N_("a citation"),
    {
        "source": Field(Scalar("slug"), True, N_("id of a declared source"), label=N_("source")),
        "locator": Field(
            TEXT, doc=N_("where in the source, e.g. a section and paragraph"), label=N_("locator")
        ),
        "quote": Field(
            TEXT,
            doc=N_("words quoted from the source at that place, exactly as written"),
            since=2,
            label=N_("quote"),
        ),
    },
)
ACKNOWLEDGEMENT = Obj(
    N_("an acknowledgement"),
    {
        "rule": Field(
            Scalar("rule"), True, N_("the id of the standard accepted here"), label=N_("rule")
        ),
        "reason": Field(TEXT, True, N_("why the warning is accepted"), label=N_("reason")),
    },
)
PARTY = Obj(
    N_("a party"),
    {
        "name": Field(TEXT, True, N_("name of the party"), label=N_("name")),
        "forces": Field(TEXT, doc=N_("its armed forces"), label=N_("forces")),
    },
    key="name",
)
THEME = Obj(
    N_("a theme"),
    {
        "id": Field(Scalar("slug"), True, N_("slug, unique"), label=N_("id")),
        "title": Field(TEXT, True, N_("display name"), label=N_("title")),
        "aliases": Field(Seq(TEXT), doc=N_("other names `--theme` accepts"), label=N_("aliases")),
        "description": Field(TEXT, doc=N_("one line"), label=N_("description")),
    },
    key="id",
)
SIGNPOST = Obj(
    N_("a signpost"),
    {
        "id": Field(Scalar("slug"), True, N_("slug, unique in its item"), label=N_("id")),
        "text": Field(TEXT, True, N_("the observable event"), label=N_("text")),
        "direction": Field(
            Scalar("direction"),
            True,
            N_("supports | undermines: what seeing it would say of the item"),
            label=N_("direction"),
        ),
        "status": Field(
            Scalar("signpost-status"),
            True,
            N_("not-yet-seen | observed | contradicted"),
            label=N_("status"),
        ),
        "attribution": Field(TEXT, doc=N_("who chose this signpost"), label=N_("attribution")),
        "observed": Field(
            Scalar("date"),
            doc=N_("partial ISO date it was observed or contradicted"),
            label=N_("observed"),
        ),
        "sources": Field(
            Seq(SOURCE_REF), doc=N_("citations reporting it"), label=N_("sources cited")
        ),
        "credibility": Field(
            Scalar("credibility"),
            doc=N_("credibility of the report that it was seen, 1 to 6"),
            label=N_("credibility"),
        ),
    },
    key="id",
)
ITEM = Obj(
    N_("an item"),
    {
        "id": Field(Scalar("slug"), True, N_("slug, unique in the file"), label=N_("id")),
        "title": Field(TEXT, True, N_("one line"), label=N_("title")),
        "themes": Field(
            Seq(Scalar("slug"), 1),
            True,
            N_("declared theme ids"),
            label=N_("themes"),
            refers="themes",
        ),
        "summary": Field(
            TEXT, True, N_("what was agreed, discussed or reported"), label=N_("summary")
        ),
        "status": Field(
            Scalar("status"),
            doc=N_("planned | under-way | completed | unclear"),
            label=N_("status"),
            default="unclear",
        ),
        "attribution": Field(TEXT, doc=N_("who made the claim"), label=N_("attribution")),
        "sources": Field(
            Seq(SOURCE_REF, 1), True, N_("at least one citation"), label=N_("sources cited")
        ),
        "open_questions": Field(
            Seq(TEXT), doc=N_("what the sources leave unknown"), label=N_("open questions")
        ),
        "kind": Field(
            Scalar("item-kind"),
            doc=N_("report (default) | assessment, a judgement"),
            since=2,
            label=N_("kind"),
            default="report",
        ),
        "credibility": Field(
            Scalar("credibility"),
            doc=N_("credibility of the information, 1 (confirmed) to 6 (cannot be judged)"),
            since=2,
            required_from=2,
            label=N_("credibility"),
        ),
        "confidence": Field(
            Scalar("confidence"),
            doc=N_("an assessment's confidence: low | moderate | high"),
            since=2,
            label=N_("confidence"),
        ),
        "likelihood": Field(
            Scalar("likelihood"),
            doc=N_("an assessment's likelihood, one of the seven ICD 203 terms"),
            since=2,
            label=N_("likelihood"),
        ),
        "expected_by": Field(
            Scalar("date"), doc=N_("partial ISO date it is due by"), since=3, label=N_("due date")
        ),
        "expected_by_set_by": Field(
            Scalar("setter"),
            doc=N_("who set the due date: source | analyst"),
            since=3,
            label=N_("due date set by"),
        ),
        "signposts": Field(
            Seq(SIGNPOST),
            doc=N_("events that would show it carried out or abandoned"),
            since=3,
            label=N_("signposts"),
        ),
        "tlp": Field(
            Scalar("tlp"),
            doc=N_("TLP 2.0 marking, no less strict than the briefing's: CLEAR … RED"),
            since=2,
            label=N_("TLP marking"),
        ),
        "account_of": Field(
            TEXT,
            doc=N_("the name of the one party whose account the item gives"),
            since=2,
            label=N_("account of"),
        ),
        "acknowledged": Field(
            Seq(ACKNOWLEDGEMENT),
            doc=N_("standards warnings accepted deliberately, each with its reason"),
            since=2,
            label=N_("acknowledged"),
        ),
    },
    key="id",
)
REVISION = Obj(
    N_("a revision"),
    {
        "date": Field(Scalar("date"), True, N_("partial ISO date of the change"), label=N_("date")),
        "summary": Field(TEXT, True, N_("what changed and why"), label=N_("summary")),
    },
)
TIMELINE_ENTRY = Obj(
    N_("a timeline entry"),
    {
        "date": Field(Scalar("date"), True, N_("partial ISO date"), label=N_("date")),
        "title": Field(TEXT, True, N_("what happened"), label=N_("title")),
        "themes": Field(
            Seq(Scalar("slug")), doc=N_("declared theme ids"), label=N_("themes"), refers="themes"
        ),
        "sources": Field(Seq(SOURCE_REF), doc=N_("citations"), label=N_("sources cited")),
    },
    key="title",
)
SOURCE = Obj(
    N_("a source"),
    {
        "id": Field(Scalar("slug"), True, N_("slug, unique"), label=N_("id")),
        "title": Field(TEXT, True, N_("what the source is"), label=N_("title")),
        "kind": Field(TEXT, doc=N_("e.g. press article"), label=N_("kind")),
        "language": Field(Scalar("lang"), doc=N_("BCP 47 tag"), label=N_("language")),
        "published": Field(Scalar("date"), doc=N_("partial ISO date"), label=N_("published")),
        "url": Field(Scalar("url"), doc=N_("http or https only"), label=N_("address")),
        "reliability": Field(
            Scalar("reliability"),
            doc=N_("reliability of the source, A (completely reliable) to F (cannot be judged)"),
            since=2,
            required_from=2,
            label=N_("reliability"),
        ),
        "grade_note": Field(
            TEXT, doc=N_("why the reliability was given"), since=2, label=N_("grade note")
        ),
        "publisher": Field(TEXT, doc=N_("who published it"), since=2, label=N_("publisher")),
        "author": Field(TEXT, doc=N_("who wrote it"), since=2, label=N_("author")),
        "accessed": Field(
            Scalar("date"), doc=N_("partial ISO date it was read"), since=2, label=N_("accessed")
        ),
        "archived_url": Field(
            Scalar("url"),
            doc=N_("an archived copy, http or https"),
            since=2,
            label=N_("archived copy"),
        ),
        "relays": Field(
            Scalar("slug"),
            doc=N_("id of a declared source this one repeats, so it is not independent of it"),
            since=2,
            label=N_("relays"),
        ),
        "acknowledged": Field(
            Seq(ACKNOWLEDGEMENT),
            doc=N_("standards warnings accepted deliberately, each with its reason"),
            since=2,
            label=N_("acknowledged"),
        ),
    },
    key="id",
)
BRIEFING = Obj(
    N_("a briefing"),
    {
        "briefing": Field(
            Scalar("version"),
            True,
            N_("format version: the integer 1, 2 or 3"),
            label=N_("format version"),
            attr="version",
        ),
        "id": Field(Scalar("slug"), True, N_("slug, unique among loaded files"), label=N_("id")),
        "title": Field(TEXT, True, N_("title of the briefing"), label=N_("title")),
        "subtitle": Field(TEXT, doc=N_("one-line standfirst"), label=N_("subtitle")),
        "as_of": Field(
            Scalar("date"), True, N_("partial ISO date the briefing reflects"), label=N_("as of")
        ),
        "language": Field(
            Scalar("lang"),
            doc=N_("BCP 47 tag of the text, default en"),
            label=N_("language"),
            default="en",
        ),
        "translation_of": Field(
            Scalar("lang"),
            doc=N_("for a translation: the language of the original briefing"),
            label=N_("translation of"),
        ),
        "summary": Field(
            TEXT,
            True,
            N_("bottom line up front; a blank line starts a paragraph"),
            label=N_("bottom line"),
        ),
        "parties": Field(Seq(PARTY), doc=N_("the parties"), label=N_("parties")),
        "themes": Field(
            Seq(THEME, 1),
            True,
            N_("at least one; list order is display order"),
            label=N_("themes"),
        ),
        "items": Field(Seq(ITEM, 1), True, N_("at least one"), label=N_("items")),
        "timeline": Field(Seq(TIMELINE_ENTRY), doc=N_("dated events"), label=N_("timeline")),
        "sources": Field(Seq(SOURCE, 1), True, N_("at least one"), label=N_("sources")),
        "revisions": Field(
            Seq(REVISION), doc=N_("dated changes to the briefing"), since=2, label=N_("revisions")
        ),
        "tlp": Field(
            Scalar("tlp"),
            doc=N_("TLP 2.0 marking: CLEAR | GREEN | AMBER | AMBER+STRICT | RED"),
            since=2,
            label=N_("TLP marking"),
        ),
    },
)


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
        return _url_problem(value)
    if kind == "lang" and not LANG.fullmatch(value):
        return _("`{value}` is not a language tag: use a BCP 47 tag such as `en` or `fr`").format(
            value=shorten(value)
        )
    return None


def _url_problem(value: str) -> str:
    """Say why an http(s) address is not a well-formed URL (RFC 3986)."""
    shown = shorten(value)
    if not _URL_CHARS.fullmatch(value):
        return _(
            "`{value}` has characters a URL cannot hold as they are: "
            "percent-encode spaces, quotes, <, >, and non-ASCII characters"
        ).format(value=shown)
    if re.search(f"%(?!{_HEX}{_HEX})", value):
        return _(
            "`{value}` has a `%` that is not followed by two hexadecimal digits: "
            "write a percent sign itself as `%25`"
        ).format(value=shown)
    if value.count("#") > 1:
        return _(
            "`{value}` has more than one `#`: only the first starts the fragment; "
            "write the others as `%23`"
        ).format(value=shown)
    after = value.split("//", 1)[1]
    rest = after[len(re.split("[/?#]", after, maxsplit=1)[0]) :]  # what follows the authority
    if "[" in rest or "]" in rest:
        return _(
            "`{value}` has a `[` or `]` outside the host: brackets only enclose an "
            "IPv6 address; write them as `%5B` and `%5D` elsewhere"
        ).format(value=shown)
    return _(
        "`{value}` is not a well-formed URL (RFC 3986): check the host (not empty; "
        "an IPv6 address in brackets), the port (a number up to 65535) and any `user@`"
    ).format(value=shown)


# The assessment rule: an item of this kind states these keys; an item of another kind
# (a report, the default) carries none of the others. The validator and the JSON Schema
# both read it from here.
ASSESSMENT_KIND = "assessment"
ASSESSMENT_NEEDS = ("confidence",)
ASSESSMENT_ONLY = ("confidence", "likelihood")
