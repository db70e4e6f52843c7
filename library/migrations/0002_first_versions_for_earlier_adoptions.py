"""North Stars adopted before versions existed get their first version here, not when first opened.

Pages only read; this runs once. It uses the app's own snapshot code, which reads the
tables as they are at this migration; later migrations must not depend on it.
"""

from django.db import migrations


def record_missing_versions(apps, schema_editor) -> None:
    # The historical model first: on a new database there is nothing to catch up, and the
    # current models may name columns that later migrations have not added yet.
    historical = apps.get_model("metrics", "NorthStar")
    if not historical.objects.filter(adopted_at__isnull=False).exists():
        return
    from library.models import NorthStarVersion
    from metrics.models import NorthStar

    for north_star in NorthStar.objects.filter(adopted_at__isnull=False).select_related("statement", "workshop"):
        NorthStarVersion.objects.catch_up(north_star)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("metrics", "0005_north_star_key_unique"),
        ("workshops", "0005_warm_up_group_size"),
    ]

    operations = [migrations.RunPython(record_missing_versions, migrations.RunPython.noop)]
