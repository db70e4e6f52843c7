"""What a proposal can point to as evidence. Apps add their kinds here.

A kind has a key (stored with each piece of evidence), a label, and a way to suggest
links for a North Star: the correlation report, the open checkup flags and the decisions
of past reviews (this app comes after checkups and reviews, so ChangesConfig.ready()
registers a kind that reads from each). A typed link to anything else is always possible.
A page elsewhere may link to a new proposal with `?evidence=<kind>|<url>` to tick one.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from checkups.flags import open_flags
from metrics.models import NorthStar
from reviews.models import Decision, Occurrence


@dataclass(frozen=True)
class Suggestion:
    url: str
    label: str


@dataclass(frozen=True)
class EvidenceKind:
    key: str
    label: str
    suggest: Callable[[NorthStar], list[Suggestion]] = field(default=lambda north_star: [])


LINK = EvidenceKind("link", "A link")
_kinds: dict[str, EvidenceKind] = {LINK.key: LINK}


def short(text: str, limit: int = 200) -> str:
    """A label that fits the evidence's label column."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def add_evidence_kind(kind: EvidenceKind) -> None:
    _kinds[kind.key] = kind


def evidence_kinds() -> list[EvidenceKind]:
    return list(_kinds.values())


def evidence_kind(key: str) -> EvidenceKind:
    return _kinds.get(key, LINK)


def correlation_report(north_star: NorthStar) -> list[Suggestion]:
    url = reverse("measures:correlation", args=[north_star.key])
    return [Suggestion(url, "The correlation report of this North Star’s numbers")]


CORRELATION = EvidenceKind("correlation", "Correlation report", correlation_report)


def checkup_flags(north_star: NorthStar) -> list[Suggestion]:
    return [
        Suggestion(flag.url, short(f"Checkup {flag.checkup.number}: {flag.words}")) for flag in open_flags(north_star)
    ]


# The decisions of the latest ended reviews a proposal may cite; older ones are a typed link away.
REVIEW_DECISIONS_SHOWN = 20


def review_decisions(north_star: NorthStar) -> list[Suggestion]:
    rows = (
        Decision.objects.filter(occurrence__series__north_star=north_star, occurrence__state=Occurrence.State.ENDED)
        .select_related("occurrence__series__north_star")
        .order_by("-occurrence__number", "pk")[:REVIEW_DECISIONS_SHOWN]
    )
    return [
        Suggestion(
            f"{row.occurrence.get_absolute_url()}#decision-{row.pk}",
            short(f"Decided in review {row.occurrence.number}: {row.text}"),
        )
        for row in rows
    ]


CHECKUP_FLAG = EvidenceKind("checkup-flag", "Checkup flag", checkup_flags)
REVIEW_DECISION = EvidenceKind("review-decision", "Review decision", review_decisions)
