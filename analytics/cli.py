"""The `iapt` command: make a demo export, build the database from an export, show what is in it, serve the app."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from analytics.serving.db import database_path

SUMMARY_LINES = 20


def _demo(args: argparse.Namespace) -> int:
    from analytics.ingest.demo import write_demo

    as_of = dt.date.fromisoformat(args.as_of) if args.as_of else None
    counts = write_demo(Path(args.out), scale=args.scale, seed=args.seed, as_of=as_of)
    (Path(args.out) / "demo.json").write_text(json.dumps(
        {"seed": args.seed, "scale": args.scale, "as_of": (as_of or dt.date.today()).isoformat(), "rows": counts},
        indent=2) + "\n")
    print(f"Synthetic demo export written to {args.out}: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
    return 0


def _build(args: argparse.Namespace) -> int:
    from analytics.ingest.build import BuildFailed, build
    from analytics.ingest.reader import problem_list

    db = Path(args.db) if args.db else database_path()
    try:
        result = build(Path(args.source), db, skip_invalid=args.skip_invalid,
                       report_path=Path(args.report) if args.report else None,
                       rejects_dir=Path(args.rejects) if args.rejects else None)
    except BuildFailed as error:
        print(f"iapt build: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # the report or rejects file, or a folder that cannot be made
        print(f"iapt build: {error.strerror or error}: {error.filename or ''}. {db} is unchanged.", file=sys.stderr)
        return 1
    problems = result.problem_table
    for problem in problem_list(problems.head(SUMMARY_LINES)):
        print(problem, file=sys.stderr)
    if problems.height > SUMMARY_LINES:
        print(f"... and {problems.height - SUMMARY_LINES:,} more", file=sys.stderr)
    if problems.height:
        print(f"{problems.height:,} problem(s); the full list is in {result.report_path}", file=sys.stderr)
    counts = dict(result.rows_read)
    if result.rows_read:
        counts["all tables"] = sum(result.rows_read.values())
    for table, read in counts.items():
        rejected = result.rows_rejected.get(table, sum(result.rows_rejected.values()))
        if result.ok:
            print(f"{table}: {read:,} rows read, {read - rejected:,} loaded, {rejected:,} rejected")
        else:
            print(f"{table}: {read:,} rows read, {rejected:,} with problems")
    if result.refusal:
        print(result.refusal, file=sys.stderr)
    if not result.ok:
        print(f"Nothing was written: {db} is unchanged.", file=sys.stderr)
        return 1
    if result.rejects_paths:
        print("Rejected rows, each with its reasons: " + ", ".join(map(str, result.rejects_paths)))
    for line in result.changes.lines() if result.changes else [result.changes_error]:
        print(line)
    if result.changes_path:
        print(f"Every changed initiative is listed in {result.changes_path}")
    if result.backup_path:
        print(f"Previous database kept as {result.backup_path}")
    print(f"Built {db}")
    return 0


def _info(args: argparse.Namespace) -> int:
    from analytics.serving import queries
    from analytics.serving.db import Database, DatabaseMissing

    try:
        db = Database(Path(args.db) if args.db else None)
        info = queries.build_info(db).to_dicts()[0]
    except DatabaseMissing as error:
        print(error, file=sys.stderr)
        return 1
    for key, value in info.items():
        print(f"{key}: {value}")
    return 0


def _cores() -> int:
    """The cores this process may run on: its CPU affinity (which a container's cpuset narrows), else the count."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _serve(args: argparse.Namespace) -> int:
    from analytics.serve import serve

    return serve(args.port, args.workers, Path(args.db) if args.db else database_path(), address=args.address)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="iapt", description="IAPT Atlas: registry of cluster initiatives in Latin America "
                                   "and the Caribbean.")
    commands = root.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="write a synthetic registry export (CSV files)")
    demo.add_argument("--out", required=True, help="folder to write the CSV files to")
    demo.add_argument("--scale", type=float, default=1, help="1 is today's registry (~480 initiatives); 100 is 100 times it")
    demo.add_argument("--seed", type=int, default=2023)
    demo.add_argument("--as-of", help="the last day of registrations, YYYY-MM-DD (default: today)")
    demo.set_defaults(run=_demo)
    build = commands.add_parser("build", help="validate an export and build the database from it")
    build.add_argument("source", help="a folder of CSV files or an .xlsx workbook")
    build.add_argument("--db", help="database to write (default: $IAPT_DB or data/iapt.duckdb)")
    build.add_argument("--report", help="where to write the list of problems (CSV)")
    build.add_argument("--skip-invalid", action="store_true",
                       help="load the valid rows and write the rejected ones, with their reasons, instead of stopping")
    build.add_argument("--rejects", help="folder for the rejected rows, one CSV per table (default: beside the database)")
    build.set_defaults(run=_build)
    info = commands.add_parser("info", help="show when and from what the database was built")
    info.add_argument("--db")
    info.set_defaults(run=_info)
    serve = commands.add_parser("serve", help="run the app as several processes behind HAProxy (foreground; Ctrl-C stops it)")
    serve.add_argument("--port", type=int, default=8501, help="where the balancer listens (default 8501)")
    serve.add_argument("--workers", type=int, default=_cores(),
                       help="app processes, each on its own loopback port (default: the number of cores)")
    serve.add_argument("--db", help="database to serve (default: $IAPT_DB or data/iapt.duckdb)")
    serve.add_argument("--address", default="", help="interface for the balancer (default: every interface)")
    serve.set_defaults(run=_serve)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
