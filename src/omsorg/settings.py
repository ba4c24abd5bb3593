"""Django settings for Omsorg.

One switch, ``DATABASE_URL``, moves from the embedded SQLite default to PostgreSQL.
Production is ``OMSORG_ENV=production``: debug off, secure cookies, synthetic persons refused.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("OMSORG_VAR_DIR", BASE_DIR.parent.parent / "var"))

ENVIRONMENT = os.environ.get("OMSORG_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("DJANGO_SECRET_KEY must be set in production")
    SECRET_KEY = "dev-only-not-secret-" + "x" * 40

DEBUG = os.environ.get("DJANGO_DEBUG", "0" if PRODUCTION else "1") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

# Synthetic persons (test numbers) are the only ones allowed outside production, and
# the only ones refused in production.
OMSORG_ALLOW_SYNTHETIC_PERSONS = not PRODUCTION

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs' Swagger files locally (the CSP allows no CDN)
    "django_tasks",
    "django_tasks_db",
    "omsorg.core",
    "omsorg.people",
    "omsorg.catalogue",
    "omsorg.cases",
    "omsorg.respite",
    "omsorg.steering",
    "omsorg.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # 413 for a body over the limit, 415 for a non-JSON API body, no-store on every answer.
    "omsorg.core.http_guard.HttpGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After auth and messages: the same POST twice does the work once (Idempotency-Key, form token).
    "omsorg.core.replay.RequestKeyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "omsorg.core.middleware.FriendlyErrorsMiddleware",
    "omsorg.core.busy.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "omsorg.urls"
CSRF_FAILURE_VIEW = "omsorg.core.views.csrf_failure"
WSGI_APPLICATION = "omsorg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "omsorg.core.context.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'omsorg.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
# How long a request waits for another transaction's lock before it answers 503 with
# Retry-After (core/busy.py), on either database.
DATABASE_LOCK_WAIT_SECONDS = int(os.environ.get("OMSORG_DB_LOCK_WAIT", "20"))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # One writer at a time (issue 8 §2). WAL: readers never wait for the writer, nor it for
    # them. IMMEDIATE: a transaction takes the write lock when it starts, so two writers queue
    # on the busy timeout instead of one failing at once when it upgrades a read lock (the
    # "database is locked" 500s of DEFERRED). synchronous=NORMAL is durable with WAL except on
    # power loss of the last commits, SQLite's recommended pairing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": DATABASE_LOCK_WAIT_SECONDS,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A row lock held longer than this fails the waiting statement (lock_not_available), which
    # core/busy.py answers with 503, instead of the request hanging until the proxy gives up.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c lock_timeout={DATABASE_LOCK_WAIT_SECONDS * 1000}"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål")), ("nn", _("Norsk nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates are dd.mm.åååå in every language, English included (formats/en); see core/money for kr.
FORMAT_MODULE_PATH = ["omsorg.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"  # the home view sends each role to its own start page
LOGOUT_REDIRECT_URL = "login"

# Sessions and cookies: health data behind them.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = 31536000
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# The largest request body (Django's default, stated): more is 413 (core/http_guard.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Login throttling: failed attempts per username and per client address in a window.
OMSORG_LOGIN_MAX_FAILURES = 5
OMSORG_LOGIN_WINDOW_SECONDS = 15 * 60

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    }
}

# Background work (respite plan runs): the database backend, run by `omsorg db_worker`.
# OMSORG_TASKS=immediate runs each task inside the request instead (no worker; tests use this).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("OMSORG_TASKS", "database")]}}

OMSORG_DEFAULT_CATALOGUE = os.environ.get("OMSORG_CATALOGUE", "holtalen")
OMSORG_CATALOGUE_DIR = Path(
    os.environ.get("OMSORG_CATALOGUE_DIR", BASE_DIR.parent.parent / "catalogues")
)

# Normen: the access log is kept this many days, then `omsorg prune_access_log` (run daily by
# cron or a systemd timer, see README) deletes it. Two years covers the person's right to ask
# who has read their record and the municipality's follow-up.
OMSORG_ACCESS_LOG_DAYS = int(os.environ.get("OMSORG_ACCESS_LOG_DAYS", "730"))
# Log control (the data protection officer's page): what makes a read unusual.
OMSORG_LOG_CONTROL = {
    "night_from": int(os.environ.get("OMSORG_LOG_NIGHT_FROM", "22")),  # local hour
    "night_until": int(os.environ.get("OMSORG_LOG_NIGHT_UNTIL", "6")),
    "burst_persons": int(os.environ.get("OMSORG_LOG_BURST_PERSONS", "15")),
    "burst_minutes": int(os.environ.get("OMSORG_LOG_BURST_MINUTES", "10")),
}


# Web imports (issue 9 §1): the largest file a leader may upload; bigger ones go through
# `omsorg import` on the server.
OMSORG_IMPORT_MAX_BYTES = int(os.environ.get("OMSORG_IMPORT_MAX_BYTES", 20 * 1024 * 1024))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OMSORG_LOG_LEVEL", "WARNING")},
}
