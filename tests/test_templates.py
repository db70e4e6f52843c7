"""Templates print numbers and dates as Django's English formats would, without looking them up each time."""

from datetime import date, datetime, time
from decimal import Decimal

from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.utils import timezone

SAMPLE = (
    "{{ count }} | {{ big }} | {{ ratio }} | {{ money }} | {{ day }} | {{ moment }} | {{ clock }} | "
    "{{ ratio|floatformat:1 }} | {{ moment|date:'j M Y H:i' }} | {% for n in numbers %}{{ n }},{% endfor %}"
)
VALUES = {
    "count": 7,
    "big": 1234567,
    "ratio": 2 / 3,
    "money": Decimal("1234.50"),
    "day": date(2026, 11, 24),
    "moment": timezone.make_aware(datetime(2026, 11, 24, 15, 4)),
    "clock": time(9, 30),
    "numbers": [1, 20, 300],
}


def standard_django_engine() -> DjangoTemplates:
    return DjangoTemplates({"NAME": "standard", "DIRS": [], "APP_DIRS": False, "OPTIONS": {}})


def test_the_project_engine_renders_what_djangos_localised_engine_renders():
    ours = engines["django"].from_string(SAMPLE).render(VALUES)
    theirs = standard_django_engine().from_string(SAMPLE).render(VALUES)

    assert ours == theirs
    assert ours.startswith("7 | 1234567 | 0.6666666666666666 | 1234.50 | Nov. 24, 2026 | Nov. 24, 2026, 3:04 p.m.")


def test_the_project_engine_does_not_look_up_the_locale_for_each_number(monkeypatch):
    from django.utils import formats

    looked_up = []
    original = formats.number_format

    def counting(*args, **kwargs):
        looked_up.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(formats, "number_format", counting)

    engines["django"].from_string("{% for n in numbers %}{{ n }} {% endfor %}").render({"numbers": range(50)})

    assert looked_up == []
