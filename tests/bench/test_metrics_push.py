"""`make bench-metrics`' push section, small: values pushed through the API reach open scorecards' sockets."""

import pytest

from bench.metrics_push import run
from measures.models import ApiToken, Value
from tests.e2e.conftest import database_url_for_test_db

pytestmark = pytest.mark.bench


def test_a_small_run_times_every_push_on_every_socket(transactional_db):
    result = run(database_url_for_test_db(), readers=2, pushes=2)
    assert result["push_count"] == 2
    assert result["push_sockets"] == 2
    assert 0 < result["push_to_socket_p50_ms"] <= result["push_to_socket_max_ms"]
    assert result["push_answer_p95_ms"] > 0
    # The bench's pushes went through the real API with a real token, and were kept.
    assert ApiToken.objects.get().last_used_at is not None
    assert Value.objects.filter(measure__node_key="metric", source="api").count() == 1
