"""The numbers behind the bar charts: ranks, ties and widths, without a database."""

from workshops.charts import bar_chart


def test_the_most_dots_come_first_and_fill_the_track():
    bars = bar_chart([("a", "Alpha", 1), ("b", "Beta", 4), ("c", "Gamma", 2)])
    assert [bar.label for bar in bars] == ["Beta", "Gamma", "Alpha"]
    assert [bar.rank for bar in bars] == [1, 2, 3]
    assert [bar.width for bar in bars] == [100, 50, 25]
    assert [bar.percent for bar in bars] == [57, 29, 14]


def test_equal_counts_share_a_rank_and_keep_their_order():
    bars = bar_chart([("a", "Alpha", 2), ("b", "Beta", 3), ("c", "Gamma", 2), ("d", "Delta", 0)])
    assert [(bar.label, bar.rank, bar.tied) for bar in bars] == [
        ("Beta", 1, False),
        ("Alpha", 2, True),
        ("Gamma", 2, True),
        ("Delta", 4, False),
    ]


def test_an_empty_board_has_no_bars():
    assert bar_chart([]) == []


def test_a_board_without_dots_has_empty_bars_all_first():
    bars = bar_chart([("a", "Alpha", 0), ("b", "Beta", 0)])
    assert [(bar.label, bar.rank, bar.width, bar.percent) for bar in bars] == [("Alpha", 1, 0, 0), ("Beta", 1, 0, 0)]


def test_unranked_bars_keep_their_order_and_widths_come_in_steps_of_five():
    bars = bar_chart([("jobs", "Attention", 1), ("transaction", "Transaction", 3)], ranked=False)
    assert [bar.label for bar in bars] == ["Attention", "Transaction"]
    assert [bar.width for bar in bars] == [35, 100]  # a third of the longest, to the nearest 5%
