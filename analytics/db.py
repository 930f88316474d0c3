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
import threading
import warnings
from pathlib import Path

import duckdb
import polars as pl

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "iapt.duckdb"
CATALOG = "registry"  # the name the attached file goes by: a constant, never input
# DuckDB 2.0 warns that Arrow from an executed statement copies the rows once more; the copy is cheaper than
# planning the query a second time through a relation (see `Database.query`)
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)


class DatabaseMissing(RuntimeError):
    """The database file does not exist or is not a registry database."""


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
                    raise DatabaseMissing(f"{self.path} cannot be opened as a registry database: {error}") from None
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
