from django.apps import AppConfig


class CheckupsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "checkups"
    verbose_name = "Checkups: is the North Star still working?"
