"""A fast path for well-formed command lines: the same command functions, without Typer's parser.

Building Typer's parser costs more than everything else a command does
(Typer 0.29 validates each parameter through pydantic). When the arguments
are plain — known options with valid values, no help, no completion — this
module reads them from the same declarations Typer uses (the command
functions' annotations) and calls the same function. Anything else returns
None, and Typer handles it, so help and error messages come from one place.
"""

from __future__ import annotations

import enum
import functools
import inspect
import os
import re
import types
import typing
from collections.abc import Callable
from typing import Any

from typer.models import ArgumentInfo, OptionInfo

_UNSET = object()
_INTEGER = re.compile(r"[+-]?[0-9]+")


class _Context:
    """What the command functions use of Typer's context: the shared state."""

    def __init__(self, state: Any) -> None:
        self.obj = state

    def ensure_object(self, kind: type) -> Any:
        return self.obj


class _Param:
    """One parameter of a command function, as the fast parser needs it."""

    def __init__(self, name: str, base: Any, info: Any) -> None:
        self.name = name
        args = [a for a in typing.get_args(base) if a is not type(None)]
        core = args[0] if typing.get_origin(base) in (typing.Union, types.UnionType) else base
        self.many = typing.get_origin(core) is list
        self.kind = typing.get_args(core)[0] if self.many else core
        self.flag = self.kind is bool
        self.min = getattr(info, "min", None)
        self.max = getattr(info, "max", None)
        first = info.default
        self.decls = [first] if isinstance(first, str) and first.startswith("-") else []
        self.decls += list(info.param_decls or ())

    def convert(self, raw: str) -> Any:
        """Return the value, or _UNSET when Typer should report the problem."""
        if self.kind is str:
            return raw
        if self.kind is int:
            if not _INTEGER.fullmatch(raw):  # int() would also take other scripts' digits
                return _UNSET
            value = int(raw)
            if (self.min is not None and value < self.min) or (
                self.max is not None and value > self.max
            ):
                return _UNSET
            return value
        if isinstance(self.kind, type) and issubclass(self.kind, enum.Enum):
            try:
                return self.kind(raw)
            except ValueError:
                return _UNSET
        return _UNSET


@functools.cache
def _signature(
    fn: Callable[..., Any],
) -> tuple[dict[str, _Param], _Param | None, dict[str, Any], bool]:
    hints = typing.get_type_hints(fn, include_extras=True)
    defaults = {
        name: p.default
        for name, p in inspect.signature(fn).parameters.items()
        if p.default is not inspect.Parameter.empty
    }
    options: dict[str, _Param] = {}
    positional = None
    takes_ctx = False
    for name, hint in hints.items():
        if name == "return":
            continue
        if typing.get_origin(hint) is not typing.Annotated:
            takes_ctx = True  # the only unannotated parameter is the Typer context
            continue
        base, info = typing.get_args(hint)[:2]
        param = _Param(name, base, info)
        if isinstance(info, ArgumentInfo):
            positional = param
        elif isinstance(info, OptionInfo):
            for decl in param.decls:
                options[decl] = param
    return options, positional, defaults, takes_ctx


def parse(fn: Callable[..., Any], args: list[str]) -> dict[str, Any] | None:
    """Read `args` for this command function, or None if anything needs Typer's judgement."""
    options, positional, defaults, _ = _signature(fn)
    values: dict[str, Any] = dict(defaults)
    many: dict[str, list[Any]] = {}
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg in ("-h", "--help", "--") or (
            arg.startswith("-") and arg != "-" and "=" in arg and not arg.startswith("--")
        ):
            return None
        if not arg.startswith("-") or arg == "-":
            rest.append(arg)
            continue
        name, _, inline = arg.partition("=")
        param = options.get(name)
        if param is None:
            return None
        if param.flag:
            if "=" in arg:
                return None  # `--pager=`: Typer says a flag takes no value
            values[param.name] = True
            continue
        if inline == "" and "=" not in arg:
            if index >= len(args):
                return None
            inline = args[index]
            index += 1
        value = param.convert(inline)
        if value is _UNSET:
            return None
        if param.many:
            many.setdefault(param.name, []).append(value)
        else:
            values[param.name] = value
    values.update(many)
    if rest:
        if positional is None:
            return None
        values[positional.name] = rest
    return values


def run_fast(argv: list[str], state: Any = None) -> int | None:
    """Run a plain command line and return its exit code, or None to let Typer run it."""
    from . import cli

    if os.environ.get("_BRIEFING_COMPLETE") or not argv:
        return None
    debug, lang = False, None
    while argv and argv[0].startswith("-"):
        if argv[0] == "--debug":
            debug, argv = True, argv[1:]
        elif argv[0] == "--lang" and len(argv) > 1:
            lang, argv = argv[1], argv[2:]
        elif argv[0].startswith("--lang="):
            lang, argv = argv[0].partition("=")[2], argv[1:]
        else:
            return None
    if not argv:
        return None
    fn = cli.FAST_COMMANDS.get(argv[0])
    if fn is None:
        return None
    try:
        kwargs = parse(fn, argv[1:])
    except Exception:  # anything unforeseen: Typer's parser decides
        kwargs = None
    if kwargs is None:
        return None
    state = state if state is not None else cli.State()
    state.debug = debug
    if _signature(fn)[3]:
        kwargs["ctx"] = _Context(state)

    def call() -> Any:
        cli.use_language(lang)
        return fn(**kwargs)

    return cli.guarded(state, call)
