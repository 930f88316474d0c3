"""The only module that opens the registry database.

The app opens the file read-only and runs every query on its own cursor, because one
DuckDB connection shared by the server's threads fails with "connection is busy". The
build step replaces the file by renaming a new one over it; `Database` notices (the
file's inode and modification time change) and opens the new file on the next query,
so a running app shows new data without a restart and without an error.

The file is ATTACHed to a fresh in-memory connection rather than opened with
`duckdb.connect(path)`: connect returns the instance it already holds for a path while any
connection to it is alive, which after a swap is the old file (the old connection must stay
alive for queries still running on it).
"""

from __future__ import annotations

import os
import re
import threading
import warnings
from pathlib import Path

import duckdb
import polars as pl

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = PROJECT_ROOT / "data" / "iapt.duckdb"
CATALOG = "registry"  # the name the attached file goes by: a constant, never input
# DuckDB 2.0 warns that Arrow from an executed statement copies the rows once more; the copy is cheaper than
# planning the query a second time through a relation (see `Database.query`)
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)


SCHEMA = Path(__file__).resolve().parents[1] / "schema.sql"


class DatabaseMissing(RuntimeError):
    """The database file does not exist or is not a registry database this app can read.

    `reason` says which, in one word a page can translate: missing, unreadable, truncated, tables, version, damaged.
    The message (for the command line and the server's log) names the file and what to do.
    """

    def __init__(self, message: str, reason: str = "missing"):
        super().__init__(message)
        self.reason = reason


def required_tables() -> frozenset[str]:
    """Every table the schema creates: a database without one of them was not built by this version."""
    return frozenset(re.findall(r"^CREATE TABLE (\w+)", SCHEMA.read_text(encoding="utf-8"), flags=re.MULTILINE))


def check_registry(connection: duckdb.DuckDBPyConnection, path: Path, file_size: int) -> None:
    """Refuses a file that opened but cannot serve every page: cut short, from another version, or not a registry.

    Run once per opened file (a few milliseconds), so that a bad file gives one clear message instead of an error
    on whichever query first touches its damaged or missing part.
    """
    from analytics.ingest.registry_format import FORMAT_VERSION

    rebuild = f"rebuild it with `iapt build EXPORT --db {path}`"
    # free blocks at the end of a file may be cut off by DuckDB itself; the blocks in use must all be there
    block_size, used_blocks = connection.execute(
        "SELECT block_size, used_blocks FROM pragma_database_size() WHERE database_name = ?", [CATALOG]).fetchone()
    if file_size < block_size * used_blocks:
        raise DatabaseMissing(f"{path} is cut short ({file_size:,} bytes of at least {block_size * used_blocks:,}): "
                              f"it was not copied whole; {rebuild} or restore a backup", "truncated")
    present = {name for (name,) in connection.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = ?", [CATALOG]).fetchall()}
    missing = sorted(required_tables() - present)
    if missing:
        raise DatabaseMissing(f"{path} is not a registry database of this version (no table {', '.join(missing)}): "
                              f"{rebuild}", "tables")
    (version,) = connection.execute(f"SELECT max(format_version) FROM {CATALOG}.build_info").fetchone()
    if version != FORMAT_VERSION:
        raise DatabaseMissing(f"{path} was built in format {version}; this version of the app reads format "
                              f"{FORMAT_VERSION}: {rebuild}", "version")


def database_path() -> Path:
    """`IAPT_DB` names the database; a relative path is taken from the current directory."""
    configured = os.environ.get("IAPT_DB")
    return Path(configured) if configured else DEFAULT_DB


class Database:
    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else database_path()
        self._lock = threading.Lock()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._identity: tuple[int, int, int] | None = None

    def _file_identity(self) -> tuple[int, int, int]:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            raise DatabaseMissing(
                f"No registry database at {self.path}. Build one with `iapt build EXPORT --db {self.path}` "
                f"or the demo with `make db`."
            ) from None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def connection(self) -> duckdb.DuckDBPyConnection:
        identity = self._file_identity()
        with self._lock:
            if self._connection is None or identity != self._identity:
                try:
                    connection = duckdb.connect()
                    connection.execute(f"ATTACH ? AS {CATALOG} (READ_ONLY)", [str(self.path)])
                except duckdb.Error as error:
                    raise DatabaseMissing(f"{self.path} cannot be opened as a registry database: {error}",
                                          "unreadable") from None
                try:
                    check_registry(connection, self.path, identity[2])
                except duckdb.Error as error:
                    raise DatabaseMissing(f"{self.path} cannot be read as a registry database: {error}",
                                          "damaged") from None
                # the old connection is left to the garbage collector: a query on another thread may still use it
                self._connection, self._identity = connection, identity
            return self._connection

    @property
    def version(self) -> tuple[int, int, int]:
        """Changes whenever the file is replaced: part of every cache key."""
        return self._file_identity()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = self.connection().cursor()
        cursor.execute(f"USE {CATALOG}")  # a cursor starts in the in-memory catalog
        return cursor

    def query(self, sql: str, params: list | tuple = ()) -> pl.DataFrame:
        # execute + Arrow, not `cursor.sql(sql, params=...).pl()`: that builds a relation first and so binds and
        # plans the query twice, a quarter of a typical query's time at today's scale (planning dominates there)
        with self._cursor() as cursor:
            return pl.from_arrow(cursor.execute(sql, list(params)).to_arrow_table())

    def rows(self, sql: str, params: list | tuple = ()) -> list[tuple]:
        with self._cursor() as cursor:
            return cursor.execute(sql, list(params)).fetchall()
