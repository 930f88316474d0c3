"""Explorer: the list (search, sort, filters), a profile opened by its link, and the download buttons."""

from __future__ import annotations

from tests.app.conftest import deck_spec, page_text, plotly_specs
from tests.fixture_registry import XSS_NAME


def listed(app) -> list[str]:
    return list(app.dataframe[0].value["Registry id"])


class TestList:
    def test_every_initiative_newest_first(self, open_app):
        app = open_app("explorer")
        table = app.dataframe[0].value
        assert len(table) == 12
        assert list(table["Registry id"][:3]) == ["CL-04", "MX-03", "CO-05"]
        # the data grid draws cell text as text: the name arrives exactly as registered
        assert table["Initiative"][2] == XSS_NAME
        assert list(table.columns[:4]) == ["Initiative", "Country", "Admin-1 region", "City"]
        assert "Initiatives 1 to 12 of 12" in page_text(app)

    def test_search_ignores_accents_and_case(self, open_app):
        app = open_app("explorer")
        app.text_input(key="explorer_search").input("BOGOTA").run()
        assert listed(app) == ["CO-01"]

    def test_sort_by_member_firms(self, open_app):
        app = open_app("explorer")
        app.selectbox(key="explorer_sort").set_value("member_firms").run()
        app.toggle(key="explorer_descending").set_value(True).run()
        # CO-05 declares 10 firms; CO-02 and CO-01 list 6 each (ties broken by id)
        assert listed(app)[:3] == ["CO-05", "CO-01", "CO-02"]

    def test_filters_apply(self, open_app):
        assert sorted(listed(open_app("explorer", country="CL"))) == ["CL-01", "CL-02", "CL-03", "CL-04"]

    def test_no_match(self, open_app):
        app = open_app("explorer")
        app.text_input(key="explorer_search").input("nothing like this").run()
        assert not app.dataframe
        assert "No initiative matches the search" in app.info[0].value

    def test_three_downloads_and_the_csv_metadata(self, open_app):
        buttons = open_app("explorer").get("download_button")
        labels = [button.proto.label for button in buttons]
        assert labels[:4] == ["CSV", "CSV metadata", "Excel", "GeoJSON (points)"]

    def test_spanish(self, open_app):
        table = open_app("explorer", lang="es").dataframe[0].value
        assert table["Registrada"][0] == "30 sept 2025"  # CLDR's Spanish abbreviation
        assert table["Tipo"][0] == "Iniciativa clúster"


class TestProfile:
    def test_a_link_opens_the_profile(self, open_app):
        app = open_app("explorer", initiative="CO-01")
        text = page_text(app)
        assert "#### Test software cluster Bogotá" in text
        assert "?initiative=CO-01" in [block.value for block in app.code]
        # partners: MX-01 and CL-01 (interclúster programme, abroad), CO-02 (national network)
        partners = app.dataframe[1].value
        assert set(partners["Partner"]) == {"Test automotive cluster", "Test mining suppliers", "Test energy cluster"}
        assert sorted(partners["Across a border"]) == [False, True, True]
        assert app.query_params["initiative"] == "CO-01"

    def test_member_firms_by_size_and_isic(self, open_app):
        app = open_app("explorer", initiative="CO-02")
        members = plotly_specs(app)[0]
        # F07..F11 (ISIC D) and F01 (ISIC J): large F07, F11; micro F08; small F09, F01; medium F10
        by_size = {trace["name"]: dict(zip(trace["x"], trace["y"], strict=True)) for trace in members["data"]}
        assert by_size["Large"] == {"D": 2, "J": 0}
        assert by_size["Small"] == {"D": 1, "J": 1}
        assert "Micro: 1 · Small: 2 · Medium: 1 · Large: 2" in page_text(app)

    def test_small_map_of_the_initiative_and_its_partners(self, open_app):
        spec, _ = deck_spec(open_app("explorer", initiative="MX-01"))
        points = next(layer for layer in spec["layers"] if layer["id"] == "profile_points")["data"]
        # MX-01 itself, then CO-01 and MX-02
        assert len(points) == 3
        assert points[0]["position"] == [-100.3161, 25.6866]

    def test_the_injection_name_is_escaped(self, open_app):
        app = open_app("explorer", initiative="CO-05")
        text = page_text(app)
        assert r"#### \<img src=x onerror=alert\(1\)\>" in text
        assert XSS_NAME not in text
        # CO-05 lists no firms and declares 10
        assert "lists no member firms; it declares 10" in text

    def test_an_unknown_id(self, open_app):
        app = open_app("explorer", initiative="NOPE-1")
        assert "no initiative with the id NOPE\\-1" in app.warning[0].value

    def test_closing_the_profile_clears_the_link(self, open_app):
        app = open_app("explorer", initiative="CO-01")
        app.button(key="explorer_close").click().run()
        assert "initiative" not in app.query_params
        assert "#### Test software cluster Bogotá" not in page_text(app)


class TestFromTheMap:
    def test_the_map_offers_its_points_and_a_link_to_the_profile(self, open_app):
        app = open_app("map")
        assert "GeoJSON (points)" in [button.proto.label for button in app.get("download_button")]
        app.session_state["map_selected"] = "CO-01"
        app.run()
        (link,) = app.get("page_link")
        assert link.proto.label == "Open the full profile in the Explorer"
        assert link.proto.query_string == "initiative=CO-01"
