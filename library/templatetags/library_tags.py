from django import template

from metrics.models import NorthStar
from workshops.access import may_review

from ..models import ShareLink

register = template.Library()


@register.simple_tag
def saved_results(workshop, user) -> dict | None:
    """Where this person may read what an ended workshop produced: the record, a share link, or nowhere."""
    if not workshop.is_ended:
        return None
    if user is not None and may_review(user, workshop):
        return {"url": workshop.get_record_url(), "label": "Read the workshop record"}
    north_star = NorthStar.objects.filter(workshop=workshop, adopted_at__isnull=False).first()
    link = ShareLink.objects.filter(north_star=north_star, revoked_at=None).first() if north_star else None
    if link is not None:
        return {"url": link.get_absolute_url(), "label": "See the team’s North Star"}
    return None
