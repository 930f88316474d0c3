"""The SVG map: countries shaded and initiatives dotted with ordinary Plotly traces, from the fixture registry."""

from __future__ import annotations

import pytest

from analytics.serving import story
from analytics.serving.filters import Filters
from viz import maps, style, svgmap


@pytest.fixture(scope="module")
def whole(db):
    return story.gather(story.direct(db), Filters())


def build(told, **options):
    names = dict(zip(told.outlines["iso2"], told.outlines["name_en"], strict=True))
    return svgmap.outline_map(told.coverage, maps.parse_outlines(told.outlines), names, told.points, "en",
                              measure_title="Initiatives", **options)


def fills(figure) -> dict[str, str]:
    return {trace.name.split(":")[0]: trace.fillcolor for trace in figure.data if trace.fill == "toself"}


def test_only_svg_traces(whole):
    # scatter traces draw as SVG paths: nothing that needs WebGL, a worker or tiles
    assert {trace.type for trace in build(whole).data} == {"scatter"}


def test_countries_are_shaded_by_initiatives(whole):
    shaded = fills(build(whole))
    # every LAC outline is drawn; Colombia (5, the most) takes the darkest step, Mexico (3 of 5) the middle one
    assert len(shaded) == whole.outlines.height
    assert shaded["Colombia"] == style.SEQUENTIAL[-1]
    assert shaded["Mexico"] == style.SEQUENTIAL[round(3 / 5 * (len(style.SEQUENTIAL) - 1))]
    assert shaded["Brazil"] == style.EMPTY_FILL


def test_points_are_the_initiatives_with_escaped_names(whole):
    dots = next(trace for trace in build(whole).data if trace.mode == "markers" and trace.hovertext)
    assert len(dots.x) == 12
    assert "&lt;img src=x onerror=alert(1)&gt; · Medellín" in dots.hovertext


def test_the_view_frames_the_selected_countries(db):
    told = story.gather(story.direct(db), Filters(countries=("MX",)))
    figure = build(told)
    west, east = figure.layout.xaxis.range
    # Mexico spans about 118° W to 86° W, padded by two degrees
    assert west == pytest.approx(-119.4, abs=1) and east == pytest.approx(-84.7, abs=1)


def test_another_palette(whole):
    palette = ("#111111", "#222222", "#333333")
    figure = build(whole, sequential=palette, point_colour="#abcdef")
    assert fills(figure)["Colombia"] == "#333333"
    assert any(trace.marker.color == "#abcdef" for trace in figure.data if trace.mode == "markers")
