"""WSGI entry point for gunicorn.

Loaded once per gunicorn master (gunicorn.conf.py preloads it; workers are forked from the loaded
application, see huis/core/prefork.py). The line logged here says which process loaded it and how
long that took: after the start, a replaced worker never writes it again.
"""

import logging
import os
import time

from django.core.wsgi import get_wsgi_application

_started = time.monotonic()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huis.settings")
application = get_wsgi_application()
logging.getLogger("huis.wsgi").info(
    "The application is loaded.",
    extra={"pid": os.getpid(), "duration_ms": round((time.monotonic() - _started) * 1000)},
)
