"""Issue 9, test 10: over-long, empty and strange text never causes a 500; it is refused clearly or stored safely."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import WorkshopFactory
from workshops.agenda import AGENDA_TEMPLATES
from workshops.models import Participant, Segment, Workshop

pytestmark = pytest.mark.reliability

RTL_OVERRIDE = "\u202e"
ZERO_WIDTH = "\u200b"
EMOJI = "🦄🚀"  # four bytes each in UTF-8


def join(client: Client, workshop: Workshop, name: str):
    return client.post(workshop.get_join_url(), {"display_name": name})


def test_a_name_with_a_nul_byte_is_refused_with_a_message(client, workshop):
    response = join(client, workshop, "Gr\x00ace")

    assert response.status_code == 200
    assert "Null characters are not allowed" in response.text
    assert not Participant.objects.exists()


def test_control_characters_and_direction_overrides_are_taken_out_of_a_name(client, workshop):
    response = join(client, workshop, f"\x07Gr{ZERO_WIDTH}ace{RTL_OVERRIDE}\x1b[31m Hopper\t")

    assert response.status_code == 302
    assert Participant.objects.get().display_name == "Grace[31m Hopper"


def test_a_name_made_only_of_invisible_characters_is_refused(client, workshop):
    response = join(client, workshop, f"{ZERO_WIDTH}{RTL_OVERRIDE}\x07 ")

    assert response.status_code == 200
    assert "Please enter a name." in response.text
    assert not Participant.objects.exists()


def test_invisible_characters_cannot_make_a_second_grace(client, workshop):
    join(client, workshop, "Grace")

    response = join(Client(), workshop, f"Gra{ZERO_WIDTH}ce")

    assert "Someone here is already called" in response.text
    assert Participant.objects.count() == 1


def test_emoji_are_kept_and_shown(client, workshop):
    join(client, workshop, f"Grace {EMOJI}")

    page = client.get(workshop.get_participant_url())

    assert Participant.objects.get().display_name == f"Grace {EMOJI}"
    assert f"Grace {EMOJI}" in page.text


def test_an_over_long_name_gets_a_clear_message(client, workshop):
    response = join(client, workshop, "G" * 41)

    assert response.status_code == 200
    assert "Ensure this value has at most 40 characters" in response.text
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "Please give the workshop a title."),
        ("T" * 121, "Ensure this value has at most 120 characters"),
        ("Q3\x00 workshop", "Null characters are not allowed"),
    ],
)
def test_a_bad_workshop_title_gets_a_clear_message(client, facilitator, title, message):
    client.force_login(facilitator)

    response = client.post(reverse("workshops:create"), {"title": title, "product": "TableTime", "agenda": "60"})

    assert response.status_code == 200
    assert message in response.text
    assert not Workshop.objects.exists()


def test_a_workshop_title_and_product_are_stored_clean(client, facilitator):
    client.force_login(facilitator)

    client.post(
        reverse("workshops:create"),
        {"title": f"Q3{RTL_OVERRIDE} North\x0b Star {EMOJI}", "product": f"Table{ZERO_WIDTH}Time\x00", "agenda": "60"},
    )
    client.post(
        reverse("workshops:create"),
        {"title": f"Q3{RTL_OVERRIDE} North\x0b Star {EMOJI}", "product": "TableTime", "agenda": "60"},
    )

    workshop = Workshop.objects.get()
    assert workshop.title == f"Q3 North Star {EMOJI}"
    assert workshop.product == "TableTime"


def test_segment_titles_and_notes_are_checked_and_cleaned(client, facilitator):
    workshop = WorkshopFactory(facilitator=facilitator)
    workshop.add_segments(AGENDA_TEMPLATES["60"][1])
    segment = workshop.segments.first()
    client.force_login(facilitator)
    url = reverse("workshops:segment_edit", args=[workshop.code, segment.pk])

    too_long = client.post(url, {"title": "Opening", "planned_minutes": 5, "facilitator_notes": "n" * 2001})
    nul = client.post(url, {"title": "Open\x00ing", "planned_minutes": 5, "facilitator_notes": ""}, follow=True)
    kept = client.post(
        url,
        {"title": f"Open{ZERO_WIDTH}ing {EMOJI}", "planned_minutes": 5, "facilitator_notes": "Line 1\r\nLine\x07 2"},
        follow=True,
    )

    assert too_long.status_code == 302
    assert nul.status_code == 200
    assert "Null characters are not allowed" in nul.text
    assert kept.status_code == 200
    segment.refresh_from_db()
    assert segment.title == f"Opening {EMOJI}"
    assert segment.facilitator_notes == "Line 1\nLine 2"


def test_a_nul_byte_in_an_address_is_a_plain_404(client, facilitator):
    client.force_login(facilitator)
    for path in ["/workshops/AB%00CD/", "/join/AB%00CD/", "/w/AB%00CD/", "/workshops/AB%00CD/present/"]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert "We could not find" in response.text


def test_a_nul_byte_in_a_join_code_is_refused_with_a_message(client, db):
    response = client.post(reverse("workshops:join_with_code"), {"code": "K7PM\x00Q3XA"})

    assert response.status_code == 200
    assert "Null characters are not allowed" in response.text


def test_a_nul_byte_in_a_login_or_signup_is_refused_with_a_message(client, db):
    login = client.post(reverse("accounts:login"), {"username": "ada\x00@example.com", "password": "x\x00"})
    signup = client.post(
        reverse("accounts:signup"),
        {"email": "ada@example.com", "display_name": "Ada\x00", "password": "a-long-password-42"},
    )

    assert login.status_code == signup.status_code == 200
    assert "Null characters are not allowed" in signup.text
    assert not User.objects.exists()


def test_a_bad_segment_kind_or_minutes_gets_a_message_not_a_500(client, facilitator):
    workshop = WorkshopFactory(facilitator=facilitator)
    client.force_login(facilitator)

    response = client.post(
        reverse("workshops:segment_add", args=[workshop.code]),
        {"kind": "<script>", "title": "x", "planned_minutes": "99999999999999999999"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Segment.objects.exists()
