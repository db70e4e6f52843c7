"""Forms of the bets app: a bet's one-pager, a move on the board, the WIP limits, an outcome."""

from decimal import Decimal
from urllib.parse import urlsplit

from django import forms

from library.models import Bet, BetLevelProblem
from measures.forms import NumberField
from metrics.models import NorthStar
from northstar.forms import PlainLabels, free_text_formfield

from .models import BOARD_LEVELS, column_words

MAX_LIMIT = 99


class OnePagerForm(PlainLabels, forms.ModelForm):
    """A bet made explicit: where it hangs, the opportunity, the hypothesis, the expected effect, who owns it."""

    link = forms.URLField(
        label="Issue tracker link (optional)",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="An http or https address: the ticket, epic or document where the work lives.",
    )
    expected_size = NumberField(
        label="Expected change (optional)", required=False, help_text="How much the input should move, in its unit."
    )
    expected_by = forms.DateField(
        label="By when (optional)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    review_on = forms.DateField(
        label="Review on (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Left empty, it follows from the level: a year, a quarter, a month or two weeks ahead.",
    )

    class Meta:
        model = Bet
        formfield_callback = free_text_formfield
        fields = [
            "level",
            "parent",
            "input_key",
            "title",
            "problem",
            "for_whom",
            "evidence",
            "hypothesis",
            "expected_direction",
            "expected_size",
            "expected_by",
            "owner",
            "link",
            "review_on",
        ]
        labels = {
            "level": "Level",
            "parent": "Hangs off",
            "input_key": "Input it should move",
            "title": "The bet",
            "problem": "The opportunity: what problem",
            "for_whom": "For whom",
            "evidence": "Evidence",
            "hypothesis": "Hypothesis",
            "expected_direction": "The input should go",
            "owner": "Owner or team",
        }
        help_texts = {"hypothesis": "“If we …, then … will move, because …”"}
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "hypothesis": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, north_star: NorthStar, inputs=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.north_star = north_star
        parents = north_star.bets.filter(level__lt=Bet.Level.INTERVENTION)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"] = forms.ModelChoiceField(
            parents,
            label="Hangs off",
            required=False,
            empty_label="Nothing: it hangs off its input (or the North Star, at level 0)",
            error_messages={"invalid_choice": "Choose a bet of this North Star from the list."},
        )
        self.fields["input_key"] = forms.ChoiceField(
            label="Input it should move",
            choices=[("", "None (level 0, or taken from the bet it hangs off)"), *((r.key, r.name) for r in inputs)],
            required=False,
        )
        self.fields["hypothesis"].required = True
        for field in self.fields.values():
            field.error_messages["required"] = "Please fill this in."

    def clean_expected_size(self) -> Decimal | None:
        size = self.cleaned_data["expected_size"]
        if size is None:
            return None
        if abs(size) >= Decimal(10) ** 16:
            raise forms.ValidationError("That change is too large to keep.")
        return size.quantize(Decimal("0.0001"))

    def clean_link(self) -> str:
        link = self.cleaned_data["link"].strip()
        if link and urlsplit(link).scheme not in ("http", "https"):
            raise forms.ValidationError("Use a web address that starts with http:// or https://.")
        return link

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        # Checked on a copy of the fields: the instance takes the cleaned data only after clean().
        bet = Bet(
            north_star=self.north_star,
            level=cleaned["level"],
            parent=cleaned.get("parent"),
            input_key=cleaned.get("input_key") or "",
        )
        try:
            bet.check_level()
        except BetLevelProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        cleaned["input_key"] = bet.input_key  # level 0 has none; levels 2 and 3 take their parent's
        return cleaned


class MoveForm(forms.Form):
    status = forms.ChoiceField(
        choices=Bet.Status.choices, error_messages={"invalid_choice": "That column is not on the board."}
    )
    before = forms.IntegerField(required=False, min_value=1, max_value=2**62)


class LimitsForm(PlainLabels, forms.Form):
    """A number per column, or empty for no limit."""

    def __init__(self, *args, limits: dict[tuple[int, str], int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for level in BOARD_LEVELS:
            for status in Bet.Status.values:
                self.fields[self.name_of(level, status)] = forms.IntegerField(
                    label=f"{column_words(level, status)} ({'opportunities' if level == 2 else 'interventions'})",
                    required=False,
                    min_value=1,
                    max_value=MAX_LIMIT,
                    initial=limits.get((level, status)),
                    error_messages={
                        "min_value": "A limit is at least 1; leave it empty for no limit.",
                        "max_value": f"A limit is at most {MAX_LIMIT}.",
                        "invalid": "Write a whole number, or leave it empty for no limit.",
                    },
                )

    @staticmethod
    def name_of(level: int, status: str) -> str:
        return f"limit_{level}_{status.replace('-', '_')}"

    def limits(self) -> dict[tuple[int, str], int | None]:
        return {
            (level, status): self.cleaned_data[self.name_of(level, status)]
            for level in BOARD_LEVELS
            for status in Bet.Status.values
        }


class OutcomeForm(PlainLabels, forms.ModelForm):
    class Meta:
        model = Bet
        formfield_callback = free_text_formfield
        fields = ["outcome", "learning"]
        labels = {"outcome": "Outcome", "learning": "What we learned"}
        widgets = {"outcome": forms.RadioSelect, "learning": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"] = forms.ChoiceField(
            label="Outcome",
            choices=Bet.Outcome.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Say whether it worked, did not, or you cannot tell."},
        )
