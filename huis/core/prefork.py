"""The application is loaded once, in gunicorn's master, and every worker is forked from it.

A worker is replaced after `max_requests` (gunicorn.conf.py): a slow leak never grows into an
outage. Loaded after the fork, each replacement spent over a second importing Django while
requests queued behind it (issue #30: a p99 of two seconds on every page). With `preload_app`
a new worker is a copy of a warm process and answers its first request at once.

What the master must take care of, because a forked worker shares it:

- no connection to PostgreSQL or Redis may be open in the master when it forks (two processes on
  one socket mix up their answers): `before_fork` closes whatever is open, every time;
- everything lazy that every worker would otherwise build on its first requests is built once
  here (`warm`): the URL resolver, the translation catalogues, the portal's own templates;
- the objects made so far are frozen out of the garbage collector (`gc.freeze`), so a worker's
  collections do not touch, and so copy, the memory it shares with the master.
"""

import gc
import logging
import time
from pathlib import Path

logger = logging.getLogger(__name__)


def close_connections() -> None:
    """Closes the database and cache connections of this process (none, normally)."""
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    caches.close_all()


def _our_template_dirs() -> list[Path]:
    from django.apps import apps
    from django.conf import settings

    root = Path(settings.BASE_DIR)
    dirs = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", ())]
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(root) and ".venv" not in path.parts:
            dirs.append(path / "templates")
    return [d for d in dirs if d.is_dir()]


def _warm_templates() -> int:
    """Compiles the portal's own templates into the cached loader the workers inherit."""
    from django.template import engines

    engine = engines["django"]
    done = 0
    for directory in _our_template_dirs():
        for path in sorted(directory.rglob("*")):
            if path.suffix not in {".html", ".txt", ".xml", ".ics"}:
                continue
            try:
                engine.get_template(str(path.relative_to(directory)))
            except Exception:
                logger.debug("Not compiled before the fork: %s", path.name)
                continue
            done += 1
    return done


def warm() -> None:
    """Builds once, in the master, what each worker would otherwise build on first use."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    started = time.monotonic()
    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    get_resolver()._populate()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Agenda")
    try:
        templates = _warm_templates()
    except Exception:
        logger.warning("The templates could not be compiled before the fork.", exc_info=True)
        templates = 0
    close_connections()
    gc.collect()
    gc.freeze()
    logger.info(
        "The application is warm: workers are forked from it.",
        extra={"templates": templates, "duration_ms": round((time.monotonic() - started) * 1000)},
    )


def before_fork() -> None:
    """In the master, before each fork: the new worker must not inherit an open connection."""
    close_connections()
