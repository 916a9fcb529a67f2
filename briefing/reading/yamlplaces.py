"""Where key paths are in a YAML text: the line and column of each, found in one walk."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
import yaml.reader

# A place in the data: keys and list positions from the top, as `format_path` writes it.
KeyPath = tuple[str | int, ...]


def make_loader(text: str, pure: bool) -> Any:
    """PyYAML's event reader over the text: libyaml's when there is one, unless `pure`."""
    if not pure and getattr(yaml, "__with_libyaml__", False):
        return yaml.CBaseLoader(text)
    return yaml.BaseLoader(text)


def locate(
    text: str, paths: set[KeyPath], pure: bool = False
) -> dict[KeyPath, tuple[int, int, int, int]]:
    """Find where each path sits: (key line, key column, value line, value column), 1-based.

    Only called when there are problems to report, so the happy path never
    pays for keeping positions. The first occurrence of a key wins.
    """
    found: dict[KeyPath, tuple[int, int, int, int]] = {}
    if not paths:
        return found
    try:
        loader = make_loader(text, pure)
    except yaml.YAMLError:
        return found
    try:
        for path, key_mark, value_mark in _walk(loader):
            if path in paths and path not in found:
                km = key_mark or value_mark
                found[path] = (
                    km.line + 1,
                    km.column + 1,
                    value_mark.line + 1,
                    value_mark.column + 1,
                )
                if len(found) == len(paths):
                    break
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return found


def _walk(loader: Any) -> Iterator[tuple[KeyPath, Any, Any]]:
    """Yield (path, key mark or None, value mark) for every node of the first document."""
    get = loader.get_event
    get()  # StreamStart
    if isinstance(get(), yaml.StreamEndEvent):
        return
    stack: list[_Place] = []
    key_marks: list[Any] = []
    while True:
        event = get()
        cls = type(event)
        if cls is yaml.DocumentEndEvent:
            return
        if cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
            done = stack.pop()
            key_marks.pop()
            if stack:
                _advance(stack[-1], done)
            continue
        top = stack[-1] if stack else None
        if top is not None and top.want_key:
            if cls is yaml.ScalarEvent:
                # A typed key is located by its text, which is the event's value.
                top.key, top.want_key = event.value, False
                key_marks[-1] = event.start_mark
                continue
            top.key = None  # a list or mapping used as a key: nothing inside it is located
            key_marks[-1] = event.start_mark
        if top is None:
            path: KeyPath | None = ()
        elif top.path is None or (top.is_map and top.key is None):
            path = None
        elif top.is_map:
            path = (*top.path, top.key)
        else:
            path = (*top.path, len(top.container))
        if path is not None:
            yield (
                path,
                (key_marks[-1] if top is not None and top.is_map else None),
                event.start_mark,
            )
        if cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
            frame = _Place({} if cls is yaml.MappingStartEvent else [], path)
            frame.skip = top is not None and top.want_key  # this container is a key
            stack.append(frame)
            key_marks.append(None)
        elif top is not None:
            _advance(top, None)


class _Place:
    """An open mapping or sequence while locating paths."""

    __slots__ = ("container", "is_map", "key", "path", "skip", "want_key")

    def __init__(self, container: dict | list, path: KeyPath | None) -> None:
        self.container = container
        self.path = path
        self.is_map = type(container) is dict
        self.want_key = self.is_map
        self.key: Any = None
        self.skip = False


def _advance(frame: _Place, done: _Place | None) -> None:
    """Move a frame past the node just read (`done`, when it was a container)."""
    if done is not None and done.skip:  # a container key: its value comes next
        frame.want_key = False
    elif frame.is_map:
        frame.want_key = True
    else:
        frame.container.append(None)  # type: ignore[union-attr]  # a list: only its length is used
