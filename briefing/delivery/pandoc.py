"""Exports to a file: the format its suffix asks for, written natively or converted by pandoc.

A file name never silently gets the wrong content: a suffix briefing writes
itself picks that format, a suffix pandoc writes runs pandoc on the Markdown
export (with its metadata block and citations), and any other suffix is a
usage error that lists what is supported.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from briefing.errors import ConversionError, UsageError, os_reason
from briefing.i18n import _
from briefing.text import visible

# Suffixes pandoc writes from the Markdown export, and pandoc's writer for each.
PANDOC_SUFFIXES = {
    ".docx": "docx",
    ".odt": "odt",
    ".epub": "epub",
    ".rtf": "rtf",
    ".tex": "latex",
    ".rst": "rst",
    ".org": "org",
    ".adoc": "asciidoc",
    ".pptx": "pptx",
    ".fb2": "fb2",
    ".icml": "icml",
    ".texi": "texinfo",
    ".textile": "textile",
}
# pandoc writers that take a reference document's styles (`--reference-doc`).
STYLED_WRITERS = ("docx", "odt")
# Formats that can carry a YAML metadata block and pandoc citations.
METADATA_FORMATS = ("markdown",)
CITATION_MODES = ("numbered", "pandoc")


class Plan(NamedTuple):
    """What to render, and whether pandoc converts it on the way to the file."""

    format: str  # a format of briefing.formats; "markdown" when pandoc converts
    pandoc: str | None = None  # pandoc's writer (`docx`, `pdf`…), or None to write natively


def suffix_of(path: str) -> str:
    """The file name's suffix in lower case, `.docx`; empty when it has none."""
    return os.path.splitext(os.path.basename(path))[1].lower()


def plan_output(path: str | None, fmt: str | None, is_terminal: bool = False) -> Plan:
    """Decide the format: `--format` if given, else the output file's suffix, else the stream.

    Raises UsageError for a suffix nobody writes, a format not available in
    this version, or a pandoc suffix when pandoc is not installed.
    """
    from briefing.formats import default_format, document_for_suffix, for_file

    if fmt is not None:
        return Plan(fmt)
    if path is None:
        return Plan(default_format(is_terminal))
    suffix = suffix_of(path)
    native = for_file(os.path.basename(path))
    if native is not None:
        return Plan(native)
    document = document_for_suffix(suffix)
    if document is not None:
        _check_installed(document, path)
        return Plan(document)
    if suffix in PANDOC_SUFFIXES:
        if pandoc_path() is None:
            raise UsageError(
                _(
                    "--output {file}: writing {suffix} files needs pandoc, which is not installed"
                ).format(file=path, suffix=suffix),
                _(
                    "install pandoc (https://pandoc.org), or convert the Markdown yourself: "
                    "briefing show --front-matter | pandoc -o {file}"
                ).format(file=path),
            )
        return Plan("markdown", PANDOC_SUFFIXES[suffix])
    if _is_special(path):  # a device or a pipe (/dev/null, a FIFO): Markdown, as on stdout
        return Plan("markdown")
    if suffix:
        problem = _("--output {file}: unknown suffix {suffix}").format(file=path, suffix=suffix)
    else:
        problem = _("--output {file}: no suffix to choose the format by").format(file=path)
    raise UsageError(
        problem,
        _("use one of {suffixes}, or give --format").format(suffixes=supported_suffixes()),
    )


def _check_installed(document: str, path: str) -> None:
    """Refuse a document format whose optional dependency is missing, before any work."""
    import importlib.util

    from briefing.formats import DOCUMENTS

    needed = DOCUMENTS[document]
    if importlib.util.find_spec(needed.needs) is None:
        raise UsageError(
            _("--output {file}: writing {suffix} files needs the {package} package").format(
                file=path, suffix=suffix_of(path), package=needed.needs
            ),
            _("install it with: pip install 'briefing[{extra}]'").format(extra=needed.extra),
        )


def _is_special(path: str) -> bool:
    """Whether the path names something other than a regular file, such as /dev/null."""
    import stat

    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def supported_suffixes() -> str:
    """The suffixes --output understands, native ones first: `.md, .markdown, …`."""
    from briefing.formats import DOCUMENTS, FORMATS

    native = [suffix for f in FORMATS.values() for suffix in f.suffixes]
    native += [suffix for d in DOCUMENTS.values() for suffix in d.suffixes]
    return ", ".join([*native, *PANDOC_SUFFIXES])


def check_settings(plan: Plan, front_matter: bool, citations: str | None) -> None:
    """Refuse Markdown-only settings for a format that cannot carry them, rather than drop them.

    `citations` is None when not asked for: any mode asked for needs Markdown.
    (Which modes exist is the `--citations` option's own check.)
    """
    if plan.pandoc is not None or plan.format in METADATA_FORMATS:
        return
    option = f"--citations {citations}" if citations else "--front-matter" if front_matter else ""
    if option:
        raise UsageError(
            _("{option} needs Markdown, not the {format} format").format(
                option=option, format=plan.format
            ),
            _("add --format markdown, or write to a .md, .docx or other pandoc file"),
        )


