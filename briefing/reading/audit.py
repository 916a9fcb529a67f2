"""`validate --standards` and `--source`: run the checks over loaded briefings, placed in files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from briefing.errors import DataError, Problem, UsageError
from briefing.i18n import _, ngettext
from briefing.model import Briefing
from briefing.reading.sourcetext import Counts, Outline, outline
from briefing.reading.yamlplaces import KeyPath, locate
from briefing.reading.yamlread import format_path
from briefing.text import shorten


class Warned(NamedTuple):
    """A standards warning placed in its file: the problem, the rule, and a reason if accepted."""

    problem: Problem
    rule: str
    reason: str | None = None

    @property
    def acknowledged(self) -> bool:
        """Whether the data accepts this warning deliberately."""
        return self.reason is not None

    def __str__(self) -> str:
        where = [p for p in (self.problem.location(), self.problem.path) if p]
        label = _("warning [{rule}]").format(rule=self.rule)
        return ": ".join([*where, label, self.problem.message])


class Report(NamedTuple):
    """What `validate` found: the files read, every problem and warning, and what is left to do.

    `warned` is None when the standards were not checked, `tally` None when no
    source text was given; `checked` holds each valid briefing's file and id,
    `notes` the lines that are not problems (grades left to give).
    """

    files: tuple[str, ...]
    problems: tuple[Problem, ...]
    warned: tuple[Warned, ...] | None
    tally: Tally | None
    valid: bool
    checked: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()


class Tally(NamedTuple):
    """What the source-text check looked at, over every text given."""

    texts: int = 0
    locators: int = 0
    quotations: int = 0
    fields: int = 0
    mismatches: int = 0


def parse_sources(specs: Sequence[str]) -> list[tuple[str, str]]:
    """Read `--source ID=FILE` values, or raise a usage error naming the bad one."""
    pairs = []
    for spec in specs:
        ident, sep, path = spec.partition("=")
        if not sep or not ident.strip() or not path:
            raise UsageError(
                _("--source `{spec}` is not ID=FILE").format(spec=shorten(spec)),
                _("give the id of a declared source, `=`, and a plain-text copy of it"),
            )
        pairs.append((ident.strip(), path))
    return pairs


def _place(briefing: Briefing, texts: Mapping[str, str], paths: set[KeyPath]) -> dict:
    text = texts.get(briefing.origin)
    return locate(text, paths) if text is not None and paths else {}


def standards(briefings: Sequence[Briefing], texts: Mapping[str, str]) -> list[Warned]:
    """Every standards warning of these briefings, with its file, line and column."""
    from briefing.reading import standards as rules

    warned: list[Warned] = []
    for briefing in briefings:
        notices = rules.check(briefing)
        where = _place(briefing, texts, {n.path for n in notices})
        for notice in notices:
            pos = where.get(notice.path)
            line, col = (
                ((pos[0], pos[1]) if notice.at_key else (pos[2], pos[3]))
                if pos
                else (
                    None,
                    None,
                )
            )
            problem = Problem(briefing.origin, format_path(notice.path), notice.message, line, col)
            warned.append(Warned(problem, notice.rule, notice.reason))
    return warned


def read_text(path: str, limit: int) -> Outline:
    """Read a source text as an outline, or raise one DataError saying what is wrong."""
    import os

    from briefing.reading.files import decode, read_bytes

    if path == "-":
        raise DataError(_("a source text cannot be read from standard input: name a file"))
    if os.path.exists(path) and not os.path.isfile(path):
        raise DataError(
            _("{file}: not a regular file: name a plain-text copy of the source").format(file=path)
        )
    try:
        raw = read_bytes(path, limit)
    except DataError as exc:  # its messages do not name the file: say which one
        raise DataError(_("{file}: {problem}").format(file=path, problem=exc.message)) from None
    return outline(decode(raw, path))


def against_sources(
    briefings: Sequence[Briefing],
    texts: Mapping[str, str],
    pairs: Sequence[tuple[str, str]],
    limit: int,
) -> tuple[list[Problem], Tally]:
    """Check every briefing that cites each source against that source's text."""
    from briefing.reading.conformance import listing
    from briefing.reading.sourcetext import check

    declared = list(dict.fromkeys(s.id for b in briefings for s in b.sources))
    problems: list[Problem] = []
    tally = Tally()
    for ident, path in pairs:
        if briefings and ident not in declared:
            from briefing.reading.conformance import did_you_mean

            raise UsageError(
                _("--source `{id}`: no checked briefing declares that source{hint}").format(
                    id=shorten(ident), hint=did_you_mean(ident, declared)
                ),
                _("use one of {ids}").format(ids=listing(declared)),
            )
        try:
            text = read_text(path, limit)
        except DataError as exc:
            problems.append(Problem("", "", "; ".join(exc.lines())))
            continue
        counted = Counts()
        found_here = 0
        for briefing in briefings:
            if not any(s.id == ident for s in briefing.sources):
                continue
            findings, counts = check(briefing, ident, text)
            counted = Counts(*(a + b for a, b in zip(counted, counts, strict=True)))
            where = _place(briefing, texts, {f.path for f in findings})
            for finding in findings:
                pos = where.get(finding.path)
                line, col = (pos[2], pos[3]) if pos else (None, None)
                message = _("against {file} (source `{id}`): {message}").format(
                    file=path, id=ident, message=finding.message
                )
                problems.append(
                    Problem(briefing.origin, format_path(finding.path), message, line, col)
                )
                found_here += 1
        tally = Tally(
            tally.texts + 1,
            tally.locators + counted.locators,
            tally.quotations + counted.quotations,
            tally.fields + counted.fields,
            tally.mismatches + found_here,
        )
    return problems, tally


def summary_line(
    files: int, problems: int, warned: Sequence[Warned] | None, tally: Tally | None
) -> str:
    """One line saying what `validate` checked and found."""
    parts = [
        ngettext("{n} file checked", "{n} files checked", files).format(n=files),
        ngettext("{n} problem", "{n} problems", problems).format(n=problems),
    ]
    if warned is not None:
        accepted = sum(1 for w in warned if w.acknowledged)
        parts.append(
            ngettext(
                "{n} standards warning ({k} acknowledged)",
                "{n} standards warnings ({k} acknowledged)",
                len(warned),
            ).format(n=len(warned), k=accepted)
        )
    if tally is not None:
        parts.append(
            ngettext(
                "{n} source text compared (locators: {loc}, quotations: {quo}, "
                "fields: {fields}, mismatches: {bad})",
                "{n} source texts compared (locators: {loc}, quotations: {quo}, "
                "fields: {fields}, mismatches: {bad})",
                tally.texts,
            ).format(
                n=tally.texts,
                loc=tally.locators,
                quo=tally.quotations,
                fields=tally.fields,
                bad=tally.mismatches,
            )
        )
    # The separator is translated: French sets a space before the semicolon.
    return _("{parts}.").format(parts=_("; ").join(parts))
