from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.EmailLoginView.as_view(), name="login"),
    path("logout/", views.ConfirmLogoutView.as_view(), name="logout"),
    path("", views.account, name="account"),
    path("password/", views.ChangePasswordView.as_view(), name="password_change"),
    path("password-reset/", views.ResetRequestView.as_view(), name="reset"),
    path("password-reset/sent/", views.ResetSentView.as_view(), name="reset_sent"),
    path("password-reset/<uidb64>/<token>/", views.ResetConfirmView.as_view(), name="reset_confirm"),
    path("password-reset/done/", views.ResetDoneView.as_view(), name="reset_done"),
]
