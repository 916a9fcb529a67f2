"""A hardened YAML reader: plain data from parser events, with no implicit typing surprises.

PyYAML's loaders keep the last of duplicate keys, turn `NO` into False and
`1:30` into 90, construct arbitrary tags and expand aliases. This reader builds
dicts, lists and strings straight from the parser's event stream instead:

- a plain scalar that YAML 1.1 would type (bool, number, null, date) becomes a
  `Typed` value holding the text as written, so the validator can ask the
  author to quote it, or accept it where a number or a date is expected;
- duplicate keys, aliases, tags other than `!!str`/`!!map`/`!!seq`, and
  several documents are problems with a line and column;
- nesting is bounded and the build is iterative, so work is linear in the
  file's size; the first alias stops the reading (a flood of them would
  otherwise cost memory for nothing), and so does the MAX_FINDINGS-th problem;
- messages quote at most a short prefix of any key or value.

libyaml's C parser is used when present, the pure-Python parser otherwise;
both produce the same events, so both behave the same.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml
import yaml.reader
from yaml.resolver import Resolver

from briefing.errors import MAX_FINDINGS, Problem
from briefing.i18n import _
from briefing.reading.yamlplaces import KeyPath, locate, make_loader
from briefing.text import shorten

MAX_DEPTH = 64
# Typed keys longer than this are compared as written: building the value of a
# long base-60 number such as `1:2:3:…` costs time quadratic in its length.
MAX_TYPED_KEY = 64

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {None, "!", _CORE + "str", _CORE + "map", _CORE + "seq"}
_KIND_OF_TAG = {
    _CORE + "bool": "bool",
    _CORE + "int": "int",
    _CORE + "float": "float",
    _CORE + "null": "null",
    _CORE + "timestamp": "timestamp",
}


_RESOLVERS: dict[str | None, list[tuple[str, re.Pattern[str]]]] = Resolver.yaml_implicit_resolvers


class Typed(NamedTuple):
    """A plain scalar that YAML 1.1 reads as something other than text."""

    kind: str  # bool | int | float | null | timestamp
    text: str

    def describe(self) -> str:
        """Say in words what YAML would make of this scalar."""
        text = shorten(self.text)
        if self.kind == "null":
            if self.text in ("", "~"):
                return _("an empty value")
            return _("`{text}`, read as null").format(text=text)
        if self.kind == "bool":
            return _("`{text}`, read as a boolean").format(text=text)
        if self.kind == "timestamp":
            return _("`{text}`, read as a date").format(text=text)
        return _("`{text}`, read as a number").format(text=text)

    def key(self) -> object:
        """Return the value YAML would give, to find keys that collide after typing."""
        if len(self.text) > MAX_TYPED_KEY:
            return (self.kind, self.text)
        constructor = yaml.SafeLoader.yaml_constructors[_CORE + self.kind]
        node = yaml.ScalarNode(_CORE + self.kind, self.text)
        try:
            return (
                self.kind if self.kind != "float" else "int",
                constructor(yaml.SafeLoader(""), node),
            )
        except Exception:  # a value PyYAML cannot build still collides only with itself
            return (self.kind, self.text)


def resolve_plain(text: str) -> str | Typed:
    """Return the text, or a Typed value when YAML 1.1 would type this plain scalar."""
    candidates = _RESOLVERS.get(text[0] if text else "", []) + _RESOLVERS.get(None, [])
    colon = ":" in text
    for tag, pattern in candidates:
        kind = _KIND_OF_TAG.get(tag)
        if colon and kind in ("int", "float"):  # with a colon, only the base-60 forms match
            matched = _base_60(text, kind == "float")
        else:
            matched = pattern.match(text) is not None
        if matched:
            return Typed(kind, text) if kind else text
    return text


_HEAD = {False: re.compile(r"[-+]?[1-9][0-9_]*"), True: re.compile(r"[-+]?[0-9][0-9_]*")}
_DIGITS_AND_COLONS = re.compile(r"[:0-9]*+")
_FRACTION = re.compile(r"[0-9_]*+")
_SEXAGESIMAL = str.maketrans("0123456789", "aaaaaabbbb")  # 0-5 -> a, 6-9 -> b


def _base_60(text: str, fraction: bool) -> bool:
    """Whether text is a YAML 1.1 base-60 int (`1:30`) or float (`1:30.5`), in linear time.

    The same language as PyYAML's `[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+` (a float: a
    leading 0 allowed, then `\\.[0-9_]*`), checked with substring searches: a
    regex group repeated once per `:` costs a hundred times more per character.
    """
    if fraction:
        text, dot, tail = text.partition(".")
        if not dot or _FRACTION.fullmatch(tail) is None:
            return False
    head, _colon, rest = text.partition(":")
    if _HEAD[fraction].fullmatch(head) is None or _DIGITS_AND_COLONS.fullmatch(rest) is None:
        return False
    # Each `:` is followed by one digit, or two whose first is 0-5.
    groups = ":" + rest.translate(_SEXAGESIMAL)
    return not (
        groups.endswith(":")
        or "::" in groups
        or "ba" in groups
        or "bb" in groups
        or "aaa" in groups
        or "aab" in groups
    )


def format_path(path: KeyPath) -> str:
    """Render a path as `items[3].themes[0]` (a long key shortened)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        part = shorten(part)
        if _NAME.fullmatch(part):
            out += f".{part}" if out else part
        else:
            out += f"[{part!r}]"
    return out


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


