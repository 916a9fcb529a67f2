"""The command line, declared once: every command and option as data.

Everything about command lines derives from these declarations: the reader
in `parse.py` (every word and every mistake, no Typer), the help in
`help.py`, and the Typer app in `typerapp.py` (shell completion). Values
reach the commands only through `parse.convert`. Nothing here imports Typer.
"""

from __future__ import annotations

from briefing.cli.options import (
    ALL,
    CREDIBILITY,
    GLOBAL_OPTIONS,
    MAX_TLP,
    SEARCH,
    STATUS,
    THEME,
    THEME_WORDS,
    Argument,
    Command,
    Option,
    format_option,
)
from briefing.commands import actions, editions
from briefing.delivery.pandoc import CITATION_MODES
from briefing.formats import JSON_COMMANDS, choices_for, format_aliases
from briefing.i18n import N_

COMMANDS: tuple[Command, ...] = (
    Command(
        "show",
        N_("Show the whole briefing, or only some themes or what matches a search."),
        (
            "briefing show intelligence logistics",
            "briefing show --search sécurité --output brief.md",
        ),
        actions.show,
        (
            THEME,
            SEARCH,
            CREDIBILITY,
            STATUS,
            MAX_TLP,
            ALL,
            format_option("show"),
            Option(
                "front_matter",
                ("--front-matter",),
                N_("Markdown: start with a YAML metadata block for pandoc."),
                kind="flag",
            ),
            Option(
                "output",
                ("--output", "-o"),
                N_(
                    "Write to FILE atomically instead of stdout; the format follows its suffix "
                    "(.md, .json, .txt, .html; .docx, .odt, .pdf and more through pandoc) "
                    "unless --format is given."
                ),
                metavar="FILE",
            ),
            Option(
                "citations",
                ("--citations",),
                N_(
                    "Markdown: numbered citations and a Sources list, or pandoc citations "
                    "with their references in the metadata block (for pandoc --citeproc)."
                ),
                kind="choice",
                choices=CITATION_MODES,
            ),
            Option(
                "reference_doc",
                ("--reference-doc",),
                N_(
                    "For .docx and .odt: a reference document whose styles pandoc uses, "
                    "as for pandoc --reference-doc (default: the reference_doc setting)."
                ),
                metavar="FILE",
            ),
        ),
        THEME_WORDS,
    ),
    Command(
        "themes",
        N_("List the themes, what each covers and how many items it has."),
        ("briefing themes --format json",),
        actions.themes,
        (format_option("themes"),),
    ),
    Command(
        "timeline",
        N_("Show the dated events in order, along a time axis on a terminal."),
        ("briefing timeline", "briefing timeline diplomacy -f json"),
        actions.timeline,
        (THEME, SEARCH, MAX_TLP, ALL, format_option("timeline")),
        THEME_WORDS,
    ),
    Command(
        "sources",
        N_("Show each source with the items and timeline entries that cite it, and where."),
        ("briefing sources", "briefing sources intelligence", "briefing sources --outline a.txt"),
        actions.sources,
        (
            THEME,
            SEARCH,
            CREDIBILITY,
            STATUS,
            MAX_TLP,
            format_option("sources"),
            Option(
                "outline",
                ("--outline",),
                N_(
                    "Instead, list the locators a plain-text source offers (`intro ¶1`, "
                    '`"Heading" ¶2`), each with its line and first words.'
                ),
                metavar="FILE",
            ),
        ),
        THEME_WORDS,
    ),
    Command(
        "list",
        N_("List the loaded briefings: id, title, as-of date, number of items and file."),
        ("briefing list --data archive/",),
        actions.list_briefings,
        (format_option("list"),),
    ),
    Command(
        "validate",
        N_(
            "Check briefing files against the data format and list every problem. "
            "Exits 0 when every file is valid and 1 when any problem is found."
        ),
        (
            "briefing validate",
            "briefing validate plans/ extra.yaml --format json",
            "briefing validate --strict --source article=article.txt",
        ),
        actions.validate,
        (
            Option(
                "format",
                ("--format", "-f"),
                N_("text: FILE:LINE:COL: PATH: message; json: the files and every problem."),
                kind="choice",
                choices=choices_for("validate"),
            ),
            Option(
                "standards",
                ("--standards",),
                N_(
                    "Also check the analytic standards (corroboration, estimative words, "
                    "one side's account, source descriptors) and list warnings; "
                    "they do not change the exit code."
                ),
                kind="flag",
            ),
            Option(
                "strict",
                ("--strict",),
                N_("Check the standards and exit 1 on any warning the data does not acknowledge."),
                kind="flag",
            ),
            Option(
                "source",
                ("--source",),
                N_(
                    "Check the briefings against a plain-text copy of a cited source: its "
                    "locators, quotations and copied runs of words. Repeat for several."
                ),
                metavar="ID=FILE",
                many=True,
            ),
        ),
        Argument(
            "paths",
            "PATH",
            N_("Briefing files or folders. Default: the data `show` would load."),
        ),
    ),
    Command(
        "config",
        N_(
            "Show each setting in effect, its value and where it comes from: an option, "
            "an environment variable, the configuration file (with its line) or the default."
        ),
        ("briefing config", "briefing --lang fr config --format json"),
        actions.config,
        (
            Option(
                "format",
                ("--format", "-f"),
                N_("text: one setting a line; json: one object listing them."),
                kind="choice",
                choices=choices_for("config"),
            ),
        ),
    ),
    Command(
        "schema",
        N_("Print the JSON Schema (draft 2020-12) of briefing files, for editors and CI."),
        ("briefing schema > briefing.schema.json", "briefing schema --output-of show"),
        actions.schema,
        (
            Option(
                "output_of",
                ("--output-of",),
                N_("Print instead the JSON Schema of this command's --format json output."),
                kind="choice",
                choices=JSON_COMMANDS,
            ),
        ),
    ),
)

