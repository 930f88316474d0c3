"""Regions: every admin-1 region of a country with its figures, the white spots, and regions up close.

The sidebar's region filter (`?region=CO-ANT`, ISO 3166-2) drives the page: no region chosen lists
the regions of a country and the white spots of the whole scope; one region opens its profile,
so `/regions?region=CO-ANT` is that profile's address; two to six sit side by side. Populations
are those of the gazetteer's listed cities and are named as such wherever they appear.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics import i18n
from analytics.i18n import N_
from analytics.reference import taxonomy
from analytics.serving import queries
from app_support import chrome, data, exports, state
from app_support.state import Context
from viz import charts, style, tables
from viz.cards import Card
from viz.style import QUALITATIVE, escape_markdown

COUNTRY_KEY = "regions_country"
MAX_COMPARED = 6
WHITE_SPOTS_SHOWN = 25
CHART_CONFIG = style.chart_config("iapt-regions")
REGION_INITIATIVE_COLUMNS = ("name", "city", "type", "status", "primary_sector", "member_firms", "id")


def population_note(figures: pl.DataFrame, lang: str) -> None:
    sources = figures["population_source"].unique().drop_nulls().to_list() if figures.height else []
    if sources:
        st.caption(escape_markdown(i18n.t("Population of listed cities: {source}. It counts only the places on that list, so it is a "
                                          "floor, not the region's population; initiatives per "
                                          "million use it.", lang, source="; ".join(sources))))


def country_list(filters, figures: pl.DataFrame, lang: str, country_names: dict[str, str]) -> None:
    t = i18n.t
    totals = figures.group_by("country").agg(pl.col("initiatives").sum()).sort(["initiatives", "country"],
                                                                                descending=[True, False])
    countries = totals["country"].to_list()
    if not countries:
        return
    if st.session_state.get(COUNTRY_KEY) not in countries:
        st.session_state[COUNTRY_KEY] = countries[0]
    country = st.selectbox(t("Country", lang), countries, key=COUNTRY_KEY,
                           format_func=lambda code: country_names.get(code, code))
    rows = figures.filter(pl.col("country") == country)
    st.subheader(t("Regions of {country}", lang, country=escape_markdown(country_names.get(country, country))))
    st.caption(t("{covered} of {total} regions have at "
                 "least one initiative matching the "
                 "filters.", lang, covered=i18n.number(rows.filter(pl.col("initiatives") > 0).height, lang),
                 total=i18n.number(rows.height, lang)))
    st.table(tables.region_table(rows, lang), hide_index=True, border="horizontal")


def white_spot_list(filters, lang: str, country_names: dict[str, str]) -> None:
    t = i18n.t
    st.subheader(t("White spots", lang))
    st.caption(t("Regions with no initiative matching the filters, the most populous first (by the population of their listed cities). "
                 "The Map page draws them as hollow rings.", lang))
    spots = data.query(queries.white_spots, filters)
    if spots.is_empty():
        st.info(t("Every region in scope has at least one initiative matching the filters.", lang), icon=":material/check_circle:")
        return
    known = spots.filter(pl.col("city_population") > 0)
    shown = (known if known.height else spots).head(WHITE_SPOTS_SHOWN)
    st.table(tables.region_table(shown, lang, country_names, white_spots=True), hide_index=True, border="horizontal")
    if shown.height < spots.height:
        st.caption(t("The {shown} most populous of {total} white spots.", lang, shown=i18n.number(shown.height, lang),
                     total=i18n.number(spots.height, lang)))


def profile(filters, row: dict, lang: str, country_names: dict[str, str]) -> None:
    """One region: its figures, its sector mix against its whole country's (same filters otherwise), its initiatives."""
    t = i18n.t
    country = country_names.get(row["country"], row["country"])
    st.subheader(escape_markdown(row["name"]))
    st.caption(escape_markdown(t("{kind} of {country} · ISO 3166-2 "
                                 "{code}", lang, kind=row["kind"] or "", country=country, code=row["region"])))
    chrome.cards([Card(t(key, lang), i18n.number(row[name], lang, decimals))
                  for name, (key, decimals) in tables.REGION_INDICATORS.items()], columns=len(tables.REGION_INDICATORS))
    if not row["initiatives"]:
        st.info(t("No initiative in this region matches the filters: it is a white spot.", lang), icon=":material/location_off:")
        return
    whole_country = filters.replace(regions=(), countries=(row["country"],))
    order = {code: i for i, code in enumerate(taxonomy.codes("eclac_sector"))}
    mixes = []
    for group, chosen in ((row["region"], filters), ("country", whole_country)):
        mix = data.query(queries.sector_mix, chosen, scheme="eclac_sector")
        mixes.append(mix.filter(pl.col("initiatives") > 0).select(pl.lit(group).alias("group"),
                                                                  pl.col("sector").alias("category"), "share"))
    mix = pl.concat(mixes)
    present = mix.filter(pl.col("group") == row["region"])["category"].to_list()
    mix = mix.filter(pl.col("category").is_in(present)).sort(pl.col("category").replace_strict(order, default=len(order)))
    st.markdown(f"**{t('Sector mix: the region against {country}', lang, country=escape_markdown(country))}**")
    group_names = {row["region"]: row["name"], "country": t("{country} (whole country)", lang, country=country)}
    st.plotly_chart(charts.grouped_shares(mix, lang, axis_title=t("Share of initiatives (each counts in "
                                                                  "every sector it has)", lang), group_names=group_names,
                                          category_names=taxonomy.labels("eclac_sector", lang),
                                          colours={row["region"]: QUALITATIVE[0], "country": "#9e9e9e"},
                                          height=120 + 40 * max(len(present), 1)),
                    key="regions_profile_mix", config=CHART_CONFIG)
    st.markdown(f"**{t('Initiatives in the region', lang)}**")
    listed = data.query(queries.initiative_list, filters, sort="name", descending=False, page=1,
                        page_size=queries.MAX_PAGE_SIZE)
    st.dataframe(tables.initiative_table(listed, lang, REGION_INITIATIVE_COLUMNS), hide_index=True,
                 key="regions_profile_initiatives")


