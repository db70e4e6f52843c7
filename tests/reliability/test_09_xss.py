"""Issue 9, test 9: script and htmx-attribute payloads in anything people type are shown as text, everywhere."""

import re
from html.parser import HTMLParser

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from tests.reliability.helpers import live_workshop
from tests.sockets import connected, receive_until
from workshops.models import Participant, Segment

pytestmark = pytest.mark.reliability

PAYLOADS = [
    "<script>alert('evil')</script>",
    '"><img src=x onerror=alert("evil")>',
    "' hx-get='/evil' hx-trigger='load",
    '" hx-on:click="alert(1)" x="',
    "<a href=\"javascript:alert('evil')\">evil</a>",
]
NAME = "<b>Gr</b><script>"  # 40 characters at most for a name


# Attributes htmx only shows as text (in a confirm dialog): a payload there is harmless words.
TEXT_ATTRIBUTES = {"hx-confirm", "aria-label", "value", "title", "placeholder"}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    """No script without a src, no event handler, no htmx attribute or link that came from a payload."""
    parser = Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        where = f"<{tag} {attrs}>"
        assert not (tag == "script" and "src" not in attrs), f"inline script: {where}"
        assert tag not in ("img", "iframe", "object", "embed"), where
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler: {where}"
            assert "evil" not in name, where
            if name in TEXT_ATTRIBUTES:
                continue
            if name.startswith(("hx-", "ws-", "data-hx")) or name in ("href", "src", "action", "formaction"):
                assert "evil" not in (value or ""), f"payload in an attribute that acts: {where}"
                assert not (value or "").lower().startswith("javascript:"), where


def booby_trapped_workshop():
    workshop = live_workshop(title=PAYLOADS[0][:120], product=PAYLOADS[1])
    segments = list(workshop.segments.all())
    for segment, payload in zip(segments, PAYLOADS, strict=False):
        segment.title = payload[:80]
        segment.facilitator_notes = " ".join(PAYLOADS)
        segment.save()
    Participant.objects.create(workshop=workshop, display_name=NAME)
    Participant.objects.create(workshop=workshop, display_name=PAYLOADS[2][:40])
    return workshop


def test_full_pages_show_payloads_as_text(db):
    workshop = booby_trapped_workshop()
    lead = Client()
    lead.force_login(workshop.facilitator)
    grace = Client()
    grace.post(workshop.get_join_url(), {"display_name": PAYLOADS[3][:40]})

    pages = {
        "facilitate": lead.get(workshop.get_absolute_url()),
        "present": lead.get(reverse("workshops:present", args=[workshop.code])),
        "list": lead.get(reverse("workshops:list")),
        "participant": grace.get(workshop.get_participant_url()),
        "join": Client().get(workshop.get_join_url()),
    }

    for name, response in pages.items():
        assert response.status_code == 200, name
        assert_inert(response.text)
    facilitate = pages["facilitate"].text
    assert "&lt;script&gt;alert(&#x27;evil&#x27;)&lt;/script&gt;" in facilitate
    assert "&lt;b&gt;Gr&lt;/b&gt;&lt;script&gt;" in pages["participant"].text
    assert "&quot;&gt;&lt;img src=x onerror=alert(&quot;evil&quot;)&gt;" in pages["join"].text


def test_htmx_fragments_show_payloads_as_text(db):
    workshop = booby_trapped_workshop()
    lead = Client()
    lead.force_login(workshop.facilitator)

    fragment = lead.post(
        reverse("workshops:go", args=[workshop.code]),
        {"from_segment": workshop.current_segment_id, "direction": "next"},
        headers={"HX-Request": "true"},
    )
    invalid = lead.post(
        reverse("workshops:segment_add", args=[workshop.code]),
        {"kind": "custom", "title": PAYLOADS[1], "planned_minutes": "0"},
        headers={"HX-Request": "true"},
    )

    assert fragment.status_code == invalid.status_code == 200
    assert 'id="now"' in fragment.text
    assert_inert(fragment.text)
    assert_inert(invalid.text)
    assert "&quot;&gt;&lt;img src=x onerror=alert(&quot;evil&quot;)&gt;" in fragment.text


@pytest.mark.asyncio
@pytest.mark.usefixtures("async_db")
async def test_websocket_frames_show_payloads_as_text():
    workshop = await sync_to_async(booby_trapped_workshop)()
    lead = Client()
    await sync_to_async(lead.force_login)(workshop.facilitator)
    grace = Client()
    await sync_to_async(grace.post)(workshop.get_join_url(), {"display_name": "Grace"})

    frames = []
    for page, client in (("facilitate", lead), ("present", lead), ("participant", grace)):
        async with connected(f"/ws/workshops/{workshop.code}/{page}/", client) as socket:
            frames.append(await receive_until(socket, 'id="live-version"'))
            await sync_to_async(Segment.objects.filter(workshop=workshop).update)(title=PAYLOADS[4][:80])
            await sync_to_async(lead.post)(
                reverse("workshops:timer", args=[workshop.code]),
                {"segment": workshop.current_segment_id, "action": "pause"},
            )
            frames.append(await receive_until(socket, "javascript"))

    for frame in frames:
        assert_inert(frame)
    assert any("&lt;a href=&quot;javascript:alert(&#x27;evil&#x27;)&quot;&gt;" in f for f in frames)
    assert any("&lt;b&gt;Gr&lt;/b&gt;&lt;script&gt;" in f for f in frames)


def test_the_csp_forbids_inline_script_and_every_script_tag_carries_the_nonce(db):
    workshop = booby_trapped_workshop()
    lead = Client()
    lead.force_login(workshop.facilitator)

    response = lead.get(workshop.get_absolute_url())

    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy).group(1).split()
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    nonce = next(s for s in script_src if s.startswith("'nonce-")).removeprefix("'nonce-").rstrip("'")
    parser = Tags()
    parser.feed(response.text)
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert scripts
    assert all(attrs.get("nonce") == nonce and attrs.get("src", "").startswith("/static/") for attrs in scripts)
    assert '"allowEval": false' in response.text
