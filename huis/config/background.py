"""Background work: Celery, its beat schedule, and the health checks of worker and beat."""

from celery.schedules import crontab

from .environment import REDIS_URL, TIME_ZONE, env

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
