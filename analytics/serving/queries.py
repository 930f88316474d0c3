"""One function per question the users ask. Each takes the `Database` and a `Filters` value
and returns a Polars frame; nothing here knows about Streamlit.

SQL is composed only from fixed fragments (the filter's condition, whitelisted column
names); every value travels as a parameter. "Member firms" means distinct listed firms,
plus the declared number for initiatives that list none (defined for readers on the Data and methods page). Sums of firms
are cast to BIGINT: DuckDB sums integers into a DECIMAL, which Polars returns as Python
Decimals that JSON encoders (Plotly's, pydeck's) reject.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from analytics.reference import taxonomy
from analytics.serving.db import Database
from analytics.serving.filters import Filters

PERIODS = {"month": "month", "quarter": "quarter", "year": "year"}
SORTABLE = {
    "name": "i.name", "country": "i.country", "registered_on": "i.registered_on", "member_firms": "i.member_firms",
    "type": "i.type", "status": "i.status", "city": "i.city", "founded_year": "i.founded_year",
}
SCHEMES = taxonomy.SECTOR_SCHEMES
MAX_PAGE_SIZE = 500
# A search box is free text from anyone, and a crafted client sends any length: only this much of it is read, and
# only this many distinct words count. Each word is one `contains` over one stored column, all of them in one
# expression, so the work is bounded whatever arrives (2,000 words once took 17 s and 2 GB as 2,000 conditions).
SEARCH_MAX_CHARS = 200
SEARCH_MAX_TERMS = 10


def _selected(filters: Filters) -> tuple[str, list]:
    """A CTE `sel` holding the initiatives that pass the filters."""
    condition, params = filters.where("i")
    return f"sel AS (SELECT i.* FROM initiatives i WHERE {condition})", params


def _member_parts(filters: Filters) -> tuple[str, list]:
    """CTEs `member_counts` and `shared_members`: the listed member firms of selected initiatives, of the chosen sizes.

    `member_counts` holds firms per initiative, size and ISIC section (`firms` all of them, `sole_firms` those in
    no other initiative); `shared_members` holds the memberships of firms in several initiatives. Distinct firms of
    any group of initiatives = sum(sole_firms) + distinct firm_key in shared_members (schema.sql): no
    distinct count over every membership, which took 0.5 to 2 s at 5 million memberships.
    """
    condition, params = filters.firm_where("f")
    return (f"member_counts AS (SELECT f.*, s.country, s.region FROM initiative_firm_counts f "
            f"JOIN sel s ON s.key = f.initiative_key WHERE {condition}), "
            f"shared_members AS (SELECT f.*, s.country, s.region FROM shared_memberships f "
            f"JOIN sel s ON s.key = f.initiative_key "
            f"WHERE {condition})"), params + params


_SHARED_FIRMS = "coalesce(bit_count(bitstring_agg(firm_key)), 0)"


def _distinct_firms(**columns: str) -> str:
    """Distinct member firms (`firms`) per value of the named columns, each an expression over the columns of
    `member_counts` and `shared_members`; names and expressions are fixed fragments, never input.

    Shared firms are counted with a bitmap over their keys (`bitstring_agg`, bounded by the column's
    statistics), about 4 times faster than count(DISTINCT) at 800,000 shared memberships."""
    inner = ", ".join(f'{expression} AS "{name}"' for name, expression in columns.items())
    outer = ", ".join(f'"{name}"' for name in columns)
    return f"""SELECT {outer}, sum(firms)::BIGINT AS firms FROM (
        SELECT {inner}, sum(sole_firms) AS firms FROM member_counts GROUP BY ALL
        UNION ALL
        SELECT {inner}, {_SHARED_FIRMS} AS firms FROM shared_members GROUP BY ALL
    ) GROUP BY ALL"""


def _declared(filters: Filters) -> str:
    """Declared firms of initiatives that list none count, unless a size filter asks for sizes we cannot know."""
    if filters.size_classes:
        return "coalesce(sum(0), 0)"
    return "coalesce(sum(CASE WHEN member_firms_listed = 0 THEN member_firms_declared END), 0)"


def _with(filters: Filters, *extra: str, members: bool = False) -> tuple[str, list]:
    """`WITH sel AS (...)`, the member CTEs when a query counts firms, and `extra` CTEs. Every CTE is bound
    and planned even when unused, and planning, not running, is most of a query's time at today's scale."""
    selected, params = _selected(filters)
    if not members:
        return "WITH " + ", ".join((selected, *extra)), params
    parts, member_params = _member_parts(filters)
    return "WITH " + ", ".join((selected, parts, *extra)), params + member_params


def _check_scheme(scheme: str) -> str:
    if scheme not in SCHEMES:
        raise ValueError(f"unknown sector scheme {scheme!r}")
    return scheme


def headline(db: Database, filters: Filters, today: dt.date | None = None) -> pl.DataFrame:
    """The registry at a glance, with what changed in the last 30 and 365 days."""
    today = today or dt.date.today()
    head, params = _with(filters, members=True)
    # one pass over the selection for everything it alone answers: each scalar subquery over `sel` would be
    # planned on its own
    sql = head + f"""
    SELECT
        count(*) AS initiatives,
        count(*) FILTER (WHERE status = 'validated') AS validated,
        count(*) FILTER (WHERE status = 'validated') / nullif(count(*), 0) AS validated_share,
        ((SELECT coalesce(sum(sole_firms), 0) FROM member_counts) + (SELECT {_SHARED_FIRMS} FROM shared_members)
            + {_declared(filters)})::BIGINT AS member_firms,
        count(DISTINCT country) AS countries,
        count(DISTINCT region) AS regions_covered,
        (SELECT count(DISTINCT sector) FROM initiative_sectors WHERE scheme = 'eclac_sector'
            AND initiative_id IN (SELECT id FROM sel)) AS sectors,
        count(*) FILTER (WHERE registered_on > ?::DATE - INTERVAL 30 DAY AND registered_on <= ?) AS added_30d,
        count(*) FILTER (WHERE registered_on > ?::DATE - INTERVAL 365 DAY AND registered_on <= ?) AS added_365d,
        min(registered_on) AS first_registered,
        max(registered_on) AS last_registered
    FROM sel
    """
    return db.query(sql, params + [today, today, today, today])


def coverage_by_country(db: Database, filters: Filters) -> pl.DataFrame:
    """Every LAC country (also those with no initiative), with coverage indicators."""
    head, params = _with(
        filters,
        f"firms_by_country AS ({_distinct_firms(country='country')})",
        "per_initiative AS (SELECT initiative_key, sum(firms) AS firms FROM member_counts GROUP BY initiative_key)",
        members=True,
    )
    country_filter = "TRUE"
    country_params: list = []
    if filters.countries:
        country_filter = "list_contains(?::VARCHAR[], c.iso2)"
        country_params.append(list(filters.countries))
    if filters.subregions:
        country_filter += " AND list_contains(?::VARCHAR[], c.subregion)"
        country_params.append(list(filters.subregions))
    sql = head + f"""
    , agg AS (
        SELECT s.country,
               count(*) AS initiatives,
               count(*) FILTER (WHERE s.status = 'validated') AS validated,
               count(DISTINCT s.region) AS regions_covered,
               {_declared(filters)} AS declared,
               avg(coalesce(p.firms, 0) + CASE WHEN s.member_firms_listed = 0 AND {str(not filters.size_classes).upper()}
                   THEN coalesce(s.member_firms_declared, 0) ELSE 0 END) AS firms_per_initiative
        FROM sel s LEFT JOIN per_initiative p ON p.initiative_key = s.key
        GROUP BY s.country
    )
    SELECT c.iso2 AS country, c.iso3, c.name_en, c.name_es, c.name_pt, c.subregion, c.population,
           c.population_year, c.lat, c.lon,
           coalesce(a.initiatives, 0) AS initiatives,
           coalesce(a.initiatives, 0) / (c.population / 1e6) AS initiatives_per_million,
           (coalesce(f.firms, 0) + coalesce(a.declared, 0))::BIGINT AS member_firms,
           a.firms_per_initiative,
           coalesce(a.regions_covered, 0) AS regions_covered,
           c.region_count,
           coalesce(a.regions_covered, 0) / nullif(c.region_count, 0) AS regions_covered_share,
           coalesce(a.validated, 0) AS validated,
           a.validated / nullif(a.initiatives, 0) AS validated_share
    FROM countries c
    LEFT JOIN agg a ON a.country = c.iso2
    LEFT JOIN firms_by_country f ON f.country = c.iso2
    WHERE {country_filter}
    ORDER BY initiatives DESC, c.name_en
    """
    return db.query(sql, params + country_params)


def region_coverage(db: Database, filters: Filters, country: str) -> pl.DataFrame:
    """Every admin-1 region of a country, with its initiatives (zero where none)."""
    head, params = _with(filters)
    sql = head + """
    , agg AS (
        SELECT s.region, count(*) AS initiatives, avg(s.latitude) AS lat, avg(s.longitude) AS lon,
               sum(s.member_firms) AS member_firms
        FROM sel s WHERE s.country = ? GROUP BY s.region
    )
    SELECT r.code AS region, r.name, r.kind, coalesce(a.initiatives, 0) AS initiatives,
           coalesce(a.member_firms, 0)::BIGINT AS member_firms, a.lat, a.lon
    FROM regions r LEFT JOIN agg a ON a.region = r.code
    WHERE r.country = ?
    ORDER BY initiatives DESC, r.name
    """
    return db.query(sql, params + [country, country])


LEADING_SECTORS = 3


def region_figures(db: Database, filters: Filters) -> pl.DataFrame:
    """Every admin-1 region in scope, with or without initiatives: initiatives, distinct member firms, its leading
    driving sectors (up to three, by initiatives in any position, ties in the taxonomy's order), the places of the
    city list in it, their population (`city_population`: the population of the listed cities, not a census of the
    region) and initiatives per million of that population (null where no listed city has a known population).

    In scope: the regions of the chosen countries, or else of every country with an initiative in the registry (a
    country the registry does not reach at all is the Countries page's question, not a white spot), narrowed by the
    subregion and region filters. Ordered by country, then initiatives, then population.
    """
    head, params = _with(filters, f"firms_by_region AS ({_distinct_firms(region='region')})", members=True)
    sql = head + f"""
    , scope AS (
        SELECT r.* FROM regions r JOIN countries c ON c.iso2 = r.country
        WHERE (CASE WHEN ? THEN list_contains(?::VARCHAR[], r.country)
                    ELSE r.country IN (SELECT DISTINCT country FROM initiatives) END)
          AND (? OR list_contains(?::VARCHAR[], c.subregion))
          AND (? OR list_contains(?::VARCHAR[], r.code))
    ),
    agg AS (SELECT region, count(*) AS initiatives, {_declared(filters)} AS declared FROM sel GROUP BY region),
    tagged AS (
        SELECT s.region, x.sector, count(*) AS initiatives
        FROM sel s JOIN initiative_sectors x ON x.initiative_id = s.id
        WHERE x.scheme = 'eclac_sector' GROUP BY ALL
    ),
    ranked AS (
        SELECT t.region, list(t.sector ORDER BY t.initiatives DESC, k.sort_order) AS sectors
        FROM tagged t JOIN sectors k ON k.scheme = 'eclac_sector' AND k.code = t.sector GROUP BY t.region
    )
    SELECT r.code AS region, r.country, r.name, r.kind,
           coalesce(a.initiatives, 0) AS initiatives,
           (coalesce(f.firms, 0) + coalesce(a.declared, 0))::BIGINT AS member_firms,
           coalesce(ranked.sectors[1:?], []::VARCHAR[]) AS leading_sectors,
           r.cities, r.city_population,
           coalesce(a.initiatives, 0) / nullif(r.city_population / 1e6, 0) AS initiatives_per_million,
           r.population_source, r.lat, r.lon
    FROM scope r
    LEFT JOIN agg a ON a.region = r.code
    LEFT JOIN firms_by_region f ON f.region = r.code
    LEFT JOIN ranked ON ranked.region = r.code
    ORDER BY r.country, initiatives DESC, r.city_population DESC, r.name
    """
    return db.query(sql, params + [bool(filters.countries), list(filters.countries),
                                   not filters.subregions, list(filters.subregions),
                                   not filters.regions, list(filters.regions), LEADING_SECTORS])


def white_spots(db: Database, filters: Filters) -> pl.DataFrame:
    """The regions in scope with no initiative that passes the filters, the most populous first (by the population
    of their listed cities; regions whose listed places have no known population last, by name)."""
    return (region_figures(db, filters).filter(pl.col("initiatives") == 0)
            .sort(["city_population", "country", "name"], descending=[True, False, False]))


def sector_mix(db: Database, filters: Filters, scheme: str = "eclac_sector", primary_only: bool = False) -> pl.DataFrame:
    """Initiatives per sector (an initiative counts in each of its sectors unless `primary_only`)."""
    _check_scheme(scheme)
    head, params = _with(filters)
    sql = head + """
    , tagged AS (
        SELECT x.sector, count(*) AS initiatives, sum(s.member_firms) AS member_firms
        FROM initiative_sectors x JOIN sel s ON s.id = x.initiative_id
        WHERE x.scheme = ? AND (x.is_primary OR NOT ?)
        GROUP BY x.sector
    )
    SELECT k.code AS sector, k.name_en, k.name_es, k.name_pt,
           coalesce(t.initiatives, 0) AS initiatives,
           coalesce(t.initiatives, 0) / nullif((SELECT count(*) FROM sel), 0) AS share,
           coalesce(t.member_firms, 0)::BIGINT AS member_firms
    FROM sectors k LEFT JOIN tagged t ON t.sector = k.code
    WHERE k.scheme = ?
    ORDER BY initiatives DESC, k.sort_order
    """
    return db.query(sql, params + [scheme, primary_only, scheme])


def country_sector_matrix(db: Database, filters: Filters, scheme: str = "eclac_sector") -> pl.DataFrame:
    """Initiatives by primary sector in each country, with the location quotient.

    LQ = (country's initiatives in the sector / country's initiatives) /
         (registry's initiatives in the sector / registry's initiatives), on primary sectors,
    so each initiative counts once. 1.25 or more marks a specialisation.
    """
    _check_scheme(scheme)
    head, params = _with(filters)
    sql = head + """
    , primary_sector AS (
        SELECT s.country, x.sector FROM sel s JOIN initiative_sectors x ON x.initiative_id = s.id
        WHERE x.scheme = ? AND x.is_primary
    ),
    cell AS (SELECT country, sector, count(*) AS initiatives FROM primary_sector GROUP BY ALL),
    by_country AS (SELECT country, count(*) AS country_total FROM primary_sector GROUP BY ALL),
    by_sector AS (SELECT sector, count(*) AS sector_total FROM primary_sector GROUP BY ALL),
    total AS (SELECT count(*) AS total FROM primary_sector)
    SELECT b.country, k.code AS sector, k.name_en, k.name_es, k.name_pt,
           coalesce(c.initiatives, 0) AS initiatives, b.country_total, coalesce(g.sector_total, 0) AS sector_total,
           t.total,
           (coalesce(c.initiatives, 0) / b.country_total) / nullif(coalesce(g.sector_total, 0) / t.total, 0)
               AS location_quotient
    FROM by_country b CROSS JOIN (SELECT * FROM sectors WHERE scheme = ?) k CROSS JOIN total t
    LEFT JOIN cell c ON c.country = b.country AND c.sector = k.code
    LEFT JOIN by_sector g ON g.sector = k.code
    ORDER BY b.country_total DESC, b.country, k.sort_order
    """
    return db.query(sql, params + [scheme, scheme])


def sector_gaps(db: Database, filters: Filters, max_initiatives: int = 0) -> pl.DataFrame:
    """Driving sectors with at most `max_initiatives` initiatives (any position) in each country that has any."""
    head, params = _with(filters)
    sql = head + """
    , present AS (SELECT DISTINCT country FROM sel),
    tagged AS (
        SELECT s.country, x.sector, count(*) AS initiatives
        FROM sel s JOIN initiative_sectors x ON x.initiative_id = s.id
        WHERE x.scheme = 'eclac_sector' GROUP BY ALL
    )
    SELECT p.country, k.code AS sector, k.name_en, k.name_es, k.name_pt, coalesce(t.initiatives, 0) AS initiatives
    FROM present p CROSS JOIN (SELECT * FROM sectors WHERE scheme = 'eclac_sector') k
    LEFT JOIN tagged t ON t.country = p.country AND t.sector = k.code
    WHERE coalesce(t.initiatives, 0) <= ?
    ORDER BY p.country, k.sort_order
    """
    return db.query(sql, params + [max_initiatives])


def registrations(db: Database, filters: Filters, period: str = "month", by: str | None = None,
                  until: dt.date | None = None) -> pl.DataFrame:
    """Registrations per period and the running total, optionally split by country or primary sector.

    Every period from the first registration to `until` (default: the last) appears, zeros included,
    so that the curves are honest about quiet months.
    """
    unit = PERIODS[period]
    group = {None: "'all'", "country": "s.country", "sector": "coalesce(s.primary_sector, 'none')"}[by]
    head, params = _with(filters)
    sql = head + f"""
    , counted AS (
        SELECT date_trunc('{unit}', s.registered_on)::DATE AS period, {group} AS grp, count(*) AS registrations
        FROM sel s GROUP BY ALL
    ),
    bounds AS (SELECT min(period) AS lo, date_trunc('{unit}', coalesce(?::DATE, max(period)))::DATE AS hi FROM counted),
    spine AS (SELECT unnest(generate_series(lo, hi, INTERVAL 1 {unit}))::DATE AS period FROM bounds WHERE lo IS NOT NULL),
    groups AS (SELECT DISTINCT grp FROM counted)
    SELECT sp.period, g.grp AS "group", coalesce(c.registrations, 0) AS registrations,
           sum(coalesce(c.registrations, 0)) OVER (PARTITION BY g.grp ORDER BY sp.period) AS cumulative
    FROM spine sp CROSS JOIN groups g
    LEFT JOIN counted c ON c.period = sp.period AND c.grp = g.grp
    ORDER BY g.grp, sp.period
    """
    frame = db.query(sql, params + [until])
    return frame.with_columns(pl.col("registrations").cast(pl.Int64), pl.col("cumulative").cast(pl.Int64))


def types_by_country(db: Database, filters: Filters) -> pl.DataFrame:
    head, params = _with(filters)
    sql = head + "SELECT country, type, count(*) AS initiatives FROM sel GROUP BY ALL ORDER BY country, initiatives DESC"
    return db.query(sql, params)


def firm_sizes(db: Database, filters: Filters, by: str = "country") -> pl.DataFrame:
    """Listed member firms by size class, per country (distinct firms) or over the whole selection."""
    group = {"country": "country", "all": "'all'"}[by]
    head, params = _with(filters, members=True)
    return db.query(head + _distinct_firms(group=group, size_class="size_class") + " ORDER BY 1, 2", params)


def country_profiles(db: Database, filters: Filters, countries: list[str]) -> pl.DataFrame:
    """The coverage indicators of the chosen countries, in the order chosen, for a side-by-side view."""
    frame = coverage_by_country(db, filters.replace(countries=tuple(countries)))
    order = {country: position for position, country in enumerate(countries)}
    return frame.with_columns(pl.col("country").replace_strict(order, default=len(order)).alias("_order")) \
        .sort("_order").drop("_order")


def initiative_list(db: Database, filters: Filters, search: str = "", sort: str = "registered_on",
                    descending: bool = True, page: int = 1, page_size: int = 25) -> pl.DataFrame:
    """A page of initiatives; `search` is accent- and case-insensitive over name, city and id.

    The total number of matches travels in `total_rows` on every row.
    """
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    offset = (max(1, int(page)) - 1) * page_size
    sql, params = _listed(filters, search, sort, descending, "count(*) OVER () AS total_rows")
    return db.query(sql + " LIMIT ? OFFSET ?", params + [page_size, offset])


def initiative_rows(db: Database, filters: Filters, search: str = "", sort: str = "registered_on",
                    descending: bool = True) -> pl.DataFrame:
    """Every initiative the list would page through, in the list's order: what a download holds.

    The list's columns (without `total_rows`) plus all sectors (`;`-joined, primary first),
    the managing entity and the website, so a downloaded file is complete without the app.
    """
    sql, params = _listed(filters, search, sort, descending, """
           i.sector_list AS sectors, i.isic_list AS isic_sections, i.managing_entity, i.website""")
    return db.query(sql, params)


def _listed(filters: Filters, search: str, sort: str, descending: bool, extra_columns: str) -> tuple[str, list]:
    """The list's query without paging: filters and search terms as parameters, the sort column whitelisted."""
    order = SORTABLE.get(sort, SORTABLE["registered_on"])
    direction = "DESC" if descending else "ASC"
    condition, params = filters.where("i")
    terms = search_terms(search).terms
    if terms:
        # every term must occur; one expression over a list parameter, however many terms there are
        condition += " AND list_bool_and(list_transform(?::VARCHAR[], lambda term: contains(i.name_search, term)))"
        params = params + [list(terms)]
    sql = f"""
    SELECT i.id, i.name, i.type, i.status, i.country, i.region, r.name AS region_name, i.city,
           i.latitude, i.longitude, i.registered_on, i.validated_on, i.founded_year,
           i.primary_sector, i.primary_isic, i.member_firms, i.synthetic,
           {extra_columns}
    FROM initiatives i LEFT JOIN regions r ON r.code = i.region
    WHERE {condition}
    ORDER BY {order} {direction} NULLS LAST, i.id
    """
    return sql, params


@dataclass(frozen=True)
class SearchTerms:
    """The words a search matches on, and whether anything the reader typed was left out (the page says so)."""

    terms: tuple[str, ...]
    truncated: bool


def search_terms(search: str) -> SearchTerms:
    """Folded, distinct words of the first `SEARCH_MAX_CHARS` characters, at most `SEARCH_MAX_TERMS` of them."""
    from analytics.reference.text import normalise_text

    text = search or ""
    cut = len(text) > SEARCH_MAX_CHARS
    words = list(dict.fromkeys(word for word in normalise_text(text[:SEARCH_MAX_CHARS]).split(" ") if word))
    return SearchTerms(tuple(words[:SEARCH_MAX_TERMS]), cut or len(words) > SEARCH_MAX_TERMS)


def initiative_profile(db: Database, initiative_id: str) -> pl.DataFrame:
    """Every field of one initiative, with its sectors and place names; empty if there is no such id."""
    sql = """
    SELECT i.*, r.name AS region_name, c.name_en AS country_en, c.name_es AS country_es, c.name_pt AS country_pt,
        string_split(i.sector_list, ';') AS priority_sectors, string_split(i.isic_list, ';') AS isic_sections
    FROM initiatives i LEFT JOIN regions r ON r.code = i.region LEFT JOIN countries c ON c.iso2 = i.country
    WHERE i.id = ?
    """
    return db.query(sql, [initiative_id])


def member_firms(db: Database, filters: Filters, initiative_id: str | None = None) -> pl.DataFrame:
    """Listed member firms by size class and ISIC section: of one initiative, or of the selection."""
    order = " ORDER BY firms DESC, size_class, isic_section"
    if initiative_id is not None:  # within one initiative every listed firm is distinct
        condition, params = filters.firm_where("f")
        return db.query(f"SELECT size_class, isic_section, sum(firms)::BIGINT AS firms FROM initiative_firm_counts f "
                        f"WHERE f.initiative_key = (SELECT key FROM initiatives WHERE id = ?) AND {condition} "
                        f"GROUP BY ALL" + order, [initiative_id, *params])
    head, params = _with(filters, members=True)
    return db.query(head + _distinct_firms(size_class="size_class", isic_section="isic_section") + order, params)


def collaborations(db: Database, filters: Filters, programme: str | None = None) -> pl.DataFrame:
    """Links whose two ends both pass the filters, with their places and whether they cross a border."""
    head, params = _with(filters)
    sql = head + """
    SELECT k.initiative_a, a.name AS name_a, a.country AS country_a, a.latitude AS lat_a, a.longitude AS lon_a,
           k.initiative_b, b.name AS name_b, b.country AS country_b, b.latitude AS lat_b, b.longitude AS lon_b,
           k.programme, k.started_on, a.country <> b.country AS cross_border
    FROM collaborations k JOIN sel a ON a.id = k.initiative_a JOIN sel b ON b.id = k.initiative_b
    WHERE (? IS NULL OR k.programme = ?)
    ORDER BY k.programme, k.initiative_a, k.initiative_b
    """
    return db.query(sql, params + [programme, programme])


def network_nodes(db: Database, filters: Filters, programme: str | None = None) -> pl.DataFrame:
    """Initiatives with at least one link: degree (links), partners abroad, programmes."""
    edges = collaborations(db, filters, programme)
    if edges.is_empty():
        return pl.DataFrame(schema={"id": pl.String, "name": pl.String, "country": pl.String, "lat": pl.Float64,
                                    "lon": pl.Float64, "degree": pl.UInt32, "cross_border_links": pl.UInt32,
                                    "programmes": pl.UInt32})
    ends = pl.concat([
        edges.select(pl.col("initiative_a").alias("id"), pl.col("name_a").alias("name"),
                     pl.col("country_a").alias("country"), pl.col("lat_a").alias("lat"), pl.col("lon_a").alias("lon"),
                     "cross_border", "programme"),
        edges.select(pl.col("initiative_b").alias("id"), pl.col("name_b").alias("name"),
                     pl.col("country_b").alias("country"), pl.col("lat_b").alias("lat"), pl.col("lon_b").alias("lon"),
                     "cross_border", "programme"),
    ])
    return ends.group_by("id", "name", "country", "lat", "lon").agg(
        pl.len().alias("degree"),
        pl.col("cross_border").sum().cast(pl.UInt32).alias("cross_border_links"),
        pl.col("programme").n_unique().cast(pl.UInt32).alias("programmes"),
    ).sort(["degree", "id"], descending=[True, False])


def programmes(db: Database) -> pl.DataFrame:
    return db.query("SELECT programme, count(*) AS links FROM collaborations GROUP BY ALL ORDER BY links DESC, programme")


def cross_border_pairs(db: Database, filters: Filters, programme: str | None = None) -> pl.DataFrame:
    """Links between two countries, counted per unordered pair (`country_a` sorts before `country_b`)."""
    head, params = _with(filters)
    sql = head + """
    SELECT least(a.country, b.country) AS country_a, greatest(a.country, b.country) AS country_b, count(*) AS links
    FROM collaborations k JOIN sel a ON a.id = k.initiative_a JOIN sel b ON b.id = k.initiative_b
    WHERE a.country <> b.country AND (? IS NULL OR k.programme = ?)
    GROUP BY ALL ORDER BY links DESC, country_a, country_b
    """
    return db.query(sql, params + [programme, programme])


def initiative_links(db: Database, initiative_id: str) -> pl.DataFrame:
    """One initiative's partners in joint programmes, whatever the filters: a profile shows all of them."""
    sql = """
    WITH ends AS (
        SELECT initiative_b AS partner, programme, started_on FROM collaborations WHERE initiative_a = ?
        UNION ALL
        SELECT initiative_a AS partner, programme, started_on FROM collaborations WHERE initiative_b = ?
    )
    SELECT p.id, p.name, p.country, p.city, p.latitude, p.longitude, e.programme, e.started_on,
           p.country <> (SELECT country FROM initiatives WHERE id = ?) AS cross_border
    FROM ends e JOIN initiatives p ON p.id = e.partner
    ORDER BY e.programme, e.started_on, p.name, p.id
    """
    return db.query(sql, [initiative_id, initiative_id, initiative_id])


def map_points(db: Database, filters: Filters, limit: int | None = None) -> pl.DataFrame:
    """Initiatives as points for the map (`limit` caps the rows; the largest by member firms first)."""
    condition, params = filters.where("i")
    sql = f"""
    SELECT i.id, i.name, i.type, i.status, i.city, i.country, i.region, r.name AS region_name, i.latitude, i.longitude,
           i.primary_sector, i.primary_isic, i.member_firms, i.sector_list AS sectors
    FROM initiatives i LEFT JOIN regions r ON r.code = i.region
    WHERE {condition}
    ORDER BY i.member_firms DESC, i.id
    LIMIT ?
    """
    return db.query(sql, params + [limit])


def map_grid(db: Database, filters: Filters, cell_degrees: float = 0.5) -> pl.DataFrame:
    """Initiatives aggregated into square cells: what the map sends when points would be too many."""
    condition, params = filters.where("i")
    sql = f"""
    WITH size AS (SELECT ?::DOUBLE AS cell),
    cells AS (
        SELECT floor(i.latitude / size.cell) AS row_index, floor(i.longitude / size.cell) AS column_index,
               i.member_firms, i.primary_sector, i.type
        FROM initiatives i, size WHERE {condition}
    )
    SELECT (row_index + 0.5) * any_value(size.cell) AS latitude, (column_index + 0.5) * any_value(size.cell) AS longitude,
           count(*) AS initiatives, sum(member_firms)::BIGINT AS member_firms, mode(primary_sector) AS primary_sector,
           mode(type) AS type
    FROM cells, size GROUP BY row_index, column_index
    ORDER BY initiatives DESC, latitude, longitude
    """
    return db.query(sql, [cell_degrees] + params)


def count_initiatives(db: Database, filters: Filters) -> int:
    condition, params = filters.where("i")
    return db.rows(f"SELECT count(*) FROM initiatives i WHERE {condition}", params)[0][0]


def country_outlines(db: Database) -> pl.DataFrame:
    return db.query("SELECT iso2, iso3, name_en, name_es, name_pt, subregion, lat, lon, outline FROM countries "
                    "ORDER BY iso2")


def countries_in_registry(db: Database) -> pl.DataFrame:
    """Countries that have at least one initiative, for the filter's choices."""
    return db.query("""
        SELECT c.iso2, c.name_en, c.name_es, c.name_pt, c.subregion, count(i.id) AS initiatives
        FROM countries c JOIN initiatives i ON i.country = c.iso2 GROUP BY ALL ORDER BY c.name_en
    """)


def milestones(db: Database) -> pl.DataFrame:
    """The registry's public milestones as loaded from the export, oldest first (empty if it had none)."""
    return db.query("SELECT date, count, label_en, label_es, label_pt, source FROM milestones ORDER BY date")


def region_names(db: Database) -> pl.DataFrame:
    """Every admin-1 region the database knows, for the region filter's choices and labels."""
    return db.query("SELECT code, country, name FROM regions ORDER BY country, name")


def build_info(db: Database) -> pl.DataFrame:
    return db.query("SELECT * FROM build_info")


def registry_dates(db: Database) -> pl.DataFrame:
    return db.query("SELECT min(registered_on) AS first, max(registered_on) AS last, min(founded_year) AS first_year, "
                    "max(founded_year) AS last_year FROM initiatives")