class _Fatal(Exception):
    """Stop reading: the rest of the stream cannot be trusted."""


class _Frame:
    """An open mapping or sequence while the tree is being built."""

    __slots__ = ("container", "is_map", "key", "parent", "skip", "slot", "typed", "want_key")

    def __init__(self, container: dict | list, parent: _Frame | None, slot: str | int | None):
        self.container = container
        self.parent = parent
        self.slot = slot  # this container's key or index in its parent
        self.is_map = type(container) is dict
        self.want_key = self.is_map
        self.key: Any = None  # mapping: the key whose value comes next
        self.skip = False  # mapping: the key was a problem, drop its value
        self.typed: dict[object, bool] | None = None  # mapping: typed keys as YAML reads them

    @property
    def path(self) -> KeyPath:
        """The path of this container, worked out only when a problem needs it."""
        parts: list[str | int] = []
        frame: _Frame | None = self
        while frame is not None and frame.parent is not None:
            if frame.slot is not None:
                parts.append(frame.slot)
            frame = frame.parent
        return tuple(reversed(parts))

    def next_slot(self) -> str | int | None:
        """The key or index of the node about to be read in this container."""
        if not self.is_map:
            return len(self.container)
        if self.want_key:
            return None
        key = self.key
        return key.text if isinstance(key, Typed) else key if isinstance(key, str) else None


