"""Shared set-up for the reliability suite: a live workshop and a snapshot of what the database holds."""

from django.apps import apps

from tests.factories import WorkshopFactory
from workshops.agenda import AGENDA_TEMPLATES
from workshops.models import Connection, Workshop


def live_workshop(**kwargs) -> Workshop:
    """A workshop with the 60-minute agenda, started: the group is in the first segment."""
    from django.utils import timezone

    workshop = WorkshopFactory.create(**kwargs)
    workshop.add_segments(AGENDA_TEMPLATES["60"][1])
    workshop.start(timezone.now())
    return Workshop.objects.select_related("facilitator").get(pk=workshop.pk)


def database_snapshot() -> dict:
    """Every row of the workshop apps (presence rows aside), to compare before and after an action.

    Found by walking the models, so tables added later are covered without editing this helper.
    """
    snapshot = {}
    for label in ("workshops", "metrics", "accounts"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model is Connection:
                continue
            rows = list(model._default_manager.order_by("pk").values())
            if label == "accounts":
                rows = [{k: v for k, v in row.items() if k != "last_login"} for row in rows]
            snapshot[model._meta.label] = rows
    return snapshot


def connection_count() -> int:
    return Connection.objects.count()
