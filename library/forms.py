import json
import secrets
from collections.abc import Set as AbstractSet
from datetime import date
from typing import cast
from urllib.parse import urlsplit

from django import forms

from metrics.definition import ANSWER_MAX_LENGTH, DEFINITION_QUESTIONS, QUESTION_KEYS, Stage, revisit_by_default
from metrics.models import MAX_INPUTS, MIN_INPUTS, Heuristic, NorthStar, Proxy
from northstar.forms import FreeTextField, PlainLabels, free_text_formfield

from .exports import ImportProblem, validate_document
from .models import Bet
from .snapshot import Snapshot


class RequiredMessage(forms.BaseForm):
    """A required text left empty (or only invisible characters) is asked for in plain words."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = "Please fill this in."


class SearchForm(PlainLabels, forms.Form):
    q = FreeTextField(label="Search the library", max_length=100, required=False)


class NorthStarEditForm(RequiredMessage, forms.Form):
    metric_name = FreeTextField(label="North Star Metric", max_length=80)
    metric_definition = FreeTextField(
        multiline=True,
        label="Its definition",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Precisely what is counted, over which period.",
    )
    game = forms.ChoiceField(label="Game", choices=[("", "Not decided"), *NorthStar.Game.choices], required=False)
    business_results = FreeTextField(
        multiline=True,
        label="Business results it should lead to",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    open_questions = FreeTextField(
        multiline=True,
        label="Open questions",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    information_needed = FreeTextField(
        multiline=True,
        label="Information we still need",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    company_stage = forms.ChoiceField(
        label="Where is the company?", choices=[("", "Not said"), *Stage.CHOICES], required=False
    )
    revisit_by = forms.DateField(
        label="Revisit by",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="When the team looks at its North Star again. Left empty, it follows from the company’s stage.",
        error_messages={"invalid": "Give the date as year-month-day, like 2027-03-31."},
    )
    note = FreeTextField(
        multiline=True,
        label="What did we learn?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why this change: the evidence or the conversation that led to it. It stays in the history.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        note = self.fields.pop("note")
        for key, question in DEFINITION_QUESTIONS:
            self.fields[key] = FreeTextField(
                multiline=True,
                label=question,
                max_length=ANSWER_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["note"] = note  # last: what the team learned closes the form
        for field in self.fields.values():
            field.error_messages["required"] = "Please fill this in."

    def definition_fields(self) -> list:
        return [self[key] for key in QUESTION_KEYS]

    def statement_fields(self) -> list:
        return [self[name] for name in self.fields if name not in QUESTION_KEYS and name != "note"]

    def snapshot_extras(self, today: date) -> dict:
        """The definition answers and the revisit date, as the snapshot stores them."""
        fields = self.cleaned_data
        answers = {key: fields[key] for key in QUESTION_KEYS if fields.get(key)}
        stage, by = fields["company_stage"], fields["revisit_by"]
        extras: dict = {}
        if stage or by:  # neither given: the snapshot stays as it was before dates existed
            extras["revisit"] = {"stage": stage, "by": (by or revisit_by_default(today, stage)).isoformat()}
        if answers:
            extras["definition_answers"] = answers
        return extras

    @classmethod
    def initial_from(cls, snapshot: Snapshot) -> dict:
        return {
            **{key: snapshot.definition_answers.get(key, "") for key in QUESTION_KEYS},
            "company_stage": snapshot.company_stage,
            "revisit_by": snapshot.revisit_by,
            "metric_name": snapshot.metric_name,
            "metric_definition": snapshot.metric_definition,
            "game": snapshot.game,
            "business_results": snapshot.business_results,
            "open_questions": snapshot.open_questions,
            "information_needed": snapshot.information_needed,
        }


class InputForm(RequiredMessage, forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    name = FreeTextField(label="Name", max_length=80, required=False)
    definition = FreeTextField(label="Definition", max_length=300, required=False)
    heuristic = forms.ChoiceField(label="Heuristic", choices=[("", "None"), *Heuristic.choices], required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        name, definition = cleaned.get("name", ""), cleaned.get("definition", "")
        # Said on the field that is missing, so it is marked invalid and read out with its label.
        if definition and not name:
            self.add_error("name", "Give this input a name too: it has a definition.")
        if name and not definition:
            self.add_error("definition", "Give this input a definition too: it has a name.")
        return cleaned


class BaseInputFormSet(forms.BaseFormSet):
    def __init__(self, *args, known_keys: AbstractSet[str] = frozenset(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.known_keys = known_keys

    def clean(self) -> None:
        if any(self.errors):
            return
        kept = [form for form in self.forms if form.cleaned_data.get("name") and not form.cleaned_data.get("DELETE")]
        if len(kept) < MIN_INPUTS:
            raise forms.ValidationError(
                f"A North Star needs at least {MIN_INPUTS} inputs; this would leave {len(kept)}."
            )
        if len(kept) > MAX_INPUTS:
            raise forms.ValidationError(f"Keep it to at most {MAX_INPUTS} inputs; this would make {len(kept)}.")
        names = [form.cleaned_data["name"].casefold() for form in kept]
        if len(set(names)) != len(names):
            raise forms.ValidationError("Two inputs have the same name. Give each its own.")

    def rows(self) -> list[dict]:
        """The kept inputs as snapshot rows; an input the form did not know gets a new key."""
        rows = []
        for form in self.forms:
            data = form.cleaned_data
            if not data.get("name") or data.get("DELETE"):
                continue
            key = data.get("key") if data.get("key") in self.known_keys else f"n{secrets.token_hex(4)}"
            rows.append(
                {"key": key, "name": data["name"], "definition": data["definition"], "heuristic": data["heuristic"]}
            )
        return rows


# formset_factory makes a subclass of the formset it is given; the stubs type it as the base.
InputFormSet = cast(
    type[BaseInputFormSet],
    forms.formset_factory(InputForm, formset=BaseInputFormSet, extra=1, can_delete=True, max_num=8),
)


class BetForm(RequiredMessage, forms.ModelForm):
    link = forms.URLField(
        label="Link (optional)",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="A ticket, a document or a board card: an http or https address.",
    )

    class Meta:
        model = Bet
        formfield_callback = free_text_formfield
        fields = ["input_key", "level", "title", "hypothesis", "status", "link"]
        labels = {
            "input_key": "Input it should move",
            "title": "The bet",
            "hypothesis": "Hypothesis",
        }
        help_texts = {
            "hypothesis": "“If we …, then … will increase, because …”",
        }
        widgets = {"hypothesis": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, inputs=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["input_key"] = forms.ChoiceField(
            label="Input it should move", choices=[(row.key, row.name) for row in inputs]
        )
        # Placed on an input here; a level-0 bet (business results) is written on the bets board.
        self.fields["level"] = forms.TypedChoiceField(
            label="Level", choices=Bet.Level.choices[1:], coerce=int, initial=Bet.Level.OPPORTUNITY
        )

    def clean_link(self) -> str:
        link = self.cleaned_data["link"].strip()
        if link and urlsplit(link).scheme not in ("http", "https"):
            raise forms.ValidationError("Use a web address that starts with http:// or https://.")
        return link


class BetStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=Bet.Status.choices)


IMPORT_MAX_BYTES = 512 * 1024


class ImportForm(PlainLabels, forms.Form):
    file = forms.FileField(
        label="JSON export file", help_text="A file saved with “Download JSON” from a North Star page."
    )

    def clean_file(self) -> dict:
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError("That file is too large for a North Star export (at most 512 KB).")
        try:
            document = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise forms.ValidationError("That file is not a JSON export: it could not be read as JSON.") from None
        try:
            validate_document(document)
        except ImportProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return document


class ImportChoiceForm(forms.Form):
    """When an imported file is of a North Star the team already has: update that one, or keep both."""

    UPDATE = "update"
    COPY = "copy"
    choice = forms.ChoiceField(
        label="What should the import do?",
        widget=forms.RadioSelect,
        choices=[
            (UPDATE, "Update our North Star: the file’s latest state becomes its next version"),
            (COPY, "Import a separate copy, and leave ours as it is"),
        ],
        error_messages={
            "required": "Choose whether to update the North Star or import a copy.",
            "invalid_choice": "Choose one of the two ways to import the file.",
        },
    )


class TeamNameForm(PlainLabels, forms.Form):
    name = FreeTextField(
        label="Team name",
        max_length=80,
        error_messages={
            "required": "Give the team a name.",
            "max_length": "Keep the name short: at most %(limit_value)d characters. It has %(show_value)d.",
        },
    )


class ProxyForm(forms.Form):
    """Mark the North Star Metric or one of its inputs as measured by a proxy for now."""

    stands_for = FreeTextField(
        label="What it stands in for",
        max_length=200,
        error_messages={"required": "Say what the proxy stands in for."},
    )
    missing = FreeTextField(
        label="Instrumentation still missing (optional)",
        max_length=200,
        required=False,
    )

    def __init__(self, *args, north_star: NorthStar, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.north_star = north_star
        statement = north_star.statement
        choices = [("metric", f"The metric: {statement.metric_name or 'unnamed'}")]
        choices += [(f"i{item.pk}", f"Input: {item.name or 'unnamed'}") for item in statement.inputs.all()]
        self.fields["node"] = forms.ChoiceField(
            label="Measured by a proxy for now",
            choices=choices,
            error_messages={"invalid_choice": "Choose the metric or one of its inputs."},
        )
        self.order_fields(["node", "stands_for", "missing"])

    def save(self) -> Proxy:
        node = self.cleaned_data["node"]
        values = {"stands_for": self.cleaned_data["stands_for"], "missing": self.cleaned_data["missing"]}
        if node == "metric":
            proxy, _ = Proxy.objects.update_or_create(candidate=self.north_star.statement, defaults=values)
        else:
            item = self.north_star.statement.inputs.get(pk=int(node[1:]))
            proxy, _ = Proxy.objects.update_or_create(item=item, defaults=values)
        return proxy


class DivisionForm(forms.Form):
    name = FreeTextField(
        label="Division or product line",
        max_length=80,
        required=False,
        help_text="Leave it blank when the North Star is for the whole product.",
        error_messages={
            "max_length": "Keep the name short: at most %(limit_value)d characters. It has %(show_value)d."
        },
    )
