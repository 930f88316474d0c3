"""The collaboration network: initiatives as nodes on the map, joint programmes as arcs, and how links are spread.

Node tooltips are plain text like every deck tooltip (`maps.TOOLTIP`), so a name is shown, never run.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl
import pydeck as pdk

from analytics import i18n
from viz.style import QUALITATIVE, escape, hex_to_rgb, layout

NODE_COLOUR = [*hex_to_rgb("#1f3b57"), 220]
ABROAD_COLOUR = [*hex_to_rgb("#e6781e"), 230]


def node_radius(degree: int) -> float:
    """Metres: the area grows with the number of links."""
    return 20000.0 * math.sqrt(max(degree, 1))


def nodes_layer(nodes: pl.DataFrame, lang: str, country_names: dict[str, str], *, links_label: str,
                abroad_label: str) -> pdk.Layer:
    """`queries.network_nodes` as dots sized by links; orange for initiatives with a partner abroad."""
    records = [{
        "id": row["id"], "position": [row["lon"], row["lat"]], "radius": node_radius(row["degree"]),
        "colour": ABROAD_COLOUR if row["cross_border_links"] else NODE_COLOUR,
        "tooltip": "\n".join((
            row["name"], country_names.get(row["country"], row["country"]),
            f"{links_label}: {i18n.number(row['degree'], lang)}",
            f"{abroad_label}: {i18n.number(row['cross_border_links'], lang)}",
        )),
    } for row in nodes.iter_rows(named=True)]
    return pdk.Layer(
        "ScatterplotLayer", id="nodes", data=records, get_position="position", get_fill_color="colour",
        get_radius="radius", radius_min_pixels=5, radius_max_pixels=28, stroked=True, get_line_color=[255, 255, 255],
        line_width_min_pixels=0.7, pickable=True, auto_highlight=True,
    )


def degree_bars(nodes: pl.DataFrame, lang: str, *, x_title: str, y_title: str, height: int = 300) -> go.Figure:
    """How many initiatives have one link, two links, and so on: whether the network has hubs."""
    counts = nodes.group_by("degree").agg(pl.len().alias("initiatives")).sort("degree")
    degrees = counts["degree"].to_list()
    values = counts["initiatives"].to_list()
    hover = [f"{escape(x_title)}: {i18n.number(d, lang)} · {escape(y_title)}: {i18n.number(v, lang)}"
             for d, v in zip(degrees, values, strict=True)]
    return go.Figure(go.Bar(
        x=degrees, y=values, marker={"color": QUALITATIVE[0]}, text=[i18n.number(v, lang) for v in values],
        textposition="outside", cliponaxis=False, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
    ), layout=layout(lang, height, legend=False,
                     xaxis={"title": {"text": escape(x_title)}, "dtick": 1, "tickformat": "d"},
                     yaxis={"title": {"text": escape(y_title)}, "rangemode": "tozero"}))
