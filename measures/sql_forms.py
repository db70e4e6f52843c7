"""Forms for SQL sources: a team's database connection, and a node's query and schedule."""

from django import forms

from accounts.models import Team
from northstar.forms import FreeTextField, PlainLabels, choose_from

from .models import SqlConnection, SqlSource
from .secrets import encrypt
from .sql import describe


class ConnectionForm(PlainLabels, forms.Form):
    name = FreeTextField(label="Name", max_length=80, help_text="For example: Sales warehouse.")
    # The URL carries a password: it is never written back into the page, even after a mistake.
    url = forms.CharField(
        label="Connection URL",
        max_length=1000,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=(
            "postgresql://user:password@host:5432/database or mysql://user:password@host:3306/database. "
            "Use a user that may only read. For safety the URL is not shown again: after a mistake, type it again."
        ),
    )

    def __init__(self, *args, team: Team, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.team = team

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        if SqlConnection.objects.filter(team=self.team, name__iexact=name).exists():
            raise forms.ValidationError("The team already has a connection with this name.")
        return name

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        try:
            self.engine, self.where = describe(url)
        except ValueError as problem:
            raise forms.ValidationError(str(problem)) from None
        return url

    def save(self, user) -> SqlConnection:
        return SqlConnection.objects.create(
            team=self.team,
            name=self.cleaned_data["name"],
            engine=self.engine,
            where=self.where,
            url_encrypted=encrypt(self.cleaned_data["url"]),
            created_by=user,
        )


class SourceForm(PlainLabels, forms.ModelForm):
    query = forms.CharField(
        label="Query",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "code"}),
        help_text=(
            "One SELECT returning two columns: the day a period starts (or any day in it) and the value. "
            "It runs read-only and is stopped if it takes too long."
        ),
    )

    class Meta:
        model = SqlSource
        fields = ["connection", "query", "schedule"]
        widgets = {"schedule": forms.RadioSelect}
        labels = {"connection": "Database", "schedule": "Refresh"}

    def __init__(self, *args, team: Team, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self, "connection", SqlConnection.objects.filter(team=team)).empty_label = "Choose a database"

    def clean_query(self) -> str:
        query = self.cleaned_data["query"].strip().rstrip(";").strip()
        if not query:
            raise forms.ValidationError("Write the query that returns the values.")
        return query
