from datetime import UTC

from django import template
from django.utils import dateformat, timezone
from django.utils.html import format_html

from workshops.paging import WallPage

register = template.Library()


@register.filter
def clock(seconds: float | None) -> str:
    """Seconds as m:ss, always positive: 125.4 -> "2:05"; the caller says whether it is an overrun."""
    if seconds is None:
        return ""
    total = int(abs(seconds) + 0.5) if seconds < 0 else int(seconds + 0.999)
    return f"{total // 60}:{total % 60:02d}"


@register.filter
def whole_minutes(seconds: float | None) -> int:
    return round((seconds or 0) / 60)


@register.filter
def abs_value(number: float) -> float:
    return abs(number)


# How each kind of moment reads before the browser puts it in the reader's own time zone
# (static/js/localtime.js); without JavaScript the UTC text stays, and says so.
LOCAL_TIME_FORMATS = {"time": "H:i", "seconds": "H:i:s", "datetime": "j M Y, H:i"}


@register.filter
def shown_on(pages: WallPage, page: str) -> list:
    """The things of a paged list this page lists: the projector shows one page of them at a time."""
    return pages.shown_on(page)


@register.simple_tag
def local_time(moment, kind: str = "time"):
    """A moment for people in many time zones: `<time>` in UTC, shown in each reader's zone."""
    if moment is None:
        return ""
    utc = timezone.localtime(moment, timezone=UTC)
    return format_html(
        '<time datetime="{}" data-local="{}">{} UTC</time>',
        utc.isoformat(timespec="seconds"),
        kind,
        dateformat.format(utc, LOCAL_TIME_FORMATS[kind]),
    )
