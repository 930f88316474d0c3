"""Regions as a level of their own, against the hand-made registry and its own city list.

The fixture's cities (tests/fixture_registry.py, CITIES) have round populations; the figures below are
worked out from them by hand. Regions with initiatives (12 initiatives in 11 regions):
CO-DC 1 (CO-01), CO-ANT 2 (CO-02, CO-05), CO-VAC 1, CO-SAN 1; MX-NLE, MX-QUE, MX-PUE 1 each;
CL-AN, CL-VS, CL-RM, CL-BI 1 each. Colombia has 33 admin-1 regions, Mexico 32, Chile 16: 81 in scope.
"""

from __future__ import annotations

import polars as pl
import pytest

from analytics.serving import downloads, queries
from analytics.serving.filters import Filters

ALL = Filters()


def by_region(frame: pl.DataFrame) -> dict[str, dict]:
    return {row["region"]: row for row in frame.iter_rows(named=True)}


class TestRegionFigures:
    def test_every_region_of_the_registrys_countries_is_listed(self, db):
        frame = queries.region_figures(db, ALL)
        # 33 + 32 + 16: countries without any initiative (Brazil, ...) are not in scope
        assert frame.height == 81
        assert set(frame["country"]) == {"CO", "MX", "CL"}
        assert frame["initiatives"].sum() == 12

    def test_initiatives_firms_population_and_per_million(self, db):
        rows = by_region(queries.region_figures(db, ALL))
        antioquia = rows["CO-ANT"]
        assert antioquia["initiatives"] == 2
        # CO-02 lists F07..F11 and F01 (6 firms); CO-05 lists none and declares 10
        assert antioquia["member_firms"] == 16
        # Medellín 2,500,000 + Bello 500,000
        assert antioquia["cities"] == 2
        assert antioquia["city_population"] == 3_000_000
        # 2 initiatives / 3.0 million
        assert antioquia["initiatives_per_million"] == pytest.approx(2 / 3)
        # Bogotá: 1 / 8.0 million; Biobío: 1 / 0.2 million
        assert rows["CO-DC"]["initiatives_per_million"] == pytest.approx(0.125)
        assert rows["CL-BI"]["initiatives_per_million"] == pytest.approx(5.0)
        # F01 belongs to CO-01 (Bogotá) and CO-02 (Antioquia): counted once in each region
        assert rows["CO-DC"]["member_firms"] == 6

    def test_per_million_is_unknown_without_a_known_population(self, db):
        rows = by_region(queries.region_figures(db, ALL))
        # Leticia is listed with population 0 (unknown); Vaupés lists no place at all
        assert rows["CO-AMA"]["cities"] == 1
        assert rows["CO-AMA"]["city_population"] == 0
        assert rows["CO-AMA"]["initiatives_per_million"] is None
        assert rows["CO-VAU"]["cities"] == 0
        assert rows["CO-VAU"]["lat"] is None

    def test_population_weighted_centre(self, db):
        rows = by_region(queries.region_figures(db, ALL))
        # Antioquia: lat (6.25 × 2.5 + 6.34 × 0.5) / 3 = 18.795 / 3 = 6.265; both places at lon -75.56
        assert rows["CO-ANT"]["lat"] == pytest.approx(6.265)
        assert rows["CO-ANT"]["lon"] == pytest.approx(-75.56)
        # Magdalena: lat (11.24 × 5 + 11.00 × 1) / 6 = 11.2; lon (-74.20 × 5 - 74.26) / 6 = -74.21
        assert rows["CO-MAG"]["lat"] == pytest.approx(11.2)
        assert rows["CO-MAG"]["lon"] == pytest.approx(-74.21)

    def test_leading_sectors(self, db):
        rows = by_region(queries.region_figures(db, ALL))
        # Antioquia: energy (CO-02) and tourism (CO-05), one each: the taxonomy's order breaks the tie
        assert rows["CO-ANT"]["leading_sectors"] == ["energy", "tourism"]
        # Santander's CO-04 has no driving sector
        assert rows["CO-SAN"]["leading_sectors"] == []

    def test_source_is_named(self, db):
        sources = set(queries.region_figures(db, ALL)["population_source"])
        assert len(sources) == 1 and "GeoNames" in sources.pop()

    def test_filters_count_only_matching_initiatives(self, db):
        rows = by_region(queries.region_figures(db, Filters(sectors=("agri",))))
        # agri: CO-03 (Valle del Cauca), CL-02 (Valparaíso), CL-04 (Biobío)
        assert {code for code, row in rows.items() if row["initiatives"]} == {"CO-VAC", "CL-VS", "CL-BI"}
        # the scope stays every region of the three countries
        assert len(rows) == 81

    def test_country_filter_narrows_the_scope(self, db):
        frame = queries.region_figures(db, Filters(countries=("CL",)))
        assert frame.height == 16
        # a country with no initiative is in scope once chosen: all of its regions, each with none
        brazil = queries.region_figures(db, Filters(countries=("BR",)))
        assert brazil.height == 27 and brazil["initiatives"].sum() == 0


