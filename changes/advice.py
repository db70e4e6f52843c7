"""A check of a North Star tree against known anti-patterns: advice for the team, never a refusal.

Each rule is a small pure function of the snapshot (and, where it needs them, the inputs'
owners or the dates of changes), so each is tested on its own; `check` runs them all.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from library.snapshot import Snapshot
from metrics.vanity import vanity_hints

QUARTER = timedelta(days=90)
MOST_INPUTS = 5
MOST_WORDS = 30  # a definition a person can say in one breath

# Money and other results that arrive after the customer got (or missed) the value.
LAGGING = re.compile(
    r"\b(revenue|income|sales|profits?|margin|arr|mrr|gmv|bookings\s+value|ltv|lifetime\s+value|"
    r"churn|renewals?|retention\s+rate|market\s+share|earnings|turnover)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Advice:
    rule: str
    message: str


def lagging_metric(data: Snapshot) -> list[Advice]:
    found = LAGGING.search(f"{data.metric_name} {data.metric_definition}")
    if found is None:
        return []
    return [
        Advice(
            "lagging",
            f"“{found.group(0)}” sounds like a business result. It moves months after the work that "
            "caused it, so it tells the team too late; keep it beside the tree as a result and choose "
            "a North Star that shows customers getting value now.",
        )
    ]


def inputs_without_owner(data: Snapshot, owners: dict[str, bool]) -> list[Advice]:
    """`owners` says, per node key, whether its measure has an owner (a missing key: no measure)."""
    return [
        Advice(
            "owner",
            f"Nobody owns the input “{row.name}”. An input nobody answers for drifts; give its "
            "measure an owner on the numbers page.",
        )
        for row in data.inputs
        if not owners.get(row.key, False)
    ]


def too_many_inputs(data: Snapshot) -> list[Advice]:
    count = len(data.inputs)
    if count <= MOST_INPUTS:
        return []
    return [
        Advice(
            "inputs",
            f"{count} inputs is more than a team can keep in mind; at most {MOST_INPUTS} keeps the "
            "focus. Could two of them be one?",
        )
    ]


def definition_too_long(data: Snapshot) -> list[Advice]:
    words = len(data.metric_definition.split())
    if words <= MOST_WORDS:
        return []
    return [
        Advice(
            "long",
            f"The definition runs to {words} words. If people cannot say it from memory they will not "
            f"use it in a meeting; try to say it in {MOST_WORDS} or fewer.",
        )
    ]


def vanity_metric(data: Snapshot) -> list[Advice]:
    return [Advice("vanity", hint) for hint in vanity_hints(data.metric_name, data.metric_definition)]


def too_soon(last_change: datetime | None, at: datetime) -> list[Advice]:
    """A change less than a quarter after the one before it."""
    if last_change is None or at - last_change >= QUARTER:
        return []
    days = (at - last_change).days
    return [
        Advice(
            "soon",
            f"The North Star last changed {days} day{'s' if days != 1 else ''} before this. A North "
            "Star needs time to show whether it works; changing it within a quarter usually reacts to "
            "noise. Make sure the evidence is more than one bad month.",
        )
    ]


def check(data: Snapshot, owners: dict[str, bool], last_change: datetime | None, at: datetime) -> list[Advice]:
    """Every piece of advice for this tree, in the order a reader would weigh them."""
    return [
        *lagging_metric(data),
        *vanity_metric(data),
        *definition_too_long(data),
        *too_many_inputs(data),
        *inputs_without_owner(data, owners),
        *too_soon(last_change, at),
    ]
