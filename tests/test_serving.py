"""What the ASGI module does to the process that serves it."""

import gc

from northstar import asgi  # noqa: F401  (importing it tunes the process)
from northstar.serving import YOUNG_COLLECTION_THRESHOLD


def test_serving_freezes_what_start_up_loaded_and_collects_young_objects_less_often():
    assert gc.get_threshold()[0] == YOUNG_COLLECTION_THRESHOLD
    # Start-up objects (modules, templates, URL patterns) are out of every collection's walk.
    assert gc.get_freeze_count() > 10_000
