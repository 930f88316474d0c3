"""Network: the four fixture links (CO-01–MX-01 and CO-01–CL-01 across borders, CO-02–CO-01, MX-01–MX-02)."""

from __future__ import annotations

from tests.app.conftest import deck_spec, metrics, page_text, plotly_specs
from viz import maps


class TestWholeNetwork:
    def test_summary(self, open_app):
        cards = metrics(open_app("network"))
        assert (cards["Links"], cards["Initiatives linked"], cards["Across a border"], cards["Programmes"]) == (
            "4", "5", "50%", "3")

    def test_map_has_outlines_arcs_and_nodes(self, open_app):
        spec, tooltip = deck_spec(open_app("network"))
        layers = {layer["id"]: layer for layer in spec["layers"]}
        assert set(layers) == {"countries", "links", "nodes"}
        assert len(layers["links"]["data"]) == 4
        nodes = {node["id"]: node for node in layers["nodes"]["data"]}
        assert nodes["CO-01"]["tooltip"].split("\n") == ["Test software cluster Bogotá", "Colombia", "Links: 3",
                                                          "Links abroad: 2"]
        assert tooltip["text"] == "{tooltip}" and "html" not in tooltip  # set as text, pinned in a corner (maps.TOOLTIP)

    def test_many_links_are_bundled_by_pair_of_countries(self, open_app, monkeypatch):
        monkeypatch.setattr(maps, "MAX_LINKS", 3)
        app = open_app("network")
        spec, _ = deck_spec(app)
        layers = {layer["id"]: layer for layer in spec["layers"]}
        # the two links across a border, one arc per pair of countries; the nodes are all still there
        assert sorted(arc["tooltip"] for arc in layers["links"]["data"]) == ["Chile ↔ Colombia: 1", "Colombia ↔ Mexico: 1"]
        assert len(layers["nodes"]["data"]) == 5
        assert "each pair of countries gets one arc" in page_text(app)

    def test_links_per_initiative(self, open_app):
        degree = plotly_specs(open_app("network"))[0]["data"][0]
        # CO-01 has 3 links, MX-01 2, CO-02, MX-02 and CL-01 one each
        assert dict(zip(degree["x"], degree["y"], strict=True)) == {1: 3, 2: 1, 3: 1}

    def test_most_connected_and_country_pairs(self, open_app):
        app = open_app("network")
        top, pairs = app.dataframe[0].value, app.dataframe[1].value
        assert list(top["Registry id"][:2]) == ["CO-01", "MX-01"]
        assert list(top["Links abroad"][:2]) == [2, 1]
        assert dict(zip(pairs["Countries"], pairs["Links"], strict=True)) == {"Chile – Colombia": 1, "Colombia – Mexico": 1}


class TestFilters:
    def test_one_programme(self, open_app):
        app = open_app("network")
        app.selectbox(key="network_programme").set_value("Test corridor").run()
        cards = metrics(app)
        assert (cards["Links"], cards["Across a border"]) == ("1", "0%")
        assert "No link crosses a border" in app.caption[-2].value or any(
            "No link crosses a border" in caption.value for caption in app.caption)

    def test_links_need_both_ends(self, open_app):
        app = open_app("network", country="CL")
        assert not metrics(app)
        assert "No collaboration links" in app.info[0].value

    def test_spanish(self, open_app):
        app = open_app("network", lang="es")
        pairs = app.dataframe[1].value
        assert set(pairs["Países"]) == {"Chile – Colombia", "Colombia – México"}
        assert metrics(app)["Transfronterizos"] == "50\u00a0%"
