"""The hub's list of SQL sources and their states, in one query, without touching the hub's view."""

from django import template

from measures.models import SqlSource
from metrics.models import NorthStar

register = template.Library()


@register.inclusion_tag("measures/sql_sources.html")
def sql_sources(north_star: NorthStar) -> dict:
    sources = SqlSource.objects.select_related("connection", "measure").filter(measure__north_star=north_star)
    return {"north_star": north_star, "sources": list(sources.order_by("measure__pk"))}
