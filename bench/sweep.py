"""The reminder sweep measured (bench/run --sweep): 10,000 due reminders through the outbox to a
local SMTP sink, against Django's own send_messages of the same messages over one connection.

Both sides send to the same sink (aiosmtpd on this machine); the sink counts every message by its
outbox reference, so "each message exactly once" is checked, not assumed.
"""

import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DB_NAME = "huis_bench_sweep"
PORT = 8026


def run_sweep(args, *, environment, setup_django, write_doc, machine) -> None:
    env = environment()
    env["DATABASE_URL"] = env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{DB_NAME}"
    env["EMAIL_URL"] = f"smtp://127.0.0.1:{PORT}"
    dev = {**env, "DJANGO_ENV": "development", "DEBUG": "true"}
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB_NAME], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME], check=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], env=dev, check=True)
    setup_django(env)

    import datetime as dt

    from django.core.mail import EmailMultiAlternatives, get_connection
    from django.utils import timezone

    from huis.notifications.models import Notification
    from huis.notifications.services import notifications_send_due, render

    count = args.messages
    now = timezone.now()
    context = {
        "name": "Marie",
        "title": "Samen koken",
        "day": "dinsdag 24 november",
        "start": "10:00",
        "end": "12:00",
        "place": "Zaal 1",
        "manage_url": "http://127.0.0.1:8765/agenda/beheer-je-inschrijving/abc/",
    }
    Notification.objects.bulk_create(
        (
            Notification(
                key=f"reminder-24h:registration:{n}",
                kind="ontmoeting_reminder",
                email=f"persoon{n}@bench.example",
                language="nl",
                channel="email",
                context=context,
                due_at=now - dt.timedelta(minutes=1),
                send_after=now - dt.timedelta(minutes=1),
            )
            for n in range(count)
        ),
        batch_size=5000,
    )
    rows = list(Notification.objects.order_by("pk"))

    counts_file = Path(tempfile.mkstemp(suffix=".json")[1])
    sink = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("smtp_sink.py")), str(PORT), counts_file]
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        # Django's own: the same messages, rendered beforehand, over one connection.
        messages = []
        for row in rows:
            rendered = render(row)
            message = EmailMultiAlternatives(
                subject=rendered.subject,
                body=rendered.text,
                to=[row.email],
                headers={"X-Huis-Notification": f"baseline-{row.pk}"},
            )
            message.attach_alternative(rendered.html, "text/html")
            messages.append(message)
        started = time.perf_counter()
        with get_connection() as connection:
            connection.send_messages(messages)
        baseline = time.perf_counter() - started

        # The outbox: the sweep claims, renders, sends and marks each row, as a worker does.
        started = time.perf_counter()
        sent = 0
        while True:
            batch = notifications_send_due(limit=1000)
            if not batch:
                break
            sent += batch
        sweep = time.perf_counter() - started
    finally:
        sink.terminate()
        sink.wait(timeout=30)
    references = json.loads(counts_file.read_text())
    counts_file.unlink()
    outbox = {ref: n for ref, n in references.items() if not ref.startswith("baseline-")}
    twice = sum(1 for n in outbox.values() if n > 1)
    missing = count - len(outbox)
    pending = Notification.objects.exclude(status="sent").count()
    ratio = (count / sweep) / (count / baseline)
    exact = (
        "each exactly once"
        if not twice and not missing and not pending
        else (f"MISMATCH: {twice} twice, {missing} missing, {pending} not marked sent")
    )
    body = (
        f"## Reminder sweep ({timezone.now():%Y-%m-%d %H:%M} UTC)\n\nMachine: {machine()}.\n\n"
        "| what | messages | seconds | messages/s |\n|---|---:|---:|---:|\n"
        f"| Django send_messages, one connection (pre-rendered) | {count:,} | {baseline:.1f} | "
        f"{count / baseline:,.0f} |\n"
        f"| outbox sweep (claim, render, send, mark sent) | {sent:,} | {sweep:.1f} | "
        f"{count / sweep:,.0f} |\n\n"
        f"Ratio sweep / send_messages: **{ratio:.2f}** (target 0.5). Delivered: {exact} "
        f"({sum(references.values()):,} messages at the sink in all; the sink is its own "
        "process).\n"
    )
    print(body)
    write_doc("sweep", body)
