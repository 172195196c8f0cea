"""Gunicorn settings for production: `gunicorn -c gunicorn.conf.py huis.wsgi`.

Every value can be set from the environment, so the same file serves a small house on one machine
and a network of houses with web processes on several machines behind one load balancer.
"""

import multiprocessing
import os
from pathlib import Path

from huis.core.logs import logging_config

# Behind nginx on the same machine by default; GUNICORN_BIND=0.0.0.0:8000 in a container.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# No web request runs long by design: the database cancels a web query after
# WEB_STATEMENT_TIMEOUT_MS (5 s, answered with the "busy" page), heavy work such as the data
# download runs in Celery, and a worker stuck anyway (a hung outside call) is killed and replaced
# after `timeout` seconds instead of holding its place.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "15"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Marks the workers as web processes: settings.py then limits how long their queries may run.
raw_env = ["HUIS_WEB_PROCESS=1"]
keepalive = 5
# A worker is replaced after this many requests: a slow leak never grows into an outage.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
# Spread widely, so the workers are not replaced at the same moment.
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 2))
# The application is loaded once, in the master, and every worker is forked from it warm: a
# replaced worker answers its next request at once instead of importing Django for a second while
# requests queue (issue #30). The master holds no connection when it forks (huis/core/prefork.py).
# A new release therefore needs a restart, not a HUP (deploy/systemd/huis-web.socket keeps the
# port open meanwhile, so no request is refused).
preload_app = True


def when_ready(server):
    if server.cfg.preload_app:
        from huis.core.prefork import warm

        warm()


def pre_fork(server, worker):
    if server.cfg.preload_app:
        from huis.core.prefork import before_fork

        before_fork()


# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108
# Only the proxy in front may say the request came over https (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No access log here: Django writes one JSON line per request with the route, the status and the
# request id, and without the client's address (huis/core/middleware.py). Gunicorn's own lines
# go through the same JSON formatter.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()
logconfig_dict = logging_config(
    level=os.environ.get("LOG_LEVEL", "INFO"),
    json=os.environ.get("LOG_FORMAT", "json") == "json",
)

# Gunicorn's control socket is off unless a path is given (it would be shared by every gunicorn
# of the same user otherwise).
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
