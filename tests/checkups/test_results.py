"""The arithmetic of a distribution: counts per score, median, average and bar widths."""

from checkups.results import SIGNAL, distribution


def test_a_distribution_counts_each_score_and_sizes_its_bars_as_shares():
    item = distribution("trace", "We can trace our work to it.", SIGNAL, [1, 2, 2, 5])
    assert [(step.score, step.count, step.width) for step in item.steps] == [
        (1, 1, 25),
        (2, 2, 50),
        (3, 0, 0),
        (4, 0, 0),
        (5, 1, 25),
    ]
    assert item.median == 2.0
    assert item.mean == 2.5
    assert item.level == 3  # 2.5 rounds up


def test_an_even_number_of_answers_has_the_median_between_the_middle_two():
    assert distribution("k", "words", SIGNAL, [2, 3]).median == 2.5


def test_nothing_outside_the_scale_is_counted_and_comments_come_sorted():
    item = distribution("k", "words", SIGNAL, [4, None, 9, 0], ["zebra", "", "apple"])
    assert item.count == 1
    assert item.comments == ("apple", "zebra")


def test_no_answers_no_numbers():
    item = distribution("k", "words", SIGNAL, [])
    assert item.median is None
    assert item.mean is None
    assert item.level == 0
    assert {step.width for step in item.steps} == {0}
