"""The projector theme: colours that survive a projector, type that reads across a room."""

from __future__ import annotations

import itertools

import plotly.graph_objects as go
import polars as pl
import pytest

from viz import charts, presenter, style

THEME = presenter.PROJECTOR
# WCAG's contrast for text: projection loses contrast, so graphics are held to it too
MINIMUM_CONTRAST = 4.5


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [value / 255 for value in style.hex_to_rgb(colour)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class TestPalette:
    @pytest.mark.parametrize("colour", [*THEME.palette, THEME.other, THEME.text])
    def test_every_colour_reads_on_the_background(self, colour):
        assert contrast_ratio(colour, THEME.background) >= MINIMUM_CONTRAST

    def test_colours_are_distinct(self):
        colours = [*THEME.palette, THEME.other]
        assert len(set(colours)) == len(colours)
        # no two categories closer than a clear step in RGB
        for first, second in itertools.combinations(colours, 2):
            distance = sum((a - b) ** 2 for a, b in zip(style.hex_to_rgb(first), style.hex_to_rgb(second), strict=True))
            assert distance ** 0.5 > 60, (first, second)

    def test_contrast_ratio_matches_wcag(self):
        assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
        assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


class TestPresent:
    @staticmethod
    def bars(count: int) -> go.Figure:
        frame = pl.DataFrame({"label": [f"s{i}" for i in range(count)], "value": list(range(1, count + 1)),
                              "colour": list(style.QUALITATIVE[:count])})
        return charts.ranking_bars(frame, "en", axis_title="Initiatives")

    def test_type_grows(self):
        figure = presenter.present(self.bars(3))
        assert figure.layout.font.size == THEME.font_size
        assert figure.layout.xaxis.tickfont.size == THEME.tick_size
        assert figure.layout.height >= THEME.chart_height

    def test_colours_move_to_the_projector_palette(self):
        figure = presenter.present(self.bars(3))
        # bars are drawn bottom-up: s0 (colour 0) is the last bar
        assert set(figure.data[0].marker.color) == set(THEME.palette[:3])

    def test_too_many_categories_keep_their_colours(self):
        count = len(THEME.palette) + 1
        figure = presenter.present(self.bars(count))
        assert set(figure.data[0].marker.color) == set(style.QUALITATIVE[:count])

    def test_neutral_colours_become_the_projector_grey(self):
        figure = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], marker={"color": [style.QUALITATIVE[0], style.OTHER_COLOUR]}))
        presenter.present(figure)
        assert list(figure.data[0].marker.color) == [THEME.palette[0], THEME.other]

    def test_lines_thicken(self):
        figure = go.Figure(go.Scatter(x=[1, 2], y=[1, 2], mode="lines", line={"color": style.QUALITATIVE[0], "width": 2}))
        presenter.present(figure)
        assert figure.data[0].line.width == THEME.line_width
        assert figure.data[0].line.color == THEME.palette[0]

    def test_sequential_scale_is_swapped(self):
        steps = len(style.SEQUENTIAL) - 1
        figure = go.Figure(go.Heatmap(z=[[1, 2]], colorscale=[[i / steps, c] for i, c in enumerate(style.SEQUENTIAL)]))
        presenter.present(figure)
        assert [colour for _, colour in figure.data[0].colorscale] == list(THEME.sequential)

    def test_enlarging_type_leaves_a_themed_map_alone(self):
        outline = go.Scatter(x=[0, 1, 1, 0], y=[0, 0, 1, 1], fill="toself", line={"color": "#7a7a7a", "width": 0.6})
        figure = presenter.enlarge_type(go.Figure(outline))
        assert figure.layout.font.size == THEME.font_size
        # present() would thicken these lines and recolour them as a category
        assert (figure.data[0].line.width, figure.data[0].line.color) == (0.6, "#7a7a7a")
