"""The data contract as data: one description that the validator walks.

Every rule of `docs/data-format.md` that concerns a single value lives here;
rules that relate values to each other (unique ids, references) live in
`validate.py`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from briefing.grades import (
    CONFIDENCE_CODES,
    KIND_CODES,
    LIKELIHOOD_CODES,
    RELIABILITY_CODES,
    STANDARD_RULES,
)
from briefing.i18n import N_
from briefing.model import DIRECTIONS, SETTERS, SIGNPOST_STATUSES, STATUSES
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
HEX = "[0-9A-Fa-f]"
_PCT = f"%{HEX}{HEX}"
_UNRESERVED = r"A-Za-z0-9\-._~"
_SUB_DELIMS = "!$&'()*+,;="
_PCHAR = f"(?:[{_UNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_DEC_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_IPV4 = rf"{_DEC_OCTET}(?:\.{_DEC_OCTET}){{3}}"
_H16 = f"{HEX}{{1,4}}"
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
_IP_FUTURE = rf"v{HEX}+\.[{_UNRESERVED}{_SUB_DELIMS}:]+"
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
URL_CHARS = re.compile(rf"^[{_UNRESERVED}{_SUB_DELIMS}:/?#\[\]@%]*$")
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


# The assessment rule: an item of this kind states these keys; an item of another kind
# (a report, the default) carries none of the others. The validator and the JSON Schema
# both read it from here.
ASSESSMENT_KIND = "assessment"
ASSESSMENT_NEEDS = ("confidence",)
ASSESSMENT_ONLY = ("confidence", "likelihood")
