"""Settings for the whole portal, read from the environment (12-factor).

Development works with no variables set: it uses the local PostgreSQL and Redis. Production mode
(`DJANGO_ENV=production`) refuses to start without a secret key and turns on every safety header.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from huis.core.logs import logging_config
from huis.core.sentry import init as sentry_init

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

ENVIRONMENT = env.str("DJANGO_ENV", default="development")
if ENVIRONMENT not in {"development", "test", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be development, test or production.")
PRODUCTION = ENVIRONMENT == "production"
TESTING = ENVIRONMENT == "test"

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

if PRODUCTION:
    try:
        SECRET_KEY = env.str("SECRET_KEY")
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production refuses to start without one: "
            'generate one with `python -c "import secrets; print(secrets.token_urlsafe(50))"`.'
        ) from exc
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="development-only-not-secret-" + "x" * 40)

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    # The shared core of the house.
    "huis.accounts",
    "huis.audit",
    "huis.rooms",
    "huis.places",
    "huis.notifications",
    "huis.core",
    "huis.facts",
    # One app per function of the house.
    "ontmoeting",
    "herstelacademie",
    "ervaringsdeskundigen",
    "beeldvorming",
    "kwartiermaken",
    "netwerk",
    "trajecten",
    "vrijwilligers",
    "uitdatabank",
]

MIDDLEWARE = [
    # First: the visitor's own address behind our proxies, for the rate limits and the audit log.
    "huis.core.client_address.ClientAddressMiddleware",
    "huis.core.middleware.RequestIdMiddleware",
    # Early, so the floor it keeps covers (nearly) all the work of the request.
    "huis.accounts.middleware.EvenTimeMiddleware",
    "huis.core.statement_timeout.StatementTimeoutMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "huis.core.ratelimit.RateLimitMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Answers to a logged-in person or through a private link: no cache may keep them.
    "huis.core.middleware.PrivateResponsesMiddleware",
    "huis.accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "huis.accounts.middleware.UserSessionsMiddleware",
    "huis.accounts.middleware.RequireTwoFactorMiddleware",
    # Control characters and broken encoding in any input: a 400 page in the person's language.
    # Last, so its page gets every header the middleware above adds.
    "huis.core.input_guard.InputGuardMiddleware",
]

ROOT_URLCONF = "huis.urls"
WSGI_APPLICATION = "huis.wsgi.application"
ASGI_APPLICATION = "huis.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "huis.core.context_processors.house",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/huis")
}
DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Parameters travel apart from the SQL (psycopg's server-side binding) instead of being quoted
# into it by Python: measured, a page of a few queries spends about a quarter less time in the
# database layer. No prepared statements: a plan kept across a migration could go stale.
DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = env.bool(
    "DATABASE_SERVER_SIDE_BINDING", default=True
)
# Web requests only: a query of a web process running longer than this is cancelled and the
# person gets the "busy" page (huis/core/statement_timeout.py). gunicorn.conf.py marks its workers
# (HUIS_WEB_PROCESS); Celery workers and management commands need longer and have no limit.
WEB_STATEMENT_TIMEOUT_MS = env.int("WEB_STATEMENT_TIMEOUT_MS", default=5000)
WEB_PROCESS = env.bool("HUIS_WEB_PROCESS", default=False)
if WEB_PROCESS and WEB_STATEMENT_TIMEOUT_MS > 0:
    _options = DATABASES["default"]["OPTIONS"]
    _options["options"] = (
        _options.get("options", "") + f" -c statement_timeout={WEB_STATEMENT_TIMEOUT_MS}"
    ).strip()
DATABASES["default"].setdefault("TEST", {})["NAME"] = env.str("TEST_DATABASE_NAME", default=None)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# How long a change waits for a row someone else is changing before it answers "busy, try again"
# (huis.core.locking): a few seconds for a person, never a hung worker.
LOCK_TIMEOUT_MS = env.int("LOCK_TIMEOUT_MS", default=3000)

# Tests use their own Redis database: they never touch a running portal's cache or queue.
REDIS_URL = env.str("REDIS_URL", default=f"redis://127.0.0.1:6379/{1 if TESTING else 0}")
CACHES = {
    "default": {
        "BACKEND": "huis.core.redis_cache.RedisCache",
        "LOCATION": env.str("CACHE_URL", default=REDIS_URL),
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="huis"),
        "TIMEOUT": 300,
    },
    # Per process, for fragments that only a new release changes (a form's empty fields as
    # crispy writes them): no round trip, and a restart starts it empty.
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "huis-fragments",
        "TIMEOUT": 3600,
    },
}
# Sessions live in the database behind the cache: any number of web processes can serve a person.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "huis.accounts.authz.CachedModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
# The login email is unique when given (a conditional constraint, lower case): people with only a
# phone number have none (issue #25). Django's check wants a plain unique field; ours is stricter.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]
LOGIN_REDIRECT_URL = "core:after_login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

ACCOUNT_ADAPTER = "huis.accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
# No password needed: many visitors will not keep one. They log in with a code sent by email.
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_SIGNUP_FORM_CLASS = "huis.accounts.forms.SignupForm"
# The same work whether the address has an account or not (huis/accounts/signup.py).
ACCOUNT_FORMS = {"signup": "huis.accounts.signup.HouseSignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = True
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's rate limits stay at their defaults (on); they count in the Redis cache.
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Huis met vele kamers] "
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
USERSESSIONS_TRACK_ACTIVITY = True
# Staff, coordinators, administrators and partner workers see sensitive data: in production they
# must set up two-factor authentication before they can use the portal.
HUIS_REQUIRE_2FA_FOR_SENSITIVE_ROLES = env.bool("REQUIRE_2FA", default=PRODUCTION)

# Per address, on POST, counted in Redis (huis.core.ratelimit): forms whose views are allauth's.
# The portal's own public forms use the `rate_limited` decorator on their views.
# django-ratelimit's switch: only the benchmark turns it off (thousands of sign-ups, one address).
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# The proxies the house runs itself (networks). Only a request from one of them may say, in
# X-Forwarded-For, whom it forwards; the rate limits and the audit log count that visitor
# (huis.core.client_address). The shipped nginx runs on the same machine: loopback. Add the
# load balancer's network when there is one in front (TRUSTED_PROXIES=127.0.0.1/32,10.0.0.0/24).
HUIS_TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1/32", "::1/128"])
RATELIMIT_IP_META_KEY = "huis.core.client_address.client_ip"
HUIS_RATE_LIMITS = {
    "account_signup": "20/m",
    "account_login": "30/m",
    "account_request_login_code": "20/m",
    "account_confirm_login_code": "30/m",
    "account_reset_password": "20/m",
}
# Login codes mailed to one address per day (huis.accounts.adapters): the per-minute limits
# above count per sender; this stops anyone making the house mail one person all day. The person
# asking gets the same answer either way.
LOGIN_CODES_PER_ADDRESS_PER_DAY = env.int("LOGIN_CODES_PER_ADDRESS_PER_DAY", default=10)
# The forms that take an email address answer no sooner than this after the request came in, so
# their timing does not tell whether the address has an account (huis.accounts.middleware).
EVEN_TIME_URL_NAMES = frozenset(HUIS_RATE_LIMITS) - {"account_confirm_login_code"}
EVEN_TIME_SECONDS = env.float("EVEN_TIME_SECONDS", default=0.25)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["huis.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

# --- Static and media -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploaded files: the local disk (MEDIA_ROOT), or S3-compatible storage when MEDIA_STORAGE=s3.
# Either way they are private: only the portal's permission-checked views hand them out, the web
# server never serves /media/, and S3 links are signed and short-lived.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local")
if MEDIA_STORAGE not in {"local", "s3"}:
    raise ImproperlyConfigured("MEDIA_STORAGE must be local or s3.")
if MEDIA_STORAGE == "s3":
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "region_name": env.str("S3_REGION", default=None),
            "access_key": env.str("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=None),
            "location": env.str("S3_PREFIX", default="media"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env.int("S3_LINK_SECONDS", default=300),
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "private, max-age=0"},
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    # Production: `collectstatic` writes hashed, compressed copies; whitenoise serves them with
    # far-future cache headers. A template that names a missing file fails at once.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Mail ------------------------------------------------------------------------------------


def _mailer(url: str) -> dict:
    """One MAILERS entry from an EMAIL_URL such as smtp+tls://user:pass@host:587."""
    config = environ.Env.email_url_config(url)
    backend = config["EMAIL_BACKEND"]
    options: dict = {}
    if backend == "django.core.mail.backends.smtp.EmailBackend":
        options = {
            "host": config.get("EMAIL_HOST") or "localhost",
            "port": config.get("EMAIL_PORT") or 25,
            "username": config.get("EMAIL_HOST_USER") or "",
            "password": config.get("EMAIL_HOST_PASSWORD") or "",
            "use_tls": bool(config.get("EMAIL_USE_TLS")),
            "use_ssl": bool(config.get("EMAIL_USE_SSL")),
            "timeout": 20,
        }
    elif backend == "django.core.mail.backends.filebased.EmailBackend":
        options = {"file_path": config.get("EMAIL_FILE_PATH")}
    return {"BACKEND": backend, "OPTIONS": options}


