"""Maps that draw with no network: pydeck decks with no basemap and Plotly maps on a white background.

Country outlines come from the registry database (local GeoJSON), never from a tile server
or a CDN. Tooltips are plain text: every pickable object carries a ready-made `tooltip`
string and the deck's tooltip is `{"text": "{tooltip}"}`, which the browser sets as text,
so a name such as `<img src=x onerror=...>` is shown, never run. The tooltip sits in the map's
corner rather than at the cursor, so that it is never cut by the map's edge.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from analytics import i18n
from analytics.reference import taxonomy
from viz.projection import latitude_of, mercator_y
from viz.style import (
    DENSITY,
    EMPTY_FILL,
    NO_DATA_FILL,
    NO_INITIATIVE_FILL,
    SEQUENTIAL,
    WHITE_SPOT_COLOUR,
    category_colour,
    category_name,
    colour_scale,
    count_axis,
    escape,
    hex_to_rgb,
    layout,
    percent_axis,
    step_colour,
)

# deck.gl puts its tooltip beside the cursor, and near the map's right or bottom edge it was cut off. Its
# style is applied after its position, so `transform: none` pins it in the map's lower left corner (the
# Pacific, where no initiative lies), from where it is always read whole.
TOOLTIP = {"text": "{tooltip}", "style": {
    "transform": "none", "top": "auto", "left": "12px", "bottom": "12px", "maxWidth": "45%", "whiteSpace": "pre-line",
    "overflowWrap": "anywhere", "fontSize": "13px", "lineHeight": "1.4", "borderRadius": "4px",
    "backgroundColor": "rgba(38, 39, 48, 0.94)", "color": "#ffffff",
}}
LAC_VIEW = (-12.0, -75.0, 1.9)  # latitude, longitude, zoom that frame Latin America and the Caribbean
MAX_ZOOM = 7.0  # a single initiative keeps its surroundings in view
POINT_ALPHA = 210
# Beyond this many initiatives the map sends grid cells instead of points: 50,000 points are about 5 MB and
# 5 s to a drawn canvas; 20,000 keep a filtered map of the largest country responsive at 100 times today's registry.
MAX_POINTS = 20_000
CELL_DEGREES = 0.5
# beyond this many collaboration links, arcs are bundled by pair of countries
MAX_LINKS = 1_000


@dataclass(frozen=True)
class Outline:
    geometry: dict
    # west, south, east, north of the largest polygon: fitting the view to Chile should not take in Easter Island
    bounds: tuple[float, float, float, float]


def parse_outlines(frame: pl.DataFrame) -> dict[str, Outline]:
    """`queries.country_outlines` → geometry and bounding box per ISO code (parse once, reuse on every rerun)."""
    parsed = {}
    for iso2, text in zip(frame["iso2"], frame["outline"], strict=True):
        geometry = json.loads(text)
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        parsed[iso2] = Outline(geometry, max((_box(polygon[0]) for polygon in polygons), key=_area))
    return parsed


# Outlines on a map of the whole region: 0.02° (about 2 km) is under a pixel at the zooms that show several
# countries, and cuts what a map page sends for the outlines from 650 kB to about 240 kB
OVERVIEW_TOLERANCE_DEG = 0.02


def simplified(outlines: dict[str, Outline], tolerance: float = OVERVIEW_TOLERANCE_DEG) -> dict[str, Outline]:
    """The same outlines with fewer points (topology kept, coordinates on a 0.001° grid), for region-wide maps;
    each keeps the bounds of its full outline."""
    import shapely
    from shapely.geometry import mapping, shape

    reduced = {}
    for iso2, outline in outlines.items():
        geometry = shapely.set_precision(shape(outline.geometry).simplify(tolerance, preserve_topology=True), 0.001)
        reduced[iso2] = Outline(json.loads(json.dumps(mapping(geometry))), outline.bounds)  # tuples to JSON lists
    return reduced


def _box(ring: list[list[float]]) -> tuple[float, float, float, float]:
    lons = [point[0] for point in ring]
    lats = [point[1] for point in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _area(box: tuple[float, float, float, float]) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def fit_view(west: float, south: float, east: float, north: float, *, width: int = 900, height: int = 620,
             padding: float = 0.08) -> tuple[float, float, float]:
    """Centre and zoom (Web Mercator, 512-pixel tiles as in deck.gl and MapLibre) that show the box."""
    if not all(map(math.isfinite, (west, south, east, north))):
        return LAC_VIEW

    lon_span = max(east - west, 0.05) * (1 + 2 * padding)
    y_span = max(mercator_y(north) - mercator_y(south), 0.001) * (1 + 2 * padding)
    zoom_lon = math.log2(width * 360 / (lon_span * 512))
    zoom_lat = math.log2(height * 2 * math.pi / (y_span * 512))
    centre_y = (mercator_y(north) + mercator_y(south)) / 2
    centre_lat = latitude_of(centre_y)
    return centre_lat, (west + east) / 2, max(1.0, min(zoom_lon, zoom_lat, MAX_ZOOM))


def bounds_of(latitudes: pl.Series, longitudes: pl.Series) -> tuple[float, float, float, float] | None:
    if latitudes.is_empty():
        return None
    return longitudes.min(), latitudes.min(), longitudes.max(), latitudes.max()


def union_bounds(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float] | None:
    if not boxes:
        return None
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def shade_fractions(values: dict[str, float | None]) -> dict[str, float | None]:
    """Each country's position (0 to 1) on the colour scale: linear from zero to the largest value; None where the
    value is unknown, so that "no data" is never drawn as the scale's low end."""
    present = [v for v in values.values() if v is not None and v > 0]
    top = max(present, default=0.0)
    return {iso2: None if v is None else (v / top if top and v else 0.0) for iso2, v in values.items()}


