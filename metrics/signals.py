"""What metrics tells later apps, which it may not import (apps depend one way)."""

from django.dispatch import Signal

# Sent inside the adopting transaction with `north_star` and `author` (a user or None):
# the library records the North Star's first version.
north_star_adopted = Signal()