MAILERS = {
    "default": _mailer(
        env.str("EMAIL_URL", default="smtp://127.0.0.1:25" if PRODUCTION else "consolemail://")
    )
}
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Huis met vele kamers <noreply@huismetvelekamers.be>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background work --------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 100
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands an unacknowledged task to another worker after this long: longer than any task runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60)
}
CELERY_BEAT_SCHEDULE = {
    # Reminders are rows with a due time; this sweep sends what is due (and retries what failed).
    "notifications-send-due": {
        "task": "notifications.send_due",
        "schedule": env.float("NOTIFICATIONS_SWEEP_SECONDS", default=60.0),
    },
    # Offers of a freed place that were not taken in time pass to the next person within minutes.
    "places-offers-expire": {
        "task": "places.offers_expire",
        "schedule": env.float("PLACES_EXPIRE_SECONDS", default=300.0),
    },
    # Data downloads whose time is up are deleted (huis.accounts.exports).
    "accounts-expire-data-exports": {
        "task": "accounts.expire_data_exports",
        "schedule": env.float("DATA_EXPORT_SWEEP_SECONDS", default=600.0),
    },
    # Shows /healthz that beat publishes and a worker runs what it is given.
    "core-heartbeat": {
        "task": "core.heartbeat",
        "schedule": env.float("HEARTBEAT_SECONDS", default=30.0),
        "options": {"expires": 60},
    },
    # Evaluation moments of guidance agreements within a week get their reminder in the outbox.
    "netwerk-evaluations-remind": {
        "task": "netwerk.evaluations_remind",
        "schedule": crontab(hour=7, minute=15),
    },
    # Records whose retention period passed are erased or anonymised, every night.
    "core-apply-retention": {
        "task": "core.apply_retention",
        "schedule": crontab(hour=3, minute=30),
    },
    # The outreach overviews' monthly figures, recounted (the services keep them exact already).
    "kwartiermaken-refresh-figures": {
        "task": "kwartiermaken.refresh_figures",
        "schedule": crontab(hour=4, minute=10),
    },
    # Changes for UiTdatabank (publiq) still to send: claimed, sent once, retried with backoff.
    "uitdatabank-send-due": {
        "task": "uitdatabank.send_due",
        "schedule": env.float("UITDATABANK_SWEEP_SECONDS", default=30.0),
        "options": {"expires": 60},
    },
    # What UiTdatabank holds for the next 60 days, compared with the portal; drift is repaired.
    "uitdatabank-drift-check": {
        "task": "uitdatabank.drift_check",
        "schedule": crontab(hour=2, minute=40),
    },
}
# A person's data download is kept this many hours after it is made, and at most this many hours
# after its first download (it is personal data: the page says so).
DATA_EXPORT_HOURS = env.int("DATA_EXPORT_HOURS", default=24)
DATA_EXPORT_HOURS_AFTER_DOWNLOAD = env.int("DATA_EXPORT_HOURS_AFTER_DOWNLOAD", default=2)
# Workers and beat log through the portal's LOGGING (JSON lines in production), not Celery's own
# format: huis/core/celery_signals.py answers setup_logging.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_WORKER_SEND_TASK_EVENTS = False