def shade_colour(fraction: float | None) -> str:
    """A shaded country's fill: zero (no initiative) and unknown have colours of their own, off the scale; any
    positive value takes at least the scale's second step, so a country with a few initiatives never looks empty."""
    if fraction is None:
        return NO_DATA_FILL
    if fraction <= 0:
        return NO_INITIATIVE_FILL
    return step_colour(SEQUENTIAL, fraction, lowest=1)


def country_layer(outlines: dict[str, Outline], names: dict[str, str], shading: dict[str, tuple[float | None, str]] | None,
                  lang: str, *, pickable: bool = True) -> pdk.Layer:
    """Every country outline; with `shading` (iso2 → (fraction, tooltip line)), filled by `shade_colour`; countries
    outside the selection (not in `shading`) stay light grey.

    Pass `pickable=False` under points that can be selected: with a pickable layer of this size beneath them,
    clicking a point in Streamlit's deck selects nothing (seen in Chromium, Streamlit 1.67).
    """
    features = []
    for iso2, outline in outlines.items():
        if shading is not None and iso2 in shading:
            fraction, line = shading[iso2]
            colour = shade_colour(fraction)
        else:
            line, colour = i18n.t("no initiatives", lang), EMPTY_FILL
        features.append({
            "type": "Feature", "geometry": outline.geometry,
            "properties": {"tooltip": f"{names.get(iso2, iso2)}\n{line}" if shading is not None else names.get(iso2, iso2),
                           "fill": [*hex_to_rgb(colour), 200 if shading is not None else 255]},
        })
    return pdk.Layer(
        "GeoJsonLayer", id="countries", data={"type": "FeatureCollection", "features": features},
        get_fill_color="properties.fill", get_line_color=[120, 120, 120, 255], line_width_min_pixels=0.6,
        stroked=True, filled=True, pickable=pickable and shading is not None, auto_highlight=pickable and shading is not None,
    )


def _sector_names(codes: str | None, lang: str) -> str:
    if not codes:
        return i18n.t("No driving sector", lang)
    return ", ".join(taxonomy.label("eclac_sector", code, lang) for code in codes.split(";"))


def point_radius(firms: int | None) -> float:
    """Metres: the area grows with member firms, so the radius with their square root."""
    return 1500.0 * math.sqrt(max(firms or 0, 1))


def points_layer(points: pl.DataFrame, colour_by: str, lang: str, country_names: dict[str, str]) -> pdk.Layer:
    """`queries.map_points` as pickable dots coloured by driving sector or type, sized by member firms."""
    records = []
    column = "primary_sector" if colour_by == "sector" else "type"
    colours = {code: [*hex_to_rgb(category_colour(colour_by, code)), POINT_ALPHA]
               for code in points[column].unique().to_list()}
    for row in points.iter_rows(named=True):
        place = ", ".join(part for part in (row["city"], row["region_name"], country_names.get(row["country"], row["country"]))
                          if part)
        records.append({
            "id": row["id"], "position": [row["longitude"], row["latitude"]], "colour": colours[row[column]],
            "radius": point_radius(row["member_firms"]),
            "tooltip": "\n".join((
                row["name"],
                f"{i18n.t('Type', lang)}: {taxonomy.label('type', row['type'], lang)}",
                f"{i18n.t('Place', lang)}: {place}",
                f"{i18n.t('Sectors', lang)}: {_sector_names(row['sectors'], lang)}",
                f"{i18n.t('Member firms', lang)}: {i18n.number(row['member_firms'], lang)}",
            )),
        })
    return pdk.Layer(
        "ScatterplotLayer", id="initiatives", data=records, get_position="position", get_fill_color="colour",
        get_radius="radius", radius_min_pixels=3, radius_max_pixels=28, stroked=True, get_line_color=[255, 255, 255],
        line_width_min_pixels=0.5, pickable=True, auto_highlight=True,
    )


