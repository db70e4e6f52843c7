from django.apps import AppConfig


class LibraryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "library"
    verbose_name = "Library: versions, bets and share links"

    def ready(self) -> None:
        from metrics.signals import north_star_adopted
        from workshops.signals import workshop_ended

        from .ending import keep_result_link, register_live_regions
        from .models import catch_up_ended_workshop, record_adoption
        from .proxy_sections import SECTIONS
        from .sections import add_section

        north_star_adopted.connect(record_adoption, dispatch_uid="library.record_adoption")
        workshop_ended.connect(catch_up_ended_workshop, dispatch_uid="library.catch_up_ended_workshop")
        # After the catch-up (connected first), so the link shows the North Star as it ended.
        workshop_ended.connect(keep_result_link, dispatch_uid="library.keep_result_link")
        register_live_regions()
        for section in SECTIONS:
            add_section(section)
