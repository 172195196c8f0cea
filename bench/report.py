"""What the benchmark writes: the machine, the data, both scales in one table, the doc."""

import os
import platform
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Against the plain startproject reference of the same run (issue #30): (ratio, p99 ms).
TARGETS = {
    "plain": (None, None),
    "bare": (0.75, 50.0),
    "public": (0.5, 50.0),
    "private": (0.1, 150.0),
    "post": (0.05, 150.0),
}
DROP = 0.20  # a page whose ratio falls more than this from the small to the full house is named


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB memory"
    except (OSError, ValueError):
        pass
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}; {platform.platform()}; Python "
        f"{platform.python_version()}; PostgreSQL {pg}"
    )


def counts() -> str:
    from django.db import connection

    tables = {
        "people": "accounts_user",
        "activities": "ontmoeting_activity",
        "sign-ups": "places_placeclaim",
        "audit entries": "audit_auditentry",
    }
    parts = []
    with connection.cursor() as cursor:
        for label, table in tables.items():
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (our table names)
            parts.append(f"{cursor.fetchone()[0]:,} {label}")
    return ", ".join(parts)


def check_places(target) -> str:
    from django.db.models import Sum

    from huis.places.models import PlaceClaim, PlaceOffering

    offering = PlaceOffering.objects.get(holder_id=target.pk, capacity__isnull=False)
    confirmed = PlaceClaim.objects.filter(offering=offering, status="confirmed")
    places = confirmed.aggregate(n=Sum("places"))["n"] or 0
    waiting = PlaceClaim.objects.filter(offering=offering, status="waiting").count()
    ok = places == offering.taken and places <= offering.capacity
    return (
        f"sign-up target after the load: {places} confirmed places of {offering.capacity}, "
        f"'taken' = {offering.taken}, {waiting:,} on the waiting list: "
        + ("exact, no overbooking" if ok else "MISMATCH")
    )


def _cell(result: dict | None, plain_rps: float) -> tuple[str, str, str, float | None]:
    if result is None:
        return "–", "–", "–", None
    ratio = result["rps"] / plain_rps
    return f"{result['rps']:,.0f}", f"{result['p99_ms']:.1f}", f"{ratio:.2f}", ratio


def table(runs: list[dict]) -> str:
    """One row per page; for each scale requests/s, p99 and the ratio to plain Django; the target
    is judged at the largest scale (ratio and p99), the change from the smallest to the largest."""
    scales = [run["scale"] for run in runs]
    head = "| page | group |"
    rule = "|---|---|"
    for scale in scales:
        head += f" req/s ({scale}) | p99 ms ({scale}) | ratio ({scale}) |"
        rule += "---:|---:|---:|"
    head += " change | target | met |" if len(runs) > 1 else " target | met |"
    rule += "---:|---|---|" if len(runs) > 1 else "---|---|"
    lines = [head, rule]
    drops = []
    names = [(row["name"], row["group"]) for row in runs[-1]["rows"]]
    for name, group in names:
        line = f"| {name} | {group} |"
        ratios = []
        last = None
        for run in runs:
            row = next((r for r in run["rows"] if r["name"] == name), None)
            result = row["result"] if row else None
            rps, p99, shown, ratio = _cell(result, run["plain"]["rps"])
            line += f" {rps} | {p99} | {shown} |"
            ratios.append(ratio)
            last = result
        if len(runs) > 1:
            if ratios[0] and ratios[-1]:
                change = ratios[-1] / ratios[0] - 1
                line += f" {change:+.0%} |"
                if change < -DROP:
                    drops.append((name, ratios[0], ratios[-1]))
            else:
                line += " – |"
        ratio_target, p99_target = TARGETS[group]
        if ratio_target is None:
            line += " – | – |"
        elif last is None:
            line += f" ≥ {ratio_target}, p99 ≤ {p99_target:.0f} ms | not built yet |"
        else:
            misses = []
            if ratios[-1] < ratio_target:
                misses.append("ratio")
            if last["p99_ms"] > p99_target:
                misses.append("p99")
            met = "yes" if not misses else "**no** (" + ", ".join(misses) + ")"
            if last["errors"]:
                met += f" ({last['errors']} non-2xx/3xx)"
            line += f" ≥ {ratio_target}, p99 ≤ {p99_target:.0f} ms | {met} |"
        lines.append(line)
    text = "\n".join(lines) + "\n"
    if len(runs) > 1:
        if drops:
            text += (
                f"\nPages whose ratio drops more than {DROP:.0%} from scale {scales[0]} to "
                f"{scales[-1]} (their cause is named below the table):\n\n"
            )
            text += "".join(f"- {n}: {a:.2f} → {b:.2f}\n" for n, a, b in drops)
        else:
            text += f"\nNo page's ratio drops more than {DROP:.0%} from scale {scales[0]} to "
            text += f"{scales[-1]}.\n"
    return text


def plain_line(run: dict) -> str:
    spread = ", ".join(f"{r['rps']:,.0f}" for r in run["plain_runs"])
    bare = ", ".join(f"{r['rps']:,.0f}" for r in run["bare_runs"])
    return (
        f"- scale {run['scale']}: {run['counts']}. Plain Django at the start, middle and end: "
        f"{spread} requests/s (the median is the reference); the portal's bare endpoint: {bare}. "
        f"{run['places']}\n"
    )


def write_doc(section: str, body: str) -> None:
    doc = ROOT / "docs" / "benchmarks.md"
    text = doc.read_text() if doc.exists() else "# Benchmarks\n\nWritten by `bench/run`.\n"
    marker = f"<!-- {section} -->"
    block = f"{marker}\n{body}{marker}\n"
    if marker in text:
        text = re.sub(re.escape(marker) + ".*?" + re.escape(marker) + "\n", block, text, flags=re.S)
    else:
        text += "\n" + block
    doc.write_text(text)
