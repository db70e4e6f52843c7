"""The questions that make a North Star's definition precise, and how often to look at it again.

The team answers them when it adopts the North Star and again whenever it revises it; the
answers travel in every version's snapshot (library/snapshot.py), so the diff shows how the
team's understanding moved. The wording is ours.
"""

from datetime import date

# (key, question). The keys are stored in snapshots: never rename one.
DEFINITION_QUESTIONS = [
    ("decisions", "Which decisions will this metric help us make?"),
    ("blind_spots", "What will it not tell us?"),
    ("without_product_work", "Would it still rise if all product work stopped for a quarter? Why?"),
    ("tolerant_users", "Could it reward users who put up with a poor experience? How would we notice?"),
    ("continuous", "Is it produced continuously, or only now and then (a survey, a quarterly report)?"),
    ("seasonality", "How do seasons, holidays or the calendar move it?"),
    ("cohorts", "Can we compare it across cohorts, segments and time?"),
    ("revisit_signal", "What would tell us it is time to revisit this North Star?"),
]
QUESTION_KEYS = [key for key, _ in DEFINITION_QUESTIONS]
ANSWER_MAX_LENGTH = 500


class Stage:
    """Where the company is; a younger company learns faster, so it looks at its North Star sooner."""

    EARLY = "early"
    GROWTH = "growth"
    MATURE = "mature"
    CHOICES = [
        (EARLY, "Early: still searching for what customers value"),
        (GROWTH, "Growing: scaling what works"),
        (MATURE, "Established: defending and extending a position"),
    ]
    MONTHS = {EARLY: 6, GROWTH: 12, MATURE: 12}
    DEFAULT_MONTHS = 12


def revisit_by_default(start: date, stage: str) -> date:
    """The day to look at the North Star again: some months after `start`, by the company's stage."""
    months = Stage.MONTHS.get(stage, Stage.DEFAULT_MONTHS)
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    # The same day of the month, or the month's last day when it is shorter (31 August + 6 months).
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")
