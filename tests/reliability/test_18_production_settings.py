"""Issue 9, test 18 (and the deploy check): production settings are secure; cookies are HttpOnly,
SameSite=Lax and Secure; no token ever appears in a URL."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.e2e.conftest import database_url_for_test_db
from tests.reliability.helpers import live_workshop

pytestmark = pytest.mark.reliability

BASE_DIR = Path(settings.BASE_DIR)


def production_env(**extra: str) -> dict:
    """What an operator sets: a long random secret and the host name. DEBUG and the test switches are not set."""
    keep = {"PATH", "HOME", "LANG", "VIRTUAL_ENV", "SYSTEMROOT"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        NORTHSTAR_SECRETS_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="workshops.example.com",
        **extra,
    )
    return env


def test_check_deploy_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret():
    env = production_env()
    del env["SECRET_KEY"]

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_a_key_for_the_teams_secrets():
    env = production_env()
    del env["NORTHSTAR_SECRETS_KEY"]

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode != 0
    assert "NORTHSTAR_SECRETS_KEY is not set" in result.stderr


COOKIE_PROBE = """
import json, django
django.setup()
from django.test import Client
from workshops.models import Workshop
client = Client(HTTP_HOST="workshops.example.com")
workshop = Workshop.objects.get()
plain = client.get("/", secure=False)
client.get("/", secure=True)
client.post(workshop.get_join_url(), {"display_name": "Grace"}, secure=True)
cookies = {
    name: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"]), "samesite": m["samesite"]}
    for name, m in client.cookies.items()
}
print(json.dumps({"cookies": cookies, "http": [plain.status_code, plain.get("Location")],
                  "hsts": client.get("/", secure=True).get("Strict-Transport-Security")}))
"""


@pytest.mark.django_db(transaction=True)
def test_cookies_are_httponly_lax_and_secure_in_production():
    live_workshop()
    env = production_env(
        DATABASE_URL=database_url_for_test_db(), STATIC_FROM_FINDERS="1", DJANGO_SETTINGS_MODULE="northstar.settings"
    )

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", COOKIE_PROBE], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(seen["cookies"]) == {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    for name, flags in seen["cookies"].items():
        assert flags == {"secure": True, "httponly": True, "samesite": "Lax"}, name
    assert seen["http"] == [301, "https://workshops.example.com/"]
    assert "max-age=31536000" in seen["hsts"]


def test_no_session_or_csrf_token_appears_in_any_url(db):
    workshop = live_workshop()
    grace = Client()

    joined = grace.post(workshop.get_join_url(), {"display_name": "Grace"})
    page = grace.get(workshop.get_participant_url())

    secrets_in_play = [
        grace.cookies[settings.SESSION_COOKIE_NAME].value,
        grace.cookies[settings.CSRF_COOKIE_NAME].value,
    ]
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page.text).group(1)
    urls = [joined.url, *re.findall(r'(?:href|src|action|hx-post|hx-get|ws-connect)="([^"]*)"', page.text)]
    assert len(urls) > 5
    for url in urls:
        assert "?" not in url or "token" not in url.lower(), url
        for secret in [*secrets_in_play, token]:
            assert secret not in url, url
