"""Figure builders: frames in, Plotly figures and pydeck decks out, translated, escaped and drawable offline."""

from __future__ import annotations

import copy
import datetime as dt
import json
import math

import plotly.graph_objects as go
import polars as pl
import pydeck as pdk
import pytest

from viz import charts, maps, style

XSS = "<img src=x onerror=alert(1)>"


def registrations(groups: dict[str, list[int]], start: dt.date = dt.date(2023, 12, 1)) -> pl.DataFrame:
    """A `queries.registrations` frame: monthly counts per group, with the running total."""
    rows = []
    for group, counts in groups.items():
        total = 0
        for month, count in enumerate(counts):
            total += count
            period = dt.date(start.year + (start.month - 1 + month) // 12, (start.month - 1 + month) % 12 + 1, 1)
            rows.append({"period": period, "group": group, "registrations": count, "cumulative": total})
    return pl.DataFrame(rows)


class TestEscaping:
    def test_tags_become_entities_that_plotly_shows_as_text(self):
        assert style.escape(XSS) == "&lt;img src=x onerror=alert(1)&gt;"
        assert style.escape(None) == ""

    def test_bar_labels_and_hover_text_are_escaped(self):
        figure = charts.ranking_bars(pl.DataFrame({"label": [XSS, "b"], "value": [1, 2]}), "en", axis_title="<b>x</b>")
        assert "&lt;img src=x onerror=alert(1)&gt;" in figure.data[0].y
        assert all("<img" not in text for text in figure.data[0].hovertext)
        assert figure.layout.xaxis.title.text == "&lt;b&gt;x&lt;/b&gt;"


class TestRankingBars:
    def test_largest_on_top_with_values_written_in_the_language(self):
        frame = pl.DataFrame({"label": ["a", "b", "c"], "value": [1200.5, 30.0, 4500.25], "colour": ["#111111", "#222222", "#333333"]})
        bars = charts.ranking_bars(frame, "es", axis_title="Iniciativas", decimals=1).data[0]
        # Plotly draws horizontal bars from the bottom: the last is on top
        assert list(bars.y) == ["b", "a", "c"]
        assert list(bars.text) == ["30,0", "1.200,5", "4.500,2"]
        assert list(bars.marker.color) == ["#222222", "#111111", "#333333"]

    def test_percentages(self):
        bars = charts.ranking_bars(pl.DataFrame({"label": ["a"], "value": [0.5]}), "es", axis_title="", percent=True)
        # the bar and the axis write a share alike, in CLDR's Spanish pattern (a no-break space before the sign)
        assert list(bars.data[0].text) == ["50\u00a0%"]
        # the axis reaches 57.5 % (room for the label after the bar): ticks every 20 %
        assert list(bars.layout.xaxis.ticktext) == ["0\u00a0%", "20\u00a0%", "40\u00a0%"]
        assert list(bars.layout.xaxis.tickvals) == [0, 0.2, 0.4]

    def test_small_counts_get_whole_number_ticks_and_an_axis_past_the_longest_bar(self):
        frame = pl.DataFrame({"label": ["a", "b", "c"], "value": [1, 3, 5]})
        axis = charts.ranking_bars(frame, "en", axis_title="Initiatives").layout.xaxis
        assert axis.tickformat == ",d"
        assert axis.tickmode == "linear" and axis.tick0 == 0 and axis.dtick == 1
        assert axis.range[1] >= 5 * 1.1

    def test_large_counts_keep_automatic_ticks_but_whole_number_labels(self):
        axis = charts.ranking_bars(pl.DataFrame({"label": ["a"], "value": [250]}), "en", axis_title="").layout.xaxis
        assert axis.tickformat == ",d" and axis.dtick is None

    def test_growth_bars_count_axis_is_whole_numbers(self):
        yaxis = charts.growth_figure(registrations({"a": [1, 0, 2], "b": [1, 1, 0]}), "month", "en",
                                     cumulative=False, group_names={}).layout.yaxis
        assert yaxis.tickformat == ",d" and yaxis.dtick == 1


class TestGrowth:
    @staticmethod
    def milestones() -> pl.DataFrame:
        """As `queries.milestones` returns them: one before the data, two within, one after."""
        return pl.DataFrame({
            "date": [dt.date(2023, 6, 1), dt.date(2023, 12, 12), dt.date(2024, 2, 10), dt.date(2025, 7, 1)],
            "count": [100, 258, 270, 400], "label_en": ["Pilot", "Launch", "<b>Feb</b>", "Mid 2025"],
            "label_es": ["Piloto", "Lanzamiento", "Feb", "Mediados de 2025"], "label_pt": ["Piloto", "Lançamento", "Fev", "2025"],
            "source": ["s"] * 4,
        })

    def test_the_running_total_with_the_milestones_within_the_data(self):
        # December 2023 to February 2024: the pilot lies before, mid 2025 after
        figure = charts.growth_figure(registrations({"all": [258, 3, 4]}), "month", "es", cumulative=True,
                                      milestones=self.milestones())
        total, milestones = figure.data
        assert list(total.y) == [258, 261, 265] and total.name == "Total"
        assert list(milestones.y) == [258, 270]
        # labels in the reader's language, escaped
        assert list(milestones.text) == ["Lanzamiento", "Feb"]
        assert [shape.x0 for shape in figure.layout.shapes] == [dt.date(2023, 12, 12), dt.date(2024, 2, 10)]
        # the axis reaches the data (265) or the highest milestone drawn, plus room for a label: not 400
        assert figure.layout.yaxis.range[1] == pytest.approx(270 * 1.15)

    def test_labels_are_escaped(self):
        figure = charts.growth_figure(registrations({"all": [258, 3, 4]}), "month", "en", cumulative=True,
                                      milestones=self.milestones())
        assert "&lt;b&gt;Feb&lt;/b&gt;" in figure.data[1].text

    def test_no_milestones_no_marks(self):
        figure = charts.growth_figure(registrations({"all": [1, 3]}), "month", "en", cumulative=True, milestones=None)
        assert len(figure.data) == 1 and not figure.layout.shapes
        # a registry whose milestones all lie outside its data draws none and keeps its own scale
        later = charts.growth_figure(registrations({"all": [1, 3]}, start=dt.date(2022, 1, 1)), "month", "en",
                                     cumulative=True, milestones=self.milestones())
        assert len(later.data) == 1 and later.layout.yaxis.range is None

    def test_a_split_draws_every_group_and_the_total(self):
        figure = charts.growth_figure(registrations({"CO": [1, 1], "MX": [0, 2]}), "month", "pt", cumulative=True,
                                      group_names={"CO": "Colômbia", "MX": "México"})
        assert [trace.name for trace in figure.data] == ["Colômbia", "México", "Total"]
        assert list(figure.data[-1].y) == [1, 4]
        assert figure.data[-1].line.dash == "dot"

    def test_per_period_bars_are_stacked(self):
        figure = charts.growth_figure(registrations({"CO": [1, 1], "MX": [0, 2]}), "month", "en", cumulative=False)
        assert {trace.type for trace in figure.data} == {"bar"} and figure.layout.barmode == "stack"

    def test_ticks_are_written_in_the_language_on_whole_periods(self):
        figure = charts.growth_figure(registrations({"all": [1] * 30}), "month", "es", cumulative=True, max_ticks=6)
        assert list(figure.layout.xaxis.ticktext) == ["ene 2024", "jul 2024", "ene 2025", "jul 2025", "ene 2026"]

    def test_quarters_and_years(self):
        quarters = registrations({"all": [1, 2, 3]}, start=dt.date(2023, 10, 1))
        quarters = quarters.with_columns(pl.Series("period", [dt.date(2023, 10, 1), dt.date(2024, 1, 1), dt.date(2024, 4, 1)]))
        figure = charts.growth_figure(quarters, "quarter", "en", cumulative=False)
        assert list(figure.layout.xaxis.ticktext) == ["Q4 2023", "Q1 2024", "Q2 2024"]

    def test_small_groups_are_merged_into_other(self):
        frame = registrations({"A": [5, 5], "B": [3, 3], "C": [1, 0], "D": [0, 1]})
        merged = charts.top_groups(frame, keep=2)
        assert sorted(merged["group"].unique()) == ["A", "B", "other"]
        other = merged.filter(pl.col("group") == "other").sort("period")
        assert other["registrations"].to_list() == [1, 1] and other["cumulative"].to_list() == [1, 2]
        # one group beyond the kept ones is shown as itself: "Other" would hide its name for nothing
        assert charts.top_groups(frame, keep=3).equals(frame)


class TestShares:
    def test_grouped_shares_keep_the_category_order(self):
        frame = pl.DataFrame({"group": ["CO", "CO", "MX"], "category": ["agri", "energy", "agri"], "share": [0.6, 0.4, 1.0]})
        figure = charts.grouped_shares(frame, "en", axis_title="Share", group_names={"CO": "Colombia"},
                                       category_names={"agri": "Agri", "energy": "Energy"})
        colombia, mexico = figure.data
        assert list(colombia.y) == ["Agri", "Energy"] and list(mexico.x) == [1.0, 0.0]
        assert colombia.name == "Colombia" and mexico.name == "MX"

    def test_stacked_shares_add_up_to_one_per_group(self):
        frame = pl.DataFrame({"group": ["CO", "CO", "MX"], "category": ["micro", "large", "micro"], "count": [3, 1, 2]})
        figure = charts.stacked_shares(frame, "en", axis_title="", group_names={}, category_names={},
                                       colours=style.SIZE_COLOURS)
        by_category = {trace.name: list(trace.x) for trace in figure.data}
        assert by_category == {"micro": [0.75, 1.0], "large": [0.25, 0.0]}
        assert "CO · micro: 3 (75%)" in figure.data[0].hovertext
        assert list(figure.layout.xaxis.range) == [0, 1]
        assert list(figure.layout.xaxis.ticktext) == ["0%", "20%", "40%", "60%", "80%", "100%"]

    def test_colour_scale_ticks_in_the_language(self):
        figure = charts.colour_scale(0, 12.5, style.SEQUENTIAL, "es", title="Por millón", decimals=1)
        assert list(figure.layout.xaxis.ticktext) == ["0,0", "6,2", "12,5"]

    def test_colour_scale_for_counts_in_whole_numbers_where_they_fall(self):
        figure = charts.colour_scale(0, 5, style.SEQUENTIAL[1:], "en", title="Initiatives", whole=True)
        # 0, 2 and 5 on a strip of 6 steps: 2 sits at 6 × 2/5 = 2.4, not at the middle
        assert list(figure.layout.xaxis.ticktext) == ["0", "2", "5"]
        assert list(figure.layout.xaxis.tickvals) == pytest.approx([0, 2.4, 6])


def outlines_frame() -> pl.DataFrame:
    """Two countries: AA a mainland square with a far island; BB a plain square."""
    aa = {"type": "MultiPolygon", "coordinates": [
        [[[-70, -30], [-60, -30], [-60, -20], [-70, -20], [-70, -30]]],
        [[[-110, -27.2], [-109, -27.2], [-109, -27], [-110, -27], [-110, -27.2]]],
    ]}
    bb = {"type": "Polygon", "coordinates": [[[-80, 0], [-75, 0], [-75, 5], [-80, 5], [-80, 0]]]}
    return pl.DataFrame({"iso2": ["AA", "BB"], "outline": [json.dumps(aa), json.dumps(bb)]})


class TestViews:
    def test_bounds_are_the_mainland_not_the_far_islands(self):
        outlines = maps.parse_outlines(outlines_frame())
        assert outlines["AA"].bounds == (-70, -30, -60, -20)

    def test_a_smaller_box_zooms_in_and_the_centre_is_inside(self):
        latitude, longitude, zoom = maps.fit_view(-70, -30, -60, -20)
        wide = maps.fit_view(-118, -56, -34, 33)
        assert zoom > wide[2]
        assert -30 < latitude < -20 and longitude == -65
        assert 1 <= wide[2] < 3

    def test_one_point_is_not_an_infinite_zoom(self):
        assert maps.fit_view(-70, -33, -70, -33)[2] == maps.MAX_ZOOM
        assert maps.fit_view(math.nan, 0, 0, 0) == maps.LAC_VIEW

    def test_shading_is_linear_from_zero(self):
        assert maps.shade_fractions({"A": 10, "B": 5, "C": 0, "D": None}) == {"A": 1.0, "B": 0.5, "C": 0.0, "D": None}

    def test_no_initiative_and_no_data_are_off_the_scale(self):
        assert maps.shade_colour(None) == style.NO_DATA_FILL
        assert maps.shade_colour(0.0) == style.NO_INITIATIVE_FILL
        # the smallest positive value takes the scale's second step, never the near-white first
        assert maps.shade_colour(0.01) == style.SEQUENTIAL[1]
        assert maps.shade_colour(1.0) == style.SEQUENTIAL[-1]
        assert len({style.NO_DATA_FILL, style.NO_INITIATIVE_FILL, style.EMPTY_FILL, *style.SEQUENTIAL}) == 10


def points() -> pl.DataFrame:
    return pl.DataFrame({
        "id": ["X1", "X2"], "name": [XSS, "Plain"], "type": ["cluster", "business_network"], "status": ["validated"] * 2,
        "city": ["Medellín", "Lima"], "country": ["CO", "PE"], "region_name": ["Antioquia", None],
        "latitude": [6.25, -12.05], "longitude": [-75.57, -77.04], "primary_sector": ["tourism", None],
        "primary_isic": ["I", "C"], "member_firms": [10, 0], "sectors": ["tourism;agri", None],
    })


class TestDeck:
    def test_no_basemap_and_text_tooltips(self):
        deck = maps.deck([maps.points_layer(points(), "sector", "en", {"CO": "Colombia"})], maps.LAC_VIEW)
        spec = json.loads(deck.to_json())
        assert "mapProvider" not in spec and spec["mapStyle"] == "__MAP_STYLE__"
        assert deck._tooltip["text"] == "{tooltip}" and "html" not in deck._tooltip
        # deck.gl applies the style after placing the tooltip at the cursor: `transform: none` keeps it in the corner
        assert deck._tooltip["style"]["transform"] == "none"

    def test_compact_json_is_the_same_document_as_pydecks(self):
        deck = maps.deck([maps.points_layer(points(), "type", "en", {})], (0, 0, 2))
        assert json.loads(deck.to_json()) == json.loads(pdk.Deck.to_json(deck))

    def test_point_tooltips_carry_the_raw_name_as_plain_text(self):
        layer = maps.points_layer(points(), "sector", "es", {"CO": "Colombia", "PE": "Perú"})
        first, second = layer.data
        assert first["tooltip"].split("\n") == [XSS, "Tipo: Iniciativa clúster", "Lugar: Medellín, Antioquia, Colombia",
                                                "Sectores: Turismo sostenible, Agricultura sostenible y agroalimentos",
                                                "Empresas miembro: 10"]
        assert "Sectores: Sin sector dinamizador" in second["tooltip"]
        assert first["colour"][:3] == style.hex_to_rgb(style.SECTOR_COLOURS["tourism"])
        assert second["colour"][:3] == style.hex_to_rgb(style.NO_SECTOR_COLOUR)
        assert second["radius"] == maps.point_radius(1) < first["radius"]

    def test_cells_density_and_links(self):
        cells = pl.DataFrame({"latitude": [1.25], "longitude": [2.25], "initiatives": [40], "member_firms": [1234],
                              "primary_sector": ["agri"], "type": ["cluster"]})
        cell = maps.cells_layer(cells, "sector", "en").data[0]
        assert cell["tooltip"] == "Initiatives: 40\nMember firms: 1,234\nMost common sector: Sustainable agriculture and agri-food"
        assert maps.density_layer(cells).data == [{"position": [2.25, 1.25]}]
        square = maps.density_cells_layer(cells, 0.5, "es").data[0]
        assert square["polygon"][0] == [2.0, 1.0] and square["polygon"][2] == [2.5, 1.5]
        assert square["colour"][:3] == style.hex_to_rgb(style.DENSITY[-1]) and square["tooltip"] == "Iniciativas: 40"
        assert maps.hexagon_radius(None) == 150_000 and maps.hexagon_radius((-80, -50, -30, 30)) == 222_000
        links = pl.DataFrame({"name_a": ["A"], "name_b": [XSS], "lat_a": [0.0], "lon_a": [0.0], "lat_b": [1.0],
                              "lon_b": [1.0], "programme": ["P"], "cross_border": [True]})
        link = maps.links_layer(links, "pt").data[0]
        assert link["tooltip"] == f"A\n↔ {XSS}\nPrograma conjunto: P"

    def test_links_bundled_by_pair_of_countries(self):
        links = pl.DataFrame({"country_a": ["CO", "MX", "CO", "CO"], "country_b": ["MX", "CO", "CL", "CO"],
                              "cross_border": [True, True, True, False]})
        centres = {"CO": (4.0, -74.0), "MX": (23.0, -102.0), "CL": (-35.0, -71.0)}
        arcs = maps.country_links_layer(links, centres, {"CO": "Colombia", "MX": "México"}, "es").data
        assert [arc["tooltip"] for arc in arcs] == ["Colombia ↔ México: 2", "CL ↔ Colombia: 1"]
        assert arcs[0]["width"] == 4 and arcs[1]["source"] == [-71.0, -35.0]

    def test_density_cells_are_coarser_for_a_wider_view(self):
        assert maps.density_cell_degrees((-118, -56, -34, 33)) == 2.0
        assert maps.density_cell_degrees((-76, -5, -70, 5)) == 0.5
        assert maps.density_cell_degrees(None) == 2.0

    def test_countries_shaded_with_a_line_each(self):
        outlines = maps.parse_outlines(outlines_frame())
        layer = maps.country_layer(outlines, {"AA": "Aland"}, {"AA": (1.0, "Initiatives: 3")}, "en")
        shaded, empty = layer.data["features"]
        assert shaded["properties"]["tooltip"] == "Aland\nInitiatives: 3"
        assert shaded["properties"]["fill"][:3] == style.hex_to_rgb(style.SEQUENTIAL[-1])
        assert empty["properties"]["fill"][:3] == style.hex_to_rgb(style.EMPTY_FILL)


class TestChoropleth:
    @staticmethod
    def figure(lang: str = "en") -> go.Figure:
        coverage = pl.DataFrame({"country": ["AA"], "initiatives": [3], "validated_share": [0.5]})
        return maps.choropleth(coverage, maps.parse_outlines(outlines_frame()), {"AA": XSS}, "validated_share", lang,
                               measure_title="Validated", percent=True)

    def test_drawn_on_white_with_each_outline_once(self):
        figure = self.figure()
        assert figure.layout.map.style == "white-bg"
        background, shaded = figure.data
        assert list(background.locations) == ["BB"] and list(shaded.locations) == ["AA"]
        assert [f["id"] for f in shaded.geojson["features"]] == ["AA"]

    def test_no_initiative_and_no_data_have_their_own_colours(self):
        coverage = pl.DataFrame({"country": ["AA", "BB"], "initiatives": [0, 4], "initiatives_per_million": [0.0, None]})
        figure = maps.choropleth(coverage, maps.parse_outlines(outlines_frame()), {}, "initiatives_per_million", "en",
                                 measure_title="Per million", decimals=2, no_initiative="none", no_data="unknown")
        background, shaded, empty, unknown = figure.data
        assert list(empty.locations) == ["AA"] and empty.colorscale[0][1] == style.NO_INITIATIVE_FILL
        assert list(unknown.locations) == ["BB"] and unknown.colorscale[0][1] == style.NO_DATA_FILL
        assert unknown.hovertext == ("BB<br>unknown",)
        # nothing to shade: the scale still runs from zero over a range that is not empty
        assert (shaded.zmin, shaded.zmax) == (0, 1)

    def test_hover_text_is_escaped_and_formatted(self):
        assert self.figure("es").data[1].hovertext == ("&lt;img src=x onerror=alert(1)&gt;<br>Validated: 50\u00a0%",)

    def test_the_outlines_are_shared_not_copied(self):
        figure = self.figure()
        geojson = figure.data[1].geojson
        assert copy.deepcopy(geojson) is geojson
        assert figure.to_dict()["data"][1]["geojson"] is geojson


@pytest.mark.parametrize("kind", ["sector", "type", "size"])
def test_unknown_codes_get_a_neutral_colour_and_keep_their_name(kind):
    assert style.category_colour(kind, "nonsense") in (style.NO_SECTOR_COLOUR, style.OTHER_COLOUR)
    assert style.category_name(kind, "nonsense", "en") == "nonsense"


class TestChartConfig:
    def test_only_download_as_image_and_no_logo(self):
        config = style.chart_config("iapt-growth")
        assert config["modeBarButtons"] == [["toImage"]] and config["displaylogo"] is False
        # drawn by plotly.js in the browser (no server, no network), sharp enough for a slide
        assert config["toImageButtonOptions"] == {"format": "png", "filename": "iapt-growth", "scale": 2}

    def test_extra_settings_are_added(self):
        assert style.chart_config("iapt-map", scrollZoom=False)["scrollZoom"] is False


class TestSvgButton:
    def test_the_script_adds_a_button_that_saves_an_svg(self):
        script = style.svg_download_script("Download plot as an SVG (vector)")
        assert script.startswith("<script>") and script.endswith("</script>")
        assert 'format: "svg"' in script and "Plotly.downloadImage" in script
        assert '"Download plot as an SVG (vector)"' in script

    def test_a_title_cannot_end_the_script(self):
        script = style.svg_download_script('</script><img src=x onerror=alert(1)>"')
        assert script.count("</script>") == 1
