"""Countries: coverage by country on a choropleth and in a ranking, and two to six countries side by side."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics import i18n
from analytics.i18n import N_
from analytics.reference import taxonomy
from analytics.serving import queries
from app_support import chrome, data, state
from app_support.state import Context
from viz import charts, maps, style, tables
from viz.style import QUALITATIVE, SIZE_COLOURS

COMPARE_KEY = "countries_compare"
COMPARE_DEFAULT_KEY = "countries_compare_default"
MAX_COMPARED = 6
CHART_CONFIG = style.chart_config("iapt-countries")
TOP = 10


def leading(coverage: pl.DataFrame, measure: str, names: dict[str, str]) -> pl.DataFrame:
    """The ten countries with the highest value of the measure, for the bars beside the map."""
    top = coverage.filter(pl.col("initiatives") > 0).drop_nulls(measure).sort(measure, descending=True).head(TOP)
    return pl.DataFrame({"label": [names.get(code, code) for code in top["country"]], "value": top[measure]})


def shares_within(frame: pl.DataFrame, category: str, count: str, order: dict[str, int], chosen: list[str]) -> pl.DataFrame:
    """Each country's count per category as a share of the country's total, countries in the order chosen."""
    return (frame.rename({"country": "group", category: "category"})
            .with_columns((pl.col(count) / pl.col(count).sum().over("group")).alias("share"))
            .with_columns(pl.col("group").replace_strict({c: i for i, c in enumerate(chosen)}, default=len(chosen))
                          .alias("_group"), pl.col("category").replace_strict(order, default=len(order)).alias("_category"))
            .sort("_category", "_group").select("group", "category", "share"))


def comparison(filters, chosen: list[str], names: dict[str, str], lang: str) -> None:
    """Shares rather than counts wherever countries of different sizes sit side by side."""
    t = i18n.t
    compared = filters.replace(countries=tuple(chosen))
    colours = {code: QUALITATIVE[index % len(QUALITATIVE)] for index, code in enumerate(chosen)}
    group_names = {code: names.get(code, code) for code in chosen}

    st.markdown(f"**{t('Indicators side by side', lang)}**")
    profiles = data.query(queries.country_profiles, filters, countries=tuple(chosen))
    st.table(tables.country_indicators_table(profiles, names, lang), hide_index=True, border="horizontal")

    growth_column, sizes_column = st.columns(2)
    with growth_column:
        st.markdown(f"**{t('Growth since the launch', lang)}**")
        growth = data.query(queries.registrations, compared, period="month", by="country")
        st.plotly_chart(charts.growth_figure(growth, "month", lang, cumulative=True, group_names=group_names,
                                             colours=colours, height=360, max_ticks=6),
                        key="countries_growth", config=CHART_CONFIG)
    with sizes_column:
        st.markdown(f"**{t('Listed member firms by size', lang)}**")
        sizes = data.query(queries.firm_sizes, compared, by="country").rename({"size_class": "category", "firms": "count"})
        size_order = {code: i for i, code in enumerate(taxonomy.codes("size_class"))}
        sizes = sizes.sort(pl.col("category").replace_strict(size_order, default=len(size_order)))
        st.plotly_chart(charts.stacked_shares(_in_order(sizes, chosen), lang,
                                              axis_title=t("Share of the country's listed member firms", lang), group_names=group_names,
                                              category_names=taxonomy.labels("size_class", lang), colours=SIZE_COLOURS,
                                              height=360),
                        key="countries_sizes", config=CHART_CONFIG)

    sector_order = {code: i for i, code in enumerate(taxonomy.codes("eclac_sector"))}
    matrix = data.query(queries.country_sector_matrix, compared, scheme="eclac_sector")
    mix = shares_within(matrix.filter(pl.col("initiatives") > 0).select("country", "sector", "initiatives"),
                        "sector", "initiatives", sector_order, chosen)
    type_order = {code: i for i, code in enumerate(taxonomy.codes("type"))}
    types = shares_within(data.query(queries.types_by_country, compared), "type", "initiatives", type_order, chosen)
    bar_pixels = 16 * len(chosen) + 10
    parts = ((N_("Driving-sector mix (primary sector)"), mix, "eclac_sector", "countries_sector_mix"),
             (N_("Types of initiative"), types, "type", "countries_types"))
    for column, (title, shares, code_list, key) in zip(st.columns(2), parts, strict=True):
        with column:
            st.markdown(f"**{t(title, lang)}**")
            st.plotly_chart(charts.grouped_shares(shares, lang, axis_title=t("Share of the country's initiatives", lang),
                                                  group_names=group_names, category_names=taxonomy.labels(code_list, lang),
                                                  colours=colours, height=90 + bar_pixels * shares["category"].n_unique()),
                            key=key, config=CHART_CONFIG)


def _in_order(frame: pl.DataFrame, chosen: list[str]) -> pl.DataFrame:
    """Rows of the chosen countries first in the order chosen (stable, so categories keep their order within)."""
    position = {code: i for i, code in enumerate(chosen)}
    return frame.sort(pl.col("group").replace_strict(position, default=len(position)), maintain_order=True)


def render(context: Context) -> None:
    lang, filters = context.lang, context.filters
    t = i18n.t
    chrome.heading(N_("Countries"),
                   N_("Coverage of the registry by country. Rates per million inhabitants use the population figures named in the "
                      "footer."), lang)
    reference = data.reference()
    names = reference.country_names(lang)
    coverage = data.query(queries.coverage_by_country, filters)
    if not coverage["initiatives"].sum():
        st.info(t("No initiative matches the filters. Clear some filters in the sidebar.", lang), icon=":material/filter_alt:")

    map_column, side = st.columns([3, 2])
    with side:
        measure = st.selectbox(t("Shade the map by", lang), tuple(tables.MEASURES), key="countries_measure",
                               placeholder=t("Choose an option", lang),
                               format_func=lambda option: t(tables.MEASURE_NAMES[option], lang))
        decimals, percent = tables.MEASURES[measure]
        measure_title = t(tables.MEASURE_NAMES[measure], lang)
        st.markdown(f"**{t('Leading countries: {measure}', lang, measure=measure_title)}**")
        st.plotly_chart(charts.ranking_bars(leading(coverage, measure, names), lang, axis_title=measure_title,
                                            decimals=decimals, percent=percent),
                        key="countries_leading", config=CHART_CONFIG)
    with map_column:
        st.plotly_chart(maps.choropleth(coverage, reference.overview_outlines, names, measure, lang, measure_title=measure_title,
                                        percent=percent, decimals=decimals, no_initiative=t("no initiative matching the filters", lang),
                                        no_data=t("no data (no population figure)", lang)),
                        key="countries_map", config={**CHART_CONFIG, "scrollZoom": False})
        st.caption(t("The scale starts at zero. White: no initiative matching the filters · mid grey: no data · light grey: outside the "
                     "filters.", lang))

    st.subheader(t("Ranking", lang))
    rank_column, all_column = st.columns([2, 1], vertical_alignment="bottom")
    rank_by = rank_column.selectbox(t("Rank by", lang), tuple(tables.MEASURES), key="countries_rank_by",
                                    placeholder=t("Choose an option", lang),
                                    format_func=lambda option: t(tables.MEASURE_NAMES[option], lang))
    with all_column:
        show_all = st.toggle(t("Include countries with no initiative", lang), key="countries_show_all")
    ranked = coverage if show_all else coverage.filter(pl.col("initiatives") > 0)
    st.table(tables.ranking_table(ranked, rank_by, names, lang), hide_index=True, border="horizontal")

    st.subheader(t("Compare countries", lang))
    present = coverage.filter(pl.col("initiatives") > 0)["country"].to_list()
    # the default is remembered so that a link leaves it out (app_support.view_state)
    st.session_state[COMPARE_DEFAULT_KEY] = present[:3]
    wanted = st.session_state.get(COMPARE_KEY, present[:3])
    stored = [code for code in wanted if code in present][:MAX_COMPARED]
    if wanted and not stored:  # a link that named only countries with no initiative here
        stored = present[:3]
    st.session_state[COMPARE_KEY] = stored
    chosen = st.multiselect(t("Countries to compare (two to six)", lang), present, key=COMPARE_KEY,
                            placeholder=t("Choose options", lang), max_selections=MAX_COMPARED,
                            format_func=lambda code: names.get(code, code))
    if len(chosen) < 2:
        st.info(t("Choose at least two countries to compare them side by side.", lang), icon=":material/compare_arrows:")
        return
    comparison(filters, chosen, names, lang)


render(state.context())
