"""Settings for the whole portal, read from the environment (12-factor). The larger parts live in
huis/config/ (the environment, background work, messaging, security, UiTdatabank); this module
assembles them with what every part shares.

Development works with no variables set: it uses the local PostgreSQL and Redis. Production mode
(`DJANGO_ENV=production`) refuses to start without a secret key and turns on every safety header.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from huis.config.background import *  # noqa: F403 (Celery, its schedule, health)
from huis.config.environment import *  # noqa: F403 (BASE_DIR, env, DEBUG, PRODUCTION, TESTING, ...)
from huis.config.environment import BASE_DIR, ENVIRONMENT, PRODUCTION, REDIS_URL, TESTING, env
from huis.config.messaging import *  # noqa: F403 (mail, notifications, text messages)
from huis.config.security import *  # noqa: F403 (headers, CSP, cookies)
from huis.config.uitdatabank import *  # noqa: F403 (publiq's Entry API)
from huis.core.logs import logging_config
from huis.core.sentry import init as sentry_init

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Before the admin, as its documentation asks: content in Dutch, French and English.
    "modeltranslation",
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
    "huis.glossary",
    "huis.pages",
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
    "huis.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "huis.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A public page's stored copy for a visitor without a session, with the headers the
    # middleware above made and before the work of the middleware below (huis/core/pagecache.py).
    "huis.core.pagecache.CachedPageMiddleware",
    "huis.core.ratelimit.RateLimitMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Answers to a logged-in person or through a private link: no cache may keep them.
    "huis.core.middleware.PrivateResponsesMiddleware",
    "huis.accounts.middleware.PreferredLanguageMiddleware",
    "huis.core.middleware.MessageMiddleware",
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
            # `{% url %}` with its addresses kept per process (issue #30).
            "builtins": ["huis.core.templatetags.kept_urls"],
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
# Content in three languages (django-modeltranslation): every translated field gets `_nl`, `_fr`
# and `_en` columns; the original field stays the Dutch one (huis.core.content_language), and a
# missing French or English text falls back to Dutch, marked lang="nl" on the page.
MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_LANGUAGES = ("nl", "fr", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("nl",)
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["huis.formats"]
USE_I18N = True
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
