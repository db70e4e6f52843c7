import datetime as dt
from decimal import Decimal, InvalidOperation
from zoneinfo import available_timezones

from django import forms
from django.core.exceptions import ValidationError

from accounts.models import Team
from northstar.forms import FreeTextField, PlainLabels, free_text_formfield

from .models import DECIMAL_PLACES, LARGEST, Measure, Target

TIME_ZONES = sorted(available_timezones())


def parse_number(text: str) -> Decimal:
    """A number as people type it: "1 234,5" or "1,234.5" or "12%". Raises ValueError with a reason."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("_", "")
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    if "," in cleaned and "." in cleaned:
        # The last separator is the decimal one: 1.234,5 or 1,234.5.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1 and len(cleaned.split(",")[1]) != 3:
        cleaned = cleaned.replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"“{text.strip()[:40]}” is not a number.") from None
    if not number.is_finite():
        raise ValueError(f"“{text.strip()[:40]}” is not a number.")
    if abs(number) > LARGEST:
        raise ValueError("That number is too large to keep.")
    return round(number, DECIMAL_PLACES)


class NumberField(forms.Field):
    """A value typed by a person, in the forms people write numbers in."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value) -> Decimal | None:
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        if len(text) > 40:
            raise ValidationError("That is too long to be a number.", code="invalid")
        try:
            return parse_number(text)
        except ValueError as problem:
            raise ValidationError(str(problem), code="invalid") from None


class MeasureForm(PlainLabels, forms.ModelForm):
    baseline_value = NumberField(label="Baseline value", required=False)

    class Meta:
        model = Measure
        fields = [
            "unit",
            "direction",
            "grain",
            "combine",
            "missing",
            "owner",
            "work_stream",
            "baseline_value",
            "baseline_date",
            "on_track_from",
            "at_risk_from",
        ]
        widgets = {"baseline_date": forms.DateInput(attrs={"type": "date"})}
        formfield_callback = free_text_formfield
        help_texts = {
            "combine": "When one upload or push brings several values for the same week or month.",
            "on_track_from": "Compared with where the straight line from the baseline to the target is today.",
        }

    def __init__(self, *args, team: Team, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = team.members.order_by("display_name", "pk")
        owner.empty_label = "Nobody yet"
        for name in ("direction", "grain", "combine", "missing"):
            self.fields[name].widget = forms.RadioSelect(choices=self.fields[name].choices)  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean() or {}
        has_value = data.get("baseline_value") is not None
        has_date = data.get("baseline_date") is not None
        if has_value and not has_date:
            self.add_error("baseline_date", "Give the date the baseline was measured on.")
        if has_date and not has_value:
            self.add_error("baseline_value", "Give the baseline's value, or clear its date.")
        on_track, at_risk = data.get("on_track_from"), data.get("at_risk_from")
        if on_track is not None and at_risk is not None and at_risk > on_track:
            self.add_error("at_risk_from", "“At risk” must start at or below where “on track” starts.")
        return data


class TargetForm(PlainLabels, forms.ModelForm):
    value = NumberField(label="Target value")

    class Meta:
        model = Target
        fields = ["value", "due"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"})}
        labels = {"due": "By"}


class BaseTargetFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[dt.date] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            due = form.cleaned_data.get("due")
            if due is None:
                continue
            if due in seen:
                form.add_error("due", "There is already a target for this date.")
            seen.add(due)


TargetFormSet = forms.inlineformset_factory(
    Measure, Target, form=TargetForm, formset=BaseTargetFormSet, extra=1, max_num=8, validate_max=True, can_delete=True
)


class TimeZoneForm(PlainLabels, forms.Form):
    time_zone = forms.ChoiceField(
        label="The team's time zone",
        choices=[(name, name) for name in TIME_ZONES],
        help_text="Weeks start on Monday and months on the 1st in this time zone.",
    )


class CellForm(PlainLabels, forms.Form):
    """One cell of the grid: a node's value for one period. Empty clears it."""

    node = forms.SlugField(max_length=40)
    period = forms.DateField()
    value = NumberField(required=False)


class NoteForm(PlainLabels, forms.Form):
    node = forms.SlugField(max_length=40)
    period = forms.DateField()
    text = FreeTextField(label="Why it moved", multiline=True, max_length=1000, required=False)