class TestWhiteSpots:
    def test_ranked_by_population(self, db):
        spots = queries.white_spots(db, ALL)
        # 81 regions, 11 with initiatives
        assert spots.height == 70
        # Jalisco 1.5 m, Atlántico 1.2 m, Bolívar 1.0 m, Magdalena 0.6 m, La Araucanía 0.3 m; then unknown ones
        assert spots["region"].head(5).to_list() == ["MX-JAL", "CO-ATL", "CO-BOL", "CO-MAG", "CL-AR"]
        assert spots["city_population"].head(6).to_list() == [1_500_000, 1_200_000, 1_000_000, 600_000, 300_000, 0]

    def test_a_filter_turns_covered_regions_into_white_spots(self, db):
        spots = queries.white_spots(db, Filters(sectors=("tourism",)))
        # tourism: CO-05 (Antioquia) and CL-03 (Santiago); Bogotá (8 m) is now the largest white spot
        assert spots["region"][0] == "CO-DC"
        assert "CO-ANT" not in spots["region"].to_list()
        assert "CL-RM" not in spots["region"].to_list()
        assert spots.height == 79


class TestRegionFilter:
    def test_selects_initiatives_of_the_regions(self, db):
        chosen = Filters(regions=("CO-ANT", "CO-DC"))
        found = set(queries.initiative_list(db, chosen, page_size=100)["id"])
        assert found == {"CO-01", "CO-02", "CO-05"}
        rows = queries.region_figures(db, chosen)
        assert rows["region"].sort().to_list() == ["CO-ANT", "CO-DC"]

    def test_a_region_outside_the_chosen_country_selects_nothing(self, db):
        outside = Filters(countries=("MX",), regions=("CO-ANT",))
        assert outside.regions_outside_countries == ("CO-ANT",)
        assert queries.count_initiatives(db, outside) == 0
        assert Filters(countries=("CO",), regions=("CO-ANT",)).regions_outside_countries == ()
        assert Filters(regions=("CO-ANT",)).regions_outside_countries == ()

    def test_country_coverage_follows_the_region_filter(self, db):
        coverage = queries.coverage_by_country(db, Filters(regions=("CO-ANT",)))
        colombia = coverage.filter(pl.col("country") == "CO").row(0, named=True)
        assert colombia["initiatives"] == 2
        assert colombia["member_firms"] == 16


class TestDownloadsCarryTheRegion:
    def test_initiatives_and_points(self, db):
        chosen = Filters(regions=("CO-ANT",))
        frame, meta = downloads.initiatives(db, chosen)
        assert set(frame["region"]) == {"CO-ANT"} and set(frame["region_name"]) == {"Antioquia"}
        # the view's filters travel with the file, region included
        assert meta.filters == {"region": "CO-ANT"}
        points, _ = downloads.points(db, chosen)
        assert set(points["region"]) == {"CO-ANT"}

    def test_the_regions_own_download(self, db):
        frame, meta = downloads.regions(db, Filters(countries=("CO",)))
        assert frame.height == 33
        antioquia = frame.filter(pl.col("region") == "CO-ANT").row(0, named=True)
        assert antioquia["leading_sectors"] == "energy;tourism" and antioquia["white_spot"] is False
        assert frame.filter(pl.col("region") == "CO-ATL")["white_spot"].item() is True
        assert "GeoNames" in meta.extra["population"]
        # the file says where it came from, and its rows read back
        rows, header = downloads.read_csv_export(downloads.to_csv(frame, meta), downloads.metadata_csv(meta))
        assert rows.height == 33 and header["filters"] == "country=CO"
