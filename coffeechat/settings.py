"""Django settings, read from the environment (prefix COFFEECHAT_).

Nothing needs to be set on a laptop: the defaults give personal mode (SPEC M1) on
a SQLite file in the user's data directory. DATABASE_URL selects PostgreSQL.
"""

import importlib.util
from pathlib import Path

import dj_database_url

from coffeechat import config, workspace
from coffeechat.config import env_bool, env_int, env_str

BASE_DIR = Path(__file__).resolve().parent

DATA_DIR = workspace.data_dir()
MODE = config.mode()  # "personal" (M1) or "team" (M2), parsed and checked once
DEBUG = env_bool("DEBUG")
SECRET_KEY = env_str("SECRET_KEY") or workspace.secret_key(DATA_DIR)
ALLOWED_HOSTS = env_str("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "coffeechat.web.partials_app.TemplatePartialsConfig",  # {% partialdef %}
    "coffeechat.web",
    "coffeechat.accounts",
    "coffeechat.explorations",
    "coffeechat.people",
    "coffeechat.conversations",
    "coffeechat.today",
    "coffeechat.search",
    "coffeechat.outreach",
    "coffeechat.questions",
    "coffeechat.insights",
    "coffeechat.transfer",
    "coffeechat.api",  # django-ninja itself is not an app: see NINJA_DIR
    "coffeechat.assistant",  # the writing assistant (issue 23)
    "django_tasks",
    "django_tasks_db",  # the queue of background jobs (docs/DECISIONS.md)
    "coffeechat.jobs",
    "coffeechat.trash",  # deleted records, kept for undo (issue 24)
]

# Background jobs go through django-tasks' database queue (coffeechat/jobs/).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "long"]}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "coffeechat.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "coffeechat.accounts.middleware.LocalUserMiddleware",
    "coffeechat.accounts.middleware.TeamAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "coffeechat.web.feedback.FeedbackMiddleware",  # a message after every change (issue 24)
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "coffeechat.errors.DomainErrorMiddleware",
    "coffeechat.api.middleware.CommitConflictMiddleware",
    "coffeechat.transactions.TransactionModeMiddleware",
]

# The API docs' page and scripts come from django-ninja's folders, served from /static
# rather than a CDN. Listing "ninja" as an app would do the same but import it, and
# pydantic, in every command (a third of `coffeechat today`'s start); only the API's
# URLs import it.
NINJA_DIR = Path(importlib.util.find_spec("ninja").origin).parent

ROOT_URLCONF = "coffeechat.urls"
WSGI_APPLICATION = "coffeechat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", NINJA_DIR / "templates"],
        "OPTIONS": {
            # Cached templates, with django-template-partials' `name.html#partial`.
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
                        ),
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coffeechat.accounts.context_processors.team",
            ],
        },
    },
]


def database_settings() -> dict:
    url = config.database_url()
    if url:
        parsed = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        return {**parsed, "ATOMIC_REQUESTS": True}
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / workspace.DATABASE_FILE_NAME,
        "ATOMIC_REQUESTS": True,
        # Each server thread keeps its connection: opening one costs more than a page
        # of the bare view (connect, PRAGMAs, schema, a cold page cache).
        "CONN_MAX_AGE": None,
        "OPTIONS": {
            # Wait for a writer instead of failing with "database is locked", and take
            # the write lock at BEGIN so a read never has to be upgraded mid-transaction;
            # GETs begin DEFERRED instead (coffeechat/transactions.py).
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            # FULL: a write the user was told is saved survives a power cut too, not
            # only a crash of the app (measured in docs/RELIABILITY.md).
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=FULL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
    }


DATABASES = {"default": database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"


TIME_ZONE = config.time_zone()  # so that "today" is the user's today
USE_I18N = False
USE_TZ = True

# Uploaded recordings live in the workspace, served only through an owner-checked view.
MEDIA_ROOT = DATA_DIR / "media"
MAX_RECORDING_BYTES = env_int("MAX_RECORDING_MB", 200) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Rendered pages kept per process while the data cannot have changed (coffeechat/web/
# pagecache.py); 0 turns it off.
PAGE_CACHE_MB = env_int("PAGE_CACHE_MB", 32)

STATIC_URL = "/static/"  # absolute: the coach view's URL prefix must not apply
STATICFILES_DIRS = [BASE_DIR / "static", NINJA_DIR / "static"]
# Serve the app's static files straight from the package: no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# ---- accounts, sessions and transport in team mode (SPEC M2; docs/SECURITY.md) -------
LOGIN_URL = "/account/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/account/login/"
# Argon2id at OWASP's minimum or above (m = 19 MiB, t = 2, p = 1); PBKDF2 stays so
# that older hashes still verify and are upgraded at the next login.
PASSWORD_HASHERS = [
    "coffeechat.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Length and a common-password list, never composition rules (ASVS 5.0 V6.2).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_MINUTES", 60) * 60
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_MAX_HOURS", 12) * 3600
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto / -For.
BEHIND_PROXY = env_bool("BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Applied in team mode (and by the tests of team mode): HTTPS only, cookies that never
# travel in clear or to scripts, and a session that ends by itself.
TEAM_SETTINGS = {
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "CSRF_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_NAME": "__Host-sessionid",
    "CSRF_COOKIE_NAME": "__Host-csrftoken",
    "SESSION_COOKIE_AGE": SESSION_ABSOLUTE_TIMEOUT,
    "SECURE_SSL_REDIRECT": env_bool("SSL_REDIRECT", True),
    "SECURE_HSTS_SECONDS": env_int("HSTS_SECONDS", 365 * 24 * 3600),
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": env_bool("HSTS_INCLUDE_SUBDOMAINS", True),
    "SECURE_HSTS_PRELOAD": env_bool("HSTS_PRELOAD", True),
}
if MODE == "team":
    globals().update(TEAM_SETTINGS)

# The cadences of the method (SPEC O6, F1); day counts are settings.
CADENCE = config.cadence()

# Sending asks by SMTP happens only when a server is configured and the user asks.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("EMAIL_FROM", "coffeechat@localhost")
# Where links in emails point (the digest); the app itself needs no such setting.
BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")

# Public holidays that are not business days, until the user picks a country.
DEFAULT_COUNTRY = config.default_country()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