COMMANDS += (
    Command(
        "diff",
        N_(
            "Show what changed between two editions of a briefing: every field a reader sees, "
            "the bottom line word by word, entries added, removed, changed or re-ordered, and "
            "the revisions. One id compares its latest edition with the one before."
        ),
        (
            "briefing diff old/plan.yaml plan.yaml",
            "briefing --data archive/ diff plan@2026-01 plan@2026-06 --format markdown",
            "briefing --data archive/ diff plan --exit-code",
        ),
        editions.diff,
        (
            THEME,
            Option(
                "format",
                ("--format", "-f"),
                N_(
                    "terminal: a symbol and a word per change; markdown: a change note; "
                    "json: the changes as data. Default: terminal on a terminal, else markdown."
                ),
                kind="choice",
                choices=choices_for("diff"),
                aliases={a: n for a, n in format_aliases().items() if n in choices_for("diff")},
            ),
            Option(
                "exit_code",
                ("--exit-code",),
                N_(
                    "Exit 1 when anything differs, revisions included; 0 when nothing does, "
                    "as git diff --exit-code."
                ),
                kind="flag",
            ),
        ),
        Argument(
            "editions",
            "OLD NEW",
            N_(
                "Two briefing files, or two editions of the loaded briefings as ID@AS_OF; "
                "or one id (or ID@AS_OF): that edition and the one before it."
            ),
        ),
    ),
    Command(
        "migrate",
        N_(
            "Move a format version 1 or 2 briefing file to version 3, in place, keeping its "
            "comments and order; each grade a version 1 file lacks is written as cannot be "
            "judged (F, 6) and marked, and `briefing validate FILE` lists what is left to grade."
        ),
        ("briefing migrate plan.yaml", "briefing migrate --dry-run plan.yaml"),
        actions.migrate,
        options=(
            Option(
                "dry_run",
                ("--dry-run",),
                N_("Print the change as a unified diff and write nothing."),
                kind="flag",
            ),
        ),
        argument=Argument("file", "FILE", N_("The briefing file to rewrite."), many=False),
    ),
)

COMMANDS += (
    Command(
        "watch",
        N_(
            "Follow the plan over time: what is overdue, what falls due soon, which signposts "
            "were observed or contradicted, and what has no due date or signpost, by theme."
        ),
        (
            "briefing watch",
            "briefing watch --as-of 2026-06-30 --within 12w --since 2026-01 --exit-code",
        ),
        actions.watch,
        (
            THEME,
            SEARCH,
            STATUS,
            MAX_TLP,
            format_option("watch"),
            Option(
                "as_of",
                ("--as-of",),
                N_(
                    "Where things stand as of DATE (YYYY, YYYY-MM or YYYY-MM-DD; default today). "
                    "A partial date counts from its first day."
                ),
                metavar="DATE",
            ),
            Option(
                "within",
                ("--within",),
                N_("List what falls due within this window after the as-of date (default 90d)."),
                metavar="Nd|Nw",
            ),
            Option(
                "since",
                ("--since",),
                N_("List only signposts observed or contradicted since DATE (default: all)."),
                metavar="DATE",
            ),
            Option(
                "exit_code",
                ("--exit-code",),
                N_(
                    "Exit 1 when something is overdue or a signpost was contradicted, "
                    "else 0 (for cron or CI)."
                ),
                kind="flag",
            ),
        ),
        THEME_WORDS,
    ),
)

BY_NAME: dict[str, Command] = {command.name: command for command in COMMANDS}

APP_HELP = N_(
    "Clear briefings on the Morocco–Israel military work plan, from structured YAML data."
)
APP_EXAMPLE = "briefing show intelligence"


def options_of(command: Command) -> tuple[Option, ...]:
    """Every option a command accepts: its own, then the global ones."""
    return command.options + GLOBAL_OPTIONS
