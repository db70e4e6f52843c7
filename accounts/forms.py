from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils.http import url_has_allowed_host_and_scheme

from northstar.forms import PlainLabels, free_text_formfield
from northstar.text import clean_line

from .models import User

# What the password validators in settings.AUTH_PASSWORD_VALIDATORS ask for, in a person's words.
STRONG_ENOUGH_HELP = "At least 8 characters, not only digits, not a common password."


class SignUpForm(PlainLabels, forms.ModelForm):
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=STRONG_ENOUGH_HELP,
    )

    class Meta:
        model = User
        fields = ["email", "display_name"]
        formfield_callback = free_text_formfield
        labels = {"display_name": "Your name"}
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email already exists. Log in instead.")
        return email

    def clean_display_name(self) -> str:
        return clean_line(self.cleaned_data["display_name"])

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            # Compared with the email and name being signed up with, as Django's validators do.
            person = User(email=cleaned.get("email", ""), display_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(password, person)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password"])
        if commit:
            user.save()
        return user


class NextForm(forms.Form):
    """Where to go after signing up or logging in: a page of this site, or nowhere in particular."""

    next = forms.CharField(required=False, max_length=2000)

    def __init__(self, data, *, host: str, require_https: bool) -> None:
        super().__init__(data)
        self.host, self.require_https = host, require_https

    def clean_next(self) -> str:
        target = self.cleaned_data["next"]
        # Only a path on this site: a bare word would be taken for a view's name by redirect().
        if not target.startswith("/") or not url_has_allowed_host_and_scheme(
            target, {self.host}, require_https=self.require_https
        ):
            return ""
        return target

    @property
    def target(self) -> str:
        return self.cleaned_data["next"] if self.is_valid() else ""


class LoginForm(PlainLabels, AuthenticationForm):
    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )

    error_messages = {
        "invalid_login": "That email and password do not match an account. Check both and try again.",
        "inactive": "This account is disabled.",
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class ResetRequestForm(PlainLabels, PasswordResetForm):
    email = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={"required": "Type the email you signed up with.", "invalid": "That is not an email address."},
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class NewPasswordForm(PlainLabels, SetPasswordForm):
    error_messages = {"password_mismatch": "The two passwords are not the same. Type the new one twice."}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = STRONG_ENOUGH_HELP
        self.fields["new_password2"].label = "The new password again"


class AccountForm(PlainLabels, forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name"]
        formfield_callback = free_text_formfield
        labels = {"display_name": "Your name"}
        help_texts = {"display_name": "How participants and your team see you. Empty: the start of your email."}
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def clean_display_name(self) -> str:
        return clean_line(self.cleaned_data["display_name"])


class ChangePasswordForm(NewPasswordForm, PasswordChangeForm):
    """The new password as on a reset, after the current one."""

    error_messages = {
        "password_mismatch": "The two new passwords are not the same. Type the new one twice.",
        "password_incorrect": "That is not your current password. Type it again.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
