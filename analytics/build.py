"""Export → validated DuckDB file, written beside the target and renamed into place in one step.

The database the app is serving is never half-written: everything goes to a temporary
file in the same folder, which `os.replace` swaps in atomically once complete. Any
problem leaves the old file byte-for-byte as it was. The previous database is kept as
a dated backup (the last few), and what changed since it is summarised before the swap.

`build` does it all at once (the `iapt build` command). The admin page splits it in two:
`stage` validates and writes the new file and the change summary, a person reads them,
then `commit` swaps the file in, but only if the live database is still the one the
summary was made against, or `discard` drops it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from analytics import gazetteer, taxonomy
from analytics.reader import ROW, Problem, problem_list, read_export
from analytics.registry_format import FORMAT_VERSION, INITIATIVES
from analytics.safe_csv import write_csv
from analytics.validate import Validated, search_key, validate

SCHEMA = Path(__file__).with_name("schema.sql")
BACKUPS_KEPT = 3
SYNTHETIC_MARK = "SYNTHETIC"
STAGED_SUFFIX = ".building"
# a staged database nobody committed (a closed browser tab, a killed build) is removed after this long
STAGED_MAX_AGE_SECONDS = 2 * 3600
# initiative columns compared between two databases: the export's own values, not those the build derives from them
CHANGE_FIELDS = tuple(name for name in INITIATIVES.column_names if name != "id")
SECTOR_FIELDS = {"priority_sectors": "eclac_sector", "isic_sections": "isic_section"}


class StaleBuild(RuntimeError):
    """The live database was replaced after this build was checked against it: its change summary no longer holds."""


class BuildFailed(RuntimeError):
    """The new database, or a file beside it, could not be written (a full disk, a read-only folder). The live
    database is untouched; the message says why in one line."""


def _failure(action: str, error: BaseException, db_path: Path) -> BuildFailed:
    first = (str(error).splitlines() or [type(error).__name__])[0]
    full = isinstance(error, OSError) and error.errno == errno.ENOSPC or "No space left" in str(error)
    why = "the disk is full" if full else first
    return BuildFailed(f"could not {action}: {why}. {db_path} is unchanged.")


@dataclass
class Changes:
    """What a new database changes against the one it replaces; `previous_built_at` is None when there was none."""

    previous_built_at: dt.datetime | None
    initiatives: pl.DataFrame  # id, change (added, removed, changed), fields (a list: what changed)
    memberships: pl.DataFrame  # initiative_id, added, removed: firms that joined or left each initiative
    firms_added: int = 0
    firms_removed: int = 0
    collaborations_added: int = 0
    collaborations_removed: int = 0

    def ids(self, change: str) -> list[str]:
        return self.initiatives.filter(pl.col("change") == change)["id"].to_list()

    @property
    def memberships_added(self) -> int:
        return int(self.memberships["added"].sum())

    @property
    def memberships_removed(self) -> int:
        return int(self.memberships["removed"].sum())

    @property
    def any(self) -> bool:
        return bool(self.initiatives.height or self.memberships.height or self.firms_added or self.firms_removed
                    or self.collaborations_added or self.collaborations_removed)

    def lines(self, limit: int = 20) -> list[str]:
        """The summary as `iapt build` prints it: counts, then at most `limit` ids per kind of change."""
        if self.previous_built_at is None:
            return ["No previous database: everything is new."]
        lines = [f"Changes since the previous database (built {self.previous_built_at:%Y-%m-%d %H:%M}):"]
        if not self.any:
            return [*lines, "  none: the registry's content is the same."]
        added, removed = self.ids("added"), self.ids("removed")
        changed = self.initiatives.filter(pl.col("change") == "changed")
        lines.append(f"  initiatives: {len(added):,} added, {len(removed):,} removed, {changed.height:,} changed")
        for label, ids in (("added", added), ("removed", removed)):
            if ids:
                lines.append(f"    {label}: {', '.join(ids[:limit])}{_more(len(ids), limit)}")
        if changed.height:
            shown = [f"{row['id']} ({', '.join(row['fields'])})" for row in changed.head(limit).iter_rows(named=True)]
            lines.append(f"    changed: {'; '.join(shown)}{_more(changed.height, limit)}")
        lines.append(f"  memberships: {self.memberships_added:,} added, {self.memberships_removed:,} removed"
                     + (f", in {self.memberships.height:,} initiatives" if self.memberships.height else ""))
        lines.append(f"  firms: {self.firms_added:,} added, {self.firms_removed:,} removed; collaborations: "
                     f"{self.collaborations_added:,} added, {self.collaborations_removed:,} removed")
        return lines

    def frame(self) -> pl.DataFrame:
        """One row per initiative whose fields or members changed, for a file or a table on the admin page."""
        counts = self.memberships.rename({"initiative_id": "id", "added": "firms_joined", "removed": "firms_left"})
        return (self.initiatives.with_columns(pl.col("fields").list.join(", "))
                .join(counts, on="id", how="full", coalesce=True)
                .with_columns(pl.col("change").fill_null("members"), pl.col("fields").fill_null(""),
                              pl.col("firms_joined", "firms_left").fill_null(0))
                .sort("change", "id"))


def _more(total: int, shown: int) -> str:
    return f" ... and {total - shown:,} more" if total > shown else ""


@dataclass
class BuildResult:
    """`ok`: the export was accepted and a complete database written; `committed`: it is now the live one."""

    ok: bool
    db_path: Path
    problem_table: pl.DataFrame
    report_path: Path | None = None
    rows_read: dict[str, int] = field(default_factory=dict)
    rows_loaded: dict[str, int] = field(default_factory=dict)
    rows_rejected: dict[str, int] = field(default_factory=dict)
    rejects_paths: list[Path] = field(default_factory=list)
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


def checksum(source: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
    for path in files:
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _demo_meta(source: Path) -> dict:
    meta = source / "demo.json" if source.is_dir() else None
    if meta and meta.is_file():
        try:
            return json.loads(meta.read_text())
        except (ValueError, OSError):
            return {}
    return {}


def _region_frame(region_rows: Sequence[gazetteer.Region], cities: Sequence[gazetteer.City]) -> pl.DataFrame:
    """Each region with the places of the city list in it: their count, their total population and the
    population-weighted centre of those with a known population (where a white spot is drawn)."""
    totals: dict[str, list[float]] = {}  # code → [cities, population, sum lat × population, sum lon × population]
    for city in cities:
        total = totals.setdefault(city.region_code, [0, 0, 0.0, 0.0])
        total[0] += 1
        total[1] += city.population
        total[2] += city.lat * city.population
        total[3] += city.lon * city.population
    rows = []
    for region in region_rows:
        count, population, lat_weight, lon_weight = totals.get(region.code, (0, 0, 0.0, 0.0))
        rows.append({"code": region.code, "country": region.country, "name": region.name, "kind": region.kind,
                     "cities": int(count), "city_population": int(population),
                     "population_source": gazetteer.CITIES_SOURCE,
                     "lat": lat_weight / population if population else None,
                     "lon": lon_weight / population if population else None})
    return pl.DataFrame(rows, schema={"code": pl.String, "country": pl.String, "name": pl.String, "kind": pl.String,
                                      "cities": pl.Int32, "city_population": pl.Int64,
                                      "population_source": pl.String, "lat": pl.Float64, "lon": pl.Float64})


def _reference_frames(cities: Sequence[gazetteer.City] | None = None) -> dict[str, pl.DataFrame]:
    """The gazetteer's tables; `cities` replaces its city list (the hand-made test registry brings its own)."""
    countries = gazetteer.countries()
    region_rows = gazetteer.regions()
    counts: dict[str, int] = {}
    for region in region_rows:
        counts[region.country] = counts.get(region.country, 0) + 1
    return {
        "countries": pl.DataFrame([{
            "iso2": c.iso2, "iso3": c.iso3, "name_en": c.name_en, "name_es": c.name_es, "name_pt": c.name_pt,
            "subregion": c.subregion, "population": c.population, "population_year": c.population_year,
            "population_source": c.population_source, "area_km2": c.area_km2, "lat": c.lat, "lon": c.lon,
            "region_count": counts.get(c.iso2, 0), "outline": json.dumps(c.outline, separators=(",", ":")),
        } for c in countries]),
        "regions": _region_frame(region_rows, gazetteer.cities() if cities is None else cities),
        "sectors": pl.DataFrame([
            {"code": t.code, "scheme": scheme, "name_en": t.en, "name_es": t.es, "name_pt": t.pt, "sort_order": i}
            for scheme in ("eclac_sector", "isic_section") for i, t in enumerate(taxonomy.TABLES[scheme])
        ]),
    }


