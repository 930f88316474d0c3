"""Map: the deck Streamlit sends to the browser (layers, tooltips, view) and the profile beside it."""

from __future__ import annotations

import pytest

from tests.app.conftest import deck_spec, page_text, plotly_specs
from tests.fixture_registry import XSS_NAME
from viz import maps


def layers(app) -> dict[str, dict]:
    spec, _ = deck_spec(app)
    return {layer["id"]: layer for layer in spec["layers"]}


class TestDeck:
    def test_outlines_and_one_point_per_initiative(self, open_app):
        app = open_app("map")
        spec, tooltip = deck_spec(app)
        drawn = layers(app)
        assert set(drawn) == {"countries", "initiatives", "white_spots_halo", "white_spots"}
        assert drawn["countries"]["@@type"] == "GeoJsonLayer"
        assert len(drawn["initiatives"]["data"]) == 12
        # no basemap: nothing is fetched from a tile server, so the map draws offline
        assert "mapProvider" not in spec and spec["mapStyle"] == "__MAP_STYLE__"
        # tooltips are set as text by the browser, never as HTML
        assert tooltip["text"] == "{tooltip}" and "html" not in tooltip
        # pinned in the map's corner, so the map's edge never cuts it
        assert tooltip["style"]["transform"] == "none" and tooltip["style"]["bottom"] == "12px"

    def test_white_spots_are_hollow_rings_at_population_weighted_centres(self, open_app):
        app = open_app("map")
        spec, _ = deck_spec(app)
        assert [layer["id"] for layer in spec["layers"]] == ["countries", "initiatives", "white_spots_halo", "white_spots"]
        rings = layers(app)["white_spots"]
        # unfilled, stroked: nothing like an initiative's filled dot
        assert rings["filled"] is False and rings["stroked"] is True
        # the five regions with no initiative whose listed cities have a known population (tests/unit/test_regions.py)
        spots = {ring["region"]: ring for ring in rings["data"]}
        assert set(spots) == {"MX-JAL", "CO-ATL", "CO-BOL", "CO-MAG", "CL-AR"}
        assert spots["CO-MAG"]["position"] == pytest.approx([-74.21, 11.2])
        assert spots["MX-JAL"]["tooltip"] == ("White spot: Jalisco, Mexico · no initiative · population of listed "
                                              "cities 1,500,000")
        assert "Hollow ring" in page_text(app)
        # switched off, the layer and its legend line go
        app.toggle(key="map_white_spots").set_value(False).run()
        assert "white_spots" not in layers(app)
        assert "Hollow ring" not in page_text(app)

    def test_tooltips_are_plain_text_with_name_type_place_sectors_and_firms(self, open_app):
        points = {point["id"]: point for point in layers(open_app("map", lang="es"))["initiatives"]["data"]}
        assert points["CO-05"]["tooltip"].split("\n") == [
            XSS_NAME, "Tipo: Iniciativa clúster", "Lugar: Medellín, Antioquia, Colombia", "Sectores: Turismo sostenible",
            "Empresas miembro: 10",
        ]
        assert points["CO-01"]["tooltip"].split("\n")[3] == "Sectores: Transformación digital, Servicios modernos habilitados por TIC"

    def test_the_view_fits_the_filtered_initiatives(self, open_app):
        whole, _ = deck_spec(open_app("map"))
        chile, _ = deck_spec(open_app("map", country="CL"))
        assert chile["initialViewState"]["zoom"] > whole["initialViewState"]["zoom"]
        assert -37 < chile["initialViewState"]["latitude"] < -23

    def test_points_by_type_with_a_legend_in_the_language(self, open_app):
        app = open_app("map", lang="pt")
        app.selectbox(key="map_colour").set_value("type").run()
        legend = plotly_specs(app)[0]
        assert legend["data"][0]["y"][-1] == "Iniciativa de cluster"  # 6 clusters: the longest bar, on top
        assert legend["data"][0]["x"][-1] == 6

    def test_density_arcs_and_shading(self, open_app):
        app = open_app("map")
        app.selectbox(key="map_view").set_value("density").run()
        app.toggle(key="map_arcs").set_value(True).run()
        app.selectbox(key="map_shade").set_value("initiatives_per_million").run()
        drawn = layers(app)
        assert drawn["density"]["@@type"] == "HexagonLayer"
        assert len(drawn["links"]["data"]) == 4
        assert "2 of them across borders" in page_text(app)
        shaded = [f["properties"]["tooltip"] for f in drawn["countries"]["data"]["features"]]
        assert any(line.startswith("Colombia\nInitiatives per million inhabitants: 0.") for line in shaded)

    def test_no_match_still_draws_the_outlines(self, open_app):
        app = open_app("map", country="CL", type="industrial_district")
        assert "No initiative matches the filters" in app.info[0].value
        assert layers(app)["initiatives"]["data"] == []


