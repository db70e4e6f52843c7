from django.urls import reverse

from tests.factories import UserFactory, WorkshopFactory
from workshops.models import CODE_ALPHABET, Workshop


def test_it_creates_a_workshop_for_the_signed_in_facilitator(client, facilitator):
    client.force_login(facilitator)

    response = client.post(
        reverse("workshops:create"), {"title": "  Q3   kickoff ", "product": "TableTime", "agenda": "120"}
    )

    workshop = Workshop.objects.get()
    assert response.status_code == 302
    assert response.url == workshop.get_absolute_url()
    assert workshop.title == "Q3 kickoff"
    assert workshop.facilitator == facilitator
    assert workshop.state == Workshop.State.DRAFT


def test_it_requires_a_title_and_a_product(client, facilitator):
    client.force_login(facilitator)

    response = client.post(reverse("workshops:create"), {"title": "", "product": "", "agenda": "120"})

    assert "Please give the workshop a title." in response.text
    assert "Please say which product the workshop is about." in response.text
    assert not Workshop.objects.exists()


def test_it_requires_login(client, db):
    response = client.get(reverse("workshops:create"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_the_list_shows_only_my_workshops(client, facilitator):
    WorkshopFactory(facilitator=facilitator, title="Mine")
    WorkshopFactory(facilitator=UserFactory(), title="Someone else's")
    client.force_login(facilitator)

    response = client.get(reverse("workshops:list"))

    assert "Mine" in response.text
    assert "Someone else" not in response.text


def test_each_workshop_gets_an_unambiguous_code(db):
    facilitator = UserFactory()
    codes = {WorkshopFactory(facilitator=facilitator).code for _ in range(20)}

    assert len(codes) == 20
    for code in codes:
        assert len(code) >= 6
        assert set(code) <= set(CODE_ALPHABET)
        assert not set(code) & set("01OIL")


def test_another_facilitator_cannot_open_my_workshop(client, workshop):
    client.force_login(UserFactory())

    response = client.get(workshop.get_absolute_url())

    assert response.status_code == 404


def test_the_facilitator_page_shows_the_code_and_join_link(client, workshop):
    client.force_login(workshop.facilitator)

    response = client.get(workshop.get_absolute_url())

    assert workshop.display_code in response.text
    assert f"http://testserver/join/{workshop.code}/" in response.text
