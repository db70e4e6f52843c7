from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "measures"
    verbose_name = "Measures: the North Star's numbers over time"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from library.models import NorthStarVersion
        from library.sections import add_section

        from .board import remember_names
        from .exports import SECTION

        def new_version(sender, instance: NorthStarVersion, created: bool, **kwargs) -> None:
            if created:
                remember_names(instance.north_star, instance.data)

        add_section(SECTION)
        post_save.connect(new_version, sender=NorthStarVersion, dispatch_uid="measures.remember_names", weak=False)
