"""Distinct member firms from the build's derived tables equal a plain distinct count over the memberships.

The queries never count distinct firms over every membership (too slow at 5 million): they add the
firms found in one initiative only (`initiative_firm_counts.sole_firms`) to a bitmap count of the firms
in several (`shared_memberships`). Here the plain count, written the obvious way, is the reference, on
a synthetic registry where about one firm in ten belongs to more than one initiative.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.ingest.build import build
from analytics.ingest.demo import write_demo
from analytics.reference import taxonomy
from analytics.serving import queries
from analytics.serving.db import Database
from analytics.serving.filters import Filters

AS_OF = dt.date(2025, 6, 30)
SIZES = taxonomy.codes("size_class")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Database:
    root = tmp_path_factory.mktemp("firm_counts")
    write_demo(root / "export", scale=0.2, seed=5, as_of=AS_OF)
    result = build(root / "export", root / "iapt.duckdb", today=AS_OF)
    assert result.ok, result.problems
    return Database(root / "iapt.duckdb")


def reference(db: Database, filters: Filters, *group: str) -> dict:
    """Distinct listed firms per group (a value, or a tuple of values for several columns), straight from
    memberships ⋈ firms of the selected initiatives."""
    condition, params = filters.where("i")
    sizes, size_params = filters.firm_where("f")
    rows = db.rows(f"""
        SELECT {", ".join(group)}, count(DISTINCT f.id) AS firms
        FROM memberships m JOIN initiatives i ON i.id = m.initiative_id JOIN firms f ON f.id = m.firm_id
        WHERE {condition} AND {sizes} GROUP BY ALL""", params + size_params)
    return {(row[0] if len(group) == 1 else row[:-1]): row[-1] for row in rows}


def test_the_demo_has_firms_in_several_initiatives(demo_db):
    shared = demo_db.rows("SELECT count(DISTINCT firm_key), count(*) FROM shared_memberships")[0]
    total = demo_db.rows("SELECT count(*) FROM memberships")[0][0]
    assert shared[0] > 50 and shared[1] >= 2 * shared[0]
    assert demo_db.rows("SELECT sum(firms) FROM initiative_firm_counts")[0][0] == total


def test_derived_columns_match_the_sector_table(demo_db):
    mismatched = demo_db.rows("""
        SELECT count(*) FROM initiatives i WHERE i.sector_list IS DISTINCT FROM (
            SELECT string_agg(sector, ';' ORDER BY NOT is_primary, sector) FROM initiative_sectors x
            WHERE x.initiative_id = i.id AND x.scheme = 'eclac_sector')""")[0][0]
    assert mismatched == 0
    assert demo_db.rows("SELECT count(DISTINCT key) = count(*), min(key), max(key) = count(*) FROM initiatives")[0] \
        == (True, 1, True)


filters_strategy = st.builds(
    Filters,
    countries=st.lists(st.sampled_from(["AR", "BR", "CL", "CO", "MX", "PE", "UY"]), max_size=3).map(tuple),
    sectors=st.lists(st.sampled_from(taxonomy.codes("eclac_sector")), max_size=2).map(tuple),
    size_classes=st.lists(st.sampled_from(SIZES), max_size=2).map(tuple),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filters_strategy)
def test_distinct_firms_equal_the_plain_count(demo_db, filters):
    declared = 0 if filters.size_classes else demo_db.rows(
        f"SELECT coalesce(sum(member_firms_declared) FILTER (WHERE member_firms_listed = 0), 0) FROM initiatives i "
        f"WHERE {filters.where('i')[0]}", filters.where("i")[1])[0][0]
    everything = reference(demo_db, filters, "'all'").get("all", 0)
    assert queries.headline(demo_db, filters, today=AS_OF)["member_firms"][0] == everything + declared

    by_country = reference(demo_db, filters, "i.country")
    coverage = queries.coverage_by_country(demo_db, filters)
    listed = {row["country"]: row["member_firms"] for row in coverage.iter_rows(named=True) if row["initiatives"]}
    if not filters.size_classes:  # with no size filter the declared firms of initiatives listing none are added
        declared_by_country = dict(demo_db.rows(
            f"SELECT country, sum(member_firms_declared) FROM initiatives i WHERE member_firms_listed = 0 AND "
            f"{filters.where('i')[0]} GROUP BY ALL", filters.where("i")[1]))
        listed = {country: firms - (declared_by_country.get(country) or 0) for country, firms in listed.items()}
    assert {country: firms for country, firms in listed.items() if firms} == by_country

    sizes = queries.firm_sizes(demo_db, filters)
    assert {(row["group"], row["size_class"]): row["firms"] for row in sizes.iter_rows(named=True)} \
        == reference(demo_db, filters, "i.country", "f.size_class")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filters_strategy)
def test_firm_mix_equals_the_plain_count(demo_db, filters):
    mix = queries.member_firms(demo_db, filters)
    got = {(row["size_class"], row["isic_section"]): row["firms"] for row in mix.iter_rows(named=True)}
    assert got == reference(demo_db, filters, "f.size_class", "f.isic_section")


def test_one_initiatives_firm_mix(demo_db):
    busiest = demo_db.rows("SELECT id, member_firms_listed FROM initiatives ORDER BY member_firms_listed DESC, id")[0]
    mix = queries.member_firms(demo_db, Filters(), busiest[0])
    assert mix["firms"].sum() == busiest[1] > 0
    assert mix.schema["firms"] == pl.Int64