def white_spot_radius(population: int | None) -> float:
    """Metres: the ring's area grows with the population of the region's listed cities."""
    return 2000.0 + 25.0 * math.sqrt(max(population or 0, 0))


def white_spots_layers(spots: pl.DataFrame, lang: str, country_names: dict[str, str]) -> list[pdk.Layer]:
    """`queries.white_spots` as hollow rings at each region's population-weighted centre: unfilled, thick-edged and
    in a colour no initiative takes, over a white halo that keeps them visible on the darkest shading, so a region
    without an initiative cannot be read as one. Regions whose listed places have no known population have no centre
    and are not drawn (the Regions page lists them)."""
    ring = [*hex_to_rgb(WHITE_SPOT_COLOUR), 230]
    records = [{
        "region": row["region"], "position": [row["lon"], row["lat"]], "radius": white_spot_radius(row["city_population"]),
        "tooltip": i18n.t("White spot: {region}, {country} · no initiative · population of listed cities "
                          "{population}", lang, region=row["name"],
                          country=country_names.get(row["country"], row["country"]),
                          population=i18n.number(row["city_population"], lang)),
    } for row in spots.drop_nulls("lat").iter_rows(named=True)]
    common = {"data": records, "get_position": "position", "get_radius": "radius", "filled": False, "stroked": True,
              "radius_min_pixels": 5, "radius_max_pixels": 22}
    return [
        pdk.Layer("ScatterplotLayer", id="white_spots_halo", get_line_color=[255, 255, 255, 230],
                  line_width_min_pixels=4.5, pickable=False, **common),
        pdk.Layer("ScatterplotLayer", id="white_spots", get_line_color=ring, line_width_min_pixels=2, pickable=True,
                  auto_highlight=True, **common),
    ]


def cells_layer(cells: pl.DataFrame, colour_by: str, lang: str) -> pdk.Layer:
    """`queries.map_grid` cells: what the map draws when single points would be too many to send."""
    column = "primary_sector" if colour_by == "sector" else "type"
    top = max(cells["initiatives"].max() or 1, 1)
    records = [{
        "position": [row["longitude"], row["latitude"]],
        "colour": [*hex_to_rgb(category_colour(colour_by, row[column])), POINT_ALPHA],
        "radius": 4000 + 30000 * math.sqrt(row["initiatives"] / top),
        "tooltip": "\n".join((
            f"{i18n.t('Initiatives', lang)}: {i18n.number(row['initiatives'], lang)}",
            f"{i18n.t('Member firms', lang)}: {i18n.number(row['member_firms'], lang)}",
            f"{i18n.t('Most common sector' if colour_by == 'sector' else 'Type', lang)}: "
            f"{category_name(colour_by, row[column], lang)}",
        )),
    } for row in cells.iter_rows(named=True)]
    return pdk.Layer(
        "ScatterplotLayer", id="cells", data=records, get_position="position", get_fill_color="colour",
        get_radius="radius", radius_min_pixels=2, radius_max_pixels=40, pickable=True, auto_highlight=True,
    )


def hexagon_radius(box: tuple[float, float, float, float] | None) -> float:
    """Metres: about forty hexagons across the larger side of the view, so density reads at any zoom."""
    if box is None:
        return 150_000.0
    span_degrees = max(box[2] - box[0], box[3] - box[1])
    return min(max(span_degrees * 111_000 / 40, 10_000.0), 250_000.0)


def density_layer(positions: pl.DataFrame, radius: float = 150_000.0) -> pdk.Layer:
    """Hexagons counting the initiatives at `longitude`, `latitude`, binned in the browser.

    No colour weight: with `getColorWeight` (Streamlit 1.67's deck.gl) every hexagon takes the first colour,
    and with `gpuAggregation` off as well the layer fails to initialise. Grid cells use `density_cells_layer`.
    """
    records = [{"position": [lon, lat]} for lon, lat in zip(positions["longitude"], positions["latitude"], strict=True)]
    return pdk.Layer(
        "HexagonLayer", id="density", data=records, get_position="position", radius=radius, coverage=0.92,
        extruded=False, opacity=0.85, pickable=False, color_range=[hex_to_rgb(colour) for colour in DENSITY],
    )


