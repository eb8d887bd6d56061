"""Django settings for Caseweave, read from environment variables (see README, Configuration).

Two modes: the embedded default (SQLite, local files, database task worker, generated
secret key) and production (``CASEWEAVE_MODE=production``: PostgreSQL via DATABASE_URL,
SECRET_KEY required, secure cookies, HSTS). Agency policy (retention, SLA clocks,
consent templates) is data edited in the app, never a setting here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from caseweave.conf import (
    ConfigurationError,
    embedded_secret_key,
    env_bool,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("CASEWEAVE_DATA_DIR") or (Path.cwd() / "var")).resolve()

MODE = env_str("CASEWEAVE_MODE", "embedded")
if MODE not in {"embedded", "production"}:
    raise ConfigurationError(f"CASEWEAVE_MODE={MODE!r}: set it to 'embedded' or 'production'")
PRODUCTION = MODE == "production"

DEBUG = env_bool("DEBUG", False)

_secret_key = env_str("SECRET_KEY")
if not _secret_key:
    if PRODUCTION:
        raise ConfigurationError(
            "SECRET_KEY is not set: production needs a long random SECRET_KEY (or SECRET_KEY_FILE)"
        )
    _secret_key = embedded_secret_key(DATA_DIR)
SECRET_KEY = _secret_key

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "leaflet",
    "ninja",
    # Domain modules, in DESIGN.md order: each may use those above it.
    "caseweave.core",
    "caseweave.audit",
    "caseweave.access",
    "caseweave.people",
    "caseweave.people.imports",
    "caseweave.directory",
    # Interfaces.
    "caseweave.api",
    "caseweave.web",
]

MIDDLEWARE = [
    "caseweave.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "caseweave.web.middleware.ActingMembershipMiddleware",
    "caseweave.web.middleware.TwoFactorRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "caseweave.urls"
WSGI_APPLICATION = "caseweave.wsgi.application"
ASGI_APPLICATION = "caseweave.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "caseweave.web.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
_database_url = env_str("DATABASE_URL")
if _database_url:
    try:
        _database = dict(dj_database_url.parse(_database_url, conn_max_age=60))
    except ValueError as error:
        raise ConfigurationError(
            f"DATABASE_URL is not a database URL ({error}); "
            "use e.g. postgres://USER@HOST:5432/NAME or sqlite:////path/to/db.sqlite3"
        ) from error
    if not _database.get("ENGINE"):
        raise ConfigurationError("DATABASE_URL names no known database engine")
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    _database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "caseweave.sqlite3"),
    }
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["OPTIONS"] = {
        # WAL lets the web process read while the task worker writes; IMMEDIATE avoids
        # "database is locked" upgrades from read to write inside a transaction.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    _database.setdefault("TEST", {"NAME": None})
elif _database["ENGINE"] == "django.db.backends.postgresql":
    # The access policy's correlated EXISTS are costed per row before PostgreSQL picks a
    # hashed plan, so JIT compiled (600 ms) every unfiltered list page (docs/performance.md).
    _postgres_options: dict[str, Any] = {"options": "-c jit=off"}
    if isinstance(_parsed_options := _database.get("OPTIONS"), dict):
        _postgres_options.update(_parsed_options)  # the URL's own (sslmode...) win
    _database["OPTIONS"] = _postgres_options
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "caseweave.core.backends.RolePermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Lock-out after repeated failures, per account and address (django-axes).
AXES_FAILURE_LIMIT = env_int("CASEWEAVE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("CASEWEAVE_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/auth/locked_out.html"
AXES_VERBOSE = False

# Idle timeout: the session expires after this many seconds without a request.
SESSION_COOKIE_AGE = env_int("CASEWEAVE_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie.

OTP_TOTP_ISSUER = env_str("CASEWEAVE_OTP_ISSUER", "Caseweave")

# --- Security headers (stricter in production) -----------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

MAP_TILE_URL = env_str("CASEWEAVE_MAP_TILE_URL", "") or ""
MAP_TILE_ATTRIBUTION = env_str("CASEWEAVE_MAP_TILE_ATTRIBUTION", "") or ""

# No inline script anywhere: every script is a static file. Styles likewise.

_tile_url = urlsplit(MAP_TILE_URL.replace("{s}", "a"))
_tile_origins = (
    [f"{_tile_url.scheme}://{_tile_url.netloc.replace('a.', '*.', 1)}"] if MAP_TILE_URL else []
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_tile_origins],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "America/Toronto") or "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise
MEDIA_ROOT = Path(env_str("CASEWEAVE_MEDIA_ROOT") or (DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# --- Email and SMS gateways -----------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "caseweave@localhost")
# Where staff reach this deployment; emails (break-glass reviews, stale listings) link here.
CASEWEAVE_SITE_URL = (
    env_str("CASEWEAVE_SITE_URL", "") or ("" if PRODUCTION else "http://127.0.0.1:8000")
).rstrip("/")
SMS_GATEWAY_URL = env_str("CASEWEAVE_SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = env_str("CASEWEAVE_SMS_GATEWAY_TOKEN", "")

# --- Background tasks (Django's tasks API via the django-tasks backport) ---------------------
_task_backend = env_str("CASEWEAVE_TASK_BACKEND", "database")
TASKS: dict[str, dict[str, Any]]
if _task_backend == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif _task_backend == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL") or "redis://127.0.0.1:6379/0"}}
    # django-tasks-rq's system check requires it (and it brings rqstats for operators).
    INSTALLED_APPS.append("django_rq")
elif _task_backend == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ConfigurationError(
        f"CASEWEAVE_TASK_BACKEND={_task_backend!r}: set it to database, rq or immediate"
    )

# --- Logging: one line per event, JSON on request, always with the request id ---------------
LOG_FORMAT = env_str("CASEWEAVE_LOG_FORMAT", "text")
LOG_LEVEL = env_str("CASEWEAVE_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "caseweave.observability.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "caseweave.observability.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

LEAFLET_CONFIG = {
    "TILES": [(_("Map"), MAP_TILE_URL, {"attribution": MAP_TILE_ATTRIBUTION})]
    if MAP_TILE_URL
    else [],
    "DEFAULT_CENTER": (43.6532, -79.3832),
    "DEFAULT_ZOOM": 12,
    "RESET_VIEW": False,
}

# --- Cache (rate limits, lock-outs): Redis when REDIS_URL is set, else in-process -----------
_redis_url = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- API ------------------------------------------------------------------------------------
CASEWEAVE_API_RATE_LIMIT_PER_MINUTE = env_int("CASEWEAVE_API_RATE_LIMIT_PER_MINUTE", 600)
CASEWEAVE_API_PAGE_SIZE = env_int("CASEWEAVE_API_PAGE_SIZE", 50)

# --- Module settings (deployment-wide; per-organisation policy lives in the database) --------
CASEWEAVE_AUDIT_CHAIN_KEY = env_str("CASEWEAVE_AUDIT_CHAIN_KEY", "") or ""
CASEWEAVE_BREAK_GLASS_HOURS = env_int("CASEWEAVE_BREAK_GLASS_HOURS", 4)
CASEWEAVE_DIRECTORY_PUBLIC = env_bool("CASEWEAVE_DIRECTORY_PUBLIC", True)
CASEWEAVE_DIRECTORY_REMINDER_DAYS = env_int("CASEWEAVE_DIRECTORY_REMINDER_DAYS", 30)
CASEWEAVE_DIRECTORY_STALE_MONTHS = env_int("CASEWEAVE_DIRECTORY_STALE_MONTHS", 6)
CASEWEAVE_DIRECTORY_TIME_ZONE = env_str("CASEWEAVE_DIRECTORY_TIME_ZONE", "") or ""
CASEWEAVE_DOCUMENT_MAX_BYTES = env_int("CASEWEAVE_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
CASEWEAVE_DOCUMENT_SCANNER = (
    env_str("CASEWEAVE_DOCUMENT_SCANNER", "")
    or "caseweave.people.documents.scanning.SignatureScanner"
)
CASEWEAVE_CLAMD_ADDRESS = env_str("CASEWEAVE_CLAMD_ADDRESS", "") or "tcp://127.0.0.1:3310"
CASEWEAVE_PEOPLE_NICKNAMES = env_str("CASEWEAVE_PEOPLE_NICKNAMES", "") or ""
_auto_link = env_str("CASEWEAVE_PEOPLE_AUTO_LINK_THRESHOLD", "0.999") or "0.999"
try:
    CASEWEAVE_PEOPLE_AUTO_LINK_THRESHOLD = float(_auto_link)
except ValueError as error:
    raise ConfigurationError(
        f"CASEWEAVE_PEOPLE_AUTO_LINK_THRESHOLD={_auto_link!r} is not a probability (0 to 1)"
    ) from error
if not 0.0 < CASEWEAVE_PEOPLE_AUTO_LINK_THRESHOLD <= 1.0:
    raise ConfigurationError(
        f"CASEWEAVE_PEOPLE_AUTO_LINK_THRESHOLD={_auto_link!r} must be above 0 and at most 1"
    )
# Uploaded client lists are personal data: a run never applied is purged (file and rows) after
# this many hours, and an applied run's rejected rows too (caseweave people purge-imports).
CASEWEAVE_IMPORT_RETENTION_HOURS = env_int("CASEWEAVE_IMPORT_RETENTION_HOURS", 72)
if not 1 <= CASEWEAVE_IMPORT_RETENTION_HOURS <= 24 * 366:
    raise ConfigurationError(
        f"CASEWEAVE_IMPORT_RETENTION_HOURS={CASEWEAVE_IMPORT_RETENTION_HOURS!r} must be "
        "between 1 and 8784 (a year)"
    )
