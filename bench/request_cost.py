"""Cost of one request, measured without the wall clock (a busy machine makes that noise):
CPU time per request (the least of five batches), Redis round trips and SQL queries per request,
and cProfile's top entries.

    .venv/bin/python bench/request_cost.py /bench/bare /agenda/ [--n 300] [--cookie NAME=VALUE]
    .venv/bin/python bench/request_cost.py /agenda/ --as bench-visitor@scale.example   logged in
    .venv/bin/python bench/request_cost.py --plain /bench/bare      the startproject reference
    .venv/bin/python bench/request_cost.py URL --post 'name=B&email=b{n}%40x.example'   a form
      (POSTed with the CSRF check on; {n} counts up, so each post is a new sign-up)

Runs in this process through Django's test client (the whole middleware stack, no network), on
the scratch database of `bench/run --scales 0.1` (BENCH_DB, default huis_bench_0_1), with the
production settings bench/run uses.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

import servers


def _count_redis() -> list[int]:
    import redis.connection

    counter = [0]
    original = redis.connection.AbstractConnection.send_packed_command

    def send(self, *args, **kwargs):
        counter[0] += 1
        return original(self, *args, **kwargs)

    redis.connection.AbstractConnection.send_packed_command = send
    return counter


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--cookie", default="")
    parser.add_argument("--as", dest="email", help="log in as this person of seed_scale")
    parser.add_argument("--plain", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", help="cProfile's order: tottime, ...")
    parser.add_argument("--callers", default="", help="who calls the functions matching this")
    parser.add_argument("--post", default="", help="POST this form body ({n} counts up)")
    args = parser.parse_args()
    if args.plain:
        sys.path.insert(0, str(Path(__file__).parent / "plain"))
        os.environ["DJANGO_SETTINGS_MODULE"] = "plainsite.settings"
        import django

        django.setup()
    else:
        env = servers.environment(args.scale)
        env.pop("GUNICORN_BIND", None)
        env["HUIS_WEB_PROCESS"] = "1"
        servers.setup_django(env)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    redis_calls = _count_redis()
    client = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=bool(args.post))
    cookie = args.cookie
    if args.email:
        from pages import session_cookie

        cookie = session_cookie(args.email)
    if args.post:
        from django.middleware.csrf import _get_new_csrf_string

        csrf = _get_new_csrf_string()
        cookie = "; ".join(filter(None, [cookie, f"csrftoken={csrf}"]))
    headers = {"HTTP_COOKIE": cookie} if cookie else {}
    counter = iter(range(10**9))
    run = time.time_ns()

    def send(path):
        if not args.post:
            return client.get(path, **headers)
        body = args.post.format(n=f"{run}-{next(counter)}")
        body = f"csrfmiddlewaretoken={csrf}&{body}"
        return client.generic("POST", path, body, "application/x-www-form-urlencoded", **headers)

    for path in args.paths:
        for _ in range(20):  # warm: connections, caches, templates
            status = send(path).status_code
        redis_calls[0] = 0
        with CaptureQueriesContext(connection) as queries:
            send(path)
        per_request = (redis_calls[0], len(queries))
        # The least CPU time of five batches: other processes only ever add to it. The wall
        # time adds what this process waits for: the database's own work, its commits.
        batches, walls = [], []
        for _ in range(5):
            started, wall = time.process_time(), time.perf_counter()
            for _ in range(max(args.n // 5, 1)):
                send(path)
            batches.append((time.process_time() - started) / max(args.n // 5, 1))
            walls.append((time.perf_counter() - wall) / max(args.n // 5, 1))
        cpu = min(batches)
        print(
            f"{path}: status {status}, {cpu * 1e6:,.0f} µs CPU per request "
            f"({min(walls) * 1e6:,.0f} µs wall), "
            f"{per_request[0]} Redis round trips, {per_request[1]} SQL queries"
        )
        if args.top:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.n):
                send(path)
            profile.disable()
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).sort_stats(args.sort)
            stats.print_stats(args.top)
            if args.callers:
                stats.print_callers(args.callers)
            print(out.getvalue())


if __name__ == "__main__":
    main()
