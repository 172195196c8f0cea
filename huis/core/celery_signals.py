"""Celery signal handlers of the shared core: heartbeats, the portal's logging in workers and beat,
and the request id carried from the web request into the tasks it queued, so their log lines share
the request's id."""

from celery import signals

from . import heartbeat, request_id

_HEADER = "huis_request_id"


@signals.before_task_publish.connect(weak=False)
def _add_request_id(headers=None, **kwargs) -> None:
    current = request_id.get()
    if current and headers is not None:
        headers[_HEADER] = current
    heartbeat.on_task_published()


@signals.task_prerun.connect(weak=False)
def _take_request_id(task=None, **kwargs) -> None:
    request = getattr(task, "request", None)
    value = getattr(request, _HEADER, None) or (getattr(request, "headers", None) or {}).get(
        _HEADER
    )
    task._huis_request_id_token = request_id.set_current(value or request_id.new_id())


@signals.task_postrun.connect(weak=False)
def _drop_request_id(task=None, **kwargs) -> None:
    token = getattr(task, "_huis_request_id_token", None)
    if token is not None:
        try:
            request_id.reset(token)
        except ValueError:
            request_id.set_current("")
        task._huis_request_id_token = None
    heartbeat.on_task_done()


@signals.setup_logging.connect(weak=False)
def _use_the_portals_logging(**kwargs) -> None:
    """Workers and beat log like the web processes (JSON lines, request ids, nothing personal),
    at LOG_LEVEL, instead of Celery's own format."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)


@signals.beat_init.connect(weak=False)
def _beat_started(**kwargs) -> None:
    heartbeat.on_beat_init()
