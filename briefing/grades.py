"""Grading vocabularies: Admiralty reliability and credibility, ICD 203 likelihood and confidence.

Reliability belongs to a source (A–F) and credibility to a claim (1–6); they
are graded separately (NATO AJP-2.1, the "Admiralty" system). An assessment is
a judgement rather than a report; it carries a confidence and may carry one of
the seven ICD 203 likelihood terms. Each code has a short label and a meaning
in English, translated through gettext where it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from briefing.i18n import N_, _


class Grade(NamedTuple):
    """One value of a vocabulary: the code written in the data, a label and what it means."""

    code: str
    label: str
    meaning: str


RELIABILITY: tuple[Grade, ...] = (
    Grade(
        "A",
        N_("completely reliable"),
        N_(
            "no doubt of authenticity, trustworthiness or competency; a history of complete "
            "reliability"
        ),
    ),
    Grade(
        "B",
        N_("usually reliable"),
        N_(
            "minor doubt about authenticity, trustworthiness or competency; a history of valid "
            "information most of the time"
        ),
    ),
    Grade(
        "C",
        N_("fairly reliable"),
        N_(
            "doubt about authenticity, trustworthiness or competency, but has provided valid "
            "information in the past"
        ),
    ),
    Grade(
        "D",
        N_("not usually reliable"),
        N_(
            "significant doubt about authenticity, trustworthiness or competency, but has "
            "provided valid information in the past"
        ),
    ),
    Grade(
        "E",
        N_("unreliable"),
        N_(
            "lacking in authenticity, trustworthiness and competency; a history of invalid "
            "information"
        ),
    ),
    Grade(
        "F",
        N_("reliability cannot be judged"),
        N_("no basis exists for evaluating the reliability of the source"),
    ),
)

CREDIBILITY: tuple[Grade, ...] = (
    Grade(
        "1",
        N_("confirmed by other sources"),
        N_(
            "confirmed by other independent sources; logical in itself; consistent with other "
            "information on the subject"
        ),
    ),
    Grade(
        "2",
        N_("probably true"),
        N_("not confirmed; logical in itself; consistent with other information on the subject"),
    ),
    Grade(
        "3",
        N_("possibly true"),
        N_(
            "not confirmed; reasonably logical in itself; agrees with some other information on "
            "the subject"
        ),
    ),
    Grade(
        "4",
        N_("doubtful"),
        N_("not confirmed; possible but not logical; no other information on the subject"),
    ),
    Grade(
        "5",
        N_("improbable"),
        N_(
            "not confirmed; not logical in itself; contradicted by other information on the subject"
        ),
    ),
    Grade(
        "6",
        N_("truth cannot be judged"),
        N_("no basis exists for evaluating the validity of the information"),
    ),
)

KINDS: tuple[Grade, ...] = (
    Grade("report", N_("report"), N_("what someone said or did, as a source reports it")),
    Grade(
        "assessment",
        N_("assessment"),
        N_("a judgement, the source's own analysis or ours, rather than a report"),
    ),
)

CONFIDENCE: tuple[Grade, ...] = (
    Grade(
        "low",
        N_("low confidence"),
        N_(
            "questionable or implausible information, or too fragmented or poorly corroborated "
            "to make solid inferences"
        ),
    ),
    Grade(
        "moderate",
        N_("moderate confidence"),
        N_(
            "credibly sourced and plausible, but not of sufficient quality or corroboration for "
            "higher confidence"
        ),
    ),
    Grade(
        "high",
        N_("high confidence"),
        N_(
            "based on high-quality information from multiple sources, or the nature of the "
            "issue allows a solid judgement"
        ),
    ),
)

# ICD 203 expressions of likelihood, from least to most likely, with their ranges.
LIKELIHOOD: tuple[Grade, ...] = (
    Grade("almost no chance", N_("almost no chance"), N_("1 to 5%")),
    Grade("very unlikely", N_("very unlikely"), N_("5 to 20%")),
    Grade("unlikely", N_("unlikely"), N_("20 to 45%")),
    Grade("roughly even chance", N_("roughly even chance"), N_("45 to 55%")),
    Grade("likely", N_("likely"), N_("55 to 80%")),
    Grade("very likely", N_("very likely"), N_("80 to 95%")),
    Grade("almost certain", N_("almost certain"), N_("95 to 99%")),
)

RELIABILITY_CODES: tuple[str, ...] = tuple(g.code for g in RELIABILITY)
CREDIBILITY_CODES: tuple[int, ...] = tuple(int(g.code) for g in CREDIBILITY)
KIND_CODES: tuple[str, ...] = tuple(g.code for g in KINDS)
CONFIDENCE_CODES: tuple[str, ...] = tuple(g.code for g in CONFIDENCE)
LIKELIHOOD_CODES: tuple[str, ...] = tuple(g.code for g in LIKELIHOOD)

NOT_GRADED = N_("not graded")

# The analytic standards `briefing validate --standards` checks, by the id an
# acknowledgement names (see standards.py and docs/data-format.md).
STANDARD_RULES: tuple[str, ...] = (
    "corroboration",
    "estimative-in-report",
    "off-scale-in-assessment",
    "high-confidence-weak-sources",
    "one-sided-as-fact",
    "source-descriptors",
    "planned-past-due",
)


def find(vocabulary: tuple[Grade, ...], code: str | int | None) -> Grade | None:
    """Return the entry of a vocabulary for a code, or None when absent or unknown."""
    wanted = str(code) if code is not None else None
    return next((g for g in vocabulary if g.code == wanted), None)


def label(vocabulary: tuple[Grade, ...], code: str | int | None) -> str:
    """Return the translated label of a code, or "not graded" when there is none."""
    grade = find(vocabulary, code)
    return _(grade.label) if grade else _(NOT_GRADED)


def meaning(vocabulary: tuple[Grade, ...], code: str | int | None) -> str | None:
    """Return the translated meaning of a code, or None when there is none."""
    grade = find(vocabulary, code)
    return _(grade.meaning) if grade else None


def admiralty(reliability: str | None, credibility: int | None) -> str:
    """Return the usual two-character rating, e.g. `F3`, with `-` for a missing half."""
    return f"{reliability or '-'}{credibility or '-'}"


# How grades are shown, the same in every format: each function returns plain,
# translated text, which each format then escapes in its own way.


def rating(reliability: str | None, credibility: int | None) -> str:
    """A citation's compact grade, e.g. `B2`: the source's reliability, then the item's credibility.

    A timeline entry has no credibility, so its citations show the letter alone.
    """
    return admiralty(reliability, credibility)


def legend(reliabilities: Iterable[str | None], credibilities: Iterable[int | None]) -> list[str]:
    """One line per code shown (`B: usually reliable source`), in vocabulary order, then `-`."""
    letters, numbers = set(reliabilities), set(credibilities)
    lines = [
        _("{code}: {label} (source reliability)").format(code=g.code, label=_(g.label))
        for g in RELIABILITY
        if g.code in letters
    ]
    lines += [
        _("{code}: {label} (item credibility)").format(code=g.code, label=_(g.label))
        for g in CREDIBILITY
        if int(g.code) in numbers
    ]
    if None in letters or None in numbers:
        lines.append("-: " + _(NOT_GRADED))
    return lines


def credibility_text(credibility: int | None) -> str:
    """An item's credibility in words: `2 (probably true)`, or `not graded`."""
    if credibility is None:
        return _(NOT_GRADED)
    return f"{credibility} ({label(CREDIBILITY, credibility)})"


def reliability_text(reliability: str | None) -> str:
    """A source's reliability in words: `B (usually reliable)`, or `not graded`."""
    if reliability is None:
        return _(NOT_GRADED)
    return f"{reliability} ({label(RELIABILITY, reliability)})"


# An assessment's confidence on its own, after a `Confidence:` label.
CONFIDENCE_WORDS: dict[str, str] = {
    "low": N_("low"),
    "moderate": N_("moderate"),
    "high": N_("high"),
}


def confidence_word(confidence: str | None) -> str:
    """An assessment's confidence alone, to follow a `Confidence` label: `moderate`."""
    word = CONFIDENCE_WORDS.get(confidence or "")
    return _(word) if word else _(NOT_GRADED)


def likelihood_text(likelihood: str | None) -> str:
    """An assessment's likelihood with its range: `likely (55 to 80%)`, or `not graded`."""
    if find(LIKELIHOOD, likelihood) is None:
        return _(NOT_GRADED)
    return f"{label(LIKELIHOOD, likelihood)} ({meaning(LIKELIHOOD, likelihood)})"
