"""What a proposal can point to as evidence. Apps add their kinds here.

A kind has a key (stored with each piece of evidence), a label, and a way to suggest
links for a North Star: the correlation report now; checkup flags and review decisions
when those apps arrive (this app comes after them, so ChangesConfig.ready() registers a
kind that reads from each). A typed link to anything else is always possible.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from metrics.models import NorthStar


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
