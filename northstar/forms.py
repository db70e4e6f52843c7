"""What every form on the site shares."""

from collections.abc import Iterable
from typing import Generic, TypeVar

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.db.models import Model, QuerySet
from django.http import Http404

from .text import clean_line, clean_multiline


class PlainLabels:
    """Labels as the hand-written forms print them: "Your name", not Django's "Your name:"."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class FreeTextField(forms.CharField):
    """Any text a person types: trimmed, invisible and control characters out, the length checked after.

    One line squashes runs of spaces; `multiline=True` keeps line breaks. Emoji sequences, zero-width
    joiners included, stay whole. A NUL byte is refused with Django's message rather than dropped,
    and a text over `max_length` is refused with the limit and its length, never cut: so the widget
    carries no `maxlength`, which lets a browser cut a pasted text without a word.
    """

    default_error_messages = {"invisible": "That has no visible characters: please write some text."}

    def __init__(self, *, multiline: bool = False, **kwargs) -> None:
        self.multiline = multiline
        if multiline and "widget" not in kwargs:
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        super().__init__(**kwargs)

    def to_python(self, value) -> str:
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        ProhibitNullCharactersValidator()(value)
        cleaned = clean_multiline(value) if self.multiline else clean_line(value)
        if not cleaned and self.required:
            raise forms.ValidationError(self.error_messages["invisible"], code="invisible")
        return cleaned

    def widget_attrs(self, widget) -> dict:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


def free_text_formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """A ModelForm's `formfield_callback`: every text column a person types into gets a FreeTextField."""
    typed = type(db_field) in (models.CharField, models.TextField) and not db_field.choices
    if not typed:
        return db_field.formfield(**kwargs)
    widget = kwargs.get("widget")
    is_textarea = isinstance(widget, forms.Textarea) or widget is forms.Textarea
    multiline = isinstance(db_field, models.TextField) or is_textarea
    return db_field.formfield(form_class=FreeTextField, multiline=multiline, **kwargs)


M = TypeVar("M", bound=Model)


class RowForm(forms.Form, Generic[M]):
    """One row a form names by its id, among the rows this person may act on.

    A malformed id (letters, a NUL byte, a number too big for the column) is refused like an
    unknown one, with the same message: never a database error.
    """

    def __init__(
        self,
        data,
        *,
        field: str,
        queryset: QuerySet[M],
        to_field: str | None = None,
        required: bool = True,
        message: str,
    ) -> None:
        super().__init__(data)
        self.field_name = field
        self.fields[field] = forms.ModelChoiceField(
            queryset,
            required=required,
            to_field_name=to_field,
            error_messages={"required": message, "invalid_choice": message},
        )

    @property
    def row(self) -> M | None:
        return self.cleaned_data.get(self.field_name) if self.is_valid() else None


def posted_row(data, field: str, queryset: QuerySet[M], *, message: str) -> M:
    """The row `field` names in `data`, or a 404 page saying `message`."""
    row = posted_optional_row(data, field, queryset, message=message)
    if row is None:
        raise Http404(message)
    return row


def posted_optional_row(data, field: str, queryset: QuerySet[M], *, message: str) -> M | None:
    """The row `field` names in `data`, None when the field was not sent, or a 404 page saying `message`."""
    form: RowForm[M] = RowForm(data, field=field, queryset=queryset, required=False, message=message)
    if not form.is_valid():
        raise Http404(message)
    return form.row


class ValueForm(forms.Form):
    """One posted value checked by one form field: the shape every helper below needs."""

    def __init__(self, data, *, name: str, field: forms.Field) -> None:
        super().__init__(data)
        self.name = name
        self.fields[name] = field


def posted_flag(data, name: str) -> bool:
    """A yes or no a button or checkbox posts ("1", "on", "true"); absent, "0" or "false" is no."""
    # A hidden input's widget hands the text over as sent; the field reads "0" and "false" as no.
    form = ValueForm(data, name=name, field=forms.BooleanField(required=False, widget=forms.HiddenInput))
    return form.is_valid() and bool(form.cleaned_data[name])


def posted_choice(data, name: str, choices: Iterable[str], *, message: str, default: str | None = None) -> str:
    """One of `choices`; `default` when the value was not sent. Anything else is a 404 saying `message`."""
    field = forms.ChoiceField(
        choices=[(choice, choice) for choice in choices],
        required=default is None,
        error_messages={"required": message, "invalid_choice": message},
    )
    form = ValueForm(data, name=name, field=field)
    if not form.is_valid():
        raise Http404(message)
    return form.cleaned_data[name] or default or ""


def posted_number(data, name: str) -> int | None:
    """A whole number that fits an id column, or None when it was not sent or is not one."""
    form = ValueForm(data, name=name, field=forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1))
    return form.cleaned_data[name] if form.is_valid() else None


def choose_from(form: forms.BaseForm, name: str, queryset: QuerySet) -> forms.ModelChoiceField:
    """Offer and accept in the form's model-choice field `name` only the rows of `queryset`."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model-choice field")
    field.queryset = queryset
    return field
