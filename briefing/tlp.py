"""Traffic Light Protocol (FIRST TLP 2.0) handling markings: their order, words and colours.

A briefing may carry a marking and an item a stricter one; what an output shows
is the most restrictive marking of what it contains. Unmarked stays unmarked:
no marking is ever shown that the data does not hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from briefing.i18n import N_, _

if TYPE_CHECKING:
    from briefing.model import Briefing


class Level(NamedTuple):
    """One TLP 2.0 label: its code in the data, its colour on black, and who may receive it."""

    code: str
    colour: str  # FIRST's RGB for the label text, always on a black background
    audience: str


# Least to most restrictive: AMBER+STRICT sorts above AMBER (FIRST TLP 2.0).
LEVELS: tuple[Level, ...] = (
    Level("CLEAR", "#FFFFFF", N_("disclosure is not limited")),
    Level("GREEN", "#33FF00", N_("limited disclosure: the community, not the public")),
    Level(
        "AMBER",
        "#FFC000",
        N_("limited disclosure: the recipient's organisation and its clients, on a need to know"),
    ),
    Level(
        "AMBER+STRICT",
        "#FFC000",
        N_("limited disclosure: the recipient's organisation only, on a need to know"),
    ),
    Level("RED", "#FF2B2B", N_("for the eyes and ears of the individual recipients only")),
)
CODES: tuple[str, ...] = tuple(level.code for level in LEVELS)
BACKGROUND = "#000000"  # FIRST sets every label on black
_RANK = {code: rank for rank, code in enumerate(CODES)}
_BY_CODE = {level.code: level for level in LEVELS}


def rank(code: str) -> int:
    """The place of a marking in the order, 0 for CLEAR up to 4 for RED."""
    return _RANK[code]


def strictest(codes: Iterable[str | None]) -> str | None:
    """The most restrictive of some markings, None when none is marked."""
    marked = [c for c in codes if c is not None]
    return max(marked, key=rank) if marked else None


def marking(briefing: Briefing) -> str | None:
    """The marking an output of this (narrowed) briefing carries: the strictest of what it holds."""
    return strictest([briefing.tlp, *(item.tlp for item in briefing.items)])


def label(code: str) -> str:
    """The label as FIRST writes it, `TLP:AMBER+STRICT`; never translated."""
    return f"TLP:{code}"


def colour(code: str) -> str:
    """FIRST's colour for the label's text (on black)."""
    return _BY_CODE[code].colour


def audience(code: str) -> str:
    """Who may receive it, in the reader's language."""
    return _(_BY_CODE[code].audience)


def parse_level(text: str | None) -> str | None:
    """Read `--max-tlp`: a TLP 2.0 level in any case, with or without `TLP:` (None if not asked)."""
    if text is None:
        return None
    from briefing.errors import UsageError

    word = text.strip().upper().replace(" ", "")
    word = word.removeprefix("TLP:")
    if word not in _RANK:
        raise UsageError(
            _("--max-tlp: `{value}` is not a TLP 2.0 level").format(value=text),
            _("use one of {levels}").format(levels=", ".join(CODES)),
        )
    return word


def withheld_note(count: int, limit: str) -> str:
    """Say how many items were left out for being marked above the limit."""
    from briefing.i18n import ngettext

    return ngettext(
        "{n} item marked above {label} left out",
        "{n} items marked above {label} left out",
        count,
    ).format(n=count, label=label(limit))


def _luminance(hex_colour: str) -> float:
    """Relative luminance (WCAG 2) of an `#RRGGBB` colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two `#RRGGBB` colours, 1 to 21."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
