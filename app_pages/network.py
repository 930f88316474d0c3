"""Network: initiatives linked by joint programmes, how many links each has, and which cross a border.

A link counts when both of its initiatives pass the filters, so filtering to one country
shows the links inside it; the programme filter narrows the links to one programme.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics import i18n
from analytics.i18n import N_
from analytics.serving import queries
from app_support import chrome, data, state
from app_support.fragments import page_fragment
from app_support.state import Context
from viz import maps, network, style
from viz.cards import Card

TOP = 15
MAP_HEIGHT = 520
CHART_CONFIG = style.chart_config("iapt-network")


def programme_choice(lang: str) -> str | None:
    listed = data.query(queries.programmes)["programme"].to_list()
    options = [None, *listed]
    if st.session_state.get("network_programme") not in options:
        st.session_state["network_programme"] = None
    return st.selectbox(i18n.t("Joint programme", lang), options, key="network_programme", placeholder=i18n.t("Choose an option", lang),
                        format_func=lambda name: i18n.t("All programmes", lang) if name is None else name)


def summary(edges: pl.DataFrame, nodes: pl.DataFrame, lang: str) -> None:
    t = i18n.t
    cross = int(edges["cross_border"].sum())
    chrome.cards((
        Card(t("Links", lang), i18n.number(edges.height, lang)),
        Card(t("Initiatives linked", lang), i18n.number(nodes.height, lang)),
        Card(t("Across a border", lang), i18n.percent(cross / edges.height, lang)),
        Card(t("Programmes", lang), i18n.number(edges["programme"].n_unique(), lang)),
    ))


def link_map(edges: pl.DataFrame, nodes: pl.DataFrame, lang: str, names: dict[str, str]) -> None:
    t = i18n.t
    reference = data.reference()
    box = maps.bounds_of(nodes["lat"], nodes["lon"])
    view = maps.fit_view(*box, height=MAP_HEIGHT) if box else maps.LAC_VIEW
    # past MAX_LINKS single arcs are a tangle and megabytes to send (6,000 links at 100 times today's registry
    # were 2 MB of the page's 4 MB): one arc per pair of countries instead, as on the Map page
    bundled = edges.height > maps.MAX_LINKS
    layers = [
        maps.country_layer(reference.overview_outlines, names, None, lang),
        maps.country_links_layer(edges, reference.centres, names, lang) if bundled else maps.links_layer(edges, lang),
        network.nodes_layer(nodes, lang, names, links_label=t("Links", lang),
                            abroad_label=t("Links abroad", lang)),
    ]
    st.pydeck_chart(maps.deck(layers, view), key="network_map", height=MAP_HEIGHT)
    st.caption(t("Orange dots have a partner in another country; blue dots only partners at home. Dots grow with the number of links; "
                 "orange arcs cross a border, blue arcs stay within a country.", lang))
    if bundled:
        st.caption(t("{links} collaboration links, {cross} of them across borders: too many to draw one by one, so each pair of countries "
                     "gets one arc, wider for more links. Narrow the filters to see single "
                     "links.", lang, links=i18n.number(edges.height, lang),
                     cross=i18n.number(int(edges["cross_border"].sum()), lang)))


def most_connected(nodes: pl.DataFrame, lang: str, names: dict[str, str]) -> pl.DataFrame:
    t = i18n.t
    top = nodes.head(TOP)
    return pl.DataFrame({
        t("Initiative", lang): top["name"].to_list(),
        t("Country", lang): [names.get(code, code) for code in top["country"]],
        t("Links", lang): top["degree"].to_list(),
        t("Links abroad", lang): top["cross_border_links"].to_list(),
        t("Programmes", lang): top["programmes"].to_list(),
        t("Registry id", lang): top["id"].to_list(),
    })


def country_pairs(pairs: pl.DataFrame, lang: str, names: dict[str, str]) -> pl.DataFrame:
    t = i18n.t
    return pl.DataFrame({
        t("Countries", lang): [f"{names.get(a, a)} – {names.get(b, b)}"
                                      for a, b in zip(pairs["country_a"], pairs["country_b"], strict=True)],
        t("Links", lang): pairs["links"].to_list(),
    })


def render(context: Context) -> None:
    lang, filters = context.lang, context.filters
    chrome.heading(N_("Collaboration network"),
                   N_("Initiatives linked by joint programmes. A link is shown when both initiatives pass the filters."), lang)
    by_programme(filters, lang)


@page_fragment("network")
def by_programme(filters, lang: str) -> None:
    """The programme and what it redraws (the whole network): a change reruns only this part."""
    t = i18n.t
    programme = programme_choice(lang)
    edges = data.query(queries.collaborations, filters, programme=programme)
    if edges.is_empty():
        st.info(t("No collaboration links both of whose initiatives pass the filters.", lang), icon=":material/hub:")
        return
    nodes = data.query(queries.network_nodes, filters, programme=programme)
    names = data.reference().country_names(lang)
    summary(edges, nodes, lang)
    link_map(edges, nodes, lang, names)

    spread, connected = st.columns([2, 3])
    with spread:
        st.subheader(t("Links per initiative", lang))
        st.plotly_chart(network.degree_bars(nodes, lang, x_title=t("Links", lang),
                                            y_title=t("Initiatives", lang)),
                        key="network_degree", config=CHART_CONFIG)
    with connected:
        st.subheader(t("Most connected initiatives", lang))
        st.dataframe(most_connected(nodes, lang, names), hide_index=True, key="network_top")

    st.subheader(t("Links between countries", lang))
    pairs = data.query(queries.cross_border_pairs, filters, programme=programme)
    if pairs.is_empty():
        st.caption(t("No link crosses a border in this selection.", lang))
    else:
        st.dataframe(country_pairs(pairs, lang, names), hide_index=True, key="network_pairs")


render(state.context())
