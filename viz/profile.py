"""One initiative's profile: its member firms by size class and ISIC section, and a small map of it and its partners."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import pydeck as pdk

from analytics import i18n
from analytics.reference import taxonomy
from viz import maps
from viz.style import SIZE_COLOURS, escape, hex_to_rgb, layout

HOME_COLOUR = [*hex_to_rgb("#c0392b"), 255]
PARTNER_COLOUR = [*hex_to_rgb("#1f5f99"), 230]
# a profile's map shows the initiative's surroundings, not a whole continent
PROFILE_MAX_ZOOM = 6.0


def members_figure(firms: pl.DataFrame, lang: str, *, axis_title: str, height: int = 300) -> go.Figure:
    """`queries.member_firms` for one initiative: firms per ISIC section, stacked by size class (micro to large)."""
    sections = sorted(firms["isic_section"].unique().to_list())
    traces = []
    for size in taxonomy.codes("size_class"):
        rows = firms.filter(pl.col("size_class") == size)
        counts = dict(zip(rows["isic_section"], rows["firms"], strict=True))
        if not counts:
            continue
        name = taxonomy.label("size_class", size, lang)
        values = [counts.get(section, 0) for section in sections]
        traces.append(go.Bar(
            x=sections, y=values, name=name, marker={"color": SIZE_COLOURS[size]},
            hovertext=[f"{escape(section)} · {escape(taxonomy.label('isic_section', section, lang))}<br>"
                       f"{name}: {i18n.number(value, lang)}" for section, value in zip(sections, values, strict=True)],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    return go.Figure(data=traces, layout=layout(
        lang, height, legend=True, barmode="stack",
        xaxis={"type": "category", "title": {"text": escape(i18n.t("ISIC sections", lang))}},
        yaxis={"title": {"text": escape(axis_title)}, "rangemode": "tozero"},
    ))


def profile_deck(row: dict, partners: pl.DataFrame, outlines: dict[str, maps.Outline], country_names: dict[str, str],
                 lang: str, *, programme_label: str) -> pdk.Deck:
    """The initiative (red), its partners (blue) and the links between them, over the country outlines."""
    home = [row["longitude"], row["latitude"]]
    points = [{"position": home, "colour": HOME_COLOUR, "radius": 14000.0,
               "tooltip": "\n".join((row["name"], row.get("city") or ""))}]
    arcs = []
    for partner in partners.iter_rows(named=True):
        position = [partner["longitude"], partner["latitude"]]
        label = "\n".join((partner["name"], country_names.get(partner["country"], partner["country"]),
                           f"{programme_label}: {partner['programme']}"))
        points.append({"position": position, "colour": PARTNER_COLOUR, "radius": 10000.0, "tooltip": label})
        arcs.append({"source": home, "target": position, "tooltip": label})
    layers = [maps.country_layer(outlines, country_names, None, lang)]
    if arcs:
        layers.append(pdk.Layer("ArcLayer", id="profile_links", data=arcs, get_source_position="source",
                                get_target_position="target", get_source_color=HOME_COLOUR,
                                get_target_color=PARTNER_COLOUR, get_width=2, pickable=True))
    layers.append(pdk.Layer("ScatterplotLayer", id="profile_points", data=points, get_position="position",
                            get_fill_color="colour", get_radius="radius", radius_min_pixels=5, radius_max_pixels=14,
                            stroked=True, get_line_color=[255, 255, 255], line_width_min_pixels=1, pickable=True))
    longitudes = [point["position"][0] for point in points]
    latitudes = [point["position"][1] for point in points]
    latitude, longitude, zoom = maps.fit_view(min(longitudes), min(latitudes), max(longitudes), max(latitudes),
                                              width=480, height=320, padding=0.3)
    return maps.deck(layers, (latitude, longitude, min(zoom, PROFILE_MAX_ZOOM)))
