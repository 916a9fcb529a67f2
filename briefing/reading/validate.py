"""Whole-briefing checks: the contract's per-value rules, then unique ids and references."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from briefing.errors import MAX_FINDINGS
from briefing.i18n import _
from briefing.reading.conformance import (
    Enough,
    Finding,
    Findings,
    Suggester,
    check,
    check_version,
    listing,
    version_of,
)
from briefing.reading.contract import (
    ASSESSMENT_KIND,
    ASSESSMENT_NEEDS,
    ASSESSMENT_ONLY,
    BRIEFING,
    Field,
    Obj,
    Seq,
    Spec,
)
from briefing.reading.yamlplaces import KeyPath
from briefing.text import name_key, shorten

__all__ = ["MAX_FINDINGS", "validate"]


def validate(data: Any, limit: int = MAX_FINDINGS) -> list[Finding]:
    """Return every way this plain data breaks the data contract (empty when valid).

    Stops looking once `limit` problems are found, so the work on a file full
    of mistakes is bounded by the limit, not by the number of mistakes; the
    loader says it stopped.
    """
    findings = Findings(limit)
    try:
        check(data, BRIEFING, (), findings)
        if isinstance(data, dict):
            version = version_of(data.get("briefing"))
            if version is not None:
                check_version(data, BRIEFING, version, (), findings)
            for index, item in _entries(data.get("items")):
                _check_assessment(item, ("items", index), findings)
                _check_tracking(item, ("items", index), findings)
                _check_marking(item, data.get("tlp"), ("items", index), findings)
            _relations(data, findings)
    except Enough:
        pass
    return list(findings)


def _check_assessment(item: dict, path: KeyPath, out: list[Finding]) -> None:
    """An assessment states its confidence; a report has neither confidence nor likelihood."""
    kind = item.get("kind")
    if kind == ASSESSMENT_KIND:
        if any(key not in item for key in ASSESSMENT_NEEDS):
            out.append(
                Finding(
                    path,
                    _(
                        "an assessment needs the key `confidence` (low, moderate or high): "
                        "how sure is the judgement?"
                    ),
                )
            )
        return
    if kind not in (None, "report"):  # a misspelt kind is reported on its own
        return
    for key in ASSESSMENT_ONLY:
        if key in item:
            out.append(
                Finding(
                    (*path, key),
                    _(
                        "`{key}` belongs to an assessment: add `kind: assessment` if the item "
                        "is a judgement, or remove `{key}`"
                    ).format(key=key),
                    True,
                )
            )


def _check_tracking(item: dict, path: KeyPath, out: list[Finding]) -> None:
    """A due date says who set it; a signpost seen says when, where and how credibly."""
    if ("expected_by" in item) != ("expected_by_set_by" in item):
        if "expected_by" in item:
            message = _(
                "a due date needs the key `expected_by_set_by` (source or analyst): "
                "who set the date?"
            )
            out.append(Finding(path, message))
        else:
            message = _("`expected_by_set_by` without `expected_by`: add the date or remove it")
            out.append(Finding((*path, "expected_by_set_by"), message, True))
    seen_ids: dict[str, int] = {}
    for index, signpost in _entries(item.get("signposts")):
        here = (*path, "signposts", index)
        ident = signpost.get("id")
        if isinstance(ident, str):
            if ident in seen_ids:
                message = _(
                    "duplicate signpost id `{id}` (first at signposts[{first}]): "
                    "ids must be unique in an item"
                ).format(id=shorten(ident), first=seen_ids[ident])
                out.append(Finding((*here, "id"), message))
            seen_ids.setdefault(ident, index)
        status = signpost.get("status")
        if status in ("observed", "contradicted"):
            for key, doc in (
                ("observed", _("the partial date it was seen")),
                ("sources", _("the citations that report it")),
                ("credibility", _("how credible the report is, 1 to 6")),
            ):
                if key not in signpost or signpost[key] == []:
                    message = _("a signpost {status} needs the key `{key}` ({doc})").format(
                        status=status, key=key, doc=doc
                    )
                    out.append(Finding(here, message))
        elif status == "not-yet-seen":
            for key in ("observed", "credibility"):
                if key in signpost:
                    message = _(
                        "`{key}` belongs to a signpost observed or contradicted: "
                        "change its status or remove `{key}`"
                    ).format(key=key)
                    out.append(Finding((*here, key), message, True))


def _check_marking(item: dict, briefing_tlp: Any, path: KeyPath, out: list[Finding]) -> None:
    """An item may be marked more strictly than its briefing, never less."""
    from briefing.tlp import CODES, label, rank

    mine = item.get("tlp")
    if mine not in CODES or briefing_tlp not in CODES:  # a misspelt marking is reported on its own
        return
    if rank(mine) < rank(briefing_tlp):
        out.append(
            Finding(
                (*path, "tlp"),
                _(
                    "{item} is less restricted than the briefing's {briefing}: an item may only "
                    "be marked more strictly; raise it or remove `tlp`"
                ).format(item=label(mine), briefing=label(briefing_tlp)),
            )
        )


def _relations(data: dict, findings: Findings) -> None:
    """Unique ids, distinct theme names and references to declared ids."""
    themes = _entries(data.get("themes"))
    sources = _entries(data.get("sources"))
    theme_ids = _unique_ids(themes, "themes", "theme", findings)
    source_ids = _unique_ids(sources, "sources", "source", findings)
    _unique_ids(_entries(data.get("items")), "items", "item", findings)
    _distinct_theme_names(themes, findings)
    theme_ids.suggest = Suggester(theme_ids)
    source_ids.suggest = Suggester(source_ids)
    names = _theme_names(themes)
    for path, listed in references(data, BRIEFING, "themes"):
        _check_theme_refs(listed, path, theme_ids, names, findings)
    for section in ("items", "timeline"):
        for index, entry in _entries(data.get(section)):
            _check_source_refs(entry, (section, index), source_ids, findings)
    for index, item in _entries(data.get("items")):
        for number, signpost in _entries(item.get("signposts")):
            path = ("items", index, "signposts", number)
            _check_source_refs(signpost, path, source_ids, findings)
    _check_relays(sources, source_ids, findings)
    _check_accounts(data, findings)


def _check_relays(sources: list[tuple[int, dict]], source_ids: Ids, out: list[Finding]) -> None:
    """`relays` names another declared source, and following it never comes back."""
    relays = {
        e["id"]: e["relays"]
        for _i, e in sources
        if isinstance(e.get("id"), str) and isinstance(e.get("relays"), str)
    }
    for index, entry in sources:
        relayed = entry.get("relays")
        if not isinstance(relayed, str) or not source_ids:
            continue
        path = ("sources", index, "relays")
        if relayed not in source_ids.known:
            message = _("`{id}` is not a declared source id{hint}: use one of {ids}").format(
                id=shorten(relayed), hint=_hint(source_ids, relayed), ids=listing(source_ids)
            )
            out.append(Finding(path, message))
            continue
        seen = {entry.get("id")}
        current: str | None = relayed
        while current is not None and current not in seen:
            seen.add(current)
            current = relays.get(current)
        if current is not None:
            out.append(
                Finding(
                    path,
                    _(
                        "source `{id}` relays itself through `{via}`: a chain of `relays` must "
                        "end at a source that relays none"
                    ).format(id=shorten(str(entry.get("id"))), via=shorten(relayed)),
                )
            )


def _check_accounts(data: dict, out: list[Finding]) -> None:
    """`account_of` names one of the declared parties."""
    names = [p["name"] for _i, p in _entries(data.get("parties")) if isinstance(p.get("name"), str)]
    for index, item in _entries(data.get("items")):
        party = item.get("account_of")
        if isinstance(party, str) and party not in names:
            choices = listing(names) if names else _("none: declare the parties under `parties`")
            out.append(
                Finding(
                    ("items", index, "account_of"),
                    _("`{name}` is not the name of a declared party: use one of {names}").format(
                        name=shorten(party), names=choices
                    ),
                )
            )


def _duplicate_messages() -> dict[str, str]:
    return {
        "theme": _("duplicate theme id `{id}` (first at {where}): ids must be unique"),
        "item": _("duplicate item id `{id}` (first at {where}): ids must be unique"),
        "source": _("duplicate source id `{id}` (first at {where}): ids must be unique"),
    }


def _entries(value: Any) -> list[tuple[int, dict]]:
    """The mapping entries of a list, with their indexes (anything else is reported elsewhere)."""
    if not isinstance(value, list):
        return []
    return [(i, e) for i, e in enumerate(value) if isinstance(e, dict)]


class Ids(list[str]):
    """Declared ids in order, with a set for fast membership tests."""

    def __init__(self, ids: list[str]) -> None:
        super().__init__(ids)
        self.known = frozenset(ids)
        self.suggest: Suggester | None = None  # set once the ids are all known


def _unique_ids(
    entries: list[tuple[int, dict]], section: str, noun: str, out: list[Finding]
) -> Ids:
    seen: dict[str, int] = {}
    for index, entry in entries:
        ident = entry.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            out.append(
                Finding(
                    (section, index, "id"),
                    _duplicate_messages()[noun].format(
                        id=shorten(ident), where=f"{section}[{seen[ident]}]"
                    ),
                )
            )
        else:
            seen[ident] = index
    return Ids(list(seen))


def _distinct_theme_names(themes: list[tuple[int, dict]], out: list[Finding]) -> None:
    """No two themes share an id, title or alias, compared as `name_key` compares names."""
    owner: dict[str, int] = {}
    for index, theme in themes:
        ident = theme.get("id")
        if isinstance(ident, str):
            owner.setdefault(name_key(ident), index)
    for index, theme in themes:
        names: list[tuple[KeyPath, Any]] = [(("themes", index, "title"), theme.get("title"))]
        aliases = theme.get("aliases")
        if isinstance(aliases, list):
            names += [(("themes", index, "aliases", i), a) for i, a in enumerate(aliases)]
        for path, name in names:
            if not isinstance(name, str):
                continue
            other = owner.setdefault(name_key(name), index)
            if other != index:
                out.append(
                    Finding(
                        path,
                        _(
                            "`{name}` already names theme `{id}` ({where}): "
                            "each name belongs to one theme"
                        ).format(
                            name=shorten(name),
                            id=shorten(_theme_id(themes, other)),
                            where=f"themes[{other}]",
                        ),
                    )
                )


def _theme_id(themes: list[tuple[int, dict]], index: int) -> str:
    return next((str(t.get("id")) for i, t in themes if i == index), "?")


def references(data: Any, spec: Spec, section: str, path: KeyPath = ()) -> Iterator[RefList]:
    """Every value the contract says names ids of `section`, with its path, walking the data.

    The places are read from the contract (`Field.refers`), so a key that
    takes theme ids tomorrow is checked, and its mistakes told, like today's.
    """
    if isinstance(spec, Seq):
        if isinstance(data, list):
            for index, entry in enumerate(data):
                yield from references(entry, spec.of, section, (*path, index))
        return
    if not isinstance(spec, Obj) or not isinstance(data, dict):
        return
    for name, field in _referring(spec, section):
        if name not in data:
            continue
        if field.refers == section:
            yield (*path, name), data[name]
        else:
            yield from references(data[name], field.spec, section, (*path, name))


def _referring(spec: Obj, section: str) -> list[tuple[str, Field]]:
    """The fields of a mapping that name ids of `section`, or hold something that does."""
    key = (id(spec), section)
    found = _REFERRING.get(key)
    if found is None:

        def inside(spec: Spec) -> bool:
            if isinstance(spec, Seq):
                return inside(spec.of)
            return isinstance(spec, Obj) and bool(_referring(spec, section))

        found = [
            (name, f) for name, f in spec.fields.items() if f.refers == section or inside(f.spec)
        ]
        _REFERRING[key] = found
    return found


_REFERRING: dict[tuple[int, str], list[tuple[str, Field]]] = {}
RefList = tuple[KeyPath, Any]


class ThemeName(NamedTuple):
    """What a name in a list of themes is to a declared theme: its id, title or an alias."""

    theme: str
    kind: str  # "id", "title" or "alias"


def _theme_names(themes: list[tuple[int, dict]]) -> dict[str, ThemeName]:
    """Each theme's id, title and aliases by `name_key`, ids first: which id a name means."""
    found: dict[str, ThemeName] = {}
    declared = [(t["id"], t) for _i, t in themes if isinstance(t.get("id"), str)]
    for ident, _theme in declared:
        found.setdefault(name_key(ident), ThemeName(ident, "id"))
    for ident, theme in declared:
        aliases = theme.get("aliases")
        names = [(theme.get("title"), "title")]
        names += [(a, "alias") for a in aliases] if isinstance(aliases, list) else []
        for name, kind in names:
            if isinstance(name, str):
                found.setdefault(name_key(name), ThemeName(ident, kind))
    return found


