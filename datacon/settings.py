"""One settings module, driven by the environment.

Defaults are safe for the local demo (SQLite, local-memory cache, console
e-mail, 127.0.0.1 only). Production is declared with DATACON_ENV=production and
then refuses to start with the demo secret, with DEBUG on, or without hosts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
# A local .env is read only if present; real deployments set the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEMO_SECRET_KEY = "demo-only-insecure-secret-key-change-me-in-production"  # noqa: S105

DATACON_ENV = env.str("DATACON_ENV", default="demo")
if DATACON_ENV not in {"demo", "production"}:
    raise ImproperlyConfigured("DATACON_ENV debe ser 'demo' o 'production'.")
PRODUCTION = DATACON_ENV == "production"
TESTING = "pytest" in sys.modules or env.bool("DATACON_TESTING", default=False)

SECRET_KEY = env.str("SECRET_KEY", default=DEMO_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if PRODUCTION:
    # Refuse loudly rather than run a public body's site with a known key.
    problems = []
    if SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 40:
        problems.append(
            "SECRET_KEY falta, es la clave de demostración o tiene menos de 40 caracteres"
        )
    if DEBUG:
        problems.append("DEBUG está activo")
    if not env.str("ALLOWED_HOSTS", default=""):
        problems.append("ALLOWED_HOSTS no está definido")
    if problems:
        banner = "\n".join(f"  - {p}" for p in problems)
        raise ImproperlyConfigured(
            "\n\n*** DATACON se niega a arrancar en modo producción ***\n" + banner + "\n"
        )

INSTALLED_APPS = [
    "datacon.backoffice.apps.RepairAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "allauth",
    "allauth.account",
    "rules",
    # domain apps: models, services (writes), selectors (reads)
    "datacon.common",
    "datacon.people",
    "datacon.editions",
    "datacon.program",
    "datacon.proposals",
    "datacon.registration",
    "datacon.policy",
    "datacon.consultation",
    "datacon.demand",
    "datacon.opendata",
    "datacon.memoria",
    "datacon.sources",
    "datacon.contributions",
    "datacon.certificates",
    "datacon.feedback",
    "datacon.search",
    # surface apps: presentation only
    "datacon.public",
    "datacon.backoffice",
    "datacon.api",
]
if DATACON_ENV == "demo":
    # Demo loaders and load-data generators (load_demo, generate_large_dataset,
    # generate_pnt_sample): no models, never installed in production, and no other
    # app imports them (tests/common/test_demo_layout.py).
    INSTALLED_APPS.append("datacon.demo")

MIDDLEWARE = [
    # First: every later consumer (rate limits, allauth, logs) reads the client's
    # address from REMOTE_ADDR, resolved once from the trusted proxies.
    "datacon.common.client_address.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (static files too).
    "datacon.common.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, so it sees the view's own answer: a blank 405 becomes the site's page
    # (or JSON for API clients), with the Allow header kept.
    "datacon.common.not_allowed.MethodNotAllowedPageMiddleware",
]

ROOT_URLCONF = "datacon.urls"
WSGI_APPLICATION = "datacon.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "datacon" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "datacon.public.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'datacon.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer commits; the timeout turns
    # short lock waits into waits instead of "database is locked" errors.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Persistent connections on every engine: opening one (and, on SQLite, its
# PRAGMAs) costs more than a cached page takes to serve.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "datacon.common.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="datacon"),
            "TIMEOUT": 60 * 60,
            # A Redis that stops answering must not hang or fail any request: fail
            # fast, then the backend answers from this process's memory for a few
            # seconds and repairs what changed once Redis is back (common/redis_cache.py).
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # cached_db that falls back to the database alone, never to a per-process copy.
    SESSION_ENGINE = "datacon.common.sessions"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "datacon",
            "TIMEOUT": 60 * 60,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# --- Auth and accounts --------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # Named rules (datacon.common.access, <app>/permissions.py) first: object-level.
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_RATE_LIMITS = {"signup": "20/h/ip", "login_failed": "10/m/ip,5/5m/key"}
# How many reverse proxies stand in front of the app servers (nginx on the same
# machine: 1; a load balancer and nginx: 2). The client's address is then read
# from X-Forwarded-For by datacon.common.client_address, which rewrites
# REMOTE_ADDR for everyone, allauth included (so allauth's own count stays 0).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = 0
LOGIN_REDIRECT_URL = "public:home"
# A URL name, reversed in the active language: /en/… pages send to the English log-in.
LOGIN_URL = "account_login"

# --- i18n: Spanish (Mexico) first, English second -----------------------------------
LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Español")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "datacon" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "America/Mexico_City"
DATACON_DEFAULT_TIMEZONE = "America/Mexico_City"

# --- Static and uploaded files ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Hashed files (the manifest names) are cached forever by whitenoise; plain
# names only for an hour, so a reference without hash can never pin old CSS.
WHITENOISE_MAX_AGE = 60 * 60 if not DEBUG else 0
# Outside production, serve static files straight from the apps' folders too,
# so a change shows without re-running collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "datacon.common.storage.StaticStorage"},
}
if TESTING:
    # Tests link static files by their plain names whatever an earlier
    # `collectstatic` left in STATIC_ROOT: the live server serves them from the apps.
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
USE_S3_STORAGE = bool(env.str("AWS_STORAGE_BUCKET_NAME", default=""))
if USE_S3_STORAGE:
    # Several app servers must see the same uploads: S3-compatible storage.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "default_acl": None,
            "querystring_auth": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
DATACON_MAX_MATERIAL_BYTES = env.int("DATACON_MAX_MATERIAL_BYTES", default=25 * 1024 * 1024)
DATACON_MAX_IMAGE_BYTES = env.int("DATACON_MAX_IMAGE_BYTES", default=3 * 1024 * 1024)

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="DATACON <no-responder@datacon.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- REST API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "DATACON API",
    "DESCRIPTION": "API pública de solo lectura con los registros abiertos de la plataforma DATACON.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    # Several records have a "role" field with different choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "ParticipationRoleEnum": "datacon.program.models.ParticipationRole",
        "GroupMemberRoleEnum": "datacon.policy.models.MemberRole",
        "EditionOrganisationRoleEnum": "datacon.editions.models.OrganisationRole",
    },
    # Declares the 404 every operation can answer, and no security (datacon/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "datacon.api.schema.public_api_schema",
    ],
}

# --- Security ------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Joining the browsers' HSTS preload list binds the domain and all its
        # subdomains to HTTPS for months and is hard to undo: a decision for the
        # body that owns the domain (SECURE_HSTS_PRELOAD=true), not a default.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# The address the platform's public pages and exports use for absolute links
# (DCAT identifiers, iCalendar UIDs, schedule URLs). No trailing slash.
DATACON_PUBLIC_URL = env.str("DATACON_PUBLIC_URL", default="http://127.0.0.1:8000").rstrip("/")

# Who operates the platform now (publisher of platform-wide open data, contact point of
# every dataset) until organisers record it in the admin (datacon.opendata.models).
DATACON_OPERATOR_NAME = env.str("DATACON_OPERATOR_NAME", default="Plataforma DATACON")
DATACON_OPERATOR_EMAIL = env.str("DATACON_OPERATOR_EMAIL", default="datos@datacon.local")
DATACON_OPERATOR_URL = env.str("DATACON_OPERATOR_URL", default="")

# Part of every page-cache key and ETag: set it per deploy so a new release
# never serves pages rendered by the old templates.
DATACON_RELEASE = env.str("DATACON_RELEASE", default="0.1.0")

# --- Registration and privacy (capability 4) ----------------------------------------------------
# Sign-up asks for explicit consent to the platform's privacy notice (recorded with its
# version); account e-mails go through the outbox so none is lost when SMTP is down.
ACCOUNT_FORMS = {"signup": "datacon.people.forms.AccountSignupForm"}
ACCOUNT_ADAPTER = "datacon.people.accounts.AccountAdapter"
# Cancellation links in registration e-mails expire after this many days.
REGISTRATION_CANCEL_LINK_DAYS = env.int("REGISTRATION_CANCEL_LINK_DAYS", default=30)

# Pages a worker keeps in its own memory in front of Redis (bytes; 0 turns it
# off). Keys carry the public-data versions, so this can never be stale; see
# datacon.common.http.PageMemory. Not used with the local-memory cache.
DATACON_PAGE_MEMORY_BYTES = env.int("DATACON_PAGE_MEMORY_BYTES", default=64 * 1024 * 1024)