class TestProfile:
    def test_a_hint_until_a_point_is_selected(self, open_app):
        assert "Select a point on the map" in page_text(open_app("map"))

    @pytest.mark.parametrize(("language", "label"), [("en", "Managing entity"), ("es", "Entidad gestora")])
    def test_the_selected_initiative_is_shown_as_escaped_text(self, open_app, language, label):
        app = open_app("map", lang=language)
        app.session_state["map_selected"] = "CO-05"
        app.run()
        text = page_text(app)
        assert r"#### \<img src=x onerror=alert\(1\)\>" in text
        assert rf"- **{label}:** \<img src=x onerror=alert\(1\)\>" in text
        assert XSS_NAME not in text


class TestManyInitiatives:
    def test_beyond_the_point_limit_cells_are_drawn_and_the_legend_counts_the_registry(self, open_app, monkeypatch):
        monkeypatch.setattr(maps, "MAX_POINTS", 5)
        app = open_app("map")
        assert "12 initiatives are too many to draw one by one" in app.info[0].value
        drawn = layers(app)
        assert "initiatives" not in drawn
        assert sum(int(cell["tooltip"].split("\n")[0].split(": ")[1]) for cell in drawn["cells"]["data"]) == 12
        # a cell shows its most common sector only; the legend counts every initiative's own primary sector
        legend = plotly_specs(app)[0]["data"][0]
        assert dict(zip(legend["y"], legend["x"], strict=True))["No driving sector"] == 1
        assert sum(legend["x"]) == 12

    def test_the_density_view_colours_cells_by_their_initiatives(self, open_app, monkeypatch):
        monkeypatch.setattr(maps, "MAX_POINTS", 5)
        app = open_app("map")
        app.selectbox(key="map_view").set_value("density").run()
        density = layers(app)["density"]
        assert density["@@type"] == "PolygonLayer"
        assert sum(int(cell["tooltip"].split(": ")[1]) for cell in density["data"]) == 12

    def test_many_links_are_bundled_by_pair_of_countries(self, open_app, monkeypatch):
        monkeypatch.setattr(maps, "MAX_LINKS", 2)
        app = open_app("map", lang="es")
        app.toggle(key="map_arcs").set_value(True).run()
        arcs = sorted(arc["tooltip"] for arc in layers(app)["links"]["data"])
        # two links cross a border (CO-01 with MX-01 and with CL-01); the two within a country have no arc
        assert arcs == ["Chile ↔ Colombia: 1", "Colombia ↔ México: 1"]
        assert "cada par de países recibe un arco" in page_text(app)


def test_count_shading_has_a_whole_number_legend_from_zero(open_app):
    app = open_app("map")
    scale = plotly_specs(app)[-1]
    # initiatives per country top out at 5 (Colombia): 0, 2 and 5, never "2.5"
    assert scale["layout"]["xaxis"]["ticktext"] == ["0", "2", "5"]
    assert "The scale starts at zero" in page_text(app)
    # countries with no initiative are drawn white, apart from the scale; Colombia in its darkest step
    features = {feature["properties"]["tooltip"].split("\n")[0]: feature["properties"]
                for feature in layers(app)["countries"]["data"]["features"]}
    assert features["Peru"]["fill"][:3] == [255, 255, 255]
    assert features["Peru"]["tooltip"].endswith("no initiative matching the filters")
    assert features["Colombia"]["fill"][:3] == [8, 48, 107]
