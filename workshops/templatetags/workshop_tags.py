from django import template

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
