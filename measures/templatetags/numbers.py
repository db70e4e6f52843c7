from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def plain_number(value: Decimal | None) -> str:
    """A value as a person would type it: no trailing zeros, no exponent, no grouping."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@register.filter
def figure(value: Decimal | None, places: int = 2) -> str:
    """A value to read: grouped thousands, at most `places` decimals, trailing zeros dropped."""
    if value is None:
        return "–"
    rounded = round(value, places)
    text = f"{rounded:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@register.filter
def get_typed(mapping: dict, key: str) -> str:
    return mapping.get(key, "")


@register.filter
def coefficient(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


@register.filter
def in_words(value: float | None) -> str:
    from ..correlation import strength

    return strength(value)
