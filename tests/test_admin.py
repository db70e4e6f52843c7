"""Every admin page opens, searched and filtered, on whichever database the suite runs on.

With PostgreSQL the parameters of every query are bound on the server (see northstar/settings.py),
which refuses a parameter whose type it cannot tell; the admin builds many queries of its own.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import ParticipantFactory, UserFactory, candidate_with_inputs, live_workshop

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.fixture
def signed_in_admin(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    workshop = live_workshop()
    candidate_with_inputs(workshop=workshop, author=ParticipantFactory(workshop=workshop), metric_name="Weekly teams")
    return client


# Nothing the admin shows leans on behaviour Django is about to change (a URL field's default scheme).
@pytest.mark.filterwarnings("error::django.utils.deprecation.RemovedInDjango60Warning")
@pytest.mark.parametrize(("model", "model_admin"), MODELS, ids=[model._meta.label for model, _ in MODELS])
def test_each_admin_list_search_filter_add_and_change_page_opens(signed_in_admin, model, model_admin):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert signed_in_admin.get(changelist).status_code == 200
    if model_admin.search_fields:
        assert signed_in_admin.get(changelist, {"q": "Weekly"}).status_code == 200
    for name in model_admin.list_filter:
        if isinstance(name, str):
            assert signed_in_admin.get(changelist, {f"{name}__isnull": "False"}).status_code == 200
    if model_admin.has_add_permission(type("Request", (), {"user": UserFactory.build(is_superuser=True)})()):
        assert signed_in_admin.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 200
    first = model._default_manager.first()
    if first is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
        assert signed_in_admin.get(change).status_code == 200
