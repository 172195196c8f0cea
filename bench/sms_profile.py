"""Where the text-message sweep spends its time per message, at a small size: N due SMS
reminders (as bench/sms_sweep.py makes them) swept to the fake Twilio under cProfile or
pyinstrument, on a database of your own (the test database works: the rows are removed after).

    TEST_DATABASE_NAME=test_huis_sms .venv/bin/python bench/sms_profile.py --messages 300
    .venv/bin/python bench/sms_profile.py --database test_huis_sms --messages 300 --cprofile

Prints the sweep's and the bare send's messages per second, the queries per message, and the
profile. Not a test and not the benchmark (bench/bench.py --sms-sweep is that).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default=os.environ.get("TEST_DATABASE_NAME", "test_huis_sms"))
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--port", type=int, default=8831)
    parser.add_argument("--cprofile", action="store_true", help="cProfile instead of pyinstrument")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--steps", action="store_true", help="no profiler: wall time of each step per message"
    )
    parser.add_argument("--cpu", action="store_true", help="cProfile counts CPU time, not waits")
    parser.add_argument("--sort", default="cumulative", help="cProfile order: cumulative, tottime")
    parser.add_argument("--threads", type=int, default=4, help="connections the sweep runs on")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import servers
    import sms_sweep

    # The benchmark's production settings (cached templates, DEBUG off), on this database and
    # this Redis (REDIS_URL, default the benchmark's db 9).
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9")
    os.environ.clear()
    os.environ.update(servers.environment())
    os.environ.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{args.database}",
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX="huis-sms-profile",
        DJANGO_SETTINGS_MODULE="huis.settings",
        DJANGO_ENV="production",
        NOTIFICATIONS_SMS_BACKEND="huis.notifications.twilio_sms.TwilioSmsBackend",
        NOTIFICATIONS_SMS_MONTHLY_BUDGET="1000000",
        NOTIFICATIONS_SWEEP_THREADS=str(args.threads),
    )
    from tests.notifications import fake_twilio

    fake = sms_sweep.start_fake_twilio(args.port)
    os.environ.update(
        TWILIO_ACCOUNT_SID=fake_twilio.ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=fake_twilio.AUTH_TOKEN,
        TWILIO_API_BASE_URL=f"http://127.0.0.1:{args.port}",
    )
    import django

    django.setup()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from huis.notifications.channels import sms_backend
    from huis.notifications.models import Notification, ShortLink
    from huis.notifications.services import notifications_send_due, render

    prefix = "profile-sms:"

    def make_rows() -> list:
        Notification.objects.filter(key__startswith=prefix).delete()
        Notification.objects.bulk_create(sms_sweep.reminders(args.messages, key_prefix=prefix))
        return list(Notification.objects.filter(key__startswith=prefix).order_by("pk"))

    def sweep() -> int:
        sent = 0
        while batch := notifications_send_due(limit=1000):
            sent += batch
        return sent

    try:
        rows = make_rows()
        backend = sms_backend()
        texts = [(row.phone, render(row).sms) for row in rows]
        started = time.perf_counter()
        for n, (phone, text) in enumerate(texts):
            backend.send(to=phone, text=text, reference=f"baseline-{n}")
        bare = time.perf_counter() - started
        ShortLink.objects.all().delete()

        make_rows()
        with CaptureQueriesContext(connection) as queries:
            sweep()
        per = len(queries) / args.messages
        print(f"queries per message: {per:.2f}")
        for query in queries.captured_queries[:12]:
            print("  ", query["sql"][:150])
        ShortLink.objects.all().delete()

        make_rows()
        profiler = None
        if args.steps:
            steps = _time_steps()
            started = time.perf_counter()
            sent = sweep()
            elapsed = time.perf_counter() - started
            for name, seconds in steps.items():
                print(f"  {name}: {1000 * seconds / sent:.3f} ms a message")
            print(
                f"  all: {1000 * elapsed / sent:.3f} ms a message; bare send "
                f"{1000 * bare / args.messages:.3f}"
            )
        elif args.no_profile:
            started, cpu = time.perf_counter(), time.process_time()
            sent = sweep()
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu
            print(f"  this process's CPU: {1000 * cpu / sent:.3f} ms a message")
        elif args.cprofile:
            profiler = cProfile.Profile(time.process_time) if args.cpu else cProfile.Profile()
            started = time.perf_counter()
            profiler.enable()
            sent = sweep()
            profiler.disable()
            elapsed = time.perf_counter() - started
        else:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            started = time.perf_counter()
            profiler.start()
            sent = sweep()
            profiler.stop()
            elapsed = time.perf_counter() - started
        print(f"bare send: {args.messages / bare:.0f} msg/s")
        print(f"sweep: {sent / elapsed:.0f} msg/s (under the profiler) sent={sent}")
        print(f"ratio: {bare / elapsed * sent / args.messages:.2f}")
        if profiler is not None and args.cprofile:
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(45)
        elif profiler is not None:
            print(profiler.output_text(unicode=False, color=False, show_all=False))
    finally:
        Notification.objects.filter(key__startswith=prefix).delete()
        ShortLink.objects.all().delete()
        fake.terminate()
        fake.wait(timeout=30)


def _time_steps() -> dict[str, float]:
    """Wrap the sweep's steps with a clock (no profiler: its overhead would distort them)."""
    from django.db import transaction

    from huis.notifications import channels, services, sms

    steps: dict[str, float] = {}

    def timed(owner, name, label):
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                steps[label] = steps.get(label, 0.0) + time.perf_counter() - started

        setattr(owner, name, wrapper)

    timed(services, "_claim", "claim (BEGIN, SELECT ... FOR UPDATE SKIP LOCKED)")
    timed(sms, "refusal_before_sending", "budget reservation (Redis)")
    timed(services, "render", "render with short link")
    timed(channels, "send_sms", "hand over to Twilio")
    timed(services, "_mark_sent", "mark sent (UPDATE)")
    timed(transaction.Atomic, "__exit__", "COMMIT")
    return steps


if __name__ == "__main__":
    main()
