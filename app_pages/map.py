"""Map: where the initiatives are, drawn with no basemap so that it works with no internet.

Country outlines come from the database; points are coloured by driving sector or type and
sized by member firms; a density view and collaboration arcs are on request. Selecting a
point shows the initiative's profile beside the map. Beyond `maps.MAX_POINTS` initiatives the map
draws grid cells instead of points.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics import i18n
from analytics.i18n import N_
from analytics.serving import queries
from app_support import data, exports, state
from app_support.fragments import page_fragment
from app_support.profile import show_profile
from app_support.state import Context
from viz import charts, maps
from viz.style import SEQUENTIAL, category_colour, category_name

DECK_KEY = "map_deck"
SELECTED_KEY = "map_selected"
COLOUR_NAMES = {"sector": N_("Driving sector"), "type": N_("Type of initiative")}
VIEW_NAMES = {"points": N_("Initiatives"), "density": N_("Density (hexagons)")}
SHADES = {"initiatives": (N_("Initiatives"), 0), "initiatives_per_million": (N_("Initiatives per million inhabitants"), 2),
          "none": (N_("No shading"), 0)}


def _remember_selection() -> None:
    """Keep the chosen initiative's id, so its profile survives reruns that redraw the deck."""
    selection = st.session_state[DECK_KEY].get("selection") or {}
    objects = (selection.get("objects") or {}).get("initiatives") or []
    st.session_state[SELECTED_KEY] = objects[0].get("id") if objects else None


MAX_SPOT_RINGS = 40


def controls(lang: str) -> tuple[str, str, str, bool, bool]:
    t = i18n.t
    colour, view, shade, arcs, spots = st.columns([1, 1, 1.3, 1, 1], vertical_alignment="bottom")
    colour_by = colour.selectbox(t("Colour points by", lang), ("sector", "type"), key="map_colour", placeholder=t("Choose an option", lang),
                                 format_func=lambda option: t(COLOUR_NAMES[option], lang))
    mode = view.selectbox(t("Show", lang), ("points", "density"), key="map_view", placeholder=t("Choose an option", lang),
                          format_func=lambda option: t(VIEW_NAMES[option], lang))
    shade_by = shade.selectbox(t("Shade countries by", lang), tuple(SHADES), key="map_shade", placeholder=t("Choose an option", lang),
                               format_func=lambda option: t(SHADES[option][0], lang))
    with arcs:
        show_arcs = st.toggle(t("Collaboration links", lang), key="map_arcs")
    with spots:
        show_spots = st.toggle(t("White spots", lang), key="map_white_spots", value=True)
    return colour_by, mode, shade_by, show_arcs, show_spots


def shading(filters, shade_by: str, lang: str) -> tuple[dict[str, tuple[float, str]] | None, float]:
    """Each country's place on the colour scale and its tooltip line, and the scale's top value."""
    if shade_by == "none":
        return None, 0.0
    coverage = data.query(queries.coverage_by_country, filters)
    label_key, decimals = SHADES[shade_by]
    values = dict(zip(coverage["country"], coverage[shade_by], strict=True))
    fractions = maps.shade_fractions(values)
    initiatives = dict(zip(coverage["country"], coverage["initiatives"], strict=True))
    lines = {iso2: f"{i18n.t(label_key, lang)}: {i18n.number(value, lang, decimals)}" if initiatives[iso2] and value is not None
             else i18n.t("no initiative matching the filters" if not initiatives[iso2] else N_("no data (no population figure)"), lang)
             for iso2, value in values.items()}
    top = max((v for v in values.values() if v is not None), default=0.0)
    return {iso2: (fractions[iso2], lines[iso2]) for iso2 in fractions}, top


def category_counts(filters, located: pl.DataFrame, colour_by: str, aggregated: bool, total: int) -> pl.DataFrame:
    """Initiatives per colour (`code`, `count`). Grid cells carry only their most common category, so when the map
    shows cells the counts come from the registry rather than from what is drawn."""
    column = "primary_sector" if colour_by == "sector" else "type"
    if not aggregated:
        return located.group_by(column).agg(pl.len().alias("count")).rename({column: "code"})
    if colour_by == "type":
        return (data.query(queries.types_by_country, filters).group_by("type").agg(pl.col("initiatives").sum().alias("count"))
                .rename({"type": "code"}))
    mix = data.query(queries.sector_mix, filters, scheme="eclac_sector", primary_only=True)
    counts = mix.select(pl.col("sector").alias("code"), pl.col("initiatives").alias("count")).filter(pl.col("count") > 0)
    without = total - counts["count"].sum()
    return pl.concat([counts, pl.DataFrame({"code": [None], "count": [without]}, schema=counts.schema)]) if without else counts


def legend_frame(counts: pl.DataFrame, colour_by: str, lang: str) -> pl.DataFrame:
    return pl.DataFrame({
        "label": [category_name(colour_by, code, lang) for code in counts["code"]],
        "value": counts["count"],
        "colour": [category_colour(colour_by, code) for code in counts["code"]],
    })


def profile_panel(lang: str) -> None:
    st.subheader(i18n.t("Selected initiative", lang))
    selected = st.session_state.get(SELECTED_KEY)
    if not selected:
        st.caption(i18n.t("Select a point on the map to see the initiative's profile here.", lang))
        return
    profile = data.query(queries.initiative_profile, initiative_id=selected)
    if profile.is_empty():
        st.caption(i18n.t("The selected initiative is no longer in the registry.", lang))
        return
    show_profile(profile.row(0, named=True), lang, data.reference().country_names(lang))
    st.page_link("app_pages/explorer.py", label=i18n.t("Open the full profile in the Explorer", lang), icon=":material/open_in_new:",
                 query_params={state.INITIATIVE_PARAM: selected})


