import pytest

from metrics.models import Proxy
from tests.factories import UserFactory
from tests.library.helpers import adopted_north_star, client_for, member_of

pytestmark = pytest.mark.django_db


def mark(client, north_star, **fields):
    data = {"node": "metric", "stands_for": "tables honoured", "missing": ""} | fields
    return client.post(f"{north_star.get_absolute_url()}proxies/", data)


def test_an_input_marked_as_a_proxy_is_listed_on_the_north_stars_page():
    north_star = adopted_north_star()
    client = client_for(member_of(north_star.team))
    item = north_star.statement.inputs.first()

    response = mark(
        client, north_star, node=f"i{item.pk}", stands_for="repeat diners", missing="we cannot link guests yet"
    )

    assert response.status_code == 302
    html = client.get(north_star.get_absolute_url()).content.decode()
    assert (
        f"<strong>{item.name}</strong> stands in for repeat diners. Still missing: we cannot link guests yet." in html
    )


def test_marking_the_metric_again_updates_its_proxy():
    north_star = adopted_north_star()
    client = client_for(member_of(north_star.team))

    mark(client, north_star, stands_for="bookings")
    mark(client, north_star, stands_for="honoured bookings")

    assert list(Proxy.objects.values_list("candidate", "stands_for")) == [
        (north_star.statement.pk, "honoured bookings")
    ]


def test_an_input_of_another_north_star_is_refused_with_a_message():
    north_star, other = adopted_north_star(), adopted_north_star()
    client = client_for(member_of(north_star.team))

    response = mark(client, north_star, node=f"i{other.statement.inputs.first().pk}")

    assert response.status_code == 400
    assert "Choose the metric or one of its inputs." in response.content.decode()
    assert not Proxy.objects.exists()


def test_someone_outside_the_team_cannot_mark_a_proxy():
    north_star = adopted_north_star()

    response = mark(client_for(UserFactory()), north_star)

    assert response.status_code == 404
    assert not Proxy.objects.exists()
