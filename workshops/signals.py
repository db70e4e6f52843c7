"""What workshops tells later apps, which it may not import (apps depend one way)."""

from django.dispatch import Signal

# Sent inside the ending transaction with `workshop`: the library completes the history of
# the North Star adopted in it.
workshop_ended = Signal()
