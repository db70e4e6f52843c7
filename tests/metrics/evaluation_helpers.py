from django.test import Client
from django.utils import timezone

from metrics.models import CandidateBoard
from metrics.pairing import make_pairs
from tests.factories import candidate_with_inputs, workshop_at


def evaluating_workshop(names=("Grace", "Linus"), candidates=2, **board):
    """A workshop in its evaluate segment with a revealed board of shared pair candidates."""
    workshop = workshop_at("evaluate")
    clients = {}
    for name in names:
        clients[name] = Client()
        clients[name].post(workshop.get_join_url(), {"display_name": name})
    pairs = make_pairs(workshop)
    CandidateBoard.objects.create(workshop=workshop, revealed_at=timezone.now(), **board)
    shared = []
    for number in range(candidates):
        candidate = candidate_with_inputs(3, workshop=workshop, pair=pairs[0], metric_name=f"Candidate {number + 1}")
        candidate.shared_at = timezone.now()
        candidate.save()
        shared.append(candidate)
    facilitator = Client()
    facilitator.force_login(workshop.facilitator)
    clients["facilitator"] = facilitator
    return workshop, clients, shared