def _theme_name_messages() -> dict[str, str]:
    return {
        "id": _("`{name}` differs from theme id `{id}` only in case: write `{id}`"),
        "title": _(
            "`{name}` is the title of theme `{id}`: a list of themes takes ids; write `{id}`"
        ),
        "alias": _(
            "`{name}` is an alias of theme `{id}`: a list of themes takes ids; write `{id}`"
        ),
    }


def _check_theme_refs(
    listed: Any, path: KeyPath, theme_ids: Ids, names: dict[str, ThemeName], out: list[Finding]
) -> None:
    """Each entry names a declared theme by its id, once; a title or alias is told its id."""
    if not isinstance(listed, list):
        return
    seen: set[str] = set()
    for i, theme in enumerate(listed):
        if not isinstance(theme, str):
            continue
        where = (*path, i)
        if theme in seen:
            message = _("theme `{id}` is listed twice").format(id=shorten(theme))
            out.append(Finding(where, message))
        seen.add(theme)
        if not theme_ids or theme in theme_ids.known:
            continue
        named = names.get(name_key(theme))
        if named is None:
            message = _("`{id}` is not a declared theme id{hint}: use one of {ids}").format(
                id=shorten(theme), hint=_hint(theme_ids, theme), ids=listing(theme_ids)
            )
            out.append(Finding(where, message))
            continue
        # A title is no slug either (`Intelligence`): one message, the one that says what to write.
        out[:] = [f for f in out if f.path != where]
        message = _theme_name_messages()[named.kind]
        out.append(Finding(where, message.format(name=shorten(theme), id=named.theme)))


def _check_source_refs(entry: dict, path: KeyPath, source_ids: Ids, out: list[Finding]) -> None:
    """Each citation names a declared source."""
    refs = entry.get("sources")
    if isinstance(refs, list):
        for i, ref in enumerate(refs):
            source = ref.get("source") if isinstance(ref, dict) else None
            if isinstance(source, str) and source_ids and source not in source_ids.known:
                out.append(
                    Finding(
                        (*path, "sources", i, "source"),
                        _("`{id}` is not a declared source id{hint}: use one of {ids}").format(
                            id=shorten(source),
                            hint=_hint(source_ids, source),
                            ids=listing(source_ids),
                        ),
                    )
                )


def _hint(ids: Ids, word: str) -> str:
    """A "did you mean" for a reference, from the ids' bounded suggester."""
    return ids.suggest(word) if ids.suggest is not None else ""
