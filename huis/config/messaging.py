"""Mail and the other channels of the outbox: text messages (Twilio) and their rules."""

import environ

from .environment import PRODUCTION, env

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

# --- Notifications ----------------------------------------------------------------------------
# Seconds to wait before each next try of a failed message; after the last, staff see it failed.
NOTIFICATIONS_RETRY_DELAYS = env.list(
    "NOTIFICATIONS_RETRY_DELAYS", cast=int, default=[60, 5 * 60, 30 * 60, 2 * 60 * 60]
)
# How many messages the sweep hands over at once, each on its own database connection and in its
# own transaction (each row is still claimed, sent and marked sent once). Sending waits on the
# provider and the mail server, so a few at once send several times faster. 1 in development
# and tests, where a test's rows live in a transaction other connections cannot see.
NOTIFICATIONS_SWEEP_THREADS = env.int("NOTIFICATIONS_SWEEP_THREADS", default=4 if PRODUCTION else 1)
# A sweep is bound by one processor (Python's lock between threads). When many rows are due (a
# day's reminders), the sweep asks the worker's other processes to sweep beside it: one more
# process per NOTIFICATIONS_SWEEP_HELP_FROM due rows, up to NOTIFICATIONS_SWEEP_PROCESSES in all
# (the worker's --concurrency, CELERY_CONCURRENCY). Each claims its own rows: still once each.
NOTIFICATIONS_SWEEP_PROCESSES = env.int(
    "NOTIFICATIONS_SWEEP_PROCESSES",
    default=env.int("CELERY_CONCURRENCY", default=2) if PRODUCTION else 1,
)
NOTIFICATIONS_SWEEP_HELP_FROM = env.int("NOTIFICATIONS_SWEEP_HELP_FROM", default=200)
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
