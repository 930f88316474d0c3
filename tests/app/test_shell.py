"""What every page shares: languages, the filters and their URL, the notices, a missing or replaced database."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from analytics import i18n
from analytics.serving import queries
from analytics.serving.db import Database
from app_support.sidebar import MORE_KEY
from app_support.state import FILTER_WIDGETS
from tests.app.conftest import PAGES, TITLES, metrics


@pytest.mark.parametrize("language", ["en", "es", "pt"])
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_opens_in_every_language(open_app, page, language):
    app = open_app(page, **({"lang": language} if language != "en" else {}))
    assert [title.value for title in app.title] == [TITLES[page][language]]
    assert app.selectbox(key="app_lang").value == language
    assert not app.error


class TestUrlRoundTrip:
    QUERY = {"country": "CO,MX", "type": "cluster", "from": "2023-12-01", "to": "2025-01-31", "founded_from": "2009",
             "lang": "es"}

    def test_a_link_sets_the_sidebar_and_is_written_back_unchanged(self, open_app):
        app = open_app("overview", **self.QUERY)
        assert app.multiselect(key="filter_countries").value == ["CO", "MX"]
        assert app.multiselect(key="filter_types").value == ["cluster"]
        assert str(app.date_input(key="filter_registered_from").value) == "2023-12-01"
        assert str(app.date_input(key="filter_registered_to").value) == "2025-01-31"
        assert app.slider(key="filter_founded").value[0] == 2009
        assert dict(app.query_params) == self.QUERY
        # CO-01, CO-02 and MX-02 are clusters registered in the range, founded 2009 or later (MX-01: 2008)
        assert metrics(app)["Iniciativas"] == "3"

    @pytest.mark.parametrize("page", ["map", "countries", "growth"])
    def test_switching_pages_keeps_the_filters_and_the_url(self, open_app, page):
        app = open_app(page, **self.QUERY)
        assert app.multiselect(key="filter_countries").value == ["CO", "MX"]
        assert dict(app.query_params) == self.QUERY

    def test_a_changed_filter_is_written_to_the_url(self, open_app):
        app = open_app()
        app.multiselect(key="filter_countries").set_value(["CL"]).run()
        app.selectbox(key="app_lang").set_value("pt").run()
        assert dict(app.query_params) == {"country": "CL", "lang": "pt"}
        assert metrics(app)["Iniciativas"] == "4"

    def test_bad_values_fall_back_to_defaults_without_an_error(self, open_app):
        app = open_app("overview", country="ZZ,co", type="castle", status="validated", **{
            "from": "2024-13-45", "to": "yesterday", "founded_from": "abc", "founded_to": "3000", "lang": "xx"})
        assert not app.error
        assert app.selectbox(key="app_lang").value == "en"
        # "co" is read as CO; ZZ has no initiative and is dropped; the one valid value (status) is kept
        assert app.multiselect(key="filter_countries").value == ["CO"]
        assert app.multiselect(key="filter_types").value == []
        assert app.multiselect(key="filter_statuses").value == ["validated"]
        assert app.date_input(key="filter_registered_from").value is None
        assert dict(app.query_params) == {"country": "CO", "status": "validated"}
        assert metrics(app)["Initiatives"] == "2"

    def test_clear_filters_empties_the_sidebar_and_the_url(self, open_app):
        app = open_app("growth", country="CO", size="micro", lang="pt")
        app.button(key="filter_reset").click().run()
        assert app.multiselect(key="filter_countries").value == []
        assert app.multiselect(key="filter_size_classes").value == []
        assert dict(app.query_params) == {"lang": "pt"}


def test_the_sidebar_draws_one_widget_per_filter_row_in_order(open_app):
    app = open_app("overview", lang="es")
    app.toggle(key=MORE_KEY).set_value(True).run()
    keys = {widget.key for widget in FILTER_WIDGETS}
    drawn = [(node.key, node.label) for node in app.sidebar if getattr(node, "key", None) in keys]
    assert drawn == [(widget.key, i18n.t(widget.rows[0].label, "es")) for widget in FILTER_WIDGETS]
    # the shared ones first, the rest under "More filters", as before the rows
    assert [key for key, _ in drawn] == ["filter_countries", "filter_regions", "filter_sectors", "filter_types",
                                         "filter_subregions", "filter_statuses", "filter_isic_sections",
                                         "filter_size_classes", "filter_registered_from", "filter_registered_to",
                                         "filter_founded"]


def test_the_rarer_filters_are_drawn_when_asked_for_or_in_use(open_app):
    keys = {widget.key for widget in FILTER_WIDGETS}
    app = open_app("overview")
    assert [node.key for node in app.sidebar if getattr(node, "key", None) in keys] == [
        "filter_countries", "filter_regions", "filter_sectors", "filter_types"]
    assert not app.toggle(key=MORE_KEY).value and not app.toggle(key=MORE_KEY).proto.disabled
    # a link that uses one of them shows them all, and the switch stays on while it is in use
    app = open_app("overview", status="validated")
    assert app.multiselect(key="filter_statuses").value == ["validated"]
    assert app.toggle(key=MORE_KEY).value and app.toggle(key=MORE_KEY).proto.disabled
    app.multiselect(key="filter_statuses").set_value([]).run()
    assert app.toggle(key=MORE_KEY).value and not app.toggle(key=MORE_KEY).proto.disabled
    app.toggle(key=MORE_KEY).set_value(False).run()
    assert "filter_statuses" not in {node.key for node in app.sidebar if getattr(node, "key", None)}
    assert dict(app.query_params) == {}


class TestNoticesAndVintage:
    def test_the_footer_names_the_build_and_its_source(self, open_app, fixture_db):
        info = queries.build_info(Database(fixture_db)).row(0, named=True)
        app = open_app("countries")
        footer = app.main.caption[-1].value
        assert "Data built" in footer
        assert info["source_checksum"][:12] in footer
        assert "12 initiatives, 40 firms" in footer

    def test_real_data_carries_no_synthetic_notice(self, open_app):
        assert not open_app("map").warning

    @pytest.mark.parametrize("page", list(PAGES))
    def test_synthetic_data_is_announced_on_every_page(self, open_app, fixture_db, tmp_path, monkeypatch, page):
        synthetic = tmp_path / "synthetic.duckdb"
        shutil.copy(fixture_db, synthetic)
        with duckdb.connect(str(synthetic)) as connection:
            connection.execute("UPDATE build_info SET synthetic = true")
            connection.execute("CHECKPOINT")
        monkeypatch.setenv("IAPT_DB", str(synthetic))
        app = open_app(page, lang="es")
        assert "Datos sintéticos de demostración" in app.warning[0].value


class TestDatabase:
    def test_a_missing_database_gets_a_message_not_a_traceback(self, open_app, tmp_path, monkeypatch):
        monkeypatch.setenv("IAPT_DB", str(tmp_path / "nowhere.duckdb"))
        app = open_app("overview", lang="pt")
        assert "não está disponível" in app.error[0].value
        assert "make db" in app.code[0].value
        assert not metrics(app)

    @pytest.mark.parametrize("page", list(PAGES))
    @pytest.mark.parametrize(("breakage", "reason"), [
        ("truncated", "The database file is cut short"),
        ("outdated", "tables are missing"),
        ("other_version", "The database was built by another version of the app"),
    ])
    def test_a_broken_database_gets_the_clean_page_on_every_page(self, open_app, fixture_db, tmp_path, monkeypatch,
                                                                  page, breakage, reason):
        broken = tmp_path / "broken.duckdb"
        shutil.copy(fixture_db, broken)
        if breakage == "truncated":  # a copy that stopped half way, renamed into place
            with broken.open("r+b") as file:
                file.truncate(broken.stat().st_size // 2)
        else:
            with duckdb.connect(str(broken)) as connection:
                if breakage == "outdated":
                    connection.execute("DROP TABLE shared_memberships")
                else:
                    connection.execute("UPDATE build_info SET format_version = format_version + 1")
                connection.execute("CHECKPOINT")
        monkeypatch.setenv("IAPT_DB", str(broken))
        app = open_app(page)
        assert "not available" in app.error[0].value
        assert any(reason in markdown.value for markdown in app.markdown)
        assert "iapt build" in app.code[0].value
        assert not app.exception and not metrics(app)

    def test_a_failure_while_reading_gets_the_clean_page(self, open_app, monkeypatch):
        def damaged(*args, **kwargs):
            raise duckdb.IOException("IO Error: Could not read enough bytes from file")

        monkeypatch.setattr(Database, "query", damaged)
        app = open_app("overview")
        assert "not available" in app.error[0].value
        assert any("damaged" in markdown.value for markdown in app.markdown)

    def test_an_unexpected_error_is_a_short_message_not_a_trace(self, open_app, monkeypatch, caplog):
        def broken(*args, **kwargs):
            raise ZeroDivisionError("a bug")

        monkeypatch.setattr(Database, "query", broken)
        app = open_app("overview")
        assert app.error[0].value == "Something went wrong on this page"
        assert "ZeroDivisionError" in caplog.text  # the trace is in the server's log

    def test_a_replaced_database_shows_its_new_data(self, open_app, fixture_db, tmp_path, monkeypatch):
        served = tmp_path / "served.duckdb"
        shutil.copy(fixture_db, served)
        monkeypatch.setenv("IAPT_DB", str(served))
        app = open_app()
        assert metrics(app)["Initiatives"] == "12"
        # what `iapt build` does: write a new file beside the old one, then rename it over
        replacement = tmp_path / "replacement.duckdb"
        shutil.copy(fixture_db, replacement)
        with duckdb.connect(str(replacement)) as connection:
            connection.execute("DELETE FROM initiatives WHERE country = 'CL'")
            connection.execute("CHECKPOINT")  # into the file itself: a WAL beside it would not travel with the rename
        replacement.replace(served)
        app.run()
        assert metrics(app)["Initiatives"] == "8"

