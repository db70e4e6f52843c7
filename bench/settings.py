"""The production settings, with the bench's own URLs in front of the app's. Served by `make bench` only."""

from northstar.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
