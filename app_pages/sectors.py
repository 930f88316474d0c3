"""Sectors: ECLAC's driving sectors and ISIC sections side by side, each country's specialisations, and the gaps."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics import i18n, queries, taxonomy
from app_support import data, state
from app_support.state import Context
from viz import sectors, style

SCHEMES = ("eclac_sector", "isic_section")
MEASURES = ("initiatives", "location_quotient")
MAX_GAP_THRESHOLD = 20
CHART_CONFIG = style.chart_config("iapt-sectors")


def mix(filters, lang: str) -> None:
    """The two classifications side by side: an initiative counts once in each of its sectors."""
    st.subheader(i18n.t("sectors.mix", lang))
    for column, scheme in zip(st.columns(2), SCHEMES, strict=True):
        with column:
            st.markdown(f"**{i18n.t(f'sectors.scheme.{scheme}', lang)}**")
            shares = data.query(queries.sector_mix, filters, scheme=scheme)
            st.plotly_chart(sectors.treemap(shares, scheme, lang), key=f"sectors_mix_{scheme}", config=CHART_CONFIG)
    st.caption(i18n.t("sectors.mix_note", lang))


def specialisations(cells: pl.DataFrame, scheme: str, lang: str, names: dict[str, str]) -> pl.DataFrame:
    """Every cell with initiatives, highest location quotient first, with the 1.25 threshold marked."""
    t = i18n.t
    present = cells.filter(pl.col("initiatives") > 0).sort(["location_quotient", "country", "sector"],
                                                          descending=[True, False, False])
    return pl.DataFrame({
        t("col.country", lang): [names.get(code, code) for code in present["country"]],
        t("sectors.col.sector", lang): [sectors.sector_name(scheme, code, lang) for code in present["sector"]],
        t("sectors.col.in_sector", lang): present["initiatives"].to_list(),
        t("sectors.col.country_total", lang): present["country_total"].to_list(),
        t("sectors.col.lq", lang): [i18n.number(value, lang, 2) for value in present["location_quotient"]],
        t("sectors.col.specialised", lang): [value >= sectors.SPECIALISATION for value in present["location_quotient"]],
    })


def matrix(filters, lang: str, names: dict[str, str]) -> None:
    t = i18n.t
    st.subheader(t("sectors.matrix", lang))
    scheme_column, measure_column = st.columns(2)
    scheme = scheme_column.radio(t("sectors.scheme", lang), SCHEMES, key="sectors_matrix_scheme", horizontal=True,
                                 format_func=lambda code: t(f"sectors.scheme.{code}", lang))
    measure = measure_column.radio(t("sectors.measure", lang), MEASURES, key="sectors_measure", horizontal=True,
                                   format_func=lambda code: t(f"sectors.measure.{code}", lang))
    cells = data.query(queries.country_sector_matrix, filters, scheme=scheme)
    st.plotly_chart(sectors.matrix(cells, scheme, measure, lang, country_names=names,
                                   colourbar_title=t(f"sectors.measure.{measure}", lang)),
                    key="sectors_matrix", config=CHART_CONFIG)
    st.caption(t("sectors.matrix_note", lang))
    with st.expander(t("sectors.lq_title", lang)):
        st.markdown(t("sectors.lq_body", lang))

    st.subheader(t("sectors.specialisations", lang))
    table = specialisations(cells, scheme, lang, names)
    st.dataframe(table, hide_index=True, key="sectors_specialisations", column_config={
        t("sectors.col.specialised", lang): st.column_config.CheckboxColumn(help=t("sectors.specialised_help", lang)),
    })


def gaps(filters, lang: str, names: dict[str, str]) -> None:
    """Driving sectors with at most the chosen number of initiatives, country by country."""
    t = i18n.t
    st.subheader(t("sectors.gaps", lang))
    st.caption(t("sectors.gaps_intro", lang))
    most = st.number_input(t("sectors.gap_threshold", lang), min_value=0, max_value=MAX_GAP_THRESHOLD, step=1,
                           key="sectors_gap_max")
    found = data.query(queries.sector_gaps, filters, max_initiatives=int(most))
    coverage = data.query(queries.coverage_by_country, filters).filter(pl.col("initiatives") > 0)
    order = {code: position for position, code in enumerate(coverage["country"])}
    by_country = found.group_by("country").agg(pl.col("sector"), pl.len().alias("gaps"))
    by_country = by_country.with_columns(pl.col("country").replace_strict(order, default=len(order)).alias("_order"))
    by_country = by_country.sort("_order")
    total = len(taxonomy.ECLAC_SECTORS)
    st.dataframe(pl.DataFrame({
        t("col.country", lang): [names.get(code, code) for code in by_country["country"]],
        t("sectors.col.gaps", lang): [f"{count} / {total}" for count in by_country["gaps"]],
        t("sectors.col.gap_sectors", lang): [", ".join(taxonomy.label("eclac_sector", code, lang) for code in codes)
                                             for codes in by_country["sector"]],
    }), hide_index=True, key="sectors_gap_table", column_config={
        t("sectors.col.gap_sectors", lang): st.column_config.TextColumn(width="large"),
    })


def render(context: Context) -> None:
    lang, filters = context.lang, context.filters
    st.title(i18n.t("sectors.title", lang))
    st.caption(i18n.t("sectors.intro", lang))
    if not data.query(queries.count_initiatives, filters):
        st.info(i18n.t("empty.no_match", lang), icon=":material/filter_alt:")
        return
    names = data.reference().country_names(lang)
    mix(filters, lang)
    matrix(filters, lang, names)
    gaps(filters, lang, names)


render(state.context())
