"""The synthetic demo export: reproducible, in the registry format, and shaped like the public facts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from analytics.ingest.demo import INTERCLUSTER_PROGRAMME, write_demo
from analytics.ingest.registry_format import TABLES
from analytics.reference import gazetteer, taxonomy

AS_OF = date(2026, 11, 1)
SEED = 2023
LAUNCH = "2023-12-12"
INTERCLUSTER_COUNTRIES = {"AR", "CL", "CO", "CR", "EC", "MX", "PA", "PE"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The scale-1 demo seen on 1 November 2026 (about 480 initiatives), written once for the module."""
    out = tmp_path_factory.mktemp("demo")
    return out, write_demo(out, scale=1, seed=SEED, as_of=AS_OF)


@pytest.fixture(scope="module")
def tables(demo: tuple[Path, dict[str, int]]) -> dict[str, pl.DataFrame]:
    """Every file read as text, so that the tests see exactly what was written."""
    out, _ = demo
    return {table.name: pl.read_csv(out / f"{table.name}.csv", infer_schema=False) for table in TABLES}


@pytest.fixture(scope="module")
def initiatives(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    return tables["initiatives"].with_columns(
        pl.col("registered_on", "validated_on").str.to_date(),
        pl.col("latitude", "longitude").cast(pl.Float64),
        pl.col("founded_year", "member_firms_declared").cast(pl.Int64),
        isic=pl.col("isic_sections").str.split(";"),
        sectors=pl.col("priority_sectors").str.split(";").fill_null([]),
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.csv"))}


class TestReproducibility:
    def test_same_inputs_give_identical_bytes(self, demo, tmp_path):
        out, _ = demo
        write_demo(tmp_path, scale=1, seed=SEED, as_of=AS_OF)
        assert _files(tmp_path) == _files(out)

    def test_another_seed_gives_other_records_with_the_same_facts(self, demo, initiatives, tmp_path):
        out, _ = demo
        write_demo(tmp_path, scale=1, seed=SEED + 1, as_of=AS_OF)
        for name in ("initiatives.csv", "firms.csv", "memberships.csv", "collaborations.csv"):
            assert (tmp_path / name).read_bytes() != (out / name).read_bytes(), name
        other = pl.read_csv(tmp_path / "initiatives.csv", infer_schema=False)
        assert other["source"].unique().to_list() == [f"SYNTHETIC DEMO DATA (iapt demo, seed {SEED + 1})"]

        # The launch cohort and the total by July 2025 are public facts, so no seed changes them;
        # only the monthly rhythm after July 2025 varies.
        def facts(frame: pl.DataFrame) -> tuple:
            launch = frame.filter(pl.col("registered_on").cast(pl.String) == LAUNCH)
            by_mid_2025 = frame.filter(pl.col("registered_on").cast(pl.String) <= "2025-07-31").height
            return sorted(launch["country"].value_counts().rows()), by_mid_2025

        assert facts(other) == facts(initiatives)
        assert other.height == pytest.approx(initiatives.height, abs=6)

    def test_scale_multiplies_the_counts(self, demo, tmp_path):
        _, counts = demo
        small = write_demo(tmp_path, scale=0.25, seed=SEED, as_of=AS_OF)
        assert small["initiatives"] == pytest.approx(counts["initiatives"] / 4, rel=0.05)
        assert small["memberships"] == pytest.approx(counts["memberships"] / 4, rel=0.35)

    @pytest.mark.parametrize("scale", [0, -1])
    def test_scale_must_be_positive(self, tmp_path, scale):
        with pytest.raises(ValueError, match="scale"):
            write_demo(tmp_path, scale=scale, as_of=AS_OF)

    def test_as_of_cannot_precede_the_launch(self, tmp_path):
        with pytest.raises(ValueError, match="2023-12-12"):
            write_demo(tmp_path, as_of=date(2023, 12, 11))


class TestFormat:
    @pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
    def test_header_is_the_spec_in_order(self, demo, table):
        out, _ = demo
        header = (out / f"{table.name}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == list(table.column_names)

    def test_returned_counts_are_the_rows_written(self, demo, tables):
        _, counts = demo
        assert counts == {name: frame.height for name, frame in tables.items()}

    def test_files_are_utf8_with_accents_intact(self, demo):
        out, _ = demo
        text = (out / "collaborations.csv").read_bytes().decode("utf-8")
        assert INTERCLUSTER_PROGRAMME in text

    @pytest.mark.parametrize(("table", "column", "vocabulary"), [
        ("initiatives", "type", "type"),
        ("initiatives", "status", "status"),
        ("firms", "size_class", "size_class"),
        ("firms", "isic_section", "isic_section"),
    ])
    def test_codes_are_allowed(self, tables, table, column, vocabulary):
        assert set(tables[table][column].unique()) <= set(taxonomy.codes(vocabulary))

    def test_code_lists_are_allowed_distinct_and_semicolon_separated(self, initiatives):
        for column, vocabulary, most in (("isic", "isic_section", 3), ("sectors", "eclac_sector", 3)):
            lists = initiatives[column].to_list()
            assert all(len(codes) == len(set(codes)) <= most for codes in lists), column
            assert {code for codes in lists for code in codes} <= set(taxonomy.codes(vocabulary)), column
        assert initiatives["isic"].list.len().min() >= 1

    def test_dates_are_iso_and_decimals_use_points(self, tables):
        iso = r"^\d{4}-\d{2}-\d{2}$"
        for table, column in (("initiatives", "registered_on"), ("initiatives", "validated_on"),
                              ("memberships", "joined_on"), ("collaborations", "started_on")):
            assert tables[table][column].drop_nulls().str.contains(iso).all(), column
        for column in ("latitude", "longitude"):
            assert tables["initiatives"][column].str.contains(r"^-?\d+\.\d+$").all(), column

    def test_ids_follow_the_patterns(self, tables):
        initiatives, firms = tables["initiatives"], tables["firms"]
        assert initiatives["id"].str.contains(r"^[A-Z]{2}-\d{4,}$").all()
        assert (initiatives["id"].str.slice(0, 2) == initiatives["country"]).all()
        assert initiatives["id"].is_unique().all()
        assert firms["id"].str.contains(r"^F\d{7,}$").all()
        assert firms["id"].is_unique().all()


class TestSyntheticFlags:
    def test_every_initiative_row_says_synthetic(self, tables):
        assert (tables["initiatives"]["source"] == f"SYNTHETIC DEMO DATA (iapt demo, seed {SEED})").all()

    def test_names_are_plainly_synthetic(self, tables):
        assert tables["initiatives"]["name"].str.starts_with("Synthetic ").all()
        assert tables["initiatives"]["managing_entity"].drop_nulls().str.starts_with("Synthetic ").all()
        assert tables["firms"]["name"].str.contains(r"^Synthetic firm \d+$").all()
        programmes = set(tables["collaborations"]["programme"].unique()) - {INTERCLUSTER_PROGRAMME}
        assert all(name.startswith("Synthetic ") for name in programmes)

    def test_no_real_initiative_name_is_reused(self, tables):
        # Public names from registry-facts.md: a demo row must never attach invented figures to one.
        real = ("Clúster Energía Sostenible", "Cluster Moda", "Clúster de Software y TI", "Clúster Macrosnacks",
                "Clúster Automotriz", "Clúster Minero", "Clúster Agtech", "Porto Digital", "Santiago Destino Turístico")
        names = tables["initiatives"]["name"]
        assert not any(names.str.contains(name, literal=True).any() for name in real)

    def test_websites_only_point_at_example_org(self, tables):
        websites = tables["initiatives"]["website"].drop_nulls()
        assert websites.len() > 0
        assert websites.str.starts_with("https://example.org/").all()


class TestTimeline:
    def test_launch_cohort_matches_the_public_counts(self, initiatives):
        launch = initiatives.filter(pl.col("registered_on") == date.fromisoformat(LAUNCH))
        assert 253 <= launch.height <= 263
        per_country = dict(launch["country"].value_counts().rows())
        assert len(per_country) == 8
        # The published counts for five countries; three more share the other 43.
        assert {code: per_country.pop(code) for code in ("CL", "CO", "MX", "EC", "PE")} == \
            {"CL": 98, "CO": 84, "MX": 21, "EC": 11, "PE": 1}
        assert sum(per_country.values()) == launch.height - 215

    def test_nobody_registered_before_the_launch_or_after_as_of(self, initiatives):
        assert initiatives["registered_on"].min() == date.fromisoformat(LAUNCH)
        assert initiatives["registered_on"].max() <= AS_OF

    def test_nearly_400_by_mid_2025_and_about_480_at_as_of(self, initiatives):
        assert 370 <= initiatives.filter(pl.col("registered_on") <= date(2025, 7, 31)).height <= 400
        assert 465 <= initiatives.height <= 495

    def test_registrations_arrive_every_month_after_the_launch(self, initiatives):
        later = initiatives.filter(pl.col("registered_on") > date.fromisoformat(LAUNCH))
        months = set(later["registered_on"].dt.strftime("%Y-%m"))
        every_month = {f"{year}-{month:02d}" for year in (2024, 2025, 2026) for month in range(1, 13)}
        # January 2024 to October 2026 in full; as_of (1 November) adds at most a fraction of a month.
        assert {month for month in every_month if month <= "2026-10"} <= months <= {month for month in every_month
                                                                                   if month <= "2026-11"}

    def test_country_ranking(self, initiatives):
        ranking = initiatives["country"].value_counts(sort=True)
        per_country = dict(ranking.rows())
        assert len(per_country) >= 18
        assert set(ranking["country"].head(3)) == {"CL", "CO", "MX"}
        assert 17 <= per_country["EC"] <= 23
        assert per_country["EC"] > per_country["CR"] and per_country["EC"] > per_country["PE"]
        assert set(per_country) <= set(gazetteer.LAC_ISO2)


class TestClassification:
    def test_agriculture_tourism_and_manufacturing_lead(self, initiatives):
        primary_isic = initiatives["isic"].list.first().value_counts(sort=True)
        assert set(primary_isic[primary_isic.columns[0]].head(3)) == {"A", "I", "C"}
        primary_sector = initiatives["sectors"].list.first().drop_nulls().value_counts(sort=True)
        assert {"agri", "tourism"} <= set(primary_sector[primary_sector.columns[0]].head(3))
        assert "advmfg" in set(primary_sector[primary_sector.columns[0]].head(5))

    def test_primary_sector_agrees_with_primary_section(self, initiatives):
        agriculture = initiatives.filter(pl.col("isic").list.first() == "A", pl.col("sectors").list.len() > 0)
        tourism = initiatives.filter(pl.col("isic").list.first() == "I", pl.col("sectors").list.len() > 0)
        assert (agriculture["sectors"].list.first() == "agri").mean() > 0.6
        assert (tourism["sectors"].list.first() == "tourism").mean() > 0.6

    def test_national_types_stay_at_home(self, initiatives):
        def countries_of(kind: str) -> pl.Series:
            return initiatives.filter(pl.col("type") == kind)["country"]

        assert initiatives["type"].value_counts(sort=True)["type"][0] == "cluster"
        assert set(countries_of("competitiveness_route")) == {"CO"}
        assert set(countries_of("regional_programme")) == {"CL"}
        assert (countries_of("local_productive_arrangement") == "BR").mean() > 0.5

    def test_launch_cohort_is_mostly_validated_and_recent_ones_wait(self, initiatives):
        launch = initiatives.filter(pl.col("registered_on") == date.fromisoformat(LAUNCH))
        recent = initiatives.filter(pl.col("registered_on") > date(2026, 5, 1))
        assert (launch["status"] == "validated").mean() > 0.8
        assert (recent["status"] == "registered").mean() > (launch["status"] == "registered").mean()
        assert set(initiatives["status"]) == {"registered", "validated", "inactive"}

    def test_validation_dates_follow_registration(self, initiatives):
        reviewed = initiatives.filter(pl.col("status") != "registered")
        assert reviewed["validated_on"].null_count() == 0
        assert (reviewed["validated_on"] > reviewed["registered_on"]).all()
        assert reviewed["validated_on"].max() <= AS_OF
        assert initiatives.filter(pl.col("status") == "registered")["validated_on"].null_count() == \
            (initiatives["status"] == "registered").sum()

    def test_founded_no_later_than_registered(self, initiatives):
        known = initiatives.drop_nulls("founded_year")
        assert (known["founded_year"] <= known["registered_on"].dt.year()).all()
        assert known.height > 0.9 * initiatives.height


class TestLocation:
    def test_every_point_lies_in_its_country(self, initiatives):
        located = gazetteer.locate(initiatives["latitude"].to_list(), initiatives["longitude"].to_list())
        assert located == initiatives["country"].to_list()

    def test_regions_are_names_of_the_countrys_regions(self, initiatives):
        for (country,), rows in initiatives.group_by("country"):
            names = {region.name for region in gazetteer.regions(country)}
            assert set(rows["region"]) <= names, country

    def test_points_are_a_real_city_jittered_by_at_most_two_hundredths(self, initiatives):
        for (country,), rows in initiatives.group_by("country"):
            regions = {region.code: region.name for region in gazetteer.regions(country)}
            cities: dict[tuple[str, str], list[tuple[float, float]]] = {}
            for city in gazetteer.cities(country):
                cities.setdefault((city.name, regions.get(city.region_code, "")), []).append((city.lat, city.lon))
            for name, region, lat, lon in rows.select("city", "region", "latitude", "longitude").iter_rows():
                candidates = cities.get((name, region), [])
                assert any(abs(lat - c_lat) <= 0.02 + 1e-5 and abs(lon - c_lon) <= 0.02 + 1e-5
                           for c_lat, c_lon in candidates), (country, name, region, lat, lon)


class TestMembers:
    def test_more_than_40000_firms(self, tables):
        assert tables["firms"].height > 40_000

    def test_memberships_reference_known_records_once(self, tables):
        memberships = tables["memberships"]
        assert set(memberships["firm_id"].unique()) == set(tables["firms"]["id"])
        assert set(memberships["initiative_id"].unique()) <= set(tables["initiatives"]["id"])
        assert not memberships.select("firm_id", "initiative_id").is_duplicated().any()

    def test_members_per_initiative_are_heavy_tailed(self, tables):
        listed = tables["memberships"].group_by("initiative_id").len()["len"]
        assert listed.len() == tables["initiatives"].height
        assert listed.max() >= 1000
        assert 20 <= listed.median() <= 300

    def test_some_firms_belong_to_several_initiatives_of_their_country(self, tables):
        memberships = tables["memberships"].join(tables["firms"].select("id", "country"), left_on="firm_id", right_on="id")
        memberships = memberships.join(tables["initiatives"].select("id", initiative_country="country"),
                                       left_on="initiative_id", right_on="id")
        assert (memberships["country"] == memberships["initiative_country"]).all()
        several = (memberships.group_by("firm_id").len()["len"] > 1).mean()
        assert 0.05 <= several <= 0.10

    def test_firms_are_mostly_small(self, tables):
        sizes = dict(tables["firms"]["size_class"].value_counts().rows())
        assert sizes["micro"] > sizes["small"] > sizes["medium"] > sizes["large"] > 0

    def test_firms_mostly_share_their_initiatives_activity_and_city(self, tables):
        first_membership = tables["memberships"].unique("firm_id", keep="first", maintain_order=True)
        firms = tables["firms"].join(first_membership, left_on="id", right_on="firm_id").join(
            tables["initiatives"].select("id", "city", primary=pl.col("isic_sections").str.split(";").list.first()),
            left_on="initiative_id", right_on="id", suffix="_initiative")
        assert (firms["isic_section"] == firms["primary"]).mean() > 0.6
        assert (firms["city"] == firms["city_initiative"]).mean() > 0.7

    def test_declared_members_are_the_listed_ones_or_a_few_more(self, tables, initiatives):
        listed = tables["memberships"].group_by("initiative_id").len()
        compared = initiatives.join(listed, left_on="id", right_on="initiative_id")
        assert (compared["member_firms_declared"] >= compared["len"]).all()
        same = (compared["member_firms_declared"] == compared["len"]).mean()
        assert 0.6 < same < 1

    def test_other_members_are_small_counts(self, initiatives):
        for column in ("members_government", "members_academia", "members_civil_society"):
            counts = initiatives[column].drop_nulls().cast(pl.Int64)
            assert 0 <= counts.min() and counts.max() <= 20, column


class TestCollaborations:
    def test_about_sixty_links(self, tables):
        assert 50 <= tables["collaborations"].height <= 70

    def test_interclúster_programme_joins_29_initiatives_of_8_countries(self, tables):
        links = tables["collaborations"].filter(pl.col("programme") == INTERCLUSTER_PROGRAMME)
        members = pl.concat([links["initiative_a"], links["initiative_b"]]).unique()
        assert members.len() == 29
        assert set(members.str.slice(0, 2)) == INTERCLUSTER_COUNTRIES
        assert links.height > 29  # a ring plus chords, not a chain

    def test_links_are_distinct_pairs_of_known_initiatives(self, tables):
        links = tables["collaborations"]
        assert (links["initiative_a"] != links["initiative_b"]).all()
        pairs = links.select(
            "programme",
            low=pl.min_horizontal("initiative_a", "initiative_b"),
            high=pl.max_horizontal("initiative_a", "initiative_b"),
        )
        assert not pairs.is_duplicated().any()
        ids = set(tables["initiatives"]["id"])
        assert set(links["initiative_a"]) <= ids and set(links["initiative_b"]) <= ids

    def test_domestic_programmes_stay_in_one_country(self, tables):
        domestic = tables["collaborations"].filter(pl.col("programme") != INTERCLUSTER_PROGRAMME)
        assert domestic.height > 0
        assert (domestic["initiative_a"].str.slice(0, 2) == domestic["initiative_b"].str.slice(0, 2)).all()

    def test_links_start_after_both_registrations(self, tables, initiatives):
        registered = initiatives.select("id", "registered_on")
        links = (tables["collaborations"].with_columns(pl.col("started_on").str.to_date())
                 .join(registered, left_on="initiative_a", right_on="id")
                 .join(registered, left_on="initiative_b", right_on="id", suffix="_b"))
        assert (links["started_on"] >= links["registered_on"]).all()
        assert (links["started_on"] >= links["registered_on_b"]).all()
        assert (links["started_on"] >= date.fromisoformat(LAUNCH)).all()
        assert links["started_on"].max() <= AS_OF

