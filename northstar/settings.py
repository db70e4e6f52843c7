"""Settings for the North Star Workshop, read from the environment.

With nothing set, the embedded defaults apply: a SQLite file next to the code
and the in-memory channel layer, so `make run` works on a fresh laptop.
"""

import ipaddress
import os
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def url_option(value: str):
    """A DATABASE_URL query value as psycopg wants it: true, false, none and whole numbers typed."""
    words = {"true": True, "false": False, "none": None}
    if value.lower() in words:
        return words[value.lower()]
    return int(value) if value.isdigit() else value


def database_from_url(url: str) -> dict:
    """Turn DATABASE_URL (postgres://user:pass@host:port/name or sqlite:///path) into Django's dict."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return sqlite_database(Path(unquote(parsed.path)) if parsed.path else BASE_DIR / "db.sqlite3")
    if parsed.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"DATABASE_URL scheme {parsed.scheme!r} is not supported.")
    options = {key: url_option(values[-1]) for key, values in parse_qs(parsed.query).items()}
    # Parameters travel apart from the SQL (server-side binding), so psycopg can prepare a
    # statement once a connection has run it a few times: the database then skips parsing
    # and planning the same reads every autosave, dot and page repeats. The pool keeps its
    # connections, and with them their prepared statements. Behind a pooler that cannot
    # keep prepared statements (PgBouncer in transaction mode before 1.21), add
    # ?prepare_threshold=none to DATABASE_URL.
    options.setdefault("server_side_binding", True)
    options.setdefault("prepare_threshold", 5)
    # A pool per process hands out and takes back a bounded set of connections for the
    # request threads and the sockets' database thread.
    options.setdefault(
        "pool",
        {
            "min_size": int(os.environ.get("DB_POOL_MIN_SIZE", "2")),
            "max_size": int(os.environ.get("DB_POOL_MAX_SIZE", "20")),
            "timeout": int(os.environ.get("DB_POOL_TIMEOUT", "20")),
        },
    )
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")) or "northstar",
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        # The pool keeps connections open; Django must hand each one back after use.
        "CONN_MAX_AGE": 0,
        "OPTIONS": options,
        "TEST": {"NAME": os.environ.get("TEST_DATABASE_NAME") or None},
    }


def sqlite_database(path: Path) -> dict:
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write
    # lock at BEGIN so two writers queue instead of failing with "database is locked".
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # A file, not memory, so a live server in another process sees the test data.
        "TEST": {"NAME": os.environ.get("TEST_DATABASE_NAME") or str(BASE_DIR / "test-db.sqlite3")},
    }


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(a long random string) or DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105

# Secrets the app keeps for a team (a SQL source's connection URL) are encrypted with this key.
# Any long random string; changing it makes the kept secrets unreadable (they must be entered again).
NORTHSTAR_SECRETS_KEY = os.environ.get("NORTHSTAR_SECRETS_KEY", "")
if not NORTHSTAR_SECRETS_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "NORTHSTAR_SECRETS_KEY is not set. Set it to a long random string, kept apart from the "
            "database backups, or DEBUG=1 for local development."
        )
    NORTHSTAR_SECRETS_KEY = f"derived-for-development-only:{SECRET_KEY}"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "django_htmx",
    "template_partials.apps.SimpleAppConfig",
    "accounts",
    "workshops",
    "metrics",
    "library",
    "measures",
    "bets",
    "checkups",
    "reviews",
    "changes",
    # The task engine (docs/architecture.md, "A task engine"): Django 6's tasks API and its database queue.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: nothing may read X-Forwarded-For or X-Forwarded-Proto before it decides to believe them.
    "northstar.proxy.TrustedProxyMiddleware",
    "northstar.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Pages are mostly repeated markup: compressed they are a fifth of the size. Django
    # pads compressed responses at random, so a CSRF token in the page does not leak (BREACH).
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Inside CSPMiddleware: its page's scripts get the response's nonce.
    "northstar.errors.MethodNotAllowedPage",
]

ROOT_URLCONF = "northstar.urls"
ASGI_APPLICATION = "northstar.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "NAME": "django",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "northstar.context_processors.csp_nonce",
            ],
            "builtins": ["template_partials.templatetags.partials"],
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
        },
    }
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
DATABASES = {"default": database_from_url(DATABASE_URL) if DATABASE_URL else sqlite_database(BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # channels-redis's pub/sub layer: a notice is one PUBLISH, and each server process reads
    # every notice for its sockets' groups off one subscription. The list-based layer spent
    # four Redis round trips per message behind one process-wide receive lock, and dropped
    # messages past its capacity anyway. A notice published while a process is away is lost
    # to it either way; its tabs catch up from the version (see workshops/broadcast.py).
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": None}],
                "prefix": os.environ.get("CHANNEL_LAYER_PREFIX", "northstar"),
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# The cache holds rate-limit counters. With Redis every process shares them; without
# it, one process (`make run`) keeps them in memory, which is all it needs.
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "northstar")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "northstar",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "library:home"
LOGOUT_REDIRECT_URL = "home"

# Background work (SQL sources' refreshes) goes through django-tasks' database queue: the same
# database as everything else, so a refresh and its next turn are queued in the transaction that
# records its result. `manage.py db_worker` runs the queue (`make run` starts one beside the server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A SQL source's query may run this long before the database stops it, and return this many rows.
SQL_SOURCE_TIMEOUT_SECONDS = int(os.environ.get("SQL_SOURCE_TIMEOUT_SECONDS", "30"))
SQL_SOURCE_MAX_ROWS = int(os.environ.get("SQL_SOURCE_MAX_ROWS", "10000"))

# Email is sent for one thing: the link that resets a forgotten password. With EMAIL_HOST it goes
# out over SMTP; under DEBUG it is printed to the console; otherwise nothing can be sent and the
# login page does not offer the reset.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "North Star Workshop <no-reply@localhost>")
if not EMAIL_HOST and DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Where links in emails sent by the task engine (review reminders) point: there is no request to ask.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
PASSWORD_RESET_BY_EMAIL = bool(EMAIL_HOST) or DEBUG
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a day: the link is for today, not for a forwarded email next month

# Sessions live in the database, so a participant stays the same person across
# server restarts and across processes: Django's database backend, read with one
# plain SELECT (northstar/sessions.py).
# Sessions in the database: one indexed read per request or socket. Not cached_db: its
# write to the cache is unguarded, so a Redis restart would turn every request into an error.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A form's body Django reads and hands to the form: several megabytes of pasted text reach the
# form, which refuses it beside the field with its limit; past this, northstar.errors says so
# on a page of its own. The reverse proxy's body limit is a little higher (deploy/).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_AGE = 60 * 60 * 24 * 30

# A CSV of numbers may hold a million rows (about 30 MB): Django spools an upload past
# FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file, and the file is kept here, on disk, between
# its preview and its commit. The reverse proxy allows the larger body on that one path (deploy/).
NUMBERS_UPLOAD_DIR = Path(os.environ.get("NUMBERS_UPLOAD_DIR") or Path(tempfile.gettempdir()) / "northstar-numbers")
NUMBERS_UPLOAD_MAX_BYTES = 80 * 1024 * 1024


LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Tests and `runserver` serve files straight from the source folders; production
# serves the hashed, compressed copies that `collectstatic` writes.
STATIC_FROM_FINDERS = env_bool("STATIC_FROM_FINDERS", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if STATIC_FROM_FINDERS
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = STATIC_FROM_FINDERS
WHITENOISE_AUTOREFRESH = STATIC_FROM_FINDERS

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "connect-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}

# The reverse proxies in front of daphne (addresses or ranges): only from these do
# X-Forwarded-For and X-Forwarded-Proto count (northstar/proxy.py removes them from anyone else).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
try:
    for proxy in TRUSTED_PROXIES:
        ipaddress.ip_network(proxy, strict=False)
except ValueError as problem:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES should list IP addresses or ranges: {problem}") from None

# Production defaults: on unless DEBUG, each can be turned off by the environment
# (for example behind a proxy that terminates TLS and already redirects).
# Read only from a trusted proxy: the header is gone from every other request by then.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Asking browsers to preload HSTS binds the whole domain and its subdomains for months,
# and is hard to undo: the operator decides it (SECURE_HSTS_PRELOAD=1), not a default.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Pages carry the token in hx-headers and forms; no script needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "northstar.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "northstar.request_id.RequestIdFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.channels.server": {"level": "WARNING"}},
}

# A socket refreshes its presence row this often; a row older than the stale
# limit (a server that died without saying goodbye) no longer counts as online.
PRESENCE_HEARTBEAT_SECONDS = int(os.environ.get("PRESENCE_HEARTBEAT_SECONDS", "20"))
PRESENCE_STALE_SECONDS = PRESENCE_HEARTBEAT_SECONDS * 3
# Open sockets one browser session may hold, counted in the database across server processes.
MAX_SOCKETS_PER_SESSION = int(os.environ.get("MAX_SOCKETS_PER_SESSION", "10"))
