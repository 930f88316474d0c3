"""The shared filter: URL round trip, tolerance of bad links, the SQL it compiles to, and its rows (one per filter)
from which the URL keys, the SQL and the sidebar's widgets are derived."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from analytics.reference import taxonomy
from analytics.serving import queries
from analytics.serving.filters import Filters, FilterSpec, filter_row, specs, widgets

FULL = Filters(
    countries=("MX", "CO"), regions=("CO-ANT", "MX-NLE"), subregions=("south_america",),
    types=("cluster",), statuses=("validated", "registered"),
    sectors=("agri",), isic_sections=("C", "A"), size_classes=("micro",), registered_from=dt.date(2024, 1, 1),
    registered_to=dt.date(2025, 6, 30), founded_from=2000, founded_to=2020,
)


class TestUrlRoundTrip:
    @pytest.mark.parametrize("filters", [Filters(), FULL, Filters(countries=("CL",)), Filters(founded_to=1999)])
    def test_round_trip(self, filters):
        assert Filters.from_query_params(filters.to_query_params()) == filters

    def test_empty_filters_make_an_empty_query(self):
        assert Filters().to_query_params() == {}

    def test_lists_are_sorted_so_equal_filters_are_equal(self):
        assert Filters(countries=("MX", "CO", "MX")) == Filters(countries=("CO", "MX"))
        assert FULL.to_query_params()["country"] == "CO,MX"

    def test_repeated_keys_are_accepted(self):
        assert Filters.from_query_params({"country": ["CO", "MX"]}).countries == ("CO", "MX")


class TestBadLinks:
    @pytest.mark.parametrize(("params", "expected"), [
        ({"country": "co,<script>,XYZ,mx"}, Filters(countries=("CO", "MX"))),
        ({"type": "cluster,spaceship"}, Filters(types=("cluster",))),
        ({"status": ""}, Filters()),
        ({"from": "2024-13-45"}, Filters()),
        ({"from": "2025-01-01", "to": "2024-01-01"}, Filters()),
        ({"founded_from": "abc", "founded_to": "3000"}, Filters()),
        ({"founded_from": "2010"}, Filters(founded_from=2010)),
        ({"founded_from": "9" * 1_000_000, "founded_to": "0" * 5000 + "2020"}, Filters(founded_to=2020)),
        ({"sector": "agri;drop table"}, Filters()),
        ({"unknown": "x"}, Filters()),
        # a megabyte of commas, or of codes, is read only as far as MAX_PARAM_CHARS: the first codes count
        ({"country": "co," + "," * 1_000_000 + "mx"}, Filters(countries=("CO",))),
        ({"type": ["cluster"] * 100_000 + ["network"]}, Filters(types=("cluster",))),
        ({"region": "co-ant,CO-XYZ,<b>,CO-DC"}, Filters(regions=("CO-ANT", "CO-DC"))),
        ({"region": "ANT"}, Filters()),
    ])
    def test_bad_values_are_dropped_not_raised(self, params, expected):
        assert Filters.from_query_params(params) == expected


class TestSql:
    def test_no_filter_is_true(self):
        assert Filters().where() == ("TRUE", [])

    def test_values_travel_as_parameters(self):
        condition, params = Filters(countries=("CO",), founded_from=2000).where("x")
        assert "CO" not in condition and "2000" not in condition
        assert "x.country" in condition
        assert params == [["CO"], 2000]

    def test_every_field_compiles(self):
        condition, params = FULL.where()
        assert condition.count("?") == len(params) == 14  # the two sector conditions also bind their scheme


class TestRows:
    """Each row on its own: FULL sets every one, so each row is tried with a real value."""

    ROWS = specs()

    def test_full_sets_every_row(self):
        assert [spec.field for spec in self.ROWS if getattr(FULL, spec.field) in (None, ())] == []

    @pytest.mark.parametrize("spec", ROWS, ids=lambda spec: spec.field)
    def test_every_row_round_trips_through_url_filters_url(self, spec):
        alone = Filters(**{spec.field: getattr(FULL, spec.field)})
        params = alone.to_query_params()
        assert list(params) == [spec.url_key]  # the row writes its own key, and only it
        assert Filters.from_query_params(params) == alone
        assert Filters.from_query_params(params).to_query_params() == params

    @pytest.mark.parametrize("spec", ROWS, ids=lambda spec: spec.field)
    def test_every_rows_sql_has_one_placeholder_per_parameter(self, spec):
        condition, params = Filters(**{spec.field: getattr(FULL, spec.field)}).where("x")
        assert condition.count("?") == len(params) == len(spec.bind) + 1
        assert "x." in condition and "{" not in condition  # the alias is the only thing put into the template

    def test_url_keys_and_widget_keys_are_unique(self):
        url_keys = [spec.url_key for spec in self.ROWS]
        assert len(url_keys) == len(set(url_keys))
        keys = [widget.key for widget in widgets()]
        assert len(keys) == len(set(keys))
        # every field is set by exactly one widget
        assert sorted(name for widget in widgets() for name in widget.fields) == sorted(spec.field for spec in self.ROWS)

    def test_a_range_drawn_as_one_widget_holds_both_ends(self):
        (founded,) = [widget for widget in widgets() if widget.kind == "year range"]
        assert founded.value(FULL) == (FULL.founded_from, FULL.founded_to)
        assert founded.value(Filters()) == (None, None)

    @pytest.mark.parametrize("broken", [
        {"sql": "{alias}.type = ? AND ? IS NULL"},  # two placeholders for one value
        {"kind": "colour"},
        {"widget": "dial"},
        {"kind": "codes", "vocabulary": None},  # codes with nothing to check them against
    ])
    def test_a_mistyped_row_fails_when_declared(self, broken):
        row = {"url_key": "t", "kind": "codes", "vocabulary": "type", "label": "Types of initiative", "widget": "multiselect",
               "sql": "{alias}.type = ?"} | broken
        with pytest.raises(ValueError):
            FilterSpec(**row)


@dataclass(frozen=True)
class WithMainSection(Filters):
    """The shipped filters plus one row: initiatives by their first ISIC section. It is declared nowhere else."""

    main_sections: tuple[str, ...] = filter_row(
        url_key="main_isic", kind="codes", vocabulary="isic_section", label="ISIC sections", widget="multiselect",
        more=True, sql="list_contains(?::VARCHAR[], {alias}.primary_isic)")


class TestAddingAFilterIsOneRow:
    """Everything the app derives from the rows works for a row that only a test declares."""

    def test_the_new_row_is_parsed_written_and_checked(self):
        codes = taxonomy.codes("isic_section")[:2]
        params = {"main_isic": ",".join([*codes, "not-a-section"]), "country": "CO"}
        filters = WithMainSection.from_query_params(params)
        assert filters.main_sections == tuple(sorted(codes)) and filters.countries == ("CO",)
        assert WithMainSection.from_query_params(filters.to_query_params()) == filters
        assert WithMainSection().is_empty and not filters.is_empty

    def test_the_new_row_gets_a_widget(self):
        shipped = widgets()
        extended = widgets(specs(WithMainSection))
        assert extended[:len(shipped)] == shipped  # the shipped widgets are unchanged, and the new one comes last
        (added,) = extended[len(shipped):]
        assert added.fields == ("main_sections",) and added.kind == "multiselect" and added.key == "filter_main_sections"

    def test_the_new_rows_sql_selects_what_the_column_says(self, db):
        section = db.rows("SELECT primary_isic FROM initiatives ORDER BY id LIMIT 1")[0][0]
        expected = db.rows("SELECT count(*) FROM initiatives WHERE primary_isic = ?", [section])[0][0]
        filters = WithMainSection(main_sections=(section,))
        assert queries.count_initiatives(db, filters) == expected > 0
        # with another row: both conditions hold
        both = filters.replace(countries=("CO",))
        assert queries.count_initiatives(db, both) == db.rows(
            "SELECT count(*) FROM initiatives WHERE primary_isic = ? AND country = 'CO'", [section])[0][0]
