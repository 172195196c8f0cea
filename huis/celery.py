"""The Celery app: configured from Django settings (the CELERY_ namespace), JSON only."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huis.settings")

app = Celery("huis")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Heartbeats for /healthz and the request id in task log lines (after the app: they use settings).
import huis.core.celery_signals  # noqa: E402, F401
