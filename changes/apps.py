from django.apps import AppConfig


class ChangesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "changes"
    verbose_name = "Changes: revisiting the North Star deliberately"

    def ready(self) -> None:
        from .evidence import CORRELATION, add_evidence_kind

        add_evidence_kind(CORRELATION)
