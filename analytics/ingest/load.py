"""Validated tables → a complete DuckDB file: the registry's frames, the reference tables, the derived columns and
tables, and the build's own record (`build_info`). Nothing here knows about the live database or swaps."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import duckdb
import polars as pl

from analytics.ingest.reader import ROW
from analytics.ingest.registry_format import FORMAT_VERSION
from analytics.ingest.validate import Validated, search_key
from analytics.reference import gazetteer, taxonomy

SCHEMA = Path(__file__).resolve().parents[1] / "schema.sql"
SYNTHETIC_MARK = "SYNTHETIC"


def checksum(source: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
    for path in files:
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def demo_meta(source: Path) -> dict:
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


def reference_frames(cities: Sequence[gazetteer.City] | None = None) -> dict[str, pl.DataFrame]:
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
            for scheme in taxonomy.SECTOR_SCHEMES for i, t in enumerate(taxonomy.TABLES[scheme])
        ]),
    }


def _keep_good(validated: Validated, name: str) -> pl.DataFrame | None:
    frame = validated.tables.get(name)
    if frame is None:
        return None
    rejected = validated.rejected.get(name)
    return frame if rejected is None or rejected.is_empty() else frame.join(rejected.select(ROW), on=ROW, how="anti")


def registry_frames(validated: Validated) -> dict[str, pl.DataFrame]:
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
        for column, scheme in taxonomy.SECTOR_LIST_COLUMNS.items()
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


def sector_list(scheme: str) -> str:
    """An initiative's sectors of one scheme as text, the primary one first and the rest by code: what the
    database stores (`sector_list`, `isic_list`) and what the change summary compares. `scheme` is a constant."""
    return f"string_agg(sector, ';' ORDER BY NOT is_primary, sector) FILTER (WHERE scheme = '{scheme}')"


DERIVE = f"""
UPDATE initiatives SET key = x.key, sector_list = x.sector_list, isic_list = x.isic_list
FROM (SELECT i.id, (row_number() OVER (ORDER BY i.id))::INTEGER AS key, s.sector_list, s.isic_list
      FROM initiatives i LEFT JOIN (
          SELECT initiative_id, {sector_list('eclac_sector')} AS sector_list, {sector_list('isic_section')} AS isic_list
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


def write_database(path: Path, frames: dict[str, pl.DataFrame], info: dict) -> None:
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


def population_vintage() -> str:
    years = sorted({c.population_year for c in gazetteer.countries() if c.population_year})
    sources = sorted({c.population_source for c in gazetteer.countries() if c.population_source})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "unknown")
    return f"{'; '.join(sources)} ({span})"