def density_cells_layer(cells: pl.DataFrame, cell_degrees: float, lang: str) -> pdk.Layer:
    """`queries.map_grid` cells as squares coloured by how many initiatives they hold: density counted in SQL.

    The scale is logarithmic: a few capital cities hold most initiatives and would leave every other cell pale.
    """
    top = math.log1p(max(cells["initiatives"].max() or 1, 1))
    half = cell_degrees / 2
    records = [{
        "polygon": [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half]],
        "colour": [*hex_to_rgb(DENSITY[min(int(len(DENSITY) * math.log1p(count) / top), len(DENSITY) - 1)]), 220],
        "tooltip": f"{i18n.t('Initiatives', lang)}: {i18n.number(count, lang)}",
    } for lon, lat, count in zip(cells["longitude"], cells["latitude"], cells["initiatives"], strict=True)]
    return pdk.Layer(
        "PolygonLayer", id="density", data=records, get_polygon="polygon", get_fill_color="colour", stroked=False,
        pickable=True,
    )


def links_layer(links: pl.DataFrame, lang: str) -> pdk.Layer:
    """`queries.collaborations` as arcs: orange across a border, blue within a country."""
    records = [{
        "source": [row["lon_a"], row["lat_a"]], "target": [row["lon_b"], row["lat_b"]],
        "colour": [230, 120, 30, 200] if row["cross_border"] else [40, 100, 180, 170],
        "tooltip": f"{row['name_a']}\n↔ {row['name_b']}\n{i18n.t('Joint programme', lang)}: {row['programme']}",
    } for row in links.iter_rows(named=True)]
    return pdk.Layer(
        "ArcLayer", id="links", data=records, get_source_position="source", get_target_position="target",
        get_source_color="colour", get_target_color="colour", get_width=2, width_min_pixels=1.5, pickable=True,
        auto_highlight=True, great_circle=False,
    )


def country_links_layer(links: pl.DataFrame, centres: dict[str, tuple[float, float]], names: dict[str, str],
                        lang: str) -> pdk.Layer:
    """Cross-border links bundled into one arc per pair of countries, as wide as its share of the busiest pair:
    what the map draws when single links would be a tangle (`MAX_LINKS`)."""
    pairs = (links.filter(pl.col("cross_border"))
             .select(pl.min_horizontal("country_a", "country_b").alias("first"),
                     pl.max_horizontal("country_a", "country_b").alias("second"))
             .group_by("first", "second").agg(pl.len().alias("links")).sort("links", descending=True))
    top = max(pairs["links"].max() or 1, 1)
    records = [{
        "source": [centres[first][1], centres[first][0]], "target": [centres[second][1], centres[second][0]],
        "width": 0.5 + 3.5 * math.sqrt(count / top),
        "tooltip": f"{names.get(first, first)} ↔ {names.get(second, second)}: {i18n.number(count, lang)}",
    } for first, second, count in pairs.iter_rows() if first in centres and second in centres]
    return pdk.Layer(
        "ArcLayer", id="links", data=records, get_source_position="source", get_target_position="target",
        get_source_color=[230, 120, 30, 160], get_target_color=[230, 120, 30, 160], get_width="width",
        width_units="pixels", pickable=True, auto_highlight=True, great_circle=False,
    )


def density_cell_degrees(box: tuple[float, float, float, float] | None) -> float:
    """Grid cells about a fiftieth of the view wide, on a few fixed sizes so that cached grids are reused."""
    span = max(box[2] - box[0], box[3] - box[1]) if box else 90.0
    return next((size for size in (0.5, 1.0, 2.0) if size >= span / 50), 4.0)


class CompactDeck(pdk.Deck):
    """pydeck writes its JSON indented, which makes Python use its slow pure-Python encoder: about 0.7 s for
    the country outlines alone, on every rerun. Unindented, the C encoder writes the same document in
    a few tens of milliseconds."""

    def to_json(self) -> str:
        return json.dumps(self, default=default_serialize, separators=(",", ":"))


def deck(layers: list[pdk.Layer], view: tuple[float, float, float]) -> pdk.Deck:
    """No basemap, so nothing is fetched from a tile server and the map draws offline.

    `map_style` is left unset on purpose: with no provider pydeck then writes its "__MAP_STYLE__" sentinel,
    which Streamlit reads as "no basemap", whereas an explicit `map_style=None` makes Streamlit fetch
    Carto's Positron style (and fail offline).
    """
    latitude, longitude, zoom = view
    return CompactDeck(
        layers=layers, map_provider=None, tooltip=TOOLTIP,
        initial_view_state=pdk.ViewState(latitude=latitude, longitude=longitude, zoom=zoom, pitch=0, bearing=0),
        views=[pdk.View(type="MapView", controller=True)],
    )