def choose_reference(plan: Plan, paths: tuple[str, ...], given_as: str) -> str | None:
    """The reference document for this export, checked before any work; None for pandoc's own.

    `--reference-doc` (one file) must suit the output: a .docx for a .docx, an .odt for
    an .odt. The configuration file's `reference_doc` may list one of each; the one
    whose suffix matches is used, and none for other outputs.
    """
    if not paths:
        return None
    wanted = f".{plan.pandoc}" if plan.pandoc in STYLED_WRITERS else None
    explicit = given_as == "--reference-doc"
    if wanted is None:
        if not explicit:
            return None
        raise UsageError(
            _("--reference-doc is for .docx and .odt files only"),
            _("write to FILE.docx or FILE.odt, or leave out --reference-doc"),
        )
    matching = [p for p in paths if suffix_of(p) == wanted]
    if not matching:
        if not explicit:
            return None
        raise UsageError(
            _("--reference-doc {file}: a {suffix} file needs a {suffix} reference document").format(
                file=paths[0], suffix=wanted
            ),
            _("give a {suffix} file made with your organisation's styles").format(suffix=wanted),
        )
    path = matching[0]
    where = "--reference-doc" if explicit else given_as
    import io
    import zipfile

    from briefing.reading.files import max_bytes, read_bytes

    try:
        # The one bounded reader of every input: no FIFO waited on, no device, the cap.
        raw = read_bytes(path, max_bytes(), UsageError, _("not a regular file"))
    except UsageError as exc:
        raise UsageError(
            _("{where}: cannot read the reference document {file}: {reason}").format(
                # The reader says "cannot read: REASON"; the message says it already.
                where=where,
                file=path,
                reason=exc.message.removeprefix(_("cannot read: {reason}").format(reason="")),
            ),
            exc.hint or _("check the path and its permissions"),
        ) from None
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise UsageError(
            _("{where}: {file} is not a {suffix} document").format(
                where=where, file=path, suffix=wanted
            ),
            _("save the reference document from Word or LibreOffice as {suffix}").format(
                suffix=wanted
            ),
        )
    return path


def pandoc_path() -> str | None:
    """Where pandoc is on PATH, or None."""
    import shutil  # with bz2, lzma and zlib: only when pandoc is wanted

    return shutil.which("pandoc")


def run_pandoc(
    markdown: str,
    target: str,
    writer: str,
    citeproc: bool,
    protected: list[str],
    reference: str | None = None,
) -> None:
    """Convert the Markdown export to `target` with pandoc; the file appears whole or not at all.

    pandoc writes a temporary file beside `target`, which is renamed over it
    only when pandoc succeeds. Its first error line, with a hint, becomes a
    ConversionError (exit 1).
    """
    import subprocess

    from briefing.delivery.writing import write_atomically

    program = pandoc_path()
    if program is None:  # checked when planning; PATH may change in between
        raise UsageError(
            _("--output {file}: pandoc is not installed").format(file=target),
            _("install pandoc (https://pandoc.org), or pipe the Markdown into it"),
        )

    def fill(name: str) -> None:
        command = [program, "--from", "markdown", "--to", writer, "--standalone", "--output", name]
        if citeproc:
            command.append("--citeproc")
        if reference is not None:
            command += ["--reference-doc", reference]
        try:
            done = subprocess.run(
                command, input=markdown.encode("utf-8"), capture_output=True, check=False
            )
        except OSError as exc:
            raise ConversionError(
                _("--output {file}: cannot run pandoc: {reason}").format(
                    file=target, reason=os_reason(exc)
                ),
                _("check that pandoc is installed and runs"),
            ) from None
        if done.returncode != 0:
            raise ConversionError(
                _("--output {file}: pandoc failed: {error}").format(
                    file=target, error=_first_error(done.stderr, done.returncode)
                ),
                _pandoc_hint(),
            )

    write_atomically(target, protected, fill, keep_suffix=True)


def _first_error(stderr: bytes, code: int) -> str:
    """pandoc's first line that is not a warning, or its exit code when it said nothing."""
    for line in stderr.decode("utf-8", "replace").splitlines():
        # Warnings start with `[WARNING]` and continue on indented lines.
        if line.strip() and not line.startswith(("[WARNING]", " ", "\t")):
            return visible(line.strip())  # pandoc may quote the data: no control sequence
    return _("exit code {code}").format(code=code)


def _pandoc_hint() -> str:
    return _("run `briefing show --front-matter | pandoc -o FILE` to see pandoc's full message")
