"""The Celery app: configured from Django settings (the CELERY_ namespace), JSON only."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huis.settings")

app = Celery("huis")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
