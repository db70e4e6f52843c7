"""What every form on the site shares."""

from django import forms
from django.db.models import Model, QuerySet
from django.http import Http404


class PlainLabels:
    """Labels as the hand-written forms print them: "Your name", not Django's "Your name:"."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class RowForm(forms.Form):
    """One row a form names by its id, among the rows this person may act on.

    A malformed id (letters, a NUL byte, a number too big for the column) is refused like an
    unknown one, with the same message: never a database error.
    """

    def __init__(
        self, data, *, field: str, queryset: QuerySet, to_field: str | None = None, required: bool = True, message: str
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
    def row(self) -> Model | None:
        return self.cleaned_data.get(self.field_name) if self.is_valid() else None


def posted_row(data, field: str, queryset: QuerySet, *, required: bool = True, message: str) -> Model | None:
    """The row `field` names in `data`, or a 404 page saying `message`; None when optional and not sent."""
    form = RowForm(data, field=field, queryset=queryset, required=required, message=message)
    if not form.is_valid():
        raise Http404(message)
    return form.row
