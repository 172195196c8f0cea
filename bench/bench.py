"""The benchmark (issues 12 and 30): every main page against plain Django, at two sizes, one report.

    bench/run                       seed scratch databases at scale 0.1 and 1.0, measure both
    bench/run --scales 0.1          one smaller house only (quicker, for trying the script)
    bench/run --reuse               measure again on the scratch databases of the previous run
    bench/run --seed-only           only make the scratch databases
    bench/run --sweep               the reminder sweep against Django's own send_messages
    bench/run --sms-sweep           2,000 SMS reminders through the outbox against the bare send
    bench/run --workers 5           both servers with 5 workers (gunicorn.conf.py's own default on
                                    two cores, 2 x cores + 1), in a section of its own

For each scale it starts exactly the shipped production configuration (gunicorn -c gunicorn.conf.py,
2 sync workers, preloaded, DEBUG off) on the scratch database `huis_bench_<scale>`, and next to it
a plain Django project (bench/plain: startproject's middleware, one view returning two bytes) under
the same gunicorn settings. wrk measures a warm-up and then three runs per page; the plain
reference and the portal's bare endpoint (/bench/bare: its whole middleware stack, no work) are
measured at the start, the middle and the end of each scale's run. Every ratio is against the
plain reference of the same run; p99 is reported for every page. Each scale is measured by a
process of its own (Django is set up once per process); the table goes to docs/benchmarks.md.
A benchmark, not a test: absolute numbers on a shared machine are noise; ratios from one run count.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import servers
from servers import BASE, PLAIN_BASE, PY, RUNS

# The setting of the measurements and of the page table: 2 sync workers on 2 cores.
DEFAULT_WORKERS = 2


def measure_scale(args) -> None:
    """In a process of its own: one scale, written as JSON to args.out."""
    env = servers.environment(args.measure_scale)
    servers.prepare(env, scale=args.measure_scale, reuse=args.reuse)
    servers.setup_django(env)
    import pages as pagelist
    import report

    plain = servers.start_plain(env, workers=args.workers)
    portal = servers.start_portal(env, workers=args.workers)
    plain_runs, bare_runs, rows = [], [], []

    def floors(when: str) -> None:
        print(f"  plain Django and the bare endpoint ({when}) ...", flush=True)
        plain_runs.append(servers.measure(PLAIN_BASE + "/bench/bare", seconds=args.seconds))
        bare_runs.append(servers.measure(BASE + "/bench/bare", seconds=args.seconds))

    try:
        listed, extra = pagelist.pages()
        if args.only:  # some pages only (by name); the floors are measured as always
            wanted = [w.strip().lower() for w in args.only.split(",")]
            listed = [p for p in listed if any(w in p.name.lower() for w in wanted)]
        floors("start")
        middle = len(listed) // 2
        for index, page in enumerate(listed):
            result = None
            if page.path is not None:
                print(f"  {page.name} ...", flush=True)
                if page.before is not None:
                    page.before()
                result = servers.measure(
                    BASE + page.path, seconds=args.seconds, cookie=page.cookie, lua=page.lua
                ).as_dict()
            rows.append({"name": page.name, "group": page.group, "result": result})
            if index == middle:  # again halfway: a shared machine's load drifts
                floors("middle")
        floors("end")
    finally:
        portal.stop()
        plain.stop()

    def median(runs):
        return sorted(runs, key=lambda r: r.rps)[len(runs) // 2]

    reference, bare = median(plain_runs), median(bare_runs)
    if reference.rps <= 0 or bare.rps <= 0:
        raise SystemExit("A reference answered nothing: is gunicorn running? See above.")
    run = {
        "scale": args.measure_scale,
        "counts": report.counts(),
        "places": report.check_places(extra["target"]),
        "plain": reference.as_dict(),
        "plain_runs": [r.as_dict() for r in plain_runs],
        "bare_runs": [r.as_dict() for r in bare_runs],
        "rows": [
            {
                "name": "plain Django, bare view (reference)",
                "group": "plain",
                "result": reference.as_dict(),
            },
            {
                "name": "portal, bare endpoint (its middleware)",
                "group": "bare",
                "result": bare.as_dict(),
            },
            *rows,
        ],
    }
    Path(args.out).write_text(json.dumps(run))


def run_pages(args) -> None:
    import report

    runs = []
    started = datetime.now(UTC)
    for scale in args.scales:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            cmd = [PY, __file__, "--measure-scale", str(scale), "--out", out.name]
            cmd += ["--seconds", str(args.seconds)] + (["--reuse"] if args.reuse else [])
            cmd += ["--only", args.only] if args.only else []
            cmd += ["--workers", str(args.workers)]
            if args.seed_only:
                servers.prepare(servers.environment(scale), scale=scale, reuse=args.reuse)
                continue
            print(f"Scale {scale}:", flush=True)
            subprocess.run(cmd, check=True, cwd=servers.ROOT)
            runs.append(json.loads(Path(out.name).read_text()))
    if args.seed_only:
        print("The scratch databases are ready; measure with --reuse.")
        return
    minutes = (datetime.now(UTC) - started).total_seconds() / 60
    body = (
        f"## Pages ({started:%Y-%m-%d %H:%M} UTC, scales {', '.join(map(str, args.scales))})\n\n"
        f"Machine: {report.machine()}.\n"
        f"Production configuration: `gunicorn -c gunicorn.conf.py`, {args.workers} sync workers, "
        f"preloaded, "
        f"workers replaced after about 1,000 requests, DEBUG off; wrk with 2 threads and 8 "
        f"connections, a warm-up, then the median of {RUNS} runs of {args.seconds} s per page. "
        f"Every ratio is against a plain Django project (startproject's middleware, one view "
        f"returning two bytes, the same gunicorn settings) measured in the same run at the start, "
        f"middle and end of each scale; the portal's bare endpoint is the second line: the cost "
        f"of its middleware. The whole run took {minutes:.0f} minutes.\n\n"
        + "".join(report.plain_line(run) for run in runs)
        + "\n"
        + report.table(runs)
    )
    section = "pages"
    if args.workers != DEFAULT_WORKERS:  # another setting than the table's: a section of its own
        body = body.replace("## Pages (", f"## Pages with {args.workers} workers (", 1)
        section = f"pages-{args.workers}-workers"
    if args.only:  # a partial run keeps the full table and goes in a section of its own
        body = body.replace("## Pages", f"## Some pages ({args.only!r})", 1)
        section += "-only"
    print(body)
    report.write_doc(section, body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="0.1,1.0", help="Comma-separated, small to large.")
    parser.add_argument("--scale", type=float, help="One scale only (same as --scales X).")
    parser.add_argument("--reuse", action="store_true", help="Keep the scratch databases.")
    parser.add_argument(
        "--seed-only", action="store_true", help="Only make the scratch databases (then --reuse)."
    )
    parser.add_argument("--seconds", type=int, default=8, help="Length of each measured run.")
    parser.add_argument(
        "--only", default="", help="Only the pages whose name has one of these (comma-separated)."
    )
    parser.add_argument("--sweep", action="store_true", help="Measure the reminder sweep.")
    parser.add_argument("--messages", type=int, default=10_000, help="Reminders in the sweep.")
    parser.add_argument(
        "--sms-sweep", action="store_true", help="Measure the text-message sweep (fake Twilio)."
    )
    parser.add_argument("--sms-messages", type=int, default=2_000, help="SMS in that sweep.")
    parser.add_argument("--measure-scale", type=float, help=argparse.SUPPRESS)
    parser.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        help="Sync workers of both servers (the table's setting is 2).",
    )
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.scales = [args.scale] if args.scale else [float(s) for s in args.scales.split(",")]
    if args.sms_sweep:
        import report
        from sms_sweep import run_sms_sweep

        run_sms_sweep(
            args,
            environment=servers.environment,
            setup_django=servers.setup_django,
            write_doc=report.write_doc,
            machine=report.machine,
        )
        return
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (bench/run does it).")
    if args.sweep:
        import report
        from sweep import run_sweep

        run_sweep(
            args,
            environment=servers.environment,
            setup_django=servers.setup_django,
            write_doc=report.write_doc,
            machine=report.machine,
        )
    elif args.measure_scale is not None:
        measure_scale(args)
    else:
        run_pages(args)


if __name__ == "__main__":
    sys.exit(main())