# --- Health ----------------------------------------------------------------------------------
# /healthz answers 503 when the worker or beat has not been seen for this many seconds.
HEALTH_WORKER_MAX_AGE = env.float("HEALTH_WORKER_MAX_AGE", default=180.0)
HEALTH_BEAT_MAX_AGE = env.float("HEALTH_BEAT_MAX_AGE", default=180.0)
# Only one beat may run: it holds a lock in Redis this long, renewed at every heartbeat. A beat
# killed without shutting down blocks a new one for at most this long.
BEAT_LOCK_SECONDS = env.int("BEAT_LOCK_SECONDS", default=90)

# --- Notifications ----------------------------------------------------------------------------
# Seconds to wait before each next try of a failed message; after the last, staff see it failed.
NOTIFICATIONS_RETRY_DELAYS = env.list(
    "NOTIFICATIONS_RETRY_DELAYS", cast=int, default=[60, 5 * 60, 30 * 60, 2 * 60 * 60]
)
# The text-message channel: a class with send(*, to, text, reference) -> provider id. In
# production "huis.notifications.twilio.TwilioSmsBackend"; console and file for development.
NOTIFICATIONS_SMS_BACKEND = env.str(
    "NOTIFICATIONS_SMS_BACKEND", default="huis.notifications.channels.ConsoleSmsBackend"
)
NOTIFICATIONS_SMS_FILE_PATH = env.str("NOTIFICATIONS_SMS_FILE_PATH", default="")
# Text messages the house may send per calendar month (Brussels time). Staff are warned at 80 %;
# beyond it reminders are not sent by text message (confirmations and offers still are).
# 0: no limit.
NOTIFICATIONS_SMS_MONTHLY_BUDGET = env.int("NOTIFICATIONS_SMS_MONTHLY_BUDGET", default=500)
# Days a short link (/k/<code>) works at most; it never outlives the link it stands for.
NOTIFICATIONS_SHORT_LINK_DAYS = env.int("NOTIFICATIONS_SHORT_LINK_DAYS", default=60)
# Twilio (https://www.twilio.com/docs/messaging/api/message-resource): the account, its Auth
# Token (also the key that signs its delivery reports), and the sender: a Messaging Service
# (recommended: it handles STOP) or an alphanumeric sender name / number.
TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env.str("TWILIO_AUTH_TOKEN", default="")
TWILIO_MESSAGING_SERVICE_SID = env.str("TWILIO_MESSAGING_SERVICE_SID", default="")
TWILIO_FROM = env.str("TWILIO_FROM", default="HuisVK")
# Only for tests and the benchmark: where the Twilio API is (a local fake).
TWILIO_API_BASE_URL = env.str("TWILIO_API_BASE_URL", default="")

