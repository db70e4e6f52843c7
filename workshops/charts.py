"""The numbers behind the bar charts: who got how many dots or picks, ranked and sized.

Pure functions over plain values, so the ranking rules are tested without a database
and every page (live, projector, record) draws the same chart from the same rows.
"""

from collections.abc import Iterable
from dataclasses import dataclass

WIDTH_STEP = 5  # bar widths come in steps of 5%, one CSS class each (w-0 ... w-100)


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    count: int
    rank: int  # 1 for the most; equal counts share a rank (1, 1, 3)
    tied: bool  # another bar has the same count
    percent: int  # share of all the counts, rounded
    width: int  # the bar's length as a share of the longest, in steps of WIDTH_STEP


def _step(value: float) -> int:
    return WIDTH_STEP * round(value / WIDTH_STEP)


def bar_chart(rows: Iterable[tuple[str, str, int]], *, ranked: bool = True) -> list[Bar]:
    """Bars for (key, label, count) rows.

    Ranked, the most comes first and equal counts keep the order they came in; unranked,
    the rows keep their order (the three games always in the same place). The longest
    bar fills its track; an empty board gives no bars, and a board of zeros gives empty bars.
    """
    rows = list(rows)
    if ranked:
        rows = sorted(rows, key=lambda row: -row[2])  # sorted() is stable: ties keep their order
    total = sum(count for _, _, count in rows)
    longest = max((count for _, _, count in rows), default=0)
    counts = [count for _, _, count in rows]
    bars = []
    for key, label, count in rows:
        rank = 1 + sum(1 for other in counts if other > count)
        bars.append(
            Bar(
                key=key,
                label=label,
                count=count,
                rank=rank,
                tied=counts.count(count) > 1,
                percent=round(100 * count / total) if total else 0,
                width=_step(100 * count / longest) if longest else 0,
            )
        )
    return bars
