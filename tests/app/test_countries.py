"""Countries: the choropleth, the ranking and the side-by-side comparison over the fixture registry."""

from __future__ import annotations

from tests.app.conftest import plotly_specs


def test_choropleth_ranking_and_comparison_by_default(open_app):
    app = open_app("countries")
    choropleth, leading, growth, sizes, sectors, types = plotly_specs(app)
    assert [trace["type"] for trace in choropleth["data"]] == ["choroplethmap"] * 3
    # no tiles: a white background and outlines from the database
    assert choropleth["layout"]["map"]["style"] == "white-bg"
    values = dict(zip(choropleth["data"][1]["locations"], choropleth["data"][1]["z"], strict=True))
    assert values == {"CO": 5, "CL": 4, "MX": 3}
    # the scale starts at zero, in whole numbers; every other country is drawn apart, as having no initiative
    assert choropleth["data"][1]["zmin"] == 0 and choropleth["data"][1]["colorbar"]["tickformat"] == ",d"
    assert len(choropleth["data"][2]["locations"]) == 30
    assert choropleth["data"][2]["hovertext"][0].endswith("no initiative matching the filters")
    assert leading["data"][0]["y"] == ["Mexico", "Chile", "Colombia"]

    ranking = app.table[0].value
    assert list(ranking["Country"]) == ["Colombia", "Chile", "Mexico"]
    assert list(ranking["Member firms"]) == ["28", "10", "12"]
    assert list(ranking["Admin-1 regions covered"]) == ["4 / 33", "4 / 16", "3 / 32"]
    assert list(ranking["Validated share"]) == ["40%", "50%", "67%"]

    # the three leading countries are compared until the reader chooses
    assert app.multiselect(key="countries_compare").value == ["CO", "CL", "MX"]
    assert list(app.table[1].value.columns) == ["Indicator", "Colombia", "Chile", "Mexico"]
    assert [trace["name"] for trace in growth["data"]] == ["Chile", "Colombia", "Mexico", "Total"]
    assert [trace["name"] for trace in sizes["data"]] == ["Micro", "Small", "Medium", "Large"]
    # shares within each country, so that countries of different sizes compare
    colombia = next(trace for trace in sectors["data"] if trace["name"] == "Colombia")
    assert sum(colombia["x"]) == 1.0  # CO-04 has no driving sector: four primary sectors, a quarter each
    assert {trace["name"] for trace in types["data"]} == {"Colombia", "Chile", "Mexico"}
    assert "Cluster initiative" in types["data"][0]["y"]


def test_ranking_by_another_measure_and_with_every_country(open_app):
    app = open_app("countries", lang="es")
    app.selectbox(key="countries_rank_by").set_value("validated_share").run()
    assert list(app.table[0].value["País"]) == ["México", "Chile", "Colombia"]
    app.toggle(key="countries_show_all").set_value(True).run()
    assert len(app.table[0].value) == 33


def test_the_map_shades_by_the_chosen_measure_in_the_language(open_app):
    app = open_app("countries", lang="pt")
    app.selectbox(key="countries_measure").set_value("validated_share").run()
    choropleth, leading = plotly_specs(app)[:2]
    shaded = choropleth["data"][1]
    assert shaded["colorbar"]["title"]["text"] == "Proporção validada"
    assert "México<br>Proporção validada: 67%" in shaded["hovertext"]
    assert leading["data"][0]["text"][-1] == "67%"


def test_comparing_needs_two_countries(open_app):
    app = open_app("countries", country="MX")
    assert app.multiselect(key="countries_compare").value == ["MX"]
    assert "Choose at least two countries" in app.info[0].value
    assert len(plotly_specs(app)) == 2


def test_a_chosen_pair_is_compared_in_the_order_chosen(open_app):
    app = open_app("countries")
    app.multiselect(key="countries_compare").set_value(["MX", "CL"]).run()
    assert list(app.table[1].value.columns) == ["Indicator", "Mexico", "Chile"]
    sizes = plotly_specs(app)[3]
    assert sizes["data"][0]["y"] == ["Mexico", "Chile"]