def comparison(filters, rows: pl.DataFrame, lang: str, country_names: dict[str, str]) -> None:
    """Two to six regions, within or across countries, in the filter's order (by code): shares rather than counts
    where sizes differ."""
    t = i18n.t
    st.subheader(t("Regions side by side", lang))
    st.table(tables.region_indicators_table(rows, lang, country_names), hide_index=True, border="horizontal")
    order = {code: i for i, code in enumerate(taxonomy.codes("eclac_sector"))}
    mixes = []
    for code in rows["region"]:
        mix = data.query(queries.sector_mix, filters.replace(regions=(code,)), scheme="eclac_sector")
        mixes.append(mix.filter(pl.col("initiatives") > 0).select(pl.lit(code).alias("group"),
                                                                  pl.col("sector").alias("category"), "share"))
    mix = pl.concat(mixes).sort(pl.col("category").replace_strict(order, default=len(order)), maintain_order=True)
    if mix.is_empty():
        return
    group_names = {row["region"]: f"{row['name']} ({row['country']})" for row in rows.iter_rows(named=True)}
    st.markdown("**" + t("Sector mix (share of each region's initiatives)", lang) + "**")
    st.plotly_chart(charts.grouped_shares(mix, lang, axis_title=t("Share of initiatives (each counts in "
                                                                  "every sector it has)", lang), group_names=group_names,
                                          category_names=taxonomy.labels("eclac_sector", lang),
                                          height=90 + (16 * rows.height + 10) * mix["category"].n_unique()),
                    key="regions_compare_mix", config=CHART_CONFIG)


def render(context: Context) -> None:
    lang, filters = context.lang, context.filters
    t = i18n.t
    chrome.heading(N_("Regions and white spots"),
                   N_("Every first-level region (ISO 3166-2) of the countries in scope, with the initiatives matching the filters. "
                      "White spots are the regions with none. Choose one region in the sidebar for its profile, two to six to "
                      "compare them."), lang)
    country_names = data.reference().country_names(lang)
    figures = data.query(queries.region_figures, filters)
    chosen = list(filters.regions)
    if chosen:
        position = {code: i for i, code in enumerate(chosen)}
        rows = figures.filter(pl.col("region").is_in(chosen)).sort(pl.col("region").replace_strict(position))
        if rows.is_empty():
            st.info(t("No initiative matches the filters. Clear some filters in the sidebar.", lang), icon=":material/filter_alt:")
        elif len(chosen) == 1:
            profile(filters, rows.row(0, named=True), lang, country_names)
        elif len(chosen) <= MAX_COMPARED:
            comparison(filters, rows, lang, country_names)
        else:
            st.info(t("{count} regions chosen: a "
                      "side-by-side comparison takes two "
                      "to six; they are listed below.", lang, count=i18n.number(len(chosen), lang)), icon=":material/compare_arrows:")
            st.table(tables.region_table(rows, lang, country_names), hide_index=True, border="horizontal")
        population_note(rows, lang)
        return
    st.info(t("Choose one region in the sidebar's region filter for its profile, or two to six to compare them, within or across "
              "countries.", lang), icon=":material/compare_arrows:")
    country_list(filters, figures, lang, country_names)
    white_spot_list(filters, lang, country_names)
    population_note(figures, lang)
    st.markdown("**" + t("Download every region's figures (white spots marked)", lang) + "**")
    exports.region_downloads(filters, lang, key="regions_download")


render(state.context())
