"""What the results page's live region shows, for the view and the socket alike."""

from django.utils import timezone

from .flags import flags_of
from .models import MIN_ANSWERS, Checkup
from .results import answer_count, read_results, shown_checkups


def tally_context(checkup: Checkup) -> dict:
    """What the results page's live region shows: the count, and the results once they may be shown."""
    now = timezone.now()
    results = read_results(checkup, now)
    flags = []
    if results is not None:
        history = [item for item in shown_checkups(checkup.north_star, now) if item.checkup.number <= checkup.number]
        flags = flags_of(history)
    return {
        "checkup": checkup,
        "north_star": checkup.north_star,
        "count": answer_count(checkup),
        "results": results,
        "flags": flags,
        "min_answers": MIN_ANSWERS,
        "is_open": checkup.is_open(now),
        "ended_at": checkup.ended_at(now),
    }
