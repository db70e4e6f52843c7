from django.apps import AppConfig


class ChangesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "changes"
    verbose_name = "Changes: revisiting the North Star deliberately"

    def ready(self) -> None:
        from .evidence import CHECKUP_FLAG, CORRELATION, REVIEW_DECISION, add_evidence_kind

        add_evidence_kind(CORRELATION)
        add_evidence_kind(CHECKUP_FLAG)
        add_evidence_kind(REVIEW_DECISION)
