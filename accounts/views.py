from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import (
    LoginView,
    LogoutView,
    PasswordChangeView,
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
)
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django.views.generic import View

from northstar.ratelimit import Limit, client_address, too_many_attempts

from .forms import AccountForm, ChangePasswordForm, LoginForm, NewPasswordForm, NextForm, ResetRequestForm, SignUpForm

# Failed logins only: a person who types the right password is never slowed down.
LOGIN_FAILURES_PER_ADDRESS = Limit("login-address", attempts=30, seconds=15 * 60)
LOGIN_FAILURES_PER_ACCOUNT = Limit("login-account", attempts=10, seconds=15 * 60)


def safe_next(request: HttpRequest) -> str:
    """Where to go after signing up (an invitation, say), if it is a page of this site."""
    host, https = request.get_host(), request.is_secure()
    for data in (request.POST, request.GET):
        if target := NextForm(data, host=host, require_https=https).target:
            return target
    return ""


@sensitive_post_parameters("password")
def signup(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


class EmailLoginView(LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Checked before the password, for accounts that exist and those that do not alike.
        address, email = client_address(request), self.typed_email()
        if LOGIN_FAILURES_PER_ADDRESS.is_exceeded(address) or (email and LOGIN_FAILURES_PER_ACCOUNT.is_exceeded(email)):
            return too_many_attempts(request, minutes=15)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(**kwargs) | {"password_reset": settings.PASSWORD_RESET_BY_EMAIL}

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        LOGIN_FAILURES_PER_ADDRESS.count(client_address(self.request))
        if email := self.typed_email():
            LOGIN_FAILURES_PER_ACCOUNT.count(email)
        return super().form_invalid(form)

    def typed_email(self) -> str:
        return self.request.POST.get("username", "").strip().lower()[:254]


class ConfirmLogoutView(LogoutView):
    """The header's "Log out" button logs out; the address opened by itself (a bookmark) asks first."""

    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect("home")
        return render(request, "accounts/logout.html")


# Forgotten passwords: Django's reset views, in the site's words and design. The link in the
# email works once, for PASSWORD_RESET_TIMEOUT; the request page says the same whether or not
# an account has that address, so it tells no one who has an account.
RESET_REQUESTS_PER_ADDRESS = Limit("password-reset-address", attempts=10, seconds=60 * 60)


class ResetOnlyWithEmail(View):
    """No reset pages where no email can leave the server: the link would never arrive."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not settings.PASSWORD_RESET_BY_EMAIL:
            raise Http404("Passwords cannot be reset by email here.")
        return super().dispatch(request, *args, **kwargs)


class ResetRequestView(ResetOnlyWithEmail, PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/reset_request.html"
    email_template_name = "accounts/reset_email.txt"
    subject_template_name = "accounts/reset_subject.txt"
    success_url = reverse_lazy("accounts:reset_sent")

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        address = client_address(request)
        if RESET_REQUESTS_PER_ADDRESS.is_exceeded(address):
            return too_many_attempts(request, minutes=60)
        RESET_REQUESTS_PER_ADDRESS.count(address)
        return super().post(request, *args, **kwargs)


class ResetSentView(ResetOnlyWithEmail, PasswordResetDoneView):
    template_name = "accounts/reset_sent.html"


class ResetConfirmView(ResetOnlyWithEmail, PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/reset_confirm.html"
    success_url = reverse_lazy("accounts:reset_done")


class ResetDoneView(ResetOnlyWithEmail, PasswordResetCompleteView):
    template_name = "accounts/reset_done.html"


# The account: the name participants see, and the password ----------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    form = AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your name is saved.")
        return redirect("accounts:account")
    return render(request, "accounts/account.html", {"form": form}, status=400 if form.errors else 200)


class ChangePasswordView(PasswordChangeView):
    """The password changes; this browser stays logged in, every other session of the account ends."""

    form_class = ChangePasswordForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: ChangePasswordForm) -> HttpResponse:
        messages.success(
            self.request, "Your password is changed. Other browsers logged in as you have to log in again."
        )
        return super().form_valid(form)
