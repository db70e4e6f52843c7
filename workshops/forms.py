from django import forms

from .models import CODE_LENGTH, Participant, Workshop, normalise_join_code


def squash_spaces(value: str) -> str:
    return " ".join(value.split())


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["title", "product"]
        labels = {"title": "Workshop title", "product": "Product it is about"}
        help_texts = {
            "title": "For example: “Q3 North Star workshop”.",
            "product": "The product or service the team will find a North Star for.",
        }

    def clean_title(self) -> str:
        return squash_spaces(self.cleaned_data["title"])

    def clean_product(self) -> str:
        return squash_spaces(self.cleaned_data["product"])


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label="Workshop code",
        max_length=20,
        help_text="The eight letters and digits your facilitator shared, like K7PM-Q3XA.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = normalise_join_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError("A workshop code has eight letters and digits, like K7PM-Q3XA.")
        if not Workshop.objects.filter(code=code).exists():
            raise forms.ValidationError(
                "We could not find a workshop with that code. Check it with your facilitator and try again."
            )
        return code


class JoinForm(forms.Form):
    display_name = forms.CharField(
        label="Your name",
        max_length=40,
        help_text="How the others will see you during the workshop.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname", "autofocus": True}),
    )

    def __init__(self, *args, workshop: Workshop, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.workshop = workshop

    def clean_display_name(self) -> str:
        name = squash_spaces(self.cleaned_data["display_name"])
        if not name:
            raise forms.ValidationError("Please enter a name.")
        if Participant.objects.filter(workshop=self.workshop, display_name__iexact=name).exists():
            raise forms.ValidationError(
                f"Someone here is already called “{name}”. "
                "Add an initial or a nickname so people can tell you apart."
            )
        return name
