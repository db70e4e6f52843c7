from django.apps import AppConfig


class BetsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bets"
    verbose_name = "Bets: the work on the North Star's board, and whether it moved the numbers"

    def ready(self) -> None:
        from library.sections import add_section
        from measures.scorecard import add_node_notes

        from .exports import SECTION
        from .review import outcomes_by_input

        add_section(SECTION)
        add_node_notes(outcomes_by_input)
