"""Before a review, owners of inputs off plan are emailed once for the notes they still owe."""

import datetime as dt
import subprocess
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from measures.models import VarianceNote
from reviews.models import Reminder
from reviews.tasks import prepare, prepare_review, send_reminder
from tests.measures.scorecards import MONDAY
from tests.measures.test_sql_worker import WORKER, worker_environment
from tests.reviews.helpers import occurrence_on, reviewed_north_star

pytestmark = pytest.mark.django_db(transaction=True)


def prepared():
    north_star, series, _ada, grace, keys = reviewed_north_star()
    occurrence = occurrence_on(series, MONDAY + dt.timedelta(weeks=3))
    prepare(occurrence)
    return north_star, occurrence, grace, keys


def test_preparing_freezes_the_scorecard_and_queues_one_reminder_for_the_owner_who_owes_a_note():
    _, occurrence, _grace, _ = prepared()
    occurrence.refresh_from_db()
    assert occurrence.frozen_at is not None
    assert list(Reminder.objects.values_list("owner__display_name", "state")) == [("Grace", "pending")]
    assert DBTaskResult.objects.filter(status="READY", task_path="reviews.tasks.send_reminder").count() == 1

    prepare(occurrence)  # a second copy of the preparation

    assert Reminder.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path="reviews.tasks.send_reminder").count() == 1


def test_the_reminder_names_the_input_and_where_to_write_the_note():
    north_star, _, _grace, keys = prepared()
    reminder = Reminder.objects.get()

    assert send_reminder.call(reminder.pk) == "Sent to grace@example.com."

    [email] = mail.outbox
    assert email.to == ["grace@example.com"]
    assert "Repeat visits: Off track, 20 visits" in email.body
    assert f"http://localhost:8000/north-stars/{north_star.key}/reviews/1/notes/{keys[1]}/" in email.body
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT
    assert reminder.sent_at is not None


def test_two_workers_running_the_same_reminder_at_once_send_it_exactly_once():
    prepared()
    reminder = Reminder.objects.get()
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def worker() -> None:
        try:
            start.wait()
            outcomes.append(send_reminder.call(reminder.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["Already sent, or being sent by another worker.", "Sent to grace@example.com."]
    assert len(mail.outbox) == 1
    assert send_reminder.call(reminder.pk) == "Already sent, or being sent by another worker."
    assert len(mail.outbox) == 1


def test_two_real_workers_with_the_reminder_queued_twice_send_one_email():
    prepared()
    reminder = Reminder.objects.get()
    send_reminder.enqueue(reminder.pk)  # a second copy in the queue
    env = worker_environment() | {"DEBUG": "1"}  # DEBUG prints each email on the worker's output
    workers = [
        subprocess.Popen(  # noqa: S603 (our own fixed command)
            WORKER, cwd=Path(settings.BASE_DIR), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    printed = "".join(worker.communicate(timeout=120)[0] for worker in workers)

    assert [worker.returncode for worker in workers] == [0, 0]
    assert printed.count("Subject: A note for the review") == 1
    outcomes = sorted(
        DBTaskResult.objects.filter(task_path="reviews.tasks.send_reminder").values_list("return_value", flat=True)
    )
    assert outcomes == ["Already sent, or being sent by another worker.", "Sent to grace@example.com."]
    assert Reminder.objects.get().state == Reminder.State.SENT


def test_no_email_once_the_owner_has_written_the_note():
    north_star, _, grace, keys = prepared()
    VarianceNote.objects.create(
        measure=north_star.measures.get(node_key=keys[1]),
        period_start=MONDAY + dt.timedelta(weeks=3),
        text="Two weeks of rain.",
        author=grace,
    )
    reminder = Reminder.objects.get()

    assert send_reminder.call(reminder.pk) == "Not needed: the notes are written."
    assert mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.NOT_NEEDED


def test_a_planned_meeting_queues_its_preparation_two_days_before():
    _, series, *_ = reviewed_north_star(first_day=dt.date(2030, 1, 1))
    occurrence = series.schedule_next()
    queued = DBTaskResult.objects.get(task_path="reviews.tasks.prepare_review")
    assert queued.run_after == occurrence.starts_at - dt.timedelta(days=2)
    assert prepare_review.call(occurrence.pk) == "Reminders queued: 1."


def test_a_reminder_the_mail_server_refuses_is_tried_again_later_then_given_up(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 1, False  # nothing listens
    prepared()
    reminder = Reminder.objects.get()

    assert send_reminder.call(reminder.pk) == "Sending failed; it will be tried again."

    reminder.refresh_from_db()
    assert (reminder.state, reminder.attempts) == (Reminder.State.PENDING, 1)
    retry = DBTaskResult.objects.filter(task_path="reviews.tasks.send_reminder").order_by("-enqueued_at").first()
    assert retry is not None
    assert retry.run_after is not None
    assert retry.run_after > timezone.now() + dt.timedelta(minutes=9)
    for _ in range(4):
        send_reminder.call(reminder.pk)
    reminder.refresh_from_db()
    assert (reminder.state, reminder.attempts) == (Reminder.State.FAILED, 5)
    assert mail.outbox == []
