"""Django settings for Omsorg.

One switch, ``DATABASE_URL``, moves from the embedded SQLite default to PostgreSQL.
Production is ``OMSORG_ENV=production``: debug off, secure cookies, synthetic persons refused.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("OMSORG_VAR_DIR", BASE_DIR.parent.parent / "var"))

ENVIRONMENT = os.environ.get("OMSORG_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
VAR_DIR.mkdir(parents=True, exist_ok=True)

# Bearer tokens and password fingerprints are HMACs under this key: a guessable key would let
# anyone forge them. Production refuses to start with a short, repetitive or development key.
DEV_SECRET_KEY = "dev-only-not-secret-" + "x" * 40
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if PRODUCTION and (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY == DEV_SECRET_KEY
    or SECRET_KEY.startswith(("dev-only-", "django-insecure"))
):
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} random characters in "
        "production (not the development key). Make one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
SECRET_KEY = SECRET_KEY or DEV_SECRET_KEY

DEBUG = os.environ.get("DJANGO_DEBUG", "0" if PRODUCTION else "1") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

# Synthetic persons (test numbers) are the only ones allowed outside production, and
# the only ones refused in production.
OMSORG_ALLOW_SYNTHETIC_PERSONS = not PRODUCTION

INSTALLED_APPS = [
    "omsorg.core.admin_apps.OmsorgAdminConfig",  # the admin logs in through /logg-inn/
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",  # serves the API docs' Swagger files locally (the CSP allows no CDN)
    "django_tasks",
    "django_tasks_db",
    "omsorg.core",
    "omsorg.people",
    "omsorg.catalogue",
    "omsorg.cases",
    "omsorg.respite",
    "omsorg.homecare",
    "omsorg.steering",
    "omsorg.staffing",
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
    "django_otp.middleware.OTPMiddleware",
    "omsorg.core.middleware.SecondFactorMiddleware",
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
    # jit=off: PostgreSQL's JIT compiles a query it estimates large, which costs a web request
    # far more than it saves (the scale benchmark saw 0.75 s of JIT on a 20 ms worklist query,
    # issue 8 §5); the usual advice for OLTP. Parallel workers per query likewise: under many
    # concurrent requests there are no idle cores for them, and starting them cost that query
    # 60 ms of its 90 (OMSORG_PG_PARALLEL_WORKERS raises it for a machine with cores to spare).
    parallel = int(os.environ.get("OMSORG_PG_PARALLEL_WORKERS", "0"))
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c lock_timeout={DATABASE_LOCK_WAIT_SECONDS * 1000} -c jit=off"
        f" -c max_parallel_workers_per_gather={parallel}"
    )
    # Lets psycopg prepare the statements a cursor asks it to (Django's own cursors bind on the
    # client and never prepare): the worklist's page SQL, planned once per connection instead
    # of on every page (cases/worklist_sql.py, issue 8 §5).
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5

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

# Home care's travel matrix (issue 10): an OSRM-compatible routing server's table service when
# set (e.g. http://osrm.internal:5000); empty, the straight line times the zone's detour factor at
# the zone's speed. A server that fails falls back to the straight line, and the plan says so.
OMSORG_ROUTING_SERVER_URL = os.environ.get("OMSORG_ROUTING_SERVER_URL", "")
OMSORG_ROUTING_SERVER_TIMEOUT = float(os.environ.get("OMSORG_ROUTING_SERVER_TIMEOUT", "10"))

# Login throttling (core/throttle.py), the same for the login page, the admin and the API token.
# Per account: five free failures, then a delay that doubles from one minute up to 15 minutes;
# failures older than the window, or before the account's last successful login, do not count.
OMSORG_LOGIN_FREE_FAILURES = 5
OMSORG_LOGIN_BASE_DELAY_SECONDS = 60
OMSORG_LOGIN_MAX_DELAY_SECONDS = 15 * 60
OMSORG_LOGIN_WINDOW_SECONDS = 60 * 60
# Per client address: only many failures (a town hall's NAT, a care home) make an address wait.
OMSORG_LOGIN_ADDRESS_MAX_FAILURES = 100
OMSORG_LOGIN_ADDRESS_WINDOW_SECONDS = 15 * 60
# Reverse proxies whose X-Forwarded-For names the client (addresses or networks, comma-separated).
OMSORG_TRUSTED_PROXIES = [
    entry.strip()
    for entry in os.environ.get("OMSORG_TRUSTED_PROXIES", "").split(",")
    if entry.strip()
]

# Two-factor authentication (core/twofactor.py): TOTP apps with recovery codes. Required, when
# on, for the roles that read person data and for administrators (and admin-site staff); any
# user may set it up on /konto/. On in production; OMSORG_2FA=1 turns it on elsewhere (the demo
# keeps it off so that its users log in with the password alone).
OMSORG_2FA_REQUIRED = os.environ.get("OMSORG_2FA", "1" if PRODUCTION else "0") == "1"
OMSORG_2FA_ROLES = ["caseworker", "service_leader", "care_worker", "administrator"]
OTP_TOTP_ISSUER = os.environ.get("OMSORG_2FA_ISSUER", "Omsorg")

# Login through the municipality's identity provider or ID-porten, OpenID Connect (core/oidc.py,
# mozilla-django-oidc), on when OMSORG_OIDC_CLIENT_ID is set; local accounts keep working beside it.
# A user is matched by one claim to an existing active user; no account is made from a claim.
OMSORG_OIDC_ENABLED = bool(os.environ.get("OMSORG_OIDC_CLIENT_ID"))
OIDC_RP_CLIENT_ID = os.environ.get("OMSORG_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OMSORG_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OMSORG_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OMSORG_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OMSORG_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OMSORG_OIDC_JWKS_ENDPOINT", "")
OMSORG_OIDC_ISSUER = os.environ.get("OMSORG_OIDC_ISSUER", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OMSORG_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OMSORG_OIDC_SCOPES", "openid profile")
OMSORG_OIDC_USERNAME_CLAIM = os.environ.get("OMSORG_OIDC_USERNAME_CLAIM", "preferred_username")
# ID tokens whose `acr` is one of these carry a second factor given at the provider.
OMSORG_OIDC_SECOND_FACTOR_ACR = [
    value
    for value in os.environ.get("OMSORG_OIDC_SECOND_FACTOR_ACR", "").split(",")
    if value.strip()
]
if os.environ.get("OMSORG_OIDC_ACR_VALUES"):
    OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"acr_values": os.environ["OMSORG_OIDC_ACR_VALUES"]}
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_CALLBACK_CLASS = "omsorg.core.oidc.OidcCallbackView"
LOGIN_REDIRECT_URL_FAILURE = "/logg-inn/?oidc=feil"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
if OMSORG_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("omsorg.core.oidc.OidcBackend")

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