def render(context: Context) -> None:
    lang, filters = context.lang, context.filters
    t = i18n.t
    st.title(t("Map of initiatives", lang))
    map_view(filters, lang)


@page_fragment("map")
def map_view(filters, lang: str) -> None:
    """The controls and everything they redraw (the map, its legends, the chosen initiative's profile): a change of
    colouring, view or shading, or a point picked on the map, reruns only this part."""
    t = i18n.t
    colour_by, mode, shade_by, show_arcs, show_spots = controls(lang)
    reference = data.reference()
    names = reference.country_names(lang)
    count = data.query(queries.count_initiatives, filters)
    if not count:
        st.info(t("No initiative matches the filters. Clear some filters in the sidebar.", lang), icon=":material/filter_alt:")
    aggregated = count > maps.MAX_POINTS
    if aggregated:
        located = data.query(queries.map_grid, filters, cell_degrees=maps.CELL_DEGREES)
        st.info(t("{count} initiatives are too many to draw one by one, so they are grouped into cells of {cell} degrees; narrow the "
                  "filters to see single initiatives.", lang, count=i18n.number(count, lang), cell=i18n.number(maps.CELL_DEGREES, lang, 1)),
                icon=":material/grid_on:")
    else:
        located = data.query(queries.map_points, filters)

    shades, top = shading(filters, shade_by, lang)
    # country tooltips only where no point can be selected: a pickable layer beneath points stops their selection
    layers = [maps.country_layer(reference.overview_outlines, names, shades, lang, pickable=mode == "density")]
    box = maps.bounds_of(located["latitude"], located["longitude"])
    if mode == "density" and aggregated:
        cell = maps.density_cell_degrees(box)
        layers.append(maps.density_cells_layer(data.query(queries.map_grid, filters, cell_degrees=cell), cell, lang))
    elif mode == "density":
        layers.append(maps.density_layer(located, maps.hexagon_radius(box)))
    elif aggregated:
        layers.append(maps.cells_layer(located, colour_by, lang))
    else:
        layers.append(maps.points_layer(located, colour_by, lang, names))
    # above the initiatives (a pickable layer beneath points stops their selection); a hollow ring is picked only
    # on its edge, so the points inside stay clickable
    spots = data.query(queries.white_spots, filters) if show_spots else None
    all_spots = 0
    if spots is not None:
        # ranked by population: past MAX_SPOT_RINGS, rings would hide the initiatives (dozens of small Caribbean regions)
        all_spots = spots.height
        spots = spots.head(MAX_SPOT_RINGS)
        layers.extend(maps.white_spots_layers(spots, lang, names))
    links = data.query(queries.collaborations, filters) if show_arcs else None
    bundled = links is not None and links.height > maps.MAX_LINKS
    if bundled:
        layers.append(maps.country_links_layer(links, reference.centres, names, lang))
    elif links is not None:
        layers.append(maps.links_layer(links, lang))
    view = maps.fit_view(*box) if box else maps.LAC_VIEW

    map_column, side = st.columns([3, 1])
    with map_column:
        st.pydeck_chart(maps.deck(layers, view), key=DECK_KEY, on_select=_remember_selection,
                        selection_mode="single-object", height=620, alt=t("Map of the selected initiatives in Latin America and the "
                                                                          "Caribbean", lang))
        if spots is not None and spots["lat"].drop_nulls().len():
            st.caption("◯ " + t("Hollow ring: a region with no initiative matching the filters, at the population-weighted centre of its "
                                "listed cities (ring size: that population).", lang))
            if all_spots > MAX_SPOT_RINGS:
                st.caption(t("The {shown} most populous of {total} white spots are drawn; choose a country, or open the Regions page, to "
                             "see them all.", lang, shown=i18n.number(MAX_SPOT_RINGS, lang),
                             total=i18n.number(all_spots, lang)))
        if links is not None:
            counts = {"links": i18n.number(links.height, lang), "cross": i18n.number(int(links["cross_border"].sum()), lang)}
            st.caption(t("{links} collaboration links, {cross} of them across borders: too many to draw one by one, so each pair of "
                         "countries gets one arc, wider for more links. Narrow the filters to see single links.", lang, **counts) if bundled
                       else i18n.tn("{links} collaboration link drawn; across borders: {cross}.",
                                    "{links} collaboration links drawn, {cross} of them across borders.", links.height, lang, **counts))
    with side:
        profile_panel(lang)
        if count:
            exports.points_download(filters, lang, key="map_download")

    legend, scale = st.columns([3, 2])
    with legend:
        if mode == "density":
            st.caption(t("Density: from pale yellow (few initiatives) to dark red (many).", lang))
        elif located.height:
            st.caption(t("Initiatives by colour", lang) + ("" if aggregated else " · " + t("Point size grows with member firms.", lang)))
            counts = category_counts(filters, located, colour_by, aggregated, count)
            st.plotly_chart(charts.ranking_bars(legend_frame(counts, colour_by, lang), lang,
                                                axis_title=t("Initiatives", lang)),
                            key="map_legend", config={"displayModeBar": False})
    with scale:
        if shades is not None:
            label_key, decimals = SHADES[shade_by]
            # counts are labelled in whole numbers; a rate that tops out at a small number needs a decimal
            whole = decimals == 0
            decimals = decimals if whole else max(decimals, 1 if top < 10 else 0)
            st.plotly_chart(charts.colour_scale(0, top, SEQUENTIAL[1:], lang, decimals=decimals, whole=whole,
                                                title=t("Country shading: {measure}", lang, measure=t(label_key, lang))),
                            key="map_scale", config={"displayModeBar": False})
            st.caption(t("The scale starts at zero. White: no initiative matching the filters · mid grey: no data · light grey: outside "
                         "the filters.", lang))


render(state.context())
