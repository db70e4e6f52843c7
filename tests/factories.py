from typing import TYPE_CHECKING, Any

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import User
from workshops.agenda import AGENDA_TEMPLATES
from workshops.models import Game, GamePick, Note, Participant, Workshop

if TYPE_CHECKING:
    from metrics.models import Candidate

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"facilitator{n}@example.com")
    display_name = factory.Sequence(lambda n: f"Facilitator {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class WorkshopFactory(factory.django.DjangoModelFactory[Workshop]):
    class Meta:
        model = Workshop

    title = factory.Sequence(lambda n: f"North Star workshop {n}")
    product = "TableTime, a restaurant booking app"
    facilitator = factory.SubFactory(UserFactory)


class ParticipantFactory(factory.django.DjangoModelFactory[Participant]):
    class Meta:
        model = Participant

    workshop = factory.SubFactory(WorkshopFactory)
    display_name = factory.Sequence(lambda n: f"Participant {n}")


class NoteFactory(factory.django.DjangoModelFactory[Note]):
    class Meta:
        model = Note

    workshop = factory.SubFactory(WorkshopFactory)
    author = factory.SubFactory(ParticipantFactory, workshop=factory.SelfAttribute("..workshop"))
    board = Note.Board.OPENING
    text = factory.Sequence(lambda n: f"Note {n}")


class GamePickFactory(factory.django.DjangoModelFactory[GamePick]):
    class Meta:
        model = GamePick

    participant = factory.SubFactory(ParticipantFactory)
    workshop = factory.SelfAttribute("participant.workshop")
    game = Game.ATTENTION


def workshop_with_agenda(template: str = "120", **kwargs: Any) -> Workshop:
    workshop = WorkshopFactory.create(**kwargs)
    workshop.add_segments(AGENDA_TEMPLATES[template][1])
    return workshop


def live_workshop(template: str = "120", **kwargs: Any) -> Workshop:
    """A workshop that has started: its first segment is running."""
    workshop = workshop_with_agenda(template, **kwargs)
    workshop.start(timezone.now())
    return workshop


def workshop_at(kind: str, **kwargs: Any) -> Workshop:
    """A live workshop whose current segment is the first of this kind ("brainstorm", "pair-share"...)."""
    workshop = live_workshop(**kwargs)
    workshop.go_to(workshop.segments.get(kind=kind), timezone.now())
    return workshop


def candidate_with_inputs(inputs: int = 3, **kwargs: Any) -> "Candidate":
    from metrics.models import Candidate, Input

    candidate = Candidate.objects.create(
        metric_name=kwargs.pop("metric_name", "Weekly happy diners"),
        metric_definition=kwargs.pop("metric_definition", "Diners who book and show up at least once a week."),
        **kwargs,
    )
    for position in range(inputs):
        Input.objects.create(
            candidate=candidate, position=position, name=f"Input {position + 1}", definition="How it is counted."
        )
    return candidate
