"""Shared set-up for the reliability suite: a live workshop and a snapshot of what the database holds."""

from django.forms.models import model_to_dict

from tests.factories import WorkshopFactory
from workshops.agenda import AGENDA_TEMPLATES
from workshops.models import Connection, Participant, Ready, Segment, Workshop


def live_workshop(**kwargs) -> Workshop:
    """A workshop with the 60-minute agenda, started: the group is in the first segment."""
    from django.utils import timezone

    workshop = WorkshopFactory(**kwargs)
    workshop.add_segments(AGENDA_TEMPLATES["60"][1])
    workshop.start(timezone.now())
    return Workshop.objects.select_related("facilitator").get(pk=workshop.pk)


def database_snapshot() -> dict:
    """Everything a facilitator action could change, to compare before and after."""
    return {
        "workshops": [
            {
                **model_to_dict(w, exclude=["co_facilitators"]),
                "co": sorted(w.co_facilitators.values_list("pk", flat=True)),
            }
            for w in Workshop.objects.order_by("pk")
        ],
        "segments": [model_to_dict(s) for s in Segment.objects.order_by("pk")],
        "participants": [model_to_dict(p) for p in Participant.objects.order_by("pk")],
        "readies": list(Ready.objects.order_by("pk").values()),
    }


def connection_count() -> int:
    return Connection.objects.count()
