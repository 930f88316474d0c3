"""Every question of analytics/serving/queries.py against the hand-made registry (tests/fixture_registry.py).

The expected figures are worked out by hand in the comments; see the fixture's docstring for
who belongs where.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from analytics.ingest.build import build
from analytics.serving import queries
from analytics.serving.db import Database
from analytics.serving.filters import Filters
from tests.conftest import FIXTURE_TODAY
from tests.fixture_registry import XSS_NAME

ALL = Filters()


def ids(frame: pl.DataFrame) -> set[str]:
    return set(frame["id"].to_list())


class TestHeadline:
    def test_whole_registry(self, db):
        row = queries.headline(db, ALL, today=FIXTURE_TODAY).row(0, named=True)
        assert row["initiatives"] == 12
        # validated: CO-01, CO-02, MX-01, MX-02, CL-01, CL-02
        assert row["validated"] == 6
        assert row["validated_share"] == pytest.approx(0.5)
        # 40 distinct listed firms + 10 declared by CO-05, which lists none
        assert row["member_firms"] == 50
        assert row["countries"] == 3
        # CO: DC, ANT, VAC, SAN; MX: NLE, QUE, PUE; CL: AN, VS, RM, BI
        assert row["regions_covered"] == 11
        # digital, services, energy, agri, tourism, advmfg, nearshoring, care, circular, bioeconomy
        assert row["sectors"] == 10
        # CL-04 on 2025-09-30 is within 30 days of 2025-10-15
        assert row["added_30d"] == 1
        # CO-04, CL-03, CO-05, MX-03, CL-04 after 2024-10-15
        assert row["added_365d"] == 5
        assert row["first_registered"] == dt.date(2023, 12, 12)
        assert row["last_registered"] == dt.date(2025, 9, 30)

    def test_size_filter_counts_only_listed_firms_of_that_size(self, db):
        row = queries.headline(db, Filters(size_classes=("large",)), today=FIXTURE_TODAY).row(0, named=True)
        # large firms: F03, F07, F11, F15, F19, F23, F27, F31, F35, F39, in 8 initiatives
        assert row["initiatives"] == 8
        assert row["member_firms"] == 10

    def test_empty_selection(self, db):
        row = queries.headline(db, Filters(countries=("BR",)), today=FIXTURE_TODAY).row(0, named=True)
        assert row["initiatives"] == 0
        assert row["member_firms"] == 0
        assert row["validated_share"] is None


class TestFilters:
    @pytest.mark.parametrize(("filters", "expected"), [
        (Filters(countries=("CO",)), {"CO-01", "CO-02", "CO-03", "CO-04", "CO-05"}),
        (Filters(subregions=("central_america",)), {"MX-01", "MX-02", "MX-03"}),
        (Filters(types=("business_network",)), {"CO-03", "CL-02"}),
        (Filters(statuses=("inactive",)), {"CO-04", "CL-03"}),
        (Filters(sectors=("agri",)), {"CO-03", "CL-02", "CL-04"}),
        (Filters(isic_sections=("C",)), {"CO-03", "MX-01", "MX-02", "CL-02"}),
        (Filters(registered_from=dt.date(2025, 1, 1)), {"CO-05", "MX-03", "CL-03", "CL-04"}),
        (Filters(registered_to=dt.date(2023, 12, 31)), {"CO-01", "CO-02", "MX-01", "CL-01"}),
        (Filters(founded_from=2019), {"CO-05", "MX-03", "CL-04"}),
        (Filters(founded_to=2009), {"MX-01", "CL-01"}),
        (Filters(size_classes=("micro",)), {"CO-01", "CO-02", "CO-03", "CO-04", "MX-01", "MX-02", "MX-03",
                                            "CL-01", "CL-02", "CL-04"}),
        (Filters(countries=("CL",), sectors=("tourism", "energy")), {"CL-01", "CL-03"}),
    ])
    def test_each_filter_selects_the_expected_initiatives(self, db, filters, expected):
        assert ids(queries.initiative_list(db, filters, page_size=100)) == expected


class TestCoverage:
    def test_country_indicators(self, db):
        frame = queries.coverage_by_country(db, ALL)
        rows = {row["country"]: row for row in frame.iter_rows(named=True)}
        # every LAC country is listed, those with none at zero
        assert len(frame) == 33
        assert rows["BR"]["initiatives"] == 0
        assert frame["country"].head(3).to_list() == ["CO", "CL", "MX"]
        co = rows["CO"]
        assert (co["initiatives"], co["validated"], co["member_firms"], co["regions_covered"]) == (5, 2, 28, 4)
        assert co["validated_share"] == pytest.approx(0.4)
        # (6 + 6 + 5 + 3 + 10) / 5 listed or declared firms per initiative
        assert co["firms_per_initiative"] == pytest.approx(6.0)
        assert co["initiatives_per_million"] == pytest.approx(5 / (co["population"] / 1e6))
        assert co["regions_covered_share"] == pytest.approx(4 / co["region_count"])
        assert (rows["MX"]["member_firms"], rows["MX"]["firms_per_initiative"]) == (12, pytest.approx(4.0))
        assert (rows["CL"]["member_firms"], rows["CL"]["firms_per_initiative"]) == (10, pytest.approx(2.5))

    def test_country_filter_restricts_the_rows(self, db):
        assert queries.coverage_by_country(db, Filters(countries=("MX", "CL")))["country"].to_list() == ["CL", "MX"]

    def test_regions_of_a_country(self, db):
        frame = queries.region_coverage(db, ALL, "CO")
        rows = dict(zip(frame["region"], frame["initiatives"], strict=True))
        assert rows["CO-ANT"] == 2
        assert rows["CO-DC"] == 1
        assert sum(rows.values()) == 5
        assert sum(1 for n in rows.values() if n == 0) == len(rows) - 4


class TestSectors:
    def test_mix_counts_every_sector_of_an_initiative(self, db):
        frame = queries.sector_mix(db, ALL)
        counts = dict(zip(frame["sector"], frame["initiatives"], strict=True))
        assert counts["agri"] == 3
        assert (counts["energy"], counts["tourism"], counts["advmfg"]) == (2, 2, 2)
        assert counts["water"] == 0
        assert len(frame) == 14

    def test_mix_primary_only(self, db):
        frame = queries.sector_mix(db, ALL, primary_only=True)
        counts = dict(zip(frame["sector"], frame["initiatives"], strict=True))
        # CO-04 has no driving sector: 11 primaries
        assert sum(counts.values()) == 11
        assert (counts["agri"], counts["nearshoring"], counts["circular"]) == (2, 0, 0)

    def test_isic_mix(self, db):
        counts = dict(queries.sector_mix(db, ALL, scheme="isic_section").select("sector", "initiatives").iter_rows())
        # C: CO-03, MX-01, MX-02, CL-02; A: CO-03, CL-02, CL-04
        assert (counts["C"], counts["A"], counts["I"]) == (4, 3, 2)

    def test_location_quotient(self, db):
        frame = queries.country_sector_matrix(db, ALL)
        cell = {(r["country"], r["sector"]): r for r in frame.iter_rows(named=True)}
        # CO: 4 primaries, 1 energy; registry: 11 primaries, 2 energy → (1/4) / (2/11)
        assert cell[("CO", "energy")]["location_quotient"] == pytest.approx(11 / 8)
        # MX: 2 of 3 advanced manufacturing; registry 2 of 11
        assert cell[("MX", "advmfg")]["location_quotient"] == pytest.approx((2 / 3) / (2 / 11))
        assert cell[("MX", "energy")]["location_quotient"] == 0
        assert cell[("CL", "water")]["location_quotient"] is None  # no initiative anywhere: undefined

    def test_gaps(self, db):
        gaps = queries.sector_gaps(db, Filters(countries=("MX",)))
        # MX has advmfg, nearshoring, care: 11 of 14 driving sectors are gaps
        assert len(gaps) == 11
        assert "advmfg" not in gaps["sector"].to_list()


class TestRegistrations:
    def test_monthly_with_quiet_months(self, db):
        frame = queries.registrations(db, ALL)
        assert frame["period"][0] == dt.date(2023, 12, 1)
        assert frame["period"][-1] == dt.date(2025, 9, 1)
        assert len(frame) == 22
        assert frame["registrations"][0] == 4
        assert frame["cumulative"][-1] == 12
        june_2025 = frame.filter(pl.col("period") == dt.date(2025, 6, 1))
        assert june_2025["cumulative"][0] == 10

    def test_by_country_and_year(self, db):
        frame = queries.registrations(db, ALL, period="year", by="country")
        totals = {(r["group"], r["period"].year): r["cumulative"] for r in frame.iter_rows(named=True)}
        assert totals[("CO", 2025)] == 5
        assert totals[("CL", 2024)] == 2
        assert totals[("MX", 2023)] == 1

    def test_quarter_by_sector(self, db):
        frame = queries.registrations(db, ALL, period="quarter", by="sector")
        assert set(frame["period"].dt.month().unique()) <= {1, 4, 7, 10}
        assert frame.filter(pl.col("group") == "none")["registrations"].sum() == 1


class TestComparison:
    def test_profiles_in_the_order_chosen(self, db):
        assert queries.country_profiles(db, ALL, ["MX", "CO"])["country"].to_list() == ["MX", "CO"]

    def test_types_and_sizes(self, db):
        types = queries.types_by_country(db, ALL)
        assert types.filter((pl.col("country") == "CO") & (pl.col("type") == "cluster"))["initiatives"][0] == 3
        sizes = queries.firm_sizes(db, Filters(countries=("CO",)))
        # F01..F18: micro 4, small 5, medium 5, large 4
        assert dict(zip(sizes["size_class"], sizes["firms"], strict=True)) == {"large": 4, "medium": 5, "micro": 4,
                                                                               "small": 5}


class TestList:
    @pytest.mark.parametrize(("search", "expected"), [
        ("bogota", {"CO-01"}),
        ("BOGOTÁ", {"CO-01"}),
        ("medellin", {"CO-02", "CO-05"}),
        ("queretaro aerospace", {"MX-02"}),
        ("cl-0", {"CL-01", "CL-02", "CL-03", "CL-04"}),
        ("nothing like this", set()),
    ])
    def test_accent_insensitive_search(self, db, search, expected):
        assert ids(queries.initiative_list(db, ALL, search=search)) == expected

    def test_a_search_reads_a_bounded_number_of_distinct_words(self):
        many = " ".join(f"w{i}" for i in range(4000))  # 4,000 words, ~24 KB: what a crafted client once sent
        bounded = queries.search_terms(many)
        assert bounded.terms == tuple(f"w{i}" for i in range(queries.SEARCH_MAX_TERMS))
        assert bounded.truncated
        # repeated words count once, so "a a a ... b" still finds both
        repeated = queries.search_terms("a " * 50 + "b")
        assert repeated.terms == ("a", "b") and not repeated.truncated
        assert queries.search_terms("x" * (queries.SEARCH_MAX_CHARS + 1)).truncated
        assert not queries.search_terms("bogota software").truncated

    def test_a_huge_search_is_one_condition_and_still_matches_the_first_words(self, db):
        huge = "medellin " + " ".join(f"z{i}" for i in range(4000))
        sql, params = queries._listed(ALL, huge, "name", False, "1 AS x")
        assert sql.count("contains(") == 1  # one expression, whatever the number of words
        # the words past the bound are ignored: "medellin" plus nine words that match nothing → no rows
        assert ids(queries.initiative_list(db, ALL, search=huge)) == set()
        assert ids(queries.initiative_list(db, ALL, search="medellin " + "medellin " * 3000)) == {"CO-02", "CO-05"}

    def test_a_name_is_found_by_how_it_is_written(self, fixture_export, tmp_path):
        """Stored names and typed terms are folded alike: "Nº" is "no", "ß" is "ss", "ﬁ" is "fi"."""
        export = tmp_path / "export"
        export.mkdir()
        for path in fixture_export.glob("*.csv"):
            frame = pl.read_csv(path, infer_schema=False)
            if path.name == "initiatives.csv":
                frame = frame.with_columns(pl.when(pl.col("id") == "CO-01").then(pl.lit("Clúster Nº 5 Straße ﬁnanzas"))
                                           .otherwise(pl.col("name")).alias("name"))
            frame.write_csv(export / path.name)
        assert build(export, tmp_path / "iapt.duckdb", today=FIXTURE_TODAY).ok
        renamed = Database(tmp_path / "iapt.duckdb")
        for search in ("Clúster Nº 5", "cluster no 5", "STRASSE", "straße", "ﬁnanzas", "finanzas"):
            assert ids(queries.initiative_list(renamed, ALL, search=search)) == {"CO-01"}, search

    def test_sort_and_page(self, db):
        first = queries.initiative_list(db, ALL, sort="member_firms", descending=True, page=1, page_size=5)
        assert first["id"][0] == "CO-05"  # 10 declared firms
        assert first["total_rows"][0] == 12
        third = queries.initiative_list(db, ALL, sort="name", descending=False, page=3, page_size=5)
        assert len(third) == 2

    def test_unknown_sort_falls_back(self, db):
        frame = queries.initiative_list(db, ALL, sort="id; DROP TABLE initiatives")
        assert len(frame) == 12


class TestProfile:
    def test_every_field(self, db):
        row = queries.initiative_profile(db, "MX-01").row(0, named=True)
        assert row["name"] == "Test automotive cluster"
        assert row["region"] == "MX-NLE"
        assert row["priority_sectors"] == ["advmfg", "nearshoring"]
        assert row["isic_sections"] == ["C"]
        assert row["member_firms"] == 5
        assert row["validated_on"] == dt.date(2023, 12, 20)

    def test_names_are_kept_verbatim(self, db):
        assert queries.initiative_profile(db, "CO-05")["name"][0] == XSS_NAME

    def test_missing_id(self, db):
        assert queries.initiative_profile(db, "nope").is_empty()

    def test_member_firms_of_one_initiative(self, db):
        frame = queries.member_firms(db, ALL, initiative_id="CO-02")
        # F07..F11 and F01: sizes large, micro, small, medium, large, small; ISIC D for its own, J for F01
        assert frame["firms"].sum() == 6
        by_size = frame.group_by("size_class").agg(pl.col("firms").sum())
        assert dict(by_size.iter_rows()) == {"large": 2, "micro": 1, "small": 2, "medium": 1}


class TestNetwork:
    def test_links_and_degree(self, db):
        edges = queries.collaborations(db, ALL)
        assert len(edges) == 4
        assert edges["cross_border"].sum() == 2
        nodes = queries.network_nodes(db, ALL)
        degree = dict(zip(nodes["id"], nodes["degree"], strict=True))
        assert degree == {"CO-01": 3, "MX-01": 2, "CL-01": 1, "CO-02": 1, "MX-02": 1}

    def test_links_need_both_ends_selected(self, db):
        assert len(queries.collaborations(db, Filters(countries=("MX",)))) == 1

    def test_programme_filter(self, db):
        edges = queries.collaborations(db, ALL, programme="Test interclúster programme")
        assert len(edges) == 2 and edges["cross_border"].all()


class TestMap:
    def test_points_and_grid(self, db):
        points = queries.map_points(db, ALL)
        assert len(points) == 12
        assert points.filter(pl.col("id") == "MX-01")["sectors"][0] == "advmfg;nearshoring"
        grid = queries.map_grid(db, ALL, cell_degrees=5)
        assert grid["initiatives"].sum() == 12
        assert len(grid) < 12
        assert queries.count_initiatives(db, Filters(countries=("CL",))) == 4


class TestRows:
    def test_every_page_of_the_list_in_its_order(self, db):
        filters = Filters(statuses=("validated", "registered"))
        rows = queries.initiative_rows(db, filters, sort="name", descending=False)
        pages = [queries.initiative_list(db, filters, sort="name", descending=False, page=page, page_size=4)
                 for page in (1, 2, 3)]
        # 10 registered or validated initiatives: pages of 4, 4 and 2
        assert rows["id"].to_list() == [i for page in pages for i in page["id"].to_list()]
        assert rows.height == 10
        assert "total_rows" not in rows.columns

    def test_all_sectors_and_the_managing_entity(self, db):
        rows = {row["id"]: row for row in queries.initiative_rows(db, ALL).iter_rows(named=True)}
        assert (rows["MX-01"]["sectors"], rows["MX-01"]["isic_sections"]) == ("advmfg;nearshoring", "C")
        # primary first, then the rest alphabetically: CL-04 lists bioeconomy;agri
        assert rows["CL-04"]["sectors"] == "bioeconomy;agri"
        assert rows["CO-04"]["sectors"] is None  # no driving sector
        assert rows["CO-05"]["managing_entity"] == XSS_NAME
        assert rows["CO-01"]["website"] == "https://example.org/co01"

    def test_search_and_unknown_sort(self, db):
        assert queries.initiative_rows(db, ALL, search="medellin")["id"].to_list() == ["CO-05", "CO-02"]
        assert queries.initiative_rows(db, ALL, sort="1; DROP TABLE firms").height == 12


class TestLinks:
    def test_cross_border_pairs(self, db):
        # CO-01–MX-01 and CO-01–CL-01 cross a border; CO-02–CO-01 and MX-01–MX-02 do not
        pairs = queries.cross_border_pairs(db, ALL)
        assert pairs.rows() == [("CL", "CO", 1), ("CO", "MX", 1)]
        assert queries.cross_border_pairs(db, ALL, programme="Test corridor").is_empty()
        assert queries.cross_border_pairs(db, Filters(countries=("CO", "MX"))).rows() == [("CO", "MX", 1)]

    def test_partners_of_one_initiative(self, db):
        partners = queries.initiative_links(db, "CO-01")
        # CO-01 is on both sides of links: a with MX-01 and CL-01, b with CO-02
        assert set(partners["id"]) == {"MX-01", "CL-01", "CO-02"}
        crossing = dict(zip(partners["id"], partners["cross_border"], strict=True))
        assert crossing == {"MX-01": True, "CL-01": True, "CO-02": False}
        assert partners.filter(pl.col("id") == "CO-02")["programme"][0] == "Test national network"
        assert queries.initiative_links(db, "CL-04").is_empty()
