"""The data contract as data: one description that the validator walks.

Every rule of `docs/data-format.md` that concerns a single value lives here;
rules that relate values to each other (unique ids, references) live in
`validate.py`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from .model import STATUSES, PartialDate
from .yamlread import Path, Typed

FORMAT_VERSION = 1
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
# http(s) only, lower-case scheme, written with the ASCII characters RFC 3986
# allows (anything else percent-encoded), so a URL can neither end a Markdown
# link nor carry controls. No regex flags: the JSON Schema uses this pattern too.
_URL_CHAR = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
URL = re.compile(rf"^https?://[A-Za-z0-9\-._~%\[\]:@]+([/?#]{_URL_CHAR}*)?$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Scalar:
    """A single value: text, slug, date, version, status, url or lang."""

    kind: str


@dataclass(frozen=True)
class Seq:
    """A YAML sequence of one kind of entry."""

    of: Spec
    min_items: int = 0


@dataclass(frozen=True)
class Field:
    """A key of a mapping."""

    spec: Spec
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Obj:
    """A YAML mapping with known keys (plus ignored `x-` keys)."""

    noun: str
    fields: dict[str, Field] = field(default_factory=dict)


Spec = Scalar | Seq | Obj

TEXT = Scalar("text")

SOURCE_REF = Obj(
    "a citation",
    {
        "source": Field(Scalar("slug"), True, "id of a declared source"),
        "locator": Field(TEXT, doc="where in the source, e.g. a section and paragraph"),
    },
)
PARTY = Obj(
    "a party",
    {
        "name": Field(TEXT, True, "name of the party"),
        "forces": Field(TEXT, doc="its armed forces"),
    },
)
THEME = Obj(
    "a theme",
    {
        "id": Field(Scalar("slug"), True, "slug, unique"),
        "title": Field(TEXT, True, "display name"),
        "aliases": Field(Seq(TEXT), doc="other names `--theme` accepts"),
        "description": Field(TEXT, doc="one line"),
    },
)
ITEM = Obj(
    "an item",
    {
        "id": Field(Scalar("slug"), True, "slug, unique in the file"),
        "title": Field(TEXT, True, "one line"),
        "themes": Field(Seq(Scalar("slug"), 1), True, "declared theme ids"),
        "summary": Field(TEXT, True, "what was agreed, discussed or reported"),
        "status": Field(Scalar("status"), doc="planned | under-way | completed | unclear"),
        "attribution": Field(TEXT, doc="who made the claim"),
        "sources": Field(Seq(SOURCE_REF, 1), True, "at least one citation"),
        "open_questions": Field(Seq(TEXT), doc="what the sources leave unknown"),
    },
)
TIMELINE_ENTRY = Obj(
    "a timeline entry",
    {
        "date": Field(Scalar("date"), True, "partial ISO date"),
        "title": Field(TEXT, True, "what happened"),
        "themes": Field(Seq(Scalar("slug")), doc="declared theme ids"),
        "sources": Field(Seq(SOURCE_REF), doc="citations"),
    },
)
SOURCE = Obj(
    "a source",
    {
        "id": Field(Scalar("slug"), True, "slug, unique"),
        "title": Field(TEXT, True, "what the source is"),
        "kind": Field(TEXT, doc="e.g. press article"),
        "language": Field(Scalar("lang"), doc="BCP 47 tag"),
        "published": Field(Scalar("date"), doc="partial ISO date"),
        "url": Field(Scalar("url"), doc="http or https only"),
    },
)
BRIEFING = Obj(
    "a briefing",
    {
        "briefing": Field(Scalar("version"), True, "format version: the integer 1"),
        "id": Field(Scalar("slug"), True, "slug, unique among loaded files"),
        "title": Field(TEXT, True, "title of the briefing"),
        "subtitle": Field(TEXT, doc="one-line standfirst"),
        "as_of": Field(Scalar("date"), True, "partial ISO date the briefing reflects"),
        "language": Field(Scalar("lang"), doc="BCP 47 tag of the text, default en"),
        "summary": Field(TEXT, True, "bottom line up front; a blank line starts a paragraph"),
        "parties": Field(Seq(PARTY), doc="the parties"),
        "themes": Field(Seq(THEME, 1), True, "at least one; list order is display order"),
        "items": Field(Seq(ITEM, 1), True, "at least one"),
        "timeline": Field(Seq(TIMELINE_ENTRY), doc="dated events"),
        "sources": Field(Seq(SOURCE, 1), True, "at least one"),
    },
)


@dataclass(frozen=True)
class Finding:
    """A problem found in the data, before its position in the file is known."""

    path: Path
    message: str
    at_key: bool = False  # point at the key rather than at its value


def describe(value: Any) -> str:
    """Name what a value is, in the words an author would use."""
    if isinstance(value, Typed):
        return value.describe()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an alias"
    return "text"


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """Return ` (did you mean `x`?)` for the closest choice, or an empty string."""
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    if not close and word:  # an abbreviation: `intel` for `intelligence`
        close = [c for c in lowered if c.startswith(word.lower())][:2]
        close = close if len(close) == 1 else []
    return f" (did you mean `{lowered[close[0]]}`?)" if close else ""


def slugify(text: str) -> str:
    """Suggest a valid slug for a wrong one."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "my-id"


