"""The seven criteria of a good North Star Metric, and the vanity metrics to be wary of (our own words)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    question: str


CHECKLIST = [
    Criterion("value", "Expresses value", "Does it show why customers care, not just that they showed up?"),
    Criterion(
        "strategy",
        "Represents vision and strategy",
        "Could someone read our product strategy in it?",
    ),
    Criterion("leading", "Leading indicator", "Does it predict future results rather than report past ones?"),
    Criterion("actionable", "Actionable", "Can the team's work actually move it?"),
    Criterion(
        "understandable",
        "Understandable",
        "Could a colleague outside the team explain it after hearing it once?",
    ),
    Criterion("measurable", "Measurable", "Can we instrument the product to track it, now or soon?"),
    Criterion(
        "not-vanity",
        "Not a vanity metric",
        "If it rises, are we sure that is good news and not just a nicer-looking number?",
    ),
]

VANITY_EXAMPLES = [
    "Daily active users",
    "Ad impressions",
    "Number of downloads",
    "Page views",
    "Registered users",
    "Story points delivered",
    "Time on page",
]

HEURISTICS = [
    ("breadth", "Breadth", "How many customers take part?"),
    ("depth", "Depth", "How much do they do each time?"),
    ("frequency", "Frequency", "How often do they come back to it?"),
    ("efficiency", "Efficiency", "How quickly or smoothly do they succeed?"),
]