class SharedGeoJSON(dict):
    """Plotly deep-copies a figure's data twice on its way to the browser, about a second for the 650 kB of
    outlines. Parsed outlines are never modified, so this collection hands out itself instead of a copy."""

    def __deepcopy__(self, memo: dict) -> SharedGeoJSON:
        return self


def _collection(outlines: dict[str, Outline], codes: list[str]) -> SharedGeoJSON:
    return SharedGeoJSON(type="FeatureCollection",
                         features=[{"type": "Feature", "id": iso2, "geometry": outlines[iso2].geometry} for iso2 in codes])


def choropleth(coverage: pl.DataFrame, outlines: dict[str, Outline], names: dict[str, str], measure: str, lang: str, *,
               measure_title: str, percent: bool = False, decimals: int = 0, height: int = 560,
               no_initiative: str = "", no_data: str = "") -> go.Figure:
    """Countries shaded by a column of `queries.coverage_by_country`, on a white background: no tiles, no CDN.

    The scale runs from zero; a country with no initiative (white) and one whose figure is unknown (mid grey) are
    drawn apart from it, with `no_initiative` / `no_data` as their hover lines. Countries outside the filters are
    light grey, so the map keeps its shape; each outline is sent once.
    """
    shown = coverage.filter(pl.col("country").is_in(list(outlines)))
    has = shown.filter(pl.col("initiatives") > 0)
    empty = shown.filter(pl.col("initiatives") == 0)["country"].to_list()
    unknown = has.filter(pl.col(measure).is_null())["country"].to_list()
    has = has.filter(pl.col(measure).is_not_null())
    codes = has["country"].to_list()
    others = [iso2 for iso2 in outlines if iso2 not in set(shown["country"].to_list())]
    values = has[measure].to_list()
    texts = [i18n.percent(v, lang, decimals) if percent else i18n.number(v, lang, decimals) for v in values]

    def flat(locations: list[str], colour: str, hover: str | None) -> dict:
        return {"type": "choroplethmap", "geojson": _collection(outlines, locations), "locations": locations,
                "z": [0] * len(locations), "colorscale": [[0, colour], [1, colour]], "showscale": False,
                "marker": {"line": {"color": "#5a5a5a" if hover else "#b0b0b0", "width": 0.6 if hover else 0.5}},
                **({"hovertext": [f"{escape(names.get(c, c))}<br>{escape(hover)}" for c in locations],
                    "hovertemplate": "%{hovertext}<extra></extra>"} if hover else {"hoverinfo": "skip"})}

    top = max(values, default=0)
    ticks = percent_axis(top, lang) if percent else count_axis(top) if decimals == 0 else {}
    shaded = {
        "type": "choroplethmap", "geojson": _collection(outlines, codes), "locations": codes, "z": values,
        # from zero, and never a zero-width range: an all-zero selection must not come out mid-scale
        "zmin": 0, "zmax": top if top > 0 else 1,
        "colorscale": colour_scale(SEQUENTIAL[1:]),
        "marker": {"line": {"color": "#5a5a5a", "width": 0.6}, "opacity": 0.9},
        "colorbar": {"title": {"text": escape(measure_title), "side": "right"}, "thickness": 12, **ticks},
        "hovertext": [f"{escape(names.get(c, c))}<br>{escape(measure_title)}: {text}" for c, text in zip(codes, texts, strict=True)],
        "hovertemplate": "%{hovertext}<extra></extra>",
    }
    data = [flat(others, EMPTY_FILL, None), shaded]
    if empty:
        data.append(flat(empty, NO_INITIATIVE_FILL, no_initiative or i18n.MISSING))
    if unknown:
        data.append(flat(unknown, NO_DATA_FILL, no_data or i18n.MISSING))
    box = union_bounds([outlines[c].bounds for c in codes + empty + unknown])
    latitude, longitude, zoom = fit_view(*box, width=900, height=height) if box else LAC_VIEW
    return go.Figure(data=data, layout=layout(
        lang, height, legend=False, margin={"l": 0, "r": 0, "t": 0, "b": 0},
        map={"style": "white-bg", "center": {"lat": latitude, "lon": longitude}, "zoom": zoom - 0.2},
    ))
