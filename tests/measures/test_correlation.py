"""The correlation report's arithmetic against series with known coefficients."""

import datetime as dt
from decimal import Decimal as D

import pytest

from measures.correlation import MIN_PERIODS, lagged, pearson, ranks, report, spearman, strength


def weekly(numbers, start=dt.date(2026, 1, 5)):
    return {start + dt.timedelta(weeks=i): D(str(n)) for i, n in enumerate(numbers)}


def test_pearson_of_known_series():
    assert pearson([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]) == pytest.approx(1.0)
    assert pearson([1, 2, 3, 4, 5], [10, 8, 6, 4, 2]) == pytest.approx(-1.0)
    # Anscombe's first quartet: r = 0.816.
    x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
    y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]
    assert pearson(x, y) == pytest.approx(0.81642, abs=1e-4)
    assert pearson([1, 1, 1], [1, 2, 3]) is None


def test_spearman_sees_order_whatever_the_shape():
    x = [1, 2, 3, 4, 5, 6]
    assert spearman(x, [v**3 for v in x]) == pytest.approx(1.0)
    assert pearson(x, [v**3 for v in x]) < 1.0
    assert ranks([10, 20, 20, 30]) == [1, 2.5, 2.5, 4]
    # Textbook example with ties: rho = -0.1757.
    iq = [106, 86, 100, 101, 99, 103, 97, 113, 112, 110]
    tv = [7, 0, 27, 50, 28, 29, 20, 12, 6, 17]
    assert spearman(iq, tv) == pytest.approx(-0.17576, abs=1e-4)


def test_a_lag_pairs_each_period_with_one_later():
    leading = weekly([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    # The metric follows the input two weeks later, exactly.
    following = weekly([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    two = lagged(leading, following, "week", 2)
    assert two.periods == 12
    assert two.pearson == pytest.approx(1.0)
    rows = report(leading, following, "week")
    assert [row.lag for row in rows] == [0, 1, 2, 3, 4]


def test_too_few_periods_give_no_number():
    short = weekly(range(MIN_PERIODS - 1))
    result = lagged(short, short, "week", 0)
    assert result.periods == MIN_PERIODS - 1
    assert result.pearson is None
    assert result.spearman is None
    assert not result.enough
    assert strength(result.pearson) == "not enough periods"


def test_strength_in_words():
    assert strength(0.85) == "strong positive"
    assert strength(-0.5) == "moderate negative"
    assert strength(0.1) == "no clear relation"


@pytest.mark.django_db
def test_the_report_page_shows_coefficients_and_says_what_they_are_not():
    from measures.models import Measure, Value
    from tests.library.helpers import adopted_north_star, client_for, member_of

    north_star = adopted_north_star()
    key = north_star.versions.last().snapshot["inputs"][0]["key"]
    metric = Measure.objects.create(north_star=north_star, node_key="metric", node_name="Honoured tables per week")
    booking = Measure.objects.create(north_star=north_star, node_key=key, node_name="Diners booking")
    for week, (x, y) in enumerate(zip(range(1, 13), range(2, 26, 2), strict=True)):
        start = dt.date(2026, 1, 5) + dt.timedelta(weeks=week)
        Value.objects.create(measure=booking, period_start=start, value=x)
        Value.objects.create(measure=metric, period_start=start, value=y)
    page = client_for(member_of(north_star.team)).get(f"/north-stars/{north_star.key}/numbers/correlation/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "not proof that one causes the other" in text
    assert "+1.00" in text
    assert "strong positive" in text
    # Four periods later only 8 pairs are left: still enough; the other inputs have no numbers.
    assert "Too few periods to say" not in text
