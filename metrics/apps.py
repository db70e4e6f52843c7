from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "metrics"
    verbose_name = "North Star metrics"

    def ready(self) -> None:
        from .live import register_live_regions

        register_live_regions()
