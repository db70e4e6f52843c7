"""A North Star's nodes with their measures and figures, read in a fixed number of queries.

The nodes are those of the current version: business results, the metric, then each
input. A measure whose input was removed in a later version is still listed, as retired,
under the name it last had, so its history stays readable.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from library.snapshot import Snapshot, snapshot_of
from metrics.models import NorthStar

from .figures import Figures, Step, figures
from .models import METRIC_KEY, RESULTS_KEY, Measure, Value

RESULTS = "results"
METRIC = "metric"
INPUT = "input"
KIND_WORDS = {RESULTS: "Business results", METRIC: "North Star Metric", INPUT: "Input"}


@dataclass
class Node:
    key: str
    name: str
    kind: str
    definition: str = ""
    retired: bool = False
    measure: Measure | None = None
    figures: Figures | None = None

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.kind]

    @property
    def dom_id(self) -> str:
        return f"node-{self.key}"


def current_snapshot(north_star: NorthStar) -> Snapshot:
    latest = north_star.versions.last()
    return latest.data if latest else Snapshot(snapshot_of(north_star))


def tree_nodes(snapshot: Snapshot) -> list[Node]:
    results_name = snapshot.business_results.splitlines()[0] if snapshot.business_results else "Business results"
    nodes = [
        Node(RESULTS_KEY, results_name[:200], RESULTS, snapshot.business_results),
        Node(METRIC_KEY, snapshot.metric_name or "North Star Metric", METRIC, snapshot.metric_definition),
    ]
    nodes += [Node(row.key, row.name, INPUT, row.definition) for row in snapshot.inputs if row.key]
    return nodes


def read_nodes(north_star: NorthStar, *, with_figures: bool = True, recent: int | None = None) -> list[Node]:
    """Every node, measured or not, with its figures: three queries plus the version's one.

    With `recent`, only each measure's `recent` latest values are read: enough for the figures
    of the last `recent - 1` periods (latest, change, status, a sparkline), in a time that does
    not grow with the history. The series then starts at the oldest value read.
    """
    nodes = tree_nodes(current_snapshot(north_star))
    measures = {
        measure.node_key: measure
        for measure in Measure.objects.filter(north_star=north_star).select_related("owner").prefetch_related("targets")
    }
    keys = {node.key for node in nodes}
    nodes += [
        Node(key, measure.node_name or key, INPUT, retired=True) for key, measure in measures.items() if key not in keys
    ]
    values: dict[int, dict[dt.date, Decimal]] = {}
    if with_figures and measures:
        kept = Value.objects.filter(measure__north_star=north_star)
        if recent is not None:
            kept = kept.annotate(
                newness=Window(RowNumber(), partition_by=[F("measure_id")], order_by=F("period_start").desc())
            ).filter(newness__lte=recent)
        for measure_id, start, value in kept.values_list("measure_id", "period_start", "value"):
            values.setdefault(measure_id, {})[start] = value
    for node in nodes:
        node.measure = measures.get(node.key)
        if node.measure is not None and with_figures:
            steps = [Step(target.value, target.due) for target in node.measure.targets.all()]
            node.figures = figures(node.measure, values.get(node.measure.pk, {}), steps)
    return nodes


def remember_names(north_star: NorthStar, snapshot: Snapshot) -> None:
    """Keep each measure's node name up to date, so a later-removed input keeps its last name."""
    for node in tree_nodes(snapshot):
        Measure.objects.filter(north_star=north_star, node_key=node.key).exclude(node_name=node.name).update(
            node_name=node.name
        )