def check(value: Any, spec: Spec, path: Path, out: list[Finding]) -> None:
    """Append a Finding for every way `value` breaks `spec`."""
    if isinstance(spec, Obj):
        _check_obj(value, spec, path, out)
    elif isinstance(spec, Seq):
        if not isinstance(value, list):
            out.append(Finding(path, f"expected a list, found {describe(value)}"))
            return
        if len(value) < spec.min_items:
            out.append(Finding(path, f"needs at least {spec.min_items} entry, found none"))
        for index, entry in enumerate(value):
            check(entry, spec.of, (*path, index), out)
    else:
        message = check_scalar(value, spec.kind)
        if message:
            out.append(Finding(path, message))


def _check_obj(value: Any, spec: Obj, path: Path, out: list[Finding]) -> None:
    if not isinstance(value, dict):
        out.append(Finding(path, f"expected {spec.noun} (a mapping), found {describe(value)}"))
        return
    for key, entry in value.items():
        if isinstance(key, Typed):
            out.append(Finding((*path, key.text), "a key must be text: quote it", True))
            continue
        if key.startswith("x-"):
            continue
        known = spec.fields.get(key)
        if known is None:
            hint = did_you_mean(key, list(spec.fields)) or (
                f" (known keys: {', '.join(spec.fields)}; keys starting with `x-` are ignored)"
            )
            out.append(Finding((*path, key), f"unknown key `{key}`{hint}", True))
            continue
        check(entry, known.spec, (*path, key), out)
    missing = [k for k, f in spec.fields.items() if f.required and k not in value]
    for key in missing:
        out.append(Finding(path, f"{spec.noun} needs the key `{key}` ({spec.fields[key].doc})"))


def check_scalar(value: Any, kind: str) -> str | None:
    """Return what is wrong with a single value of this kind, or None."""
    if kind == "version":
        if isinstance(value, Typed) and value.kind == "int":
            if value.text.lstrip("+") == str(FORMAT_VERSION):
                return None
            return (
                f"format version {value.text} is not supported: "
                f"this tool reads version {FORMAT_VERSION}"
            )
        return f"expected the format version, the integer {FORMAT_VERSION}, found {describe(value)}"
    if kind == "date":
        if isinstance(value, Typed) and value.kind == "timestamp" and ISO_DAY.match(value.text):
            value = value.text
        elif isinstance(value, Typed) and value.kind == "int":
            return f'expected a date as text, found {value.describe()}: quote it, "{value.text}"'
    if not isinstance(value, str):
        if isinstance(value, Typed) and value.text == "":
            return "expected text, found an empty value: write the text or remove the key"
        if isinstance(value, Typed):
            return f'expected text, found {value.describe()}: quote it, "{value.text}"'
        return f"expected text, found {describe(value)}"
    if not value.strip():
        return "is empty: write the text or remove the key"
    if kind == "slug" and not SLUG.match(value):
        return (
            f"`{value}` is not a valid id: use lowercase letters, digits and single hyphens, "
            f"e.g. `{slugify(value)}`"
        )
    if kind == "date":
        try:
            PartialDate.parse(value)
        except ValueError as exc:
            return f"`{value}` is not a partial ISO date: {exc}"
    if kind == "status" and value not in STATUSES:
        hint = did_you_mean(value, STATUSES)
        return f"unknown status `{value}`{hint}: use one of {', '.join(STATUSES)}"
    if kind == "url" and not URL.match(value):
        if not value.startswith(("http://", "https://")):
            return (
                f"`{value}` is not an http or https URL: only those are allowed, "
                "written in lower case (https://…)"
            )
        return (
            f"`{value}` has characters a URL cannot hold as they are: "
            "percent-encode spaces, quotes, <, >, and non-ASCII characters"
        )
    if kind == "lang" and not LANG.match(value):
        return f"`{value}` is not a language tag: use a BCP 47 tag such as `en` or `fr`"
    return None
