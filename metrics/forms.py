import re
from typing import Any

from django import forms

from northstar.forms import FreeTextField, RowForm, choose_from
from workshops.checklist import CHECKLIST
from workshops.models import Participant, Workshop

from .definition import ANSWER_MAX_LENGTH, DEFINITION_QUESTIONS, QUESTION_KEYS, Stage
from .models import MAX_DOTS, Heuristic, Input, Pair

# Control characters break storage (NUL) or display; keep line breaks and tabs.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CANDIDATE_FIELDS = {
    "observation": ("the observation", 300),
    "measure": ("how it is measured", 300),
    "metric_name": ("the metric name", 80),
    "metric_definition": ("the definition", 500),
}
INPUT_FIELDS = {
    "name": ("the input name", 80),
    "definition": ("the input definition", 300),
    "heuristic": ("the kind of input", 12),
}


def clean_text(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", value).strip()


class FieldForm(forms.Form):
    """One field of a candidate or an input, saved as the person types.

    `base` is the text the person started from; if someone else saved the field
    in between, the save is refused rather than silently replacing their words.
    """

    field = forms.CharField()
    value = forms.CharField(required=False, strip=False)
    base = forms.CharField(required=False, strip=False)

    def __init__(self, data: dict, *, fields: dict) -> None:
        # Drop control characters (NUL included) before validation: they are noise, not a reason to refuse.
        data = {key: clean_text(value) if isinstance(value, str) else value for key, value in data.items()}
        super().__init__(data)
        self.allowed = fields

    def clean_field(self) -> str:
        field = self.cleaned_data["field"]
        if field not in self.allowed:
            raise forms.ValidationError("That is not something you can edit here.")
        return field

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        field = data.get("field")
        if field is None:
            return data
        label, limit = self.allowed[field]
        value = clean_text(data.get("value", ""))
        if len(value) > limit:
            self.add_error("value", f"Keep {label} under {limit} characters (it has {len(value)}).")
        if field == "heuristic" and value not in {"", *Heuristic.values}:
            self.add_error("value", "Choose breadth, depth, frequency, efficiency or other.")
        if field == "game" and value not in {"", "attention", "transaction", "productivity"}:
            self.add_error("value", "Choose attention, transaction or productivity.")
        data["value"] = value
        data["base"] = clean_text(data.get("base", ""))
        return data


class CopyInputForm(forms.Form):
    """One input of a partner's candidate, copied into the pair's candidate `into`."""

    input = forms.ModelChoiceField(queryset=Input.objects.none())
    into = forms.IntegerField(min_value=1, max_value=2**63 - 1)

    def __init__(self, data, *, inputs) -> None:
        super().__init__(data)
        choose_from(self, "input", inputs.select_related("candidate"))


class PairMoveForm(forms.Form):
    """Someone moved into another pair by hand; "new" starts a pair of their own."""

    participant = forms.ModelChoiceField(queryset=Participant.objects.none())
    pair = forms.CharField(max_length=20)

    def __init__(self, data, *, workshop: Workshop) -> None:
        super().__init__(data)
        self.workshop = workshop
        choose_from(self, "participant", workshop.participants.contributors())

    def clean_pair(self) -> Pair | None:
        if self.cleaned_data["pair"] == "new":
            return None
        pair = RowForm(self.cleaned_data, field="pair", queryset=self.workshop.pairs.all(), message="").row
        if pair is None:
            raise forms.ValidationError("That pair is no longer in this workshop.")
        return pair


class BoardSettingsForm(forms.Form):
    anonymous = forms.BooleanField(required=False, label="Share candidates without names")
    include_individual = forms.BooleanField(required=False, label="Also show individual candidates")


NORTH_STAR_FIELDS = {
    "game": ("the game", 15),
    "business_results": ("the business results", 1000),
    "open_questions": ("the open questions", 2000),
    "information_needed": ("the information still needed", 2000),
}


class VotingSettingsForm(forms.Form):
    dots_per_person = forms.IntegerField(
        label="Dots per person",
        min_value=1,
        max_value=MAX_DOTS,
        initial=3,
        error_messages={
            "min_value": "Give everyone at least one dot.",
            "max_value": f"At most {MAX_DOTS} dots each.",
        },
    )
    several_dots_per_candidate = forms.BooleanField(label="Allow several dots on one candidate", required=False)


class OpportunityForm(forms.Form):
    """An opportunity a participant sees for the input of a greenfield round."""

    text = FreeTextField(label="An opportunity", max_length=200)


class InitiativeForm(forms.Form):
    """A current initiative for the roadmap check, and the input it moves (or none)."""

    name = FreeTextField(label="Initiative", max_length=120)
    input = forms.ModelChoiceField(queryset=Input.objects.none(), required=False)

    def __init__(self, data, *, inputs) -> None:
        super().__init__(data)
        field = choose_from(self, "input", inputs)
        field.error_messages["invalid_choice"] = "That input is no longer in the North Star."


class RatingsForm(forms.Form):
    """One person's answers for one candidate: no (0), partly (1) or yes (2) per criterion sent."""

    def __init__(self, data) -> None:
        super().__init__(data)
        for criterion in CHECKLIST:
            self.fields[criterion.key] = forms.TypedChoiceField(
                choices=[("0", "no"), ("1", "partly"), ("2", "yes")], coerce=int, required=False, empty_value=None
            )


class DefinitionForm(forms.Form):
    """The precise-definition questions (metrics/definition.py) and the company's stage, answered before adopting."""

    company_stage = forms.ChoiceField(
        label="Where is the company?",
        choices=[("", "Not said"), *Stage.CHOICES],
        required=False,
        help_text="It sets when the team looks at the North Star again; the library lets the team change the date.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key, question in DEFINITION_QUESTIONS:
            self.fields[key] = FreeTextField(
                multiline=True,
                label=question,
                max_length=ANSWER_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @classmethod
    def initial_for(cls, answers: dict, stage: str) -> dict:
        return {"company_stage": stage, **{key: answers.get(key, "") for key in QUESTION_KEYS}}

    def answers(self) -> dict:
        """The answers given, without the empty ones, in the questions' order."""
        return {key: self.cleaned_data[key] for key in QUESTION_KEYS if self.cleaned_data.get(key)}


class ProxyMarkForm(forms.Form):
    """Mark a candidate's metric or one of its inputs as measured by a proxy for now.

    Used with a prefix per node ("proxy-metric", "proxy-i12") so each row of the editor has its own fields.
    """

    stands_for = FreeTextField(
        label="What it stands in for",
        max_length=200,
        error_messages={
            "required": "Say what the proxy stands in for, for example “weekly active teams”.",
            "max_length": "Keep it short: at most %(limit_value)d characters. It has %(show_value)d.",
        },
    )
    missing = FreeTextField(
        label="Instrumentation still missing (optional)",
        max_length=200,
        required=False,
        error_messages={
            "max_length": "Keep it short: at most %(limit_value)d characters. It has %(show_value)d.",
        },
    )
