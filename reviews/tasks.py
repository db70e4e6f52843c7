"""A review's preparation and its reminders, on the task engine (django-tasks, database backend).

When an occurrence is planned, its preparation is queued for two days before the meeting:
it freezes the scorecard as of the meeting's day and, for every owner of an input at risk
or off track without a note yet, makes one reminder and queues its email.

Each is claimed with one conditional UPDATE, the technique of measures/tasks.py: the
preparation by moving `frozen_at` from empty, a reminder by moving it from "pending" to
"sending". Of two workers, or two queued copies, only one moves the row, and only that
one acts; so an owner gets each reminder exactly once.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .frozen import freeze, frozen_nodes, owed_notes
from .models import Occurrence, Reminder

logger = logging.getLogger(__name__)

PREPARE_BEFORE = dt.timedelta(days=2)
RETRY_AFTER = dt.timedelta(minutes=10)
# After this many failed sends (no mail server configured, say) the reminder is given up.
MAX_ATTEMPTS = 5


def queue_preparation(occurrence: Occurrence) -> None:
    """Queue the preparation in the transaction that planned the occurrence: the queue is in the same
    database, so a planned meeting cannot lose its preparation."""
    when = max(occurrence.starts_at - PREPARE_BEFORE, timezone.now())
    prepare_review.using(run_after=when).enqueue(occurrence.pk)


def prepare(occurrence: Occurrence) -> list[Reminder]:
    """Freeze the occurrence's scorecard (once) and queue the reminders it calls for."""
    occurrence.freeze(freeze(occurrence.north_star, occurrence.as_of))
    owners = {node.owner_id for node in owed_notes(frozen_nodes(occurrence.snapshot)) if node.owner_id}
    made = []
    with transaction.atomic():
        for owner_id in sorted(owners):
            reminder, created = Reminder.objects.get_or_create(occurrence=occurrence, owner_id=owner_id)
            if created:
                made.append(reminder)
                queue_reminder(reminder.pk)
    return made


def queue_reminder(reminder_id: int, when: dt.datetime | None = None) -> None:
    """Queue a reminder's email in the transaction that made (or released) the reminder."""
    send_reminder.using(run_after=when or timezone.now()).enqueue(reminder_id)


@task()
def prepare_review(occurrence_id: int) -> str:
    occurrence = Occurrence.objects.select_related("series__north_star__team").filter(pk=occurrence_id).first()
    if occurrence is None or occurrence.has_ended:
        return "Nothing to prepare."
    made = prepare(occurrence)
    return f"Reminders queued: {len(made)}."


def claim(reminder_id: int) -> bool:
    return bool(
        Reminder.objects.filter(pk=reminder_id, state=Reminder.State.PENDING).update(state=Reminder.State.SENDING)
    )


@task()
def send_reminder(reminder_id: int) -> str:
    """Email one owner the notes they still owe, unless another worker has it or it went already."""
    if not claim(reminder_id):
        return "Already sent, or being sent by another worker."
    reminder = Reminder.objects.select_related("owner", "occurrence__series__north_star").get(pk=reminder_id)
    occurrence = reminder.occurrence
    owed = [node for node in owed_notes(frozen_nodes(occurrence.snapshot)) if node.owner_id == reminder.owner_id]
    if not owed or occurrence.has_ended:
        Reminder.objects.filter(pk=reminder_id).update(state=Reminder.State.NOT_NEEDED)
        return "Not needed: the notes are written."
    context = {"reminder": reminder, "occurrence": occurrence, "owed": owed, "site": settings.SITE_URL}
    try:
        send_mail(
            subject=f"A note for the review of {occurrence.north_star} on {occurrence.as_of:%-d %b}",
            message=render_to_string("reviews/reminder.txt", context),
            from_email=None,
            recipient_list=[reminder.owner.email],
        )
    except Exception:
        # Not sent: back to pending, and tried again later; nothing was delivered twice.
        logger.exception("Could not send review reminder %s", reminder_id)
        attempts = reminder.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            Reminder.objects.filter(pk=reminder_id).update(state=Reminder.State.FAILED, attempts=attempts)
            return "Sending failed too often; given up."
        with transaction.atomic():
            Reminder.objects.filter(pk=reminder_id).update(state=Reminder.State.PENDING, attempts=attempts)
            queue_reminder(reminder_id, timezone.now() + RETRY_AFTER)
        return "Sending failed; it will be tried again."
    Reminder.objects.filter(pk=reminder_id).update(state=Reminder.State.SENT, sent_at=timezone.now())
    return f"Sent to {reminder.owner.email}."
