from django import forms

from measures.forms import TIME_ZONES
from northstar.forms import FreeTextField, PlainLabels

from .models import ReviewSeries


class SeriesForm(PlainLabels, forms.ModelForm):
    time_zone = forms.ChoiceField(
        label="Time zone", choices=[(name, name) for name in TIME_ZONES], help_text="The meeting keeps its local time."
    )

    class Meta:
        model = ReviewSeries
        fields = ["cadence", "weekday", "time_of_day", "time_zone", "first_day"]
        widgets = {
            "time_of_day": forms.TimeInput(attrs={"type": "time"}),
            "first_day": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {"first_day": "Starting from"}


class MoveForm(PlainLabels, forms.Form):
    leaving = forms.IntegerField(min_value=0, max_value=1000, widget=forms.HiddenInput)


class VoteForm(PlainLabels, forms.Form):
    score = forms.TypedChoiceField(
        label="Your confidence in this input",
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
        error_messages={"required": "Pick a number from 1 to 5.", "invalid_choice": "Pick a number from 1 to 5."},
    )


class DecisionForm(PlainLabels, forms.Form):
    text = FreeTextField(label="Decision", max_length=500)


class ActionForm(PlainLabels, forms.Form):
    text = FreeTextField(label="Action", max_length=300)
    owner = forms.TypedChoiceField(label="Owner", coerce=int)
    due = forms.DateField(label="Due", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, members=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.TypedChoiceField)
        owner.choices = [(user.pk, user.name) for user in members]
        owner.error_messages["invalid_choice"] = "Pick an owner from the team."


class VarianceNoteForm(PlainLabels, forms.Form):
    text = FreeTextField(label="Why the number is where it is", max_length=1000, multiline=True)