def _keep_good(validated: Validated, name: str) -> pl.DataFrame | None:
    frame = validated.tables.get(name)
    if frame is None:
        return None
    rejected = validated.rejected.get(name)
    return frame if rejected is None or rejected.is_empty() else frame.join(rejected.select(ROW), on=ROW, how="anti")


def _registry_frames(validated: Validated) -> dict[str, pl.DataFrame]:
    initiatives = _keep_good(validated, "initiatives")
    firms = _keep_good(validated, "firms")
    memberships = _keep_good(validated, "memberships")
    collaborations = _keep_good(validated, "collaborations")
    memberships = memberships.select("firm_id", "initiative_id", "joined_on")
    listed = memberships.group_by("initiative_id").agg(pl.len().cast(pl.Int32).alias("member_firms_listed"))
    initiatives = initiatives.join(listed, left_on="id", right_on="initiative_id", how="left").with_columns(
        pl.col("member_firms_listed").fill_null(0),
    ).with_columns(
        pl.when(pl.col("member_firms_listed") > 0).then(pl.col("member_firms_listed"))
        .otherwise(pl.col("member_firms_declared").fill_null(0)).alias("member_firms"),
        search_key(pl.concat_str([pl.col("name"), pl.col("city"), pl.col("id")], separator=" ")).alias("name_search"),
        pl.col("priority_sectors").list.first().alias("primary_sector"),
        pl.col("isic_sections").list.first().alias("primary_isic"),
        pl.col("source").fill_null("").str.contains(SYNTHETIC_MARK).alias("synthetic"),
        pl.col("region_code").alias("region"),
    )
    sectors = pl.concat([
        initiatives.select(pl.col("id").alias("initiative_id"), pl.col(column).alias("sector"))
        .with_columns(pl.lit(scheme).alias("scheme"), pl.int_ranges(pl.col("sector").list.len()).alias("position"))
        .explode("sector", "position")
        .drop_nulls("sector")
        .select("initiative_id", "scheme", "sector", (pl.col("position") == 0).alias("is_primary"))
        for column, scheme in SECTOR_FIELDS.items()
    ])
    if collaborations is None:
        collaborations = pl.DataFrame(schema={"initiative_a": pl.String, "initiative_b": pl.String,
                                              "programme": pl.String, "started_on": pl.Date})
    milestones = _keep_good(validated, "milestones")
    if milestones is None:
        milestones = pl.DataFrame(schema={"date": pl.Date, "count": pl.Int64, "label_en": pl.String,
                                          "label_es": pl.String, "label_pt": pl.String, "source": pl.String})
    milestones = milestones.with_columns(pl.col("label_es").fill_null(pl.col("label_en")),
                                         pl.col("label_pt").fill_null(pl.col("label_en")))
    return {
        "milestones": milestones.sort("date"),
        "initiatives": initiatives,
        "initiative_sectors": sectors,
        "firms": firms,
        "memberships": memberships,
        "collaborations": collaborations.select("initiative_a", "initiative_b", "programme", "started_on"),
    }


