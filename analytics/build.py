"""Export → validated DuckDB file, written beside the target and renamed into place in one step.

The database the app is serving is never half-written: everything goes to a temporary
file in the same folder, which `os.replace` swaps in atomically once complete. Any
problem leaves the old file byte-for-byte as it was. The previous database is kept as
a dated backup (the last few).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from analytics import gazetteer, taxonomy
from analytics.reader import ROW, Problem, read_export
from analytics.registry_format import FORMAT_VERSION
from analytics.validate import Validated, search_key, validate

SCHEMA = Path(__file__).with_name("schema.sql")
BACKUPS_KEPT = 3
SYNTHETIC_MARK = "SYNTHETIC"


@dataclass
class BuildResult:
    ok: bool
    db_path: Path
    problems: list[Problem]
    report_path: Path | None = None
    rows_read: dict[str, int] = field(default_factory=dict)
    rows_loaded: dict[str, int] = field(default_factory=dict)
    rows_rejected: dict[str, int] = field(default_factory=dict)
    backup_path: Path | None = None
    changes: dict | None = None


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


def _reference_frames() -> dict[str, pl.DataFrame]:
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
        "regions": pl.DataFrame([{"code": r.code, "country": r.country, "name": r.name, "kind": r.kind}
                                 for r in region_rows]),
        "sectors": pl.DataFrame([
            {"code": t.code, "scheme": scheme, "name_en": t.en, "name_es": t.es, "name_pt": t.pt, "sort_order": i}
            for scheme in ("eclac_sector", "isic_section") for i, t in enumerate(taxonomy.TABLES[scheme])
        ]),
    }


def _keep_good(validated: Validated, name: str) -> pl.DataFrame | None:
    frame = validated.tables.get(name)
    if frame is None:
        return None
    return frame.filter(~pl.col(ROW).is_in(list(validated.bad_rows.get(name, set()))))


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
        for column, scheme in (("priority_sectors", "eclac_sector"), ("isic_sections", "isic_section"))
    ])
    if collaborations is None:
        collaborations = pl.DataFrame(schema={"initiative_a": pl.String, "initiative_b": pl.String,
                                              "programme": pl.String, "started_on": pl.Date})
    return {
        "initiatives": initiatives,
        "initiative_sectors": sectors,
        "firms": firms,
        "memberships": memberships,
        "collaborations": collaborations.select("initiative_a", "initiative_b", "programme", "started_on"),
    }


def _write_database(path: Path, frames: dict[str, pl.DataFrame], info: dict) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute(SCHEMA.read_text())
        for table, frame in frames.items():
            columns = [row[0] for row in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table]).fetchall()]
            con.register("incoming", frame.select(columns).to_arrow())
            # table names come from the fixed schema above, never from input
            con.execute(f'INSERT INTO "{table}" SELECT * FROM incoming')  # noqa: S608
            con.unregister("incoming")
        con.execute("INSERT INTO build_info VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            info["built_at"], info["source_path"], info["source_checksum"], FORMAT_VERSION, info["synthetic"],
            info.get("demo_seed"), info.get("demo_scale"), frames["initiatives"].height, frames["firms"].height,
            frames["memberships"].height, frames["collaborations"].height, info["population_vintage"],
        ])
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _write_report(path: Path, problems: list[Problem]) -> None:
    pl.DataFrame({
        "file": [p.file for p in problems], "row": [p.row for p in problems], "column": [p.column for p in problems],
        "value": [p.value for p in problems], "reason": [p.reason for p in problems],
    }, schema={"file": pl.String, "row": pl.Int64, "column": pl.String, "value": pl.String,
               "reason": pl.String}).write_csv(path)


def _backup(db_path: Path) -> Path | None:
    if not db_path.exists():
        return None
    folder = db_path.parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    backup = folder / f"{db_path.stem}-{stamp}{db_path.suffix}"
    shutil.copy2(db_path, backup)
    for old in sorted(folder.glob(f"{db_path.stem}-*{db_path.suffix}"))[:-BACKUPS_KEPT]:
        old.unlink()
    return backup


def build(source: Path, db_path: Path, *, skip_invalid: bool = False, today: dt.date | None = None,
          report_path: Path | None = None) -> BuildResult:
    source, db_path = Path(source), Path(db_path)
    report_path = report_path or db_path.with_name(f"{db_path.stem}-build-report.csv")
    export = read_export(source)
    validated = validate(export, today=today, cascade=skip_invalid)
    result = BuildResult(ok=False, db_path=db_path, problems=validated.problems, rows_read=validated.rows_read)
    for name, rows in validated.bad_rows.items():
        if name in validated.rows_read:
            result.rows_rejected[name] = len(rows)
            result.rows_loaded[name] = validated.rows_read[name] - len(rows)
    unreadable = [p for p in validated.problems if p.row == 0 or p.reason == "required column missing"]
    if validated.problems:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        _write_report(report_path, validated.problems)
        result.report_path = report_path
        if not skip_invalid or unreadable:
            return result
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
    frames.update(_reference_frames())
    db_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = db_path.with_name(f".{db_path.name}.{os.getpid()}.building")
    try:
        _write_database(temporary, frames, info)
        result.backup_path = _backup(db_path)
        os.replace(temporary, db_path)
    finally:
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}.wal").unlink(missing_ok=True)
    result.ok = True
    return result


def _population_vintage() -> str:
    years = sorted({c.population_year for c in gazetteer.countries() if c.population_year})
    sources = sorted({c.population_source for c in gazetteer.countries() if c.population_source})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "unknown")
    return f"{'; '.join(sources)} ({span})"