# --- Publishing to UiTdatabank (publiq's Entry API v3) -----------------------------------------
# Client credentials from publiq platform (platform.publiq.be); empty: nothing is sent or queued.
UITDATABANK_CLIENT_ID = env.str("UITDATABANK_CLIENT_ID", default="")
UITDATABANK_CLIENT_SECRET = env.str("UITDATABANK_CLIENT_SECRET", default="")
# "test" (io-test.uitdatabank.be, free test credentials) or "production" (io.uitdatabank.be).
UITDATABANK_ENVIRONMENT = env.str("UITDATABANK_ENVIRONMENT", default="test")
_UIT_HOSTS = {
    "test": (
        "https://io-test.uitdatabank.be",
        "https://account-test.uitid.be/oauth/token",
        "https://search-test.uitdatabank.be",
    ),
    "production": (
        "https://io.uitdatabank.be",
        "https://account.uitid.be/oauth/token",
        "https://search.uitdatabank.be",
    ),
}
if UITDATABANK_ENVIRONMENT not in _UIT_HOSTS:
    raise ImproperlyConfigured("UITDATABANK_ENVIRONMENT must be 'test' or 'production'.")
UITDATABANK_API_URL = env.str("UITDATABANK_API_URL", default=_UIT_HOSTS[UITDATABANK_ENVIRONMENT][0])
UITDATABANK_TOKEN_URL = env.str(
    "UITDATABANK_TOKEN_URL", default=_UIT_HOSTS[UITDATABANK_ENVIRONMENT][1]
)
# The Search API, to find a place before creating one (publiq asks to reuse places).
UITDATABANK_SEARCH_URL = env.str(
    "UITDATABANK_SEARCH_URL", default=_UIT_HOSTS[UITDATABANK_ENVIRONMENT][2]
)
UITDATABANK_AUDIENCE = env.str("UITDATABANK_AUDIENCE", default="https://api.publiq.be")
# The house's organizer in UiTdatabank (its id, found or created there once).
UITDATABANK_ORGANIZER_ID = env.str("UITDATABANK_ORGANIZER_ID", default="")
UITDATABANK_TIMEOUT = env.float("UITDATABANK_TIMEOUT", default=15.0)
# Seconds before each next try after a 5xx or a timeout; after the last, staff see it failed.
UITDATABANK_RETRY_DELAYS = env.list(
    "UITDATABANK_RETRY_DELAYS", cast=int, default=[30, 2 * 60, 10 * 60, 60 * 60, 6 * 60 * 60]
)

