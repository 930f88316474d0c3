"""The files around the live database: the lock that makes a swap one step, the dated backups, the staging folder
of a database not yet live, and the report and rejected rows written beside it. A failure to write says why in one
line and leaves the live database as it was."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import shutil
import time
from pathlib import Path

import polars as pl

from analytics.ingest.reader import ROW
from analytics.ingest.validate import Validated
from analytics.safe_csv import write_csv

BACKUPS_KEPT = 3
STAGED_SUFFIX = ".building"
# a staged database nobody committed (a closed browser tab, a killed build) is removed after this long
STAGED_MAX_AGE_SECONDS = 2 * 3600


class StaleBuild(RuntimeError):
    """The live database was replaced after this build was checked against it: its change summary no longer holds."""


class BuildFailed(RuntimeError):
    """The new database, or a file beside it, could not be written (a full disk, a read-only folder). The live
    database is untouched; the message says why in one line."""


def failure(action: str, error: BaseException, db_path: Path) -> BuildFailed:
    first = (str(error).splitlines() or [type(error).__name__])[0]
    full = isinstance(error, OSError) and error.errno == errno.ENOSPC or "No space left" in str(error)
    why = "the disk is full" if full else first
    return BuildFailed(f"could not {action}: {why}. {db_path} is unchanged.")


def write_report(path: Path, problems: pl.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_csv(problems, path)


def write_rejects(folder: Path, validated: Validated) -> list[Path]:
    """One CSV per table with rejected rows: where each came from, why, and its cells as read, under the spec's
    column names, so that the rows can be corrected and sent again. Files from an earlier run are replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, reasons in validated.rejected.items():
        path = folder / f"{name}.csv"
        path.unlink(missing_ok=True)
        if reasons.is_empty():
            continue
        raw = validated.raw[name]
        (raw.frame.join(reasons, on=ROW, how="inner")
         .select(pl.lit(raw.file).alias("file"), pl.col(ROW).alias("row"), "reasons", pl.exclude(ROW, "reasons"))
         .sort("row").pipe(write_csv, path))
        written.append(path)
    return written


def file_identity(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def backup(db_path: Path) -> Path | None:
    """Keeps the database about to be replaced under a dated name. A hard link costs nothing however large the file:
    the swap gives the live name a new file, so the link is left holding the old one. Copies where links fail."""
    if not db_path.exists():
        return None
    folder = db_path.parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    backup = folder / f"{db_path.stem}-{stamp}{db_path.suffix}"
    try:
        os.link(db_path, backup)
    except OSError:
        shutil.copy2(db_path, backup)
    for old in sorted(folder.glob(f"{db_path.stem}-*{db_path.suffix}"))[:-BACKUPS_KEPT]:
        old.unlink()
    return backup


@contextlib.contextmanager
def swap_lock(db_path: Path):
    """One swap at a time in the database's folder, across processes: the check that the live file is still the one a
    summary was made against, the backup and the rename happen together. The folder itself is locked, so that no lock
    file is left lying beside the database."""
    folder = os.open(db_path.parent, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # closing releases the lock


def remove_abandoned(folder: Path, db_name: str) -> None:
    """Staged databases of builds that never finished (a killed process): the admin page removes its own when the
    session ends, so anything this old was left by a crash."""
    cutoff = time.time() - STAGED_MAX_AGE_SECONDS
    for path in folder.glob(f".{db_name}.*{STAGED_SUFFIX}"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink()


def remove_staging_folder(staged: Path) -> None:
    """The private folder a staged database was written in (see `build.stage`)."""
    if staged.parent.name.endswith(STAGED_SUFFIX):
        shutil.rmtree(staged.parent, ignore_errors=True)
