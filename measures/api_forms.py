"""Forms of the push API: one pushed row, and a new token on the team's token page."""

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from accounts.models import Team
from metrics.models import NorthStar
from northstar.forms import FreeTextField, PlainLabels, choose_from
from northstar.text import clean_line

from .board import Node
from .forms import parse_number
from .models import ApiToken

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
MONTH = re.compile(r"\d{4}-\d{2}")


class MomentField(forms.Field):
    """A month ("2026-03"), a day ("2026-03-02") or an ISO 8601 timestamp ("2026-03-02T23:30:00+01:00").

    A timestamp keeps its offset, if it has one, so the caller can move it to the team's time zone.
    """

    default_error_messages = {
        "invalid": (
            "Give the date as YYYY-MM-DD (or YYYY-MM for a month), or a timestamp such as 2026-03-02T09:30:00+01:00."
        ),
        "range": f"Give a date between {EARLIEST_YEAR} and {LATEST_YEAR}.",
    }

    def to_python(self, value) -> dt.date | dt.datetime | None:
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or len(value) > 40:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = value.strip()
        try:
            moment: dt.date | dt.datetime
            if MONTH.fullmatch(text):
                moment = dt.date.fromisoformat(f"{text}-01")
            elif len(text) == 10:
                moment = dt.date.fromisoformat(text)
            else:
                moment = dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
            raise ValidationError(self.error_messages["range"], code="range")
        return moment


class PushedNumberField(forms.Field):
    """A value as JSON carries it: a number, or a string in the forms people write numbers in."""

    default_error_messages = {"invalid": "Give the value as a number, such as 1234.5."}

    def to_python(self, value) -> Decimal | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int | Decimal | float | str):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = str(value)
        if len(text) > 40:
            raise ValidationError("That is too long to be a number.", code="invalid")
        try:
            return parse_number(text)
        except ValueError as problem:
            raise ValidationError(str(problem), code="invalid") from None


class NodeIndex:
    """A North Star's nodes, found by key ("metric", "results", "i3") or by name, whatever its case."""

    def __init__(self, nodes: Iterable[Node]) -> None:
        self.keys: set[str] = set()
        self.names: dict[str, list[str]] = {}
        for node in nodes:
            self.keys.add(node.key)
            self.names.setdefault(clean_line(node.name).casefold(), []).append(node.key)

    def key_of(self, text: str) -> str:
        if text in self.keys:
            return text
        named = self.names.get(clean_line(text).casefold(), [])
        if len(named) > 1:
            raise ValidationError(f"Several nodes are called “{text[:80]}”: name it by its key.", code="ambiguous")
        if not named:
            raise ValidationError(
                f"No node “{text[:80]}” in this North Star. Use “metric”, “results”, an input's key or its name.",
                code="unknown",
            )
        return named[0]


class PushRowForm(forms.Form):
    """One row of a push: which node (cleaned to its key), which day (the period holding it), and the value."""

    node = FreeTextField(
        max_length=200,
        error_messages={"required": "Name the node: “metric”, “results”, an input's key or its name."},
    )
    date = MomentField(error_messages={"required": "Give the date the value is for, as YYYY-MM-DD."})
    value = PushedNumberField(error_messages={"required": "Give the value, as a number."})

    def __init__(self, data, *, nodes: NodeIndex) -> None:
        super().__init__(data)
        self.nodes = nodes

    def clean_node(self) -> str:
        if not isinstance(self.data.get("node"), str):
            raise ValidationError("Name the node as text.", code="invalid")
        return self.nodes.key_of(self.cleaned_data["node"])


class TokenForm(PlainLabels, forms.ModelForm):
    name = FreeTextField(
        label="Name", max_length=80, help_text="Which system uses it, so you know which one to revoke later."
    )

    class Meta:
        model = ApiToken
        fields = ["name", "north_star"]
        labels = {"north_star": "It may write to"}

    def __init__(self, *args, team: Team, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = choose_from(self, "north_star", NorthStar.objects.filter(team=team).select_related("statement"))
        field.empty_label = "Every North Star of the team"
        field.required = False
        field.error_messages["invalid_choice"] = "Choose one of the team’s North Stars, or all of them."