# Columns and tables the build derives from the loaded ones; schema.sql says why.
DERIVED_COLUMNS = {"initiatives": ("key", "sector_list", "isic_list")}


def _sector_list(scheme: str) -> str:
    """An initiative's sectors of one scheme as text, the primary one first and the rest by code: what the
    database stores (`sector_list`, `isic_list`) and what the change summary compares. `scheme` is a constant."""
    return f"string_agg(sector, ';' ORDER BY NOT is_primary, sector) FILTER (WHERE scheme = '{scheme}')"


DERIVE = f"""
UPDATE initiatives SET key = x.key, sector_list = x.sector_list, isic_list = x.isic_list
FROM (SELECT i.id, (row_number() OVER (ORDER BY i.id))::INTEGER AS key, s.sector_list, s.isic_list
      FROM initiatives i LEFT JOIN (
          SELECT initiative_id, {_sector_list('eclac_sector')} AS sector_list, {_sector_list('isic_section')} AS isic_list
          FROM initiative_sectors GROUP BY initiative_id) s ON s.initiative_id = i.id) x
WHERE x.id = initiatives.id;

CREATE TEMP TABLE firm_reach AS SELECT firm_id, count(*) AS initiatives FROM memberships GROUP BY firm_id;
CREATE TEMP TABLE shared_firm AS
    SELECT firm_id, (row_number() OVER (ORDER BY firm_id))::INTEGER AS firm_key FROM firm_reach WHERE initiatives > 1;

INSERT INTO initiative_firm_counts
    SELECT i.key, f.size_class, f.isic_section, count(*), count(*) FILTER (WHERE r.initiatives = 1)
    FROM memberships m JOIN initiatives i ON i.id = m.initiative_id JOIN firm_reach r ON r.firm_id = m.firm_id
    JOIN firms f ON f.id = m.firm_id
    GROUP BY ALL ORDER BY ALL;

INSERT INTO shared_memberships
    SELECT i.key, k.firm_key, f.size_class, f.isic_section
    FROM memberships m JOIN initiatives i ON i.id = m.initiative_id JOIN shared_firm k ON k.firm_id = m.firm_id
    JOIN firms f ON f.id = m.firm_id
    ORDER BY ALL;

DROP TABLE firm_reach;
DROP TABLE shared_firm;
"""


