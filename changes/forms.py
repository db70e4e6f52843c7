from urllib.parse import urlsplit

from django import forms

from library.forms import NorthStarEditForm
from library.models import Bet
from library.snapshot import Snapshot
from measures.models import Measure
from metrics.models import NorthStar
from northstar.forms import FreeTextField

from .evidence import evidence_kinds


class ProposedNorthStarForm(NorthStarEditForm):
    """The North Star as the proposal would leave it; the rationale is asked for separately."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["note"]


class ProposalForm(forms.Form):
    rationale = FreeTextField(
        multiline=True,
        label="Why change it?",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the team has seen that the current North Star misses. It becomes the new version’s note.",
        error_messages={"required": "Say why the North Star should change: a change needs its reason."},
    )
    suggested_evidence = forms.MultipleChoiceField(
        label="Evidence from this tool", required=False, widget=forms.CheckboxSelectMultiple
    )
    affected_inputs = forms.MultipleChoiceField(
        label="Inputs it affects", required=False, widget=forms.CheckboxSelectMultiple
    )
    affected_measures = forms.ModelMultipleChoiceField(
        label="Measures it affects",
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    affected_bets = forms.ModelMultipleChoiceField(
        label="Bets it affects", queryset=Bet.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, north_star: NorthStar, current: Snapshot, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.suggestions = {
            f"{kind.key}|{suggestion.url}": (kind.key, suggestion)
            for kind in evidence_kinds()
            for suggestion in kind.suggest(north_star)
        }
        suggested = self.fields["suggested_evidence"]
        assert isinstance(suggested, forms.MultipleChoiceField)
        suggested.choices = [(value, suggestion.label) for value, (_, suggestion) in self.suggestions.items()]
        affected = self.fields["affected_inputs"]
        assert isinstance(affected, forms.MultipleChoiceField)
        affected.choices = [(row.key, row.name) for row in current.inputs]
        measures = self.fields["affected_measures"]
        assert isinstance(measures, forms.ModelMultipleChoiceField)
        measures.queryset = Measure.objects.filter(north_star=north_star)
        bets = self.fields["affected_bets"]
        assert isinstance(bets, forms.ModelMultipleChoiceField)
        bets.queryset = Bet.objects.filter(north_star=north_star)

    def chosen_evidence(self) -> list[tuple[str, str, str]]:
        """(kind, url, label) for each suggested piece of evidence ticked."""
        chosen = [self.suggestions[value] for value in self.cleaned_data["suggested_evidence"]]
        return [(kind, suggestion.url, suggestion.label) for kind, suggestion in chosen]


class EvidenceLinkForm(forms.Form):
    url = forms.URLField(
        label="Link",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Give a web address, like https://wiki.example.com/decision."},
    )
    label = FreeTextField(label="What it shows", max_length=200, required=False)

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        if url and urlsplit(url).scheme not in ("http", "https"):
            raise forms.ValidationError("Use a web address that starts with http:// or https://.")
        return url

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("label") and not cleaned.get("url") and "url" not in self.errors:
            self.add_error("url", "Give the link too: it has a description.")
        return cleaned


EvidenceLinkFormSet = forms.formset_factory(EvidenceLinkForm, extra=3, max_num=10, validate_max=True)
