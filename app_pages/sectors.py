"""Sectors: ECLAC's driving sectors and ISIC sections side by side, each country's specialisations, and the gaps."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics import i18n, queries, specialisation, taxonomy
from app_support import data, state
from app_support.fragments import page_fragment
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
            st.plotly_chart(treemap(filters, scheme, lang), key=f"sectors_mix_{scheme}", config=CHART_CONFIG)
    st.caption(i18n.t("sectors.mix_note", lang))


@data.memoised
def treemap(filters, scheme: str, lang: str):
    return sectors.treemap(data.query(queries.sector_mix, filters, scheme=scheme), scheme, lang)


@data.memoised
def assessed_cells(filters, scheme: str) -> pl.DataFrame:
    return specialisation.assess(data.query(queries.country_sector_matrix, filters, scheme=scheme))


@data.memoised
def matrix_chart(filters, scheme: str, measure: str, lang: str):
    title = i18n.t("sectors.lq_axis" if measure == "location_quotient" else "sectors.measure.initiatives", lang)
    return sectors.matrix(assessed_cells(filters, scheme), scheme, measure, lang,
                          country_names=data.reference().country_names(lang), colourbar_title=title)


@data.memoised
def specialisation_table(filters, scheme: str, lang: str) -> pl.DataFrame:
    return specialisations(assessed_cells(filters, scheme), scheme, lang, data.reference().country_names(lang))


def specialisations(cells: pl.DataFrame, scheme: str, lang: str, names: dict[str, str]) -> pl.DataFrame:
    """Every cell with initiatives: those whose counts carry a quotient first (highest first), each with its interval;
    the others say "too few" rather than show a number that one initiative more or less would overturn."""
    t = i18n.t
    present = cells.filter(pl.col("initiatives") > 0).sort(
        ["lq_shown", "location_quotient", "country", "sector"], descending=[True, True, False, False])
    too_few = t("sectors.too_few", lang)
    confidence = i18n.percent(specialisation.CONFIDENCE, lang)
    rows = present.iter_rows(named=True)
    return pl.DataFrame({
        t("col.country", lang): [names.get(code, code) for code in present["country"]],
        t("sectors.col.sector", lang): [sectors.sector_name(scheme, code, lang) for code in present["sector"]],
        t("sectors.col.in_sector", lang): present["initiatives"].to_list(),
        t("sectors.col.country_total", lang): present["country_total"].to_list(),
        t("sectors.col.lq", lang): [i18n.number(value, lang, 2) if ok else too_few
                                    for value, ok in zip(present["location_quotient"], present["lq_shown"], strict=True)],
        t("sectors.col.interval", lang, confidence=confidence): [
            f"{i18n.number(row['lq_low'], lang, 2)}–{i18n.number(row['lq_high'], lang, 2)}" if row["lq_shown"] else ""
            for row in rows],
        t("sectors.col.specialised", lang): present["specialised"].to_list(),
    })


def matrix(filters, lang: str) -> None:
    """The classification and the measure, and what they redraw: a change reruns only this part."""
    t = i18n.t
    st.subheader(t("sectors.matrix", lang))
    scheme_column, measure_column = st.columns(2)
    scheme = scheme_column.radio(t("sectors.scheme", lang), SCHEMES, key="sectors_matrix_scheme", horizontal=True,
                                 format_func=lambda code: t(f"sectors.scheme.{code}", lang))
    measure = measure_column.radio(t("sectors.measure", lang), MEASURES, key="sectors_measure", horizontal=True,
                                   format_func=lambda code: t(f"sectors.measure.{code}", lang))
    cells = assessed_cells(filters, scheme)
    comparable = specialisation.comparable(cells)
    if measure == "location_quotient" and not comparable:
        st.info(t("sectors.lq_single_country", lang), icon=":material/info:")
        measure = "initiatives"
    st.plotly_chart(matrix_chart(filters, scheme, measure, lang), key="sectors_matrix", config=CHART_CONFIG)
    st.caption(t("sectors.matrix_note", lang, **specialisation.method_values(lang)))
    with st.expander(t("sectors.lq_title", lang)):
        st.markdown(t("sectors.lq_body", lang))

    st.subheader(t("sectors.specialisations", lang))
    if not comparable:
        st.caption(t("sectors.lq_single_country", lang))
        return
    table = specialisation_table(filters, scheme, lang)
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
    by_classification(filters, lang, names)


@page_fragment("sectors")
def by_classification(filters, lang: str, names: dict[str, str]) -> None:
    """The matrix's classification and measure and the gaps' threshold, and what they redraw: a change reruns only this
    part, not the two treemaps above."""
    matrix(filters, lang)
    gaps(filters, lang, names)


render(state.context())