# --- Security ---------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# No inline script, nothing from any other host: every asset is served by the portal itself.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}


def map_tile_source(url: str) -> str:
    """The CSP source of a map tile URL template: "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    gives "https://*.tile.example.org". Empty URL: no source (no tiles from anywhere)."""
    if not url:
        return ""
    parts = urlsplit(url.replace("{s}", "*"))
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ImproperlyConfigured(f"MAP_TILE_URL must be an http(s) URL template, not {url!r}")
    return f"{parts.scheme}://{parts.netloc.split('@')[-1]}"


# The welcoming places' map (netwerk). Empty: the markers lie over a plain local background and
# nothing is fetched from another host. Set: tiles come from that host, the only one CSP allows.
MAP_TILE_URL = env("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", default="")
if MAP_TILE_URL:
    SECURE_CSP["img-src"].append(map_tile_source(MAP_TILE_URL))

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_CSP["upgrade-insecure-requests"] = True

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    CACHES["default"]["KEY_PREFIX"] = "huis-test"

# The benchmark's bare endpoint (/bench/bare): off unless bench/run turns it on.
BENCHMARK_ENDPOINT = env.bool("BENCHMARK_ENDPOINT", default=False)

# --- Logging ----------------------------------------------------------------------------------
# JSON lines with the request id in production (LOG_FORMAT=json), plain lines in development; in
# both, no email or IP addresses (huis/core/logs.py). One line per request in production.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = logging_config(
    level=LOG_LEVEL, json=env.str("LOG_FORMAT", default="json" if PRODUCTION else "text") == "json"
)
HUIS_ACCESS_LOG = env.bool("ACCESS_LOG", default=PRODUCTION)

# --- Error tracking (optional) ----------------------------------------------------------------
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    sentry_init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default=ENVIRONMENT),
        release=env.str("SENTRY_RELEASE", default=""),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
ADMINS = [("Admin", a) for a in env.list("ADMIN_EMAILS", default=[])]
