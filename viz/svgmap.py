"""Maps in plain SVG, for a file opened from disk and for slides.

Plotly's `choropleth_map` and `scatter_map` draw with MapLibre, whose web worker Chromium
refuses in a page opened by a file:// address ("cross-origin redirects of the top-level
worker script"): the exported briefing's map stayed blank. These maps are ordinary Plotly
scatter traces over Web Mercator coordinates, so they draw anywhere Plotly draws, with no
WebGL, no worker and no tiles.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from analytics import i18n
from viz import maps, style
from viz.projection import mercator_degrees

# Outline vertices rounded to 0.01° (about 1 km): the same shapes at the scale of a region,
# and about half the bytes.
OUTLINE_DECIMALS = 2
MAP_PADDING_DEGREES = 2.0
# orange with a dark rim reads on the palest and the darkest country fill alike
POINT_COLOUR = "#f28e2b"
LAC_BOX = (-118.0, -56.0, -34.0, 33.0)  # west, south, east, north of Latin America and the Caribbean


def _rings(geometry: dict) -> list[list[list[float]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def outline_map(coverage: pl.DataFrame, outlines: dict[str, maps.Outline], names: dict[str, str],
                points: pl.DataFrame, lang: str, *, measure_title: str, height: int = 560,
                sequential: tuple[str, ...] = style.SEQUENTIAL, point_colour: str = POINT_COLOUR,
                point_size: float = 6) -> go.Figure:
    """Countries shaded by initiatives and the initiatives as dots, in plain SVG: no WebGL, no worker, no tiles.

    Each country is one filled path (its rings separated by gaps); a hidden marker carries the
    colour bar. The view frames the countries that have initiatives.
    """
    values = dict(zip(coverage["country"], coverage["initiatives"], strict=True))
    top = max(values.values(), default=0) or 1
    traces = []
    for iso2, outline in outlines.items():
        value = values.get(iso2) or 0
        xs: list[float | None] = []
        ys: list[float | None] = []
        for ring in _rings(outline.geometry):
            xs.extend([round(lon, OUTLINE_DECIMALS) for lon, _ in ring] + [None])
            ys.extend([round(mercator_degrees(lat), OUTLINE_DECIMALS) for _, lat in ring] + [None])
        label = f"{style.escape(names.get(iso2, iso2))}: {i18n.number(value, lang)}"
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", line={"color": "#7a7a7a", "width": 0.6},
            fillcolor=style.step_colour(sequential, value / top) if value else style.EMPTY_FILL,
            hoveron="fills", name=label, text=label, hoverinfo="text", showlegend=False,
        ))
    traces.append(go.Scatter(
        x=points["longitude"].to_list(), y=[mercator_degrees(lat) for lat in points["latitude"]], mode="markers",
        marker={"size": point_size, "color": point_colour, "opacity": 0.9, "line": {"width": 0.7, "color": "#1a1a1a"}},
        hovertext=[f"{style.escape(name)} · {style.escape(city)}" for name, city in zip(points["name"], points["city"],
                                                                                         strict=True)],
        hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
    ))
    steps = len(sequential) - 1
    traces.append(go.Scatter(
        x=[None], y=[None], mode="markers", hoverinfo="skip", showlegend=False,
        marker={"color": [0], "cmin": 0, "cmax": top, "showscale": True,
                "colorscale": [[i / steps, colour] for i, colour in enumerate(sequential)],
                "colorbar": {"title": {"text": style.escape(measure_title), "side": "right"}, "thickness": 12}},
    ))
    shown = [iso2 for iso2, value in values.items() if value and iso2 in outlines]
    west, south, east, north = maps.union_bounds([outlines[iso2].bounds for iso2 in shown]) or LAC_BOX
    pad = MAP_PADDING_DEGREES
    return go.Figure(data=traces, layout=style.layout(
        lang, height, legend=False, hovermode="closest",
        # "domain": the frame shrinks to keep the map's proportions, its ranges stay (with "range", Plotly widens
        # a range and keeps it: a chart first drawn short and then stretched kept a short map in a tall frame)
        xaxis={"visible": False, "range": [west - pad, east + pad], "constrain": "domain"},
        yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1, "constrain": "domain",
               "range": [mercator_degrees(south) - pad, mercator_degrees(north) + pad]},
        # a thin frame, so that neighbours cut at the map's edge read as the edge of a map
        shapes=[{"type": "rect", "xref": "x domain", "yref": "y domain", "x0": 0, "x1": 1, "y0": 0, "y1": 1,
                 "line": {"color": "#9a9a9a", "width": 1}, "layer": "above"}],
    ))