def _write_database(path: Path, frames: dict[str, pl.DataFrame], info: dict) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute(SCHEMA.read_text())
        for table, frame in frames.items():
            columns = [row[0] for row in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table]).fetchall() if row[0] not in DERIVED_COLUMNS.get(table, ())]
            con.register("incoming", frame.select(columns).to_arrow())
            # table and column names come from the fixed schema above, never from input
            con.execute(f'INSERT INTO "{table}" ({", ".join(columns)}) SELECT * FROM incoming')  # noqa: S608
            con.unregister("incoming")
        con.execute(DERIVE)
        con.execute("INSERT INTO build_info VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            info["built_at"], info["source_path"], info["source_checksum"], FORMAT_VERSION, info["synthetic"],
            info.get("demo_seed"), info.get("demo_scale"), frames["initiatives"].height, frames["firms"].height,
            frames["memberships"].height, frames["collaborations"].height, info["population_vintage"],
        ])
        con.execute("CHECKPOINT")
    finally:
        con.close()


# --------------------------------------------------------------------------- change summary


def _initiative_values(catalog: str) -> str:
    """The compared values of every initiative in one database; sectors as text, the primary one first."""
    sector_lists = ", ".join(f"{_sector_list(scheme)} AS {name}" for name, scheme in SECTOR_FIELDS.items())
    plain = ", ".join(f"i.{name}" for name in CHANGE_FIELDS if name not in SECTOR_FIELDS)
    # catalog is "new" or "previous" and the names come from the spec: nothing here comes from input
    return (f"SELECT i.id, {plain}, {', '.join(f's.{name}' for name in SECTOR_FIELDS)} FROM {catalog}.initiatives i "
            f"LEFT JOIN (SELECT initiative_id, {sector_lists} FROM {catalog}.initiative_sectors GROUP BY initiative_id) s "
            f"ON s.initiative_id = i.id")


