"""The scorecard bench's data: a valid export whose import gives 6 measured nodes with weekly values."""

import pytest

from accounts.models import Team
from bench.metrics_scorecard import document
from library.exports import import_document, validate_document
from measures.models import Measure, Value
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_bench_north_star_imports_with_six_measured_nodes():
    user = UserFactory()
    doc = document(years=1)
    validate_document(doc)
    north_star = import_document(doc, Team.default_for(user), user)
    assert Measure.objects.filter(north_star=north_star).count() == 6
    assert Value.objects.filter(measure__north_star=north_star).count() == 6 * 52
