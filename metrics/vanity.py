"""Spot metrics that look like vanity metrics, so the worksheet can say why, gently."""

import re

# (pattern, what to say). Patterns match whole words, case-insensitively.
VANITY_PATTERNS = [
    (
        r"\b(daily|weekly|monthly)?\s*active\s+users\b|\b[dwm]au\b",
        "Counting active users says people showed up, not that they got value. What do they accomplish?",
    ),
    (r"\bpage\s*views?\b|\bpageviews?\b|\bvisits\b", "Page views rise with confusing navigation too."),
    (r"\bdownloads?\b|\binstalls?\b", "A download happens before any value does; many apps are never opened again."),
    (
        r"\bregistered\s+users\b|\bsign[\s-]?ups?\b|\bregistrations?\b|\baccounts\s+created\b",
        "Registrations only grow; they cannot tell you whether anyone still benefits.",
    ),
    (r"\b(ad\s+)?impressions\b", "Impressions measure what we show, not what customers gain."),
    (
        r"\bstory\s+points\b|\bvelocity\b",
        "Story points measure our output, not the customer's outcome.",
    ),
    (
        r"\btime\s+on\s+(page|site)\b|\bsession\s+length\b",
        "Time on a page can mean interest or being lost; alone it is ambiguous.",
    ),
]
_COMPILED = [(re.compile(pattern, re.IGNORECASE), message) for pattern, message in VANITY_PATTERNS]


def vanity_hints(*texts: str) -> list[str]:
    """The explanations that apply to these texts, each once, in a stable order."""
    joined = " ".join(texts)
    return [message for pattern, message in _COMPILED if pattern.search(joined)]