def _changes(new_db: Path, previous_db: Path) -> Changes:
    """Compares two databases inside DuckDB, which streams millions of memberships without loading them into Python."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH ? AS new (READ_ONLY)", [str(new_db)])
        con.execute("ATTACH ? AS previous (READ_ONLY)", [str(previous_db)])
        built_at = con.execute("SELECT max(built_at) FROM previous.build_info").fetchall()[0][0]
        differs = ", ".join(f"CASE WHEN n.{name} IS DISTINCT FROM o.{name} THEN '{name}' END" for name in CHANGE_FIELDS)
        initiatives = con.sql(f"""
            WITH n AS ({_initiative_values("new")}), o AS ({_initiative_values("previous")}),
            compared AS (
                SELECT coalesce(n.id, o.id) AS id,
                       CASE WHEN o.id IS NULL THEN 'added' WHEN n.id IS NULL THEN 'removed' ELSE 'changed' END AS change,
                       CASE WHEN n.id IS NULL OR o.id IS NULL THEN []::VARCHAR[]
                            ELSE list_filter([{differs}], lambda x: x IS NOT NULL) END AS fields
                FROM n FULL OUTER JOIN o ON n.id = o.id)
            SELECT * FROM compared WHERE change <> 'changed' OR len(fields) > 0 ORDER BY change, id""").pl()
        memberships = con.sql("""
            WITH added AS (SELECT firm_id, initiative_id FROM new.memberships
                           EXCEPT SELECT firm_id, initiative_id FROM previous.memberships),
                 removed AS (SELECT firm_id, initiative_id FROM previous.memberships
                             EXCEPT SELECT firm_id, initiative_id FROM new.memberships),
                 both_sides AS (SELECT initiative_id, 1 AS added, 0 AS removed FROM added
                                UNION ALL SELECT initiative_id, 0, 1 FROM removed)
            SELECT initiative_id, sum(added)::BIGINT AS added, sum(removed)::BIGINT AS removed
            FROM both_sides GROUP BY initiative_id ORDER BY sum(added) + sum(removed) DESC, initiative_id""").pl()
        counts = con.execute("""
            SELECT (SELECT count(*) FROM (SELECT id FROM new.firms EXCEPT SELECT id FROM previous.firms)),
                   (SELECT count(*) FROM (SELECT id FROM previous.firms EXCEPT SELECT id FROM new.firms)),
                   (SELECT count(*) FROM (SELECT initiative_a, initiative_b, programme FROM new.collaborations
                                          EXCEPT SELECT initiative_a, initiative_b, programme FROM previous.collaborations)),
                   (SELECT count(*) FROM (SELECT initiative_a, initiative_b, programme FROM previous.collaborations
                                          EXCEPT SELECT initiative_a, initiative_b, programme FROM new.collaborations))
        """).fetchall()[0]
    finally:
        con.close()
    return Changes(built_at, initiatives, memberships, *counts)


def _first_changes() -> Changes:
    empty = pl.DataFrame(schema={"id": pl.String, "change": pl.String, "fields": pl.List(pl.String)})
    return Changes(None, empty, pl.DataFrame(schema={"initiative_id": pl.String, "added": pl.Int64, "removed": pl.Int64}))


# --------------------------------------------------------------------------- files beside the database


def _write_report(path: Path, problems: pl.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_csv(problems, path)


def _write_rejects(folder: Path, validated: Validated) -> list[Path]:
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


def _file_identity(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _backup(db_path: Path) -> Path | None:
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
def _swap_lock(db_path: Path):
    """One swap at a time in the database's folder, across processes: the check that the live file is still the one a
    summary was made against, the backup and the rename happen together. The folder itself is locked, so that no lock
    file is left lying beside the database."""
    folder = os.open(db_path.parent, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # closing releases the lock


def _remove_abandoned(folder: Path, db_name: str) -> None:
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


# --------------------------------------------------------------------------- stage, commit, build


def _counts(result: BuildResult, validated: Validated) -> None:
    for name, read in validated.rows_read.items():
        rejected = validated.rejected[name].height
        result.rows_rejected[name] = rejected
        result.rows_loaded[name] = read - rejected


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
    result = BuildResult(ok=False, db_path=db_path, problem_table=validated.problems, rows_read=validated.rows_read)
    _counts(result, validated)
    if not validated.problems.is_empty():
        _write_report(report_path, validated.problems)
        result.report_path = report_path
    if not validated.blocking.is_empty() or (not validated.problems.is_empty() and not skip_invalid):
        return result
    emptied = [name for name in ("initiatives", "firms", "memberships") if result.rows_loaded.get(name) == 0]
    if emptied:
        result.refusal = (f"every row of {', '.join(emptied)} was rejected: loading the rest would empty the registry")
        return result
    if skip_invalid:
        result.rejects_paths = _write_rejects(rejects_dir, validated)
    frames = _registry_frames(validated)
    meta = _demo_meta(source)
    info = {
        "built_at": dt.datetime.now().replace(microsecond=0),
        "source_path": str(source.resolve()),
        "source_checksum": checksum(source),
        "synthetic": bool(frames["initiatives"]["synthetic"].any()),
        "demo_seed": meta.get("seed"),
        "demo_scale": meta.get("scale"),
        "population_vintage": _population_vintage(),
    }
    frames.update(_reference_frames(cities))
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(db_path.parent, db_path.name)
    # the staged copy lives in a folder only its owner can open (mkdtemp: 0700) until it is committed
    staged = Path(tempfile.mkdtemp(prefix=f".{db_path.name}.", suffix=STAGED_SUFFIX, dir=db_path.parent)) / db_path.name
    try:
        _write_database(staged, frames, info)
        result.base_identity = _file_identity(db_path)
        try:
            result.changes = _changes(staged, db_path) if result.base_identity else _first_changes()
        except duckdb.Error as error:
            result.changes_error = f"could not compare with the previous database: {str(error).splitlines()[0]}"
    except (OSError, duckdb.Error) as error:
        discard(result, staged)
        raise _failure("write the new database", error, db_path) from error
    except BaseException:
        discard(result, staged)
        raise
    if result.changes and (result.changes.initiatives.height or result.changes.memberships.height):
        try:
            write_csv(result.changes.frame(), changes_path)
        except OSError as error:
            discard(result, staged)
            raise _failure(f"write {changes_path}", error, db_path) from error
        result.changes_path = changes_path
    result.ok, result.staged_path = True, staged
    return result


def commit(result: BuildResult) -> BuildResult:
    """Swaps the staged database in, keeping the live one as a backup; raises StaleBuild (and keeps the staged file,
    for `discard`) if another build replaced the live database after this one was compared with it."""
    if not result.ok or result.staged_path is None or not result.staged_path.exists():
        raise ValueError("nothing staged to commit: build the export again")
    with _swap_lock(result.db_path):
        if _file_identity(result.db_path) != result.base_identity:
            raise StaleBuild(f"{result.db_path} was replaced after this export was checked against it: check it again")
        result.backup_path = _backup(result.db_path)
        os.chmod(result.staged_path, 0o644)  # the registry is public data: the app may run as another user
        os.replace(result.staged_path, result.db_path)
    _remove_staging_folder(result.staged_path)
    result.staged_path, result.committed = None, True
    return result


def _remove_staging_folder(staged: Path) -> None:
    if staged.parent.name.endswith(STAGED_SUFFIX):
        shutil.rmtree(staged.parent, ignore_errors=True)


def discard(result: BuildResult, staged: Path | None = None) -> None:
    staged = staged or result.staged_path
    if staged is not None:
        staged.unlink(missing_ok=True)
        Path(f"{staged}.wal").unlink(missing_ok=True)
        _remove_staging_folder(staged)
    result.staged_path = None


def build(source: Path, db_path: Path, *, skip_invalid: bool = False, today: dt.date | None = None,
          report_path: Path | None = None, rejects_dir: Path | None = None,
          changes_path: Path | None = None, cities: Sequence[gazetteer.City] | None = None) -> BuildResult:
    result = stage(source, db_path, skip_invalid=skip_invalid, today=today, report_path=report_path,
                   rejects_dir=rejects_dir, changes_path=changes_path, cities=cities)
    if not result.ok:
        return result
    try:
        commit(result)
    except StaleBuild as error:
        result.ok, result.refusal = False, str(error)
    finally:
        discard(result)
    return result


def _population_vintage() -> str:
    years = sorted({c.population_year for c in gazetteer.countries() if c.population_year})
    sources = sorted({c.population_source for c in gazetteer.countries() if c.population_source})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "unknown")
    return f"{'; '.join(sources)} ({span})"
