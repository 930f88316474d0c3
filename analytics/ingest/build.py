"""Export → validated DuckDB file, written beside the target and renamed into place in one step.

The database the app is serving is never half-written: everything goes to a temporary
file in the same folder, which `os.replace` swaps in atomically once complete. Any
problem leaves the old file byte-for-byte as it was. The previous database is kept as
a dated backup (the last few), and what changed since it is summarised before the swap.

`build` does it all at once (the `iapt build` command). The admin page splits it in two:
`stage` validates and writes the new file and the change summary, a person reads them,
then `commit` swaps the file in, but only if the live database is still the one the
summary was made against, or `discard` drops it. Each step returns a new `BuildResult`;
none changes the one it was given.

The steps live beside this module: `reader` and `validate` check the export, `load` writes the
database, `changes` compares it with the live one, `swap` handles the files around it.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

import duckdb
import polars as pl

from analytics.ingest import changes as change_summary
from analytics.ingest import load, swap
from analytics.ingest.changes import Changes
from analytics.ingest.reader import Problem, problem_list, read_export
from analytics.ingest.swap import STAGED_MAX_AGE_SECONDS, STAGED_SUFFIX, BuildFailed, StaleBuild
from analytics.ingest.validate import Validated, validate
from analytics.reference import gazetteer
from analytics.safe_csv import write_csv

__all__ = ["STAGED_MAX_AGE_SECONDS", "BuildFailed", "BuildResult", "Changes", "StaleBuild", "build", "commit",
           "discard", "stage"]



@dataclass(frozen=True)
class BuildResult:
    """`ok`: the export was accepted and a complete database written; `committed`: it is now the live one."""

    ok: bool
    db_path: Path
    problem_table: pl.DataFrame
    report_path: Path | None = None
    rows_read: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    rows_loaded: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    rows_rejected: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    rejects_paths: tuple[Path, ...] = ()
    backup_path: Path | None = None
    changes: Changes | None = None
    changes_path: Path | None = None
    staged_path: Path | None = None
    base_identity: tuple[int, int, int] | None = None
    committed: bool = False
    refusal: str | None = None  # why an export whose rows could be checked was still not built
    changes_error: str | None = None  # why there is no change summary, when the previous database could not be read

    @property
    def problems(self) -> list[Problem]:
        return problem_list(self.problem_table)


def _checked(validated: Validated, db_path: Path, report_path: Path | None) -> BuildResult:
    """The result of the check alone: rows read, loaded and rejected per table, and the problems."""
    rejected = {name: validated.rejected[name].height for name in validated.rows_read}
    return BuildResult(ok=False, db_path=db_path, problem_table=validated.problems, report_path=report_path,
                       rows_read=MappingProxyType(dict(validated.rows_read)),
                       rows_loaded=MappingProxyType({name: read - rejected[name]
                                                     for name, read in validated.rows_read.items()}),
                       rows_rejected=MappingProxyType(rejected))


def stage(source: Path, db_path: Path, *, skip_invalid: bool = False, today: dt.date | None = None,
          report_path: Path | None = None, rejects_dir: Path | None = None,
          changes_path: Path | None = None, cities: Sequence[gazetteer.City] | None = None) -> BuildResult:
    """Validates the export and, if it may be loaded, writes the new database beside the live one (not yet live) and
    compares the two. Writes the problem report, the rejected rows and the list of changes where there are any."""
    source, db_path = Path(source), Path(db_path)
    report_path = report_path or db_path.with_name(f"{db_path.stem}-build-report.csv")
    rejects_dir = rejects_dir or db_path.with_name(f"{db_path.stem}-rejects")
    changes_path = changes_path or db_path.with_name(f"{db_path.stem}-changes.csv")
    validated = validate(read_export(source), today=today, cascade=skip_invalid)
    reported = not validated.problems.is_empty()
    if reported:
        swap.write_report(report_path, validated.problems)
    result = _checked(validated, db_path, report_path if reported else None)
    if not validated.blocking.is_empty() or (reported and not skip_invalid):
        return result
    emptied = [name for name in ("initiatives", "firms", "memberships") if result.rows_loaded.get(name) == 0]
    if emptied:
        return replace(result, refusal=f"every row of {', '.join(emptied)} was rejected: loading the rest would "
                                       "empty the registry")
    if skip_invalid:
        result = replace(result, rejects_paths=tuple(swap.write_rejects(rejects_dir, validated)))
    frames = load.registry_frames(validated)
    meta = load.demo_meta(source)
    info = {
        "built_at": dt.datetime.now().replace(microsecond=0),
        "source_path": str(source.resolve()),
        "source_checksum": load.checksum(source),
        "synthetic": bool(frames["initiatives"]["synthetic"].any()),
        "demo_seed": meta.get("seed"),
        "demo_scale": meta.get("scale"),
        "population_vintage": load.population_vintage(),
    }
    frames.update(load.reference_frames(cities))
    db_path.parent.mkdir(parents=True, exist_ok=True)
    swap.remove_abandoned(db_path.parent, db_path.name)
    # the staged copy lives in a folder only its owner can open (mkdtemp: 0700) until it is committed
    staged = Path(tempfile.mkdtemp(prefix=f".{db_path.name}.", suffix=STAGED_SUFFIX, dir=db_path.parent)) / db_path.name
    changes, changes_error = None, None
    try:
        load.write_database(staged, frames, info)
        base_identity = swap.file_identity(db_path)
        try:
            changes = change_summary.compare(staged, db_path) if base_identity else change_summary.first_changes()
        except duckdb.Error as error:
            changes_error = f"could not compare with the previous database: {str(error).splitlines()[0]}"
    except (OSError, duckdb.Error) as error:
        _remove_staged(staged)
        raise swap.failure("write the new database", error, db_path) from error
    except BaseException:
        _remove_staged(staged)
        raise
    written = None
    if changes and (changes.initiatives.height or changes.memberships.height):
        try:
            write_csv(changes.frame(), changes_path)
        except OSError as error:
            _remove_staged(staged)
            raise swap.failure(f"write {changes_path}", error, db_path) from error
        written = changes_path
    return replace(result, ok=True, staged_path=staged, base_identity=base_identity, changes=changes,
                   changes_error=changes_error, changes_path=written)


def commit(result: BuildResult) -> BuildResult:
    """Swaps the staged database in, keeping the live one as a backup, and returns the committed result; raises
    StaleBuild (and keeps the staged file, for `discard`) if another build replaced the live database after this one
    was compared with it."""
    if not result.ok or result.staged_path is None or not result.staged_path.exists():
        raise ValueError("nothing staged to commit: build the export again")
    with swap.swap_lock(result.db_path):
        if swap.file_identity(result.db_path) != result.base_identity:
            raise StaleBuild(f"{result.db_path} was replaced after this export was checked against it: check it again")
        backup = swap.backup(result.db_path)
        os.chmod(result.staged_path, 0o644)  # the registry is public data: the app may run as another user
        os.replace(result.staged_path, result.db_path)
    swap.remove_staging_folder(result.staged_path)
    return replace(result, staged_path=None, committed=True, backup_path=backup)


def _remove_staged(staged: Path) -> None:
    staged.unlink(missing_ok=True)
    Path(f"{staged}.wal").unlink(missing_ok=True)
    swap.remove_staging_folder(staged)


def discard(result: BuildResult) -> BuildResult:
    """Removes the staged database, if any; returns the result without it."""
    if result.staged_path is not None:
        _remove_staged(result.staged_path)
    return replace(result, staged_path=None)


def build(source: Path, db_path: Path, *, skip_invalid: bool = False, today: dt.date | None = None,
          report_path: Path | None = None, rejects_dir: Path | None = None,
          changes_path: Path | None = None, cities: Sequence[gazetteer.City] | None = None) -> BuildResult:
    result = stage(source, db_path, skip_invalid=skip_invalid, today=today, report_path=report_path,
                   rejects_dir=rejects_dir, changes_path=changes_path, cities=cities)
    if not result.ok:
        return result
    try:
        return commit(result)
    except StaleBuild as error:
        return discard(replace(result, ok=False, refusal=str(error)))
    except BaseException:
        discard(result)
        raise
