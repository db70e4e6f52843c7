from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from accounts.models import Team
from northstar.forms import FreeTextField, PlainLabels, choose_from, free_text_formfield
from northstar.text import clean_line, clean_multiline

from .agenda import AGENDA_CHOICES
from .content import BELIEF_TEMPLATES, WORKSHEET_FIELDS
from .models import (
    CODE_LENGTH,
    CoreValue,
    Disappointment,
    Discipline,
    ExchangeRating,
    Game,
    Participant,
    Preparation,
    Segment,
    Vision,
    WarmUpGroup,
    Workshop,
    normalise_join_code,
)


class WorkshopForm(PlainLabels, forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["title", "product"]
        formfield_callback = free_text_formfield
        labels = {"title": "Workshop title", "product": "Product it is about"}
        help_texts = {
            "title": "For example: “Q3 North Star workshop”.",
            "product": "The product or service the team will find a North Star for.",
        }
        # A title of only spaces never reaches clean_title: Django strips it and finds it missing.
        error_messages = {
            "title": {"required": "Please give the workshop a title."},
            "product": {"required": "Please say which product the workshop is about."},
        }

    def clean_title(self) -> str:
        return self.required_line("title", "Please give the workshop a title.")

    def clean_product(self) -> str:
        return self.required_line("product", "Please say which product the workshop is about.")

    def required_line(self, field: str, message: str) -> str:
        value = clean_line(self.cleaned_data[field])
        if not value:
            raise forms.ValidationError(message)
        return value


class JoinCodeForm(PlainLabels, forms.Form):
    code = FreeTextField(
        label="Workshop code",
        max_length=20,
        help_text="The eight letters and digits your facilitator shared, like K7PM-Q3XA.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
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


class JoinForm(PlainLabels, forms.Form):
    display_name = FreeTextField(
        label="Your name",
        max_length=40,
        help_text="How the others will see you during the workshop.",
        error_messages={"required": "Please write the name the others will see.", "invisible": "Please enter a name."},
        widget=forms.TextInput(attrs={"autocomplete": "nickname", "autofocus": True}),
    )

    observer = forms.BooleanField(
        label="Join as an observer",
        required=False,
        help_text="Observers follow everything but do not write candidates, score or vote.",
    )

    discipline = forms.ChoiceField(
        label="What you do (optional)",
        choices=[("", "Rather not say"), *Discipline.choices],
        required=False,
        help_text="Helps the facilitator see which parts of the business are in the room.",
        error_messages={"invalid_choice": "Choose one of the listed areas, or leave it blank."},
    )

    def __init__(self, *args, workshop: Workshop, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.workshop = workshop

    def clean_display_name(self) -> str:
        name = clean_line(self.cleaned_data["display_name"])
        if not name:
            raise forms.ValidationError("Please enter a name.")
        if Participant.objects.filter(workshop=self.workshop, display_name__iexact=name).exists():
            raise forms.ValidationError(
                f"Someone here is already called “{name}”. Add an initial or a nickname so people can tell you apart."
            )
        return name


class NewWorkshopForm(WorkshopForm):
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        required=False,
        empty_label=None,
        to_field_name="slug",
        help_text="Everyone in this team can run the workshop and read its record.",
    )
    agenda = forms.ChoiceField(
        label="Agenda",
        choices=AGENDA_CHOICES,
        initial="120",
        widget=forms.RadioSelect,
        help_text="You can rename, reorder, add and remove segments afterwards.",
    )

    class Meta(WorkshopForm.Meta):
        pass

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        choose_from(self, "team", Team.objects.of(user))
        if "team" not in self.initial:
            self.initial["team"] = Team.default_for(user).slug

    def clean_team(self) -> Team:
        # No choice posted (one team, or an older form): the person's own team.
        return self.cleaned_data["team"] or Team.default_for(self.user)


class SegmentForm(forms.ModelForm):
    class Meta:
        model = Segment
        formfield_callback = free_text_formfield
        fields = ["title", "planned_minutes", "facilitator_notes"]
        labels = {
            "title": "Segment name",
            "planned_minutes": "Minutes",
            "facilitator_notes": "Facilitator notes",
        }
        widgets = {"facilitator_notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "title": {"required": "Please give the segment a name."},
            "planned_minutes": {
                "required": "Give the segment between 1 and 240 minutes.",
                "invalid": "Give the segment a whole number of minutes, between 1 and 240.",
            },
        }

    def clean_title(self) -> str:
        title = clean_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError("Please give the segment a name.")
        return title

    def clean_facilitator_notes(self) -> str:
        return clean_multiline(self.cleaned_data["facilitator_notes"])

    def clean_planned_minutes(self) -> int:
        minutes = self.cleaned_data["planned_minutes"]
        if not 1 <= minutes <= 240:
            raise forms.ValidationError("Give the segment between 1 and 240 minutes.")
        return minutes


class NewSegmentForm(SegmentForm):
    kind = forms.ChoiceField(label="Activity", choices=Segment.Kind.choices, initial=Segment.Kind.CUSTOM)

    class Meta(SegmentForm.Meta):
        fields = ["kind", "title", "planned_minutes", "facilitator_notes"]


class GoToForm(forms.Form):
    """Move the group. `from_segment` names the segment the facilitator saw, so a second click is a no-op."""

    from_segment = forms.IntegerField(required=False)
    to_segment = forms.IntegerField(required=False)
    direction = forms.ChoiceField(choices=[("next", "next"), ("previous", "previous")], required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("to_segment") is None and not data.get("direction"):
            raise forms.ValidationError("Say which segment to go to.")
        return data


class ProjectorPageForm(forms.Form):
    """Step the projector's pages. `segment` names the segment the facilitator saw; `page` is the page to show,
    so a double click shows that page twice rather than skipping one."""

    segment = forms.IntegerField()
    page = forms.IntegerField(
        min_value=1,
        max_value=99,
        error_messages={
            "min_value": "The first page is page 1.",
            "max_value": "The projector has no page that far on.",
        },
    )


class TimerForm(forms.Form):
    ACTIONS = [
        ("start", "Start"),
        ("pause", "Pause"),
        ("resume", "Resume"),
        ("reset", "Reset"),
        ("add", "Add a minute"),
        ("remove", "Remove a minute"),
    ]
    segment = forms.IntegerField()
    action = forms.ChoiceField(choices=ACTIONS)
    minutes = forms.IntegerField(required=False, min_value=1, max_value=60)


class CoFacilitatorForm(forms.Form):
    email = forms.EmailField(label="Email of a signed-up colleague")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(
                "Nobody has an account with that email yet. Ask them to sign up first, then add them again."
            )
        self.user = user
        return email


# Segment activities -------------------------------------------------------------


class NoteForm(forms.Form):
    """A note on a shared board. `why` is only offered on the terrible North Stars board."""

    text = FreeTextField(
        label="Your note",
        max_length=200,
        error_messages={
            "required": "Write something before posting.",
            "max_length": "Keep the note short: at most %(limit_value)d characters. It has %(show_value)d.",
        },
    )
    why = FreeTextField(
        label="Why it is bad (optional)",
        max_length=200,
        required=False,
        error_messages={
            "max_length": "Keep the reason short: at most %(limit_value)d characters. It has %(show_value)d."
        },
    )

    def clean_text(self) -> str:
        text = clean_line(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError("Write something before posting.")
        return text

    def clean_why(self) -> str:
        return clean_line(self.cleaned_data["why"])


class PreReadForm(forms.ModelForm):
    class Meta:
        model = Preparation
        fields = ["pre_read"]
        formfield_callback = free_text_formfield
        labels = {"pre_read": "Pre-read for participants"}
        help_texts = {"pre_read": "Shown to participants in the lobby while they wait for the start."}
        widgets = {"pre_read": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "pre_read": {
                "max_length": "Keep the pre-read short: at most %(limit_value)d characters. It has %(show_value)d."
            }
        }

    def clean_pre_read(self) -> str:
        return clean_multiline(self.cleaned_data["pre_read"])


class BeliefsForm(forms.Form):
    """A participant's five belief templates; any may stay blank."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key, name, sentence in BELIEF_TEMPLATES:
            self.fields[key] = FreeTextField(
                label=name,
                help_text=sentence,
                max_length=300,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "max_length": "Keep each belief short: at most %(limit_value)d characters. It has %(show_value)d."
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        return {key: clean_line(data.get(key) or "") for key, _, _ in BELIEF_TEMPLATES}


class VisionForm(forms.ModelForm):
    class Meta:
        model = Vision
        formfield_callback = free_text_formfield
        fields = Vision.PARTS
        labels = {
            "for_whom": "For (the customers)",
            "who_need": "who need",
            "product_is": "the product (its name)",
            "that": "is a product that",
            "unlike": "Unlike",
            "we": "we",
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for part in Vision.PARTS:
            data[part] = clean_line(data.get(part) or "")
        return data


class ValueExchangeForm(forms.Form):
    """One exchange on the customer's journey: what they do, and what they get for it."""

    text = FreeTextField(
        label="A value exchange",
        max_length=120,
        error_messages={
            "required": "Describe the exchange before adding it.",
            "max_length": "Keep it short: at most %(limit_value)d characters. It has %(show_value)d.",
        },
    )

    def clean_text(self) -> str:
        text = clean_line(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError("Describe the exchange before adding it.")
        return text


class CoreValueForm(forms.ModelForm):
    """The sentence the team agrees on: "Customers get ... when ..."."""

    class Meta:
        model = CoreValue
        formfield_callback = free_text_formfield
        fields = ["gets", "when"]
        labels = {"gets": "Customers get…", "when": "…when"}
        error_messages = {"gets": {"required": "Say what customers get."}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gets"].required = True

    def clean_gets(self) -> str:
        text = clean_line(self.cleaned_data["gets"])
        if not text:
            raise forms.ValidationError("Say what customers get.")
        return text

    def clean_when(self) -> str:
        return clean_line(self.cleaned_data["when"])


def one_of(label: str, choices, message: str) -> forms.ChoiceField:
    """A row of radio buttons whose one message covers both no answer and an answer not offered."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class PollAnswerForm(forms.Form):
    answer = one_of(
        "How would customers feel if this disappeared?", Disappointment.choices, "Choose one of the three answers."
    )


class ExchangeRatingForm(forms.Form):
    value = forms.TypedChoiceField(
        label="How much value does it carry?",
        choices=ExchangeRating.Value.choices,
        coerce=int,
        error_messages={
            "required": "Choose how much value this exchange carries.",
            "invalid_choice": "Choose how much value this exchange carries, from little to the most.",
        },
    )


class GamePickForm(forms.Form):
    game = one_of("Your pick", Game.choices, "Choose one of the three games.")


class GameDecisionForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["game", "game_reason"]
        formfield_callback = free_text_formfield
        labels = {"game": "The team's game", "game_reason": "In one line, why"}
        error_messages = {
            "game_reason": {
                "max_length": "Keep the reason to one line: at most %(limit_value)d characters. It has %(show_value)d."
            }
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["game"].required = True
        self.fields["game"].error_messages["required"] = "Choose the game the team agreed on."

    def clean_game_reason(self) -> str:
        return clean_line(self.cleaned_data["game_reason"])


class WarmUpProductForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["warm_up_name", "warm_up_summary", "warm_up_business_model"]
        formfield_callback = free_text_formfield
        labels = {
            "warm_up_name": "Product name",
            "warm_up_summary": "What the product does",
            "warm_up_business_model": "How it makes money",
        }
        widgets = {
            "warm_up_summary": forms.Textarea(attrs={"rows": 2}),
            "warm_up_business_model": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name in self.Meta.fields:
            if name in data:
                data[name] = clean_line(data[name])
        if not data.get("warm_up_name"):
            self.add_error("warm_up_name", "Name the product the groups will practise on.")
        return data


class WarmUpSplitForm(forms.Form):
    group_size = forms.TypedChoiceField(
        label="People per group",
        choices=[(3, "About 3"), (4, "About 4")],
        coerce=int,
        initial=4,
    )


class WarmUpMoveForm(forms.Form):
    group = forms.IntegerField(label="Move to group", min_value=1)


class WarmUpToggleForm(forms.Form):
    show = forms.ChoiceField(choices=[("example", "example"), ("all", "all")])
    on = forms.BooleanField(required=False)


class WorksheetForm(forms.ModelForm):
    """Any subset of the worksheet: each field saves on its own while people type."""

    class Meta:
        model = WarmUpGroup
        formfield_callback = free_text_formfield
        fields = WarmUpGroup.WORKSHEET_FIELDS

    def __init__(self, data, *args, **kwargs) -> None:
        super().__init__(data, *args, **kwargs)
        # Only the fields that were sent: a save of one field never blanks another.
        for name in list(self.fields):
            if name not in data:
                del self.fields[name]
        for field in self.fields.values():
            if max_length := getattr(field, "max_length", None):
                field.error_messages["max_length"] = (
                    f"{field.label} is too long: keep it under {max_length} characters."
                )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = clean_line(value)
        return data

    def conflict(self, base: str | None) -> tuple[str, str] | None:
        """(field, their text) when one typed field changed since the writer's `base`, else None.

        The page sends the text its field started from while people type, as the candidate fields
        do; a save without one (the whole form, or the last words of a page that is going) is
        taken as it comes.
        """
        if base is None or len(self.changed_data) != 1:
            return None
        name = self.changed_data[0]
        current = self.initial[name]  # the group as read under its lock, before this save
        if name == "game" or current in (clean_line(base), self.cleaned_data[name]):
            return None
        return name, current

    @property
    def changed_field_label(self) -> str:
        """The changed field as the worksheet names it ("Business impact")."""
        labels = {key: label for key, label, _ in WORKSHEET_FIELDS}
        return labels.get(self.changed_data[0], "") if self.changed_data else ""