class Reader:
    """Turn YAML text into plain data, collecting every problem it finds."""

    def __init__(self, text: str, file: str, pure: bool = False) -> None:
        self.text = text
        self.file = file
        self.pure = pure
        self.problems: list[Problem] = []
        self.alias_paths: set[str] = set()  # where an alias left no value: reported once, here
        self._duplicates: list[tuple[int, KeyPath]] = []

    def _problem(self, mark: Any, path: KeyPath, message: str) -> None:
        self.problems.append(
            Problem(self.file, format_path(path), message, mark.line + 1, mark.column + 1)
        )
        if len(self.problems) >= MAX_FINDINGS:
            raise _Fatal  # enough to fix: reading on costs time for nothing

    def read(self) -> Any:
        """Return the document's data; problems are left in `self.problems`."""
        loader = None
        try:
            loader = make_loader(self.text, self.pure)  # the pure reader checks characters here
            return self._build(loader)
        except _Fatal:
            return None
        except (MemoryError, SystemError):
            # The partial tree is gone with the frames that held it: memory is
            # free again to report this in one line. libyaml's binding raises
            # SystemError ("error return without exception set") when its own
            # allocation fails.
            self.problems.append(
                Problem(
                    self.file,
                    "",
                    _(
                        "not enough memory to read this file: make it smaller, or give the "
                        "command more memory"
                    ),
                )
            )
            return None
        except yaml.MarkedYAMLError as exc:
            from briefing.reading.yamlsyntax import diagnose  # the error path only

            cause = diagnose(self.text, exc, self.pure)
            if cause is not None:
                self.problems.append(
                    Problem(self.file, "", cause.message, cause.line, cause.column)
                )
                return None
            mark = exc.problem_mark or exc.context_mark
            message = (exc.problem or "invalid YAML").strip()
            if exc.context:
                message = f"{message} ({exc.context.strip()})"
            self.problems.append(
                Problem(
                    self.file,
                    "",
                    _("YAML syntax error: {message}").format(message=message),
                    mark.line + 1 if mark else None,
                    mark.column + 1 if mark else None,
                )
            )
            return None
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file
            line, column = self._position(exc.position)
            character = exc.character
            code = ord(character) if isinstance(character, str) else int(character)
            message = _(
                "the character U+{code} is not allowed in a YAML file: write it as an escape "
                'in a double-quoted string ("\\u{code}") or remove it'
            ).format(code=f"{code:04X}")
            self.problems.append(Problem(self.file, "", message, line, column))
            return None
        except yaml.YAMLError as exc:
            message = _("unreadable YAML: {message}").format(message=_reader_message(exc))
            self.problems.append(Problem(self.file, "", message))
            return None
        finally:
            if loader is not None:
                loader.dispose()
            self._name_first_duplicates()

    def _position(self, offset: int) -> tuple[int, int]:
        """Line and column of an offset: in characters (pure parser) or UTF-8 bytes (libyaml)."""
        text: str | bytes = self.text
        if not self.pure and getattr(yaml, "__with_libyaml__", False):
            text = self.text.encode("utf-8")
            before = text[:offset]
            line_start = before.rfind(b"\n") + 1
            return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1
        before_text = self.text[:offset]
        return before_text.count("\n") + 1, offset - (before_text.rfind("\n") + 1) + 1

    def _build(self, loader: Any) -> Any:
        get = loader.get_event
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        plain_cache: dict[str, str | Typed] = {}
        get()  # StreamStart
        event = get()
        if isinstance(event, yaml.StreamEndEvent):
            self._problem(
                event.start_mark, (), _("the file is empty: a briefing is one YAML mapping")
            )
            raise _Fatal
        result: Any = None
        stack: list[_Frame] = []
        top: _Frame | None = None
        while True:
            event = get()
            cls = type(event)
            if cls is scalar_event:
                if event.implicit[0] and event.tag is None:  # plain: YAML may type it
                    text = event.value
                    value: Any = plain_cache.get(text)
                    if value is None:
                        value = resolve_plain(text)
                        if len(plain_cache) < 4096:
                            plain_cache[text] = value
                else:
                    if event.tag is not None:
                        self._check_tag(event, top)
                    value = event.value
            elif cls is mapping_start or cls is sequence_start:
                if event.tag is not None:
                    self._check_tag(event, top)
                if len(stack) >= MAX_DEPTH:
                    self._problem(
                        event.start_mark,
                        self._here(top),
                        _("nesting deeper than {n} levels: a briefing never needs this").format(
                            n=MAX_DEPTH
                        ),
                    )
                    raise _Fatal
                if top is not None and top.want_key:
                    self._problem(
                        event.start_mark,
                        self._here(top),
                        _("a key must be text, not a list or mapping"),
                    )
                slot = top.next_slot() if top is not None else None
                top = _Frame({} if cls is mapping_start else [], top, slot)
                stack.append(top)
                continue
            elif cls is mapping_end or cls is sequence_end:
                value = stack.pop().container
                top = stack[-1] if stack else None
            elif cls is alias_event:
                # Refused at the first one, before anything is built from it: a
                # flood of aliases would otherwise cost memory for each.
                self.alias_paths.add(format_path(self._here(top)))
                self._problem(
                    event.start_mark,
                    self._here(top),
                    _("aliases (*{name}) are not supported: write the value out in full").format(
                        name=shorten(event.anchor)
                    ),
                )
                raise _Fatal
            else:  # DocumentEnd: the parser emits nothing else here
                break
            if top is None:
                result = value
            elif not top.is_map:
                top.container.append(value)  # type: ignore[union-attr]  # a list here
            elif top.want_key:
                self._take_key(top, value, event)
            else:
                if not top.skip:
                    top.container[top.key] = value
                top.want_key = True
        event = get()
        if not isinstance(event, yaml.StreamEndEvent):
            self._problem(
                event.start_mark,
                (),
                _("a second YAML document (`---`): a file holds one briefing; split it into files"),
            )
        return result

    def _take_key(self, frame: _Frame, key: Any, event: Any) -> None:
        frame.want_key = False
        frame.skip = False
        frame.key = key
        if type(key) is str:
            duplicate = key in frame.container
        elif isinstance(key, Typed):
            frame.typed = frame.typed if frame.typed is not None else {}
            canon = key.key()
            duplicate = canon in frame.typed
            frame.typed[canon] = True
        else:  # a list or mapping as a key: reported when it opened
            frame.skip = True
            return
        if duplicate:
            shown = key.text if isinstance(key, Typed) else key
            path = (*frame.path, shown)
            message = _("duplicate key `{key}`: remove one of them").format(key=shorten(shown))
            self._problem(event.start_mark, path, message)
            self._duplicates.append((len(self.problems) - 1, path))
            frame.skip = True

    def _name_first_duplicates(self) -> None:
        """Add where each duplicated key first appears (found again only when needed)."""
        if not self._duplicates:
            return
        where = locate(self.text, {path for _, path in self._duplicates}, self.pure)
        for index, path in self._duplicates:
            found = where.get(path)
            if found is not None:
                problem = self.problems[index]
                shown = shorten(str(path[-1]))
                message = _(
                    "duplicate key `{key}` (first at line {line}): remove one of them"
                ).format(key=shown, line=found[0])
                self.problems[index] = Problem(
                    problem.file, problem.path, message, problem.line, problem.column
                )

    @staticmethod
    def _here(top: _Frame | None) -> KeyPath:
        """Return the path of the node about to be read."""
        if top is None:
            return ()
        slot = top.next_slot()
        return top.path if slot is None else (*top.path, slot)

    def _check_tag(self, event: Any, top: _Frame | None) -> None:
        if event.tag not in _ALLOWED_TAGS:
            self._problem(
                event.start_mark,
                self._here(top),
                _(
                    "the tag {tag} is not allowed: briefing files hold plain text, lists and "
                    "mappings; remove the tag"
                ).format(tag=shorten(event.tag.replace(_CORE, "!!"))),
            )


def _reader_message(exc: yaml.YAMLError) -> str:
    text = str(exc).splitlines()
    return " ".join(line.strip() for line in text if line.strip())
