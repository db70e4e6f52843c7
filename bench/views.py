"""The `baseline_action` floor: what any app on this stack pays to persist a write and push it.

A plain Django view behind the project's whole middleware stack (session, CSRF,
authentication), served by the same ASGI handler as every page: it locks one row,
updates it, and once the transaction commits `group_send`s a constant 2 KB frame to
the workshop's group, which the bench's consumer forwards as it is (bench/asgi.py).
No rendering, no app logic. A facilitator's move does all of that plus its own work,
so `ratio_p95_action` is what the app's own work costs on top of that floor.

The row is the facilitator's own user row (`last_login`): the workshop's `version`
would be the obvious one, but a version that moves without a notice looks like a lost
notice to every open tab, whose heartbeat then re-renders the whole page during the
phases that follow.
"""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.http import require_POST

from workshops.models import Workshop

FRAME_BYTES = 2048


def bench_frame(seq: str) -> str:
    """A constant-size frame the load generator recognises by its sequence number."""
    head = f'<div id="bench-ping" data-seq="{escape(seq)}">'
    tail = "</div>"
    return head + "x" * max(FRAME_BYTES - len(head) - len(tail), 0) + tail


def push(group: str, seq: str) -> None:
    async_to_sync(get_channel_layer().group_send)(group, {"type": "bench.ping", "text": bench_frame(seq)})


@require_POST
@login_required
def action(request: HttpRequest, workshop_id: int) -> HttpResponse:
    group = Workshop(pk=workshop_id).group_name
    seq = request.GET.get("seq", "0")
    assert request.user.is_authenticated  # login_required
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=request.user.pk)
        user.last_login = timezone.now()
        user.save(update_fields=["last_login"])
        transaction.on_commit(lambda: push(group, seq))
    return HttpResponse(status=204)
