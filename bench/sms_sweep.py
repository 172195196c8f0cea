"""The text-message sweep measured (bench/run --sms-sweep): 2,000 due SMS reminders through the
outbox to the local fake of Twilio's API (tests/notifications/fake_twilio.py, its own process),
against the bare send: the same Twilio backend handing over the same messages, rendered
beforehand, one after the other.

The sweep does what a worker does per message: claim the row, check opt-out and reserve its
place in the monthly budget (shared by all workers, in Redis), render it with its short link
(the links of the next 200 messages are made in one statement), hand it to Twilio, mark it sent
with Twilio's id. It sweeps as the production worker does: with 200 or more rows due the sweep
asks the worker's other process to sweep beside it (NOTIFICATIONS_SWEEP_PROCESSES, Celery's
--concurrency, 2), so the 2,000 rows are swept by two processes (forked here, as Celery's prefork
processes are), each on four connections. The fake counts every message by its outbox reference,
so "each exactly once" is checked, not assumed. The target is a ratio of at least 0.5.
"""

import json
import queue
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

DB_NAME = "huis_bench_sms"
PORT = 8821
ROOT = Path(__file__).resolve().parents[1]
ACCOUNT_SID = "AC" + "0" * 30 + "42"
AUTH_TOKEN = "fake-twilio-auth-token-0123456789"


def reminders(count: int, *, key_prefix: str) -> list:
    """`count` due SMS reminders in Dutch, with the longest values the template takes."""
    import datetime as dt

    from django.conf import settings
    from django.utils import timezone

    from huis.notifications.models import Notification

    now = timezone.now()
    return [
        Notification(
            key=f"{key_prefix}{n}",
            kind="ontmoeting_reminder",
            phone=f"+3247{n:07d}",
            language="nl",
            channel="sms",
            context={
                "name": "Marie",
                "title": "Samen koken",
                "day": "dinsdag 24 november 2026",
                "day_short": "dinsdag 24/11",
                "start": "10:00",
                "manage_url": f"{settings.SITE_URL}/agenda/inschrijving/{'t' * 60}{n}/",
                "_links_valid_until": (now + dt.timedelta(days=2)).isoformat(),
            },
            due_at=now - dt.timedelta(minutes=1),
            send_after=now - dt.timedelta(minutes=1),
        )
        for n in range(count)
    ]


def sweep_in_processes(processes: int, send_due) -> int:
    """Sweep until nothing is due in `processes` processes forked from this one, as the Celery
    worker's prefork processes run the sweep and its helpers; how many messages were sent."""
    import multiprocessing

    from django.db import connections

    def sweep_until_done(results) -> None:
        from huis.notifications import channels

        channels._backend.cache_clear()  # a Twilio client (and its connections) of its own
        sent = 0
        while batch := send_due(limit=1000):
            sent += batch
        results.put(sent)

    connections.close_all()  # each process opens its own
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [context.Process(target=sweep_until_done, args=(results,)) for _ in range(processes)]
    for worker in workers:
        worker.start()
    sent = 0
    for _ in workers:
        while True:
            try:
                sent += results.get(timeout=1)
                break
            except queue.Empty:
                if any(w.exitcode not in (None, 0) for w in workers):
                    raise RuntimeError("A sweeping process failed; see its error above.") from None
    for worker in workers:
        worker.join()
    return sent


def start_fake_twilio(port: int) -> subprocess.Popen:
    """The fake Twilio in a process of its own (a thread would share the GIL), once it answers."""
    fake = subprocess.Popen(
        [sys.executable, "-m", "tests.notifications.fake_twilio", str(port)], cwd=ROOT
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/__counts", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return fake


def run_sms_sweep(args, *, environment, setup_django, write_doc, machine) -> None:
    env = environment()
    env["DATABASE_URL"] = env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{DB_NAME}"
    env.update(
        NOTIFICATIONS_SMS_BACKEND="huis.notifications.twilio_sms.TwilioSmsBackend",
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_API_BASE_URL=f"http://127.0.0.1:{PORT}",
        # A budget far above the run: its monthly count is still asked for every reminder.
        NOTIFICATIONS_SMS_MONTHLY_BUDGET="1000000",
    )
    dev = {**env, "DJANGO_ENV": "development", "DEBUG": "true"}
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB_NAME], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME], check=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], env=dev, check=True)
    setup_django(env)

    from django.utils import timezone

    from huis.notifications.channels import sms_backend
    from huis.notifications.models import Notification
    from huis.notifications.services import notifications_send_due, render
    from huis.notifications.sms import budget_forget
    from huis.notifications.sweep import sweep_helpers_wanted

    budget_forget()  # the month's shared count starts from this fresh database

    count = args.sms_messages
    Notification.objects.bulk_create(
        reminders(count, key_prefix="reminder-24h:registration:"), batch_size=5000
    )
    rows = list(Notification.objects.order_by("pk"))

    fake = start_fake_twilio(PORT)
    try:
        # The bare send: the same backend, the same messages, rendered beforehand.
        backend = sms_backend()
        texts = [(row.phone, render(row).sms) for row in rows]
        started = time.perf_counter()
        for n, (phone, text) in enumerate(texts):
            backend.send(to=phone, text=text, reference=f"baseline-{n}")
        baseline = time.perf_counter() - started

        # The outbox: the sweep claims, checks, renders, sends and marks each row, on as many
        # of the worker's processes as the task asks for (`send_due_notifications`).
        processes = 1 + sweep_helpers_wanted()
        started = time.perf_counter()
        sent = sweep_in_processes(processes, notifications_send_due)
        sweep = time.perf_counter() - started
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/__counts", timeout=10) as response:
            references = json.loads(response.read())
    finally:
        fake.terminate()
        fake.wait(timeout=30)
    outbox = {ref: n for ref, n in references.items() if not ref.startswith("baseline-")}
    twice = sum(1 for n in outbox.values() if n > 1)
    missing = count - len(outbox)
    pending = Notification.objects.exclude(status="sent").count()
    ratio = baseline / sweep
    exact = (
        "each exactly once"
        if not twice and not missing and not pending
        else f"MISMATCH: {twice} twice, {missing} missing, {pending} not marked sent"
    )
    body = (
        f"## Text-message sweep ({timezone.now():%Y-%m-%d %H:%M} UTC)\n\nMachine: {machine()}.\n\n"
        "| what | messages | seconds | messages/s |\n|---|---:|---:|---:|\n"
        f"| bare send: the Twilio backend, pre-rendered | {count:,} | {baseline:.1f} | "
        f"{count / baseline:,.0f} |\n"
        f"| outbox sweep (claim, opt-out and budget, render with short link, send, mark) on "
        f"{processes} worker process{'es' if processes > 1 else ''} | "
        f"{sent:,} | {sweep:.1f} | {count / sweep:,.0f} |\n\n"
        f"Ratio sweep / bare send: **{ratio:.2f}** (target 0.5). Delivered to the fake Twilio: "
        f"{exact}.\n"
    )
    print(body)
    write_doc("sms-sweep", body)
