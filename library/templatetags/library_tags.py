from django import template

from workshops.access import may_review

register = template.Library()


@register.simple_tag
def saved_results(workshop, user) -> dict | None:
    """Where this person may read what an ended workshop produced: the record, or nowhere.

    Participants are sent to their own page, which shows the result and the link they keep;
    a join code alone (it was on the projector) does not open the team's North Star.
    """
    if not workshop.is_ended:
        return None
    if user is not None and may_review(user, workshop):
        return {"url": workshop.get_record_url(), "label": "Read the workshop record"}
    return None
