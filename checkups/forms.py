"""The checkup's forms: starting one, and one person's answer."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from northstar.forms import FreeTextField

from .models import Checkup
from .questions import CONFIDENCE_WORDS, SCALE_WORDS, SIGNALS, STRATEGY_CHOICES

LONGEST_WINDOW = dt.timedelta(days=60)
COMMENT_LENGTH = 500


class StartForm(forms.Form):
    mode = forms.ChoiceField(
        label="How will the team answer?", choices=Checkup.Mode.choices, widget=forms.RadioSelect, initial="async"
    )
    deadline = forms.DateTimeField(
        label="Answers close at (for a checkup over a few days)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="In the team’s time zone. A live checkup closes when you close it.",
    )

    def __init__(self, *args, zone: str = "UTC", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.zone = ZoneInfo(zone)

    def clean_deadline(self) -> dt.datetime | None:
        value = self.cleaned_data.get("deadline")
        if value is None:
            return None
        # The field read the time in the server's zone; the person meant the team's.
        moment = timezone.make_aware(timezone.make_naive(value).replace(tzinfo=None), self.zone)
        now = timezone.now()
        if moment <= now:
            raise forms.ValidationError("Choose a time that has not passed yet.")
        if moment > now + LONGEST_WINDOW:
            raise forms.ValidationError("A checkup stays open for 60 days at most: choose an earlier time.")
        return moment

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("mode") == Checkup.Mode.ASYNC and not data.get("deadline") and "deadline" not in self.errors:
            self.add_error("deadline", "A checkup over a few days needs a time when answers close.")
        return data


def signal_field(key: str) -> str:
    return f"signal_{key}"


def comment_field(key: str) -> str:
    return f"comment_{key}"


def confidence_field(key: str) -> str:
    return f"confidence_{key}"


class AnswerForm(forms.Form):
    """Every signal rated 1-5 with an optional comment, confidence in each input, and the strategy."""

    def __init__(self, *args, checkup: Checkup, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.checkup = checkup
        for signal in SIGNALS:
            self.fields[signal_field(signal.key)] = forms.TypedChoiceField(
                label=signal.words,
                choices=list(SCALE_WORDS.items()),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Rate this from 1 to 5."},
            )
            self.fields[comment_field(signal.key)] = FreeTextField(
                label="Comment (optional)",
                required=False,
                max_length=COMMENT_LENGTH,
                multiline=True,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for key, name in checkup.inputs:
            self.fields[confidence_field(key)] = forms.TypedChoiceField(
                label=f"How confident are you that “{name}” moves the North Star?",
                choices=list(CONFIDENCE_WORDS.items()),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose your confidence from 1 to 5."},
            )
        self.fields["strategy"] = forms.ChoiceField(
            label="Does the North Star still reflect our strategy?",
            choices=STRATEGY_CHOICES,
            widget=forms.RadioSelect,
            error_messages={"required": "Say whether it still reflects the strategy."},
        )

    def signal_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[signal_field(signal.key)], self[comment_field(signal.key)]) for signal in SIGNALS]

    def confidence_rows(self) -> list[forms.BoundField]:
        return [self[confidence_field(key)] for key, _ in self.checkup.inputs]

    def answer(self) -> dict:
        data = self.cleaned_data
        return {
            "signals": {signal.key: data[signal_field(signal.key)] for signal in SIGNALS},
            "comments": {
                signal.key: data[comment_field(signal.key)] for signal in SIGNALS if data[comment_field(signal.key)]
            },
            "confidence": {key: data[confidence_field(key)] for key, _ in self.checkup.inputs},
            "strategy": data["strategy"],
        }
