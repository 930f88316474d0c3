"""Sectors: ECLAC's driving sectors and ISIC sections side by side, each country's specialisations, and the gaps."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics import i18n
from analytics.i18n import N_
from analytics.reference import taxonomy
from analytics.serving import queries, specialisation
from app_support import chrome, data, state
from app_support.fragments import page_fragment
from app_support.state import Context
from viz import sectors, style

SCHEMES = ("eclac_sector", "isic_section")
MEASURES = ("initiatives", "location_quotient")
SCHEME_NAMES = {"eclac_sector": N_("ECLAC driving sectors"), "isic_section": N_("ISIC Rev. 4 sections")}
MEASURE_NAMES = {"initiatives": N_("Initiatives"), "location_quotient": N_("Location quotient")}
MAX_GAP_THRESHOLD = 20
CHART_CONFIG = style.chart_config("iapt-sectors")


def mix(filters, lang: str) -> None:
    """The two classifications side by side: an initiative counts once in each of its sectors."""
    st.subheader(i18n.t("Sector mix", lang))
    for column, scheme in zip(st.columns(2), SCHEMES, strict=True):
        with column:
            st.markdown(f"**{i18n.t(SCHEME_NAMES[scheme], lang)}**")
            st.plotly_chart(treemap(filters, scheme, lang), key=f"sectors_mix_{scheme}", config=CHART_CONFIG)
    st.caption(i18n.t("An initiative counts once in each of its sectors, so the shares can add up to more than 100%.", lang))


@data.memoised
def treemap(filters, scheme: str, lang: str):
    return sectors.treemap(data.query(queries.sector_mix, filters, scheme=scheme), scheme, lang)


@data.memoised
def assessed_cells(filters, scheme: str) -> pl.DataFrame:
    return specialisation.assess(data.query(queries.country_sector_matrix, filters, scheme=scheme))


@data.memoised
def matrix_chart(filters, scheme: str, measure: str, lang: str):
    title = i18n.t("LQ (log scale)" if measure == "location_quotient" else N_("Initiatives"), lang)
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
    too_few = t("too few", lang)
    confidence = i18n.percent(specialisation.CONFIDENCE, lang)
    rows = present.iter_rows(named=True)
    return pl.DataFrame({
        t("Country", lang): [names.get(code, code) for code in present["country"]],
        t("Sector", lang): [sectors.sector_name(scheme, code, lang) for code in present["sector"]],
        t("Initiatives in the sector", lang): present["initiatives"].to_list(),
        t("Country's initiatives", lang): present["country_total"].to_list(),
        t("Location quotient", lang): [i18n.number(value, lang, 2) if ok else too_few
                                    for value, ok in zip(present["location_quotient"], present["lq_shown"], strict=True)],
        t("{confidence} interval", lang, confidence=confidence): [
            f"{i18n.number(row['lq_low'], lang, 2)}–{i18n.number(row['lq_high'], lang, 2)}" if row["lq_shown"] else ""
            for row in rows],
        t("Specialised", lang): present["specialised"].to_list(),
    })


def matrix(filters, lang: str) -> None:
    """The classification and the measure, and what they redraw: a change reruns only this part."""
    t = i18n.t
    st.subheader(t("Countries by sector", lang))
    scheme_column, measure_column = st.columns(2)
    scheme = scheme_column.radio(t("Classification", lang), SCHEMES, key="sectors_matrix_scheme", horizontal=True,
                                 format_func=lambda code: t(SCHEME_NAMES[code], lang))
    measure = measure_column.radio(t("Show", lang), MEASURES, key="sectors_measure", horizontal=True,
                                   format_func=lambda code: t(MEASURE_NAMES[code], lang))
    cells = assessed_cells(filters, scheme)
    comparable = specialisation.comparable(cells)
    if measure == "location_quotient" and not comparable:
        st.info(t("The location quotient compares a country's sector mix with the mix of the whole selection. The selection holds a "
                  "single country, so the two are the same and every quotient would be 1: choose at least two countries (or none) to "
                  "compare. The counts are shown instead.", lang), icon=":material/info:")
        measure = "initiatives"
    st.plotly_chart(matrix_chart(filters, scheme, measure, lang), key="sectors_matrix", config=CHART_CONFIG)
    st.caption(t("Each initiative counts once, in its primary sector. A location quotient is shown only where the cell has at least "
                 "{min_cell} initiatives and the country at least {min_country}; other cells say \"too few\" and are not coloured. Bold: "
                 "a specialisation (1.25 or more, its {confidence} interval wholly above 1). In parentheses: the interval includes 1, so "
                 "the value cannot be told from the selection's own mix. The colour runs on a log scale from {low} to {high}; values "
                 "beyond take the end colours.", lang, **specialisation.method_values(lang)))
    with st.expander(t("What the location quotient says", lang)):
        st.markdown(t("The location quotient compares a country's mix with the mix of the whole selection: the share of the country's "
                      "initiatives in a sector, divided by the share of all initiatives in that sector. A quotient of 1 means the country "
                      "looks like the selection; 2 means the sector weighs twice as much in the country. A quotient of **1.25 or more** "
                      "is read as a specialisation. With few initiatives in a country one initiative moves the quotient a lot: read it "
                      "together with the counts.", lang))

    st.subheader(t("Specialisations", lang))
    if not comparable:
        st.caption(t("The location quotient compares a country's sector mix with the mix of the whole selection. The selection holds a "
                     "single country, so the two are the same and every quotient would be 1: choose at least two countries (or none) to "
                     "compare. The counts are shown instead.", lang))
        return
    table = specialisation_table(filters, scheme, lang)
    st.dataframe(table, hide_index=True, key="sectors_specialisations", column_config={
        t("Specialised", lang): st.column_config.CheckboxColumn(help=t("Location quotient of 1.25 or more, with its interval "
                                                                                   "wholly above 1", lang)),
    })


def gaps(filters, lang: str, names: dict[str, str]) -> None:
    """Driving sectors with at most the chosen number of initiatives, country by country."""
    t = i18n.t
    st.subheader(t("Gaps in the driving sectors", lang))
    st.caption(t("Driving sectors with no more than the chosen number of initiatives in a country (an initiative counts in each of its "
                 "driving sectors), for the countries that have any initiative in the selection.", lang))
    most = st.number_input(t("A gap is a driving sector with at most this many "
                             "initiatives", lang), min_value=0, max_value=MAX_GAP_THRESHOLD, step=1,
                           key="sectors_gap_max")
    found = data.query(queries.sector_gaps, filters, max_initiatives=int(most))
    coverage = data.query(queries.coverage_by_country, filters).filter(pl.col("initiatives") > 0)
    order = {code: position for position, code in enumerate(coverage["country"])}
    by_country = found.group_by("country").agg(pl.col("sector"), pl.len().alias("gaps"))
    by_country = by_country.with_columns(pl.col("country").replace_strict(order, default=len(order)).alias("_order"))
    by_country = by_country.sort("_order")
    total = len(taxonomy.ECLAC_SECTORS)
    st.dataframe(pl.DataFrame({
        t("Country", lang): [names.get(code, code) for code in by_country["country"]],
        t("Gaps", lang): [f"{count} / {total}" for count in by_country["gaps"]],
        t("Driving sectors", lang): [", ".join(taxonomy.label("eclac_sector", code, lang) for code in codes)
                                             for codes in by_country["sector"]],
    }), hide_index=True, key="sectors_gap_table", column_config={
        t("Driving sectors", lang): st.column_config.TextColumn(width="large"),
    })


def render(context: Context) -> None:
    lang, filters = context.lang, context.filters
    chrome.heading(N_("Sectors"),
                   N_("ECLAC's driving sectors and the ISIC sections side by side: the mix of the selection, where each country "
                      "specialises, and the driving sectors a country has few or no initiatives in."), lang)
    if not data.query(queries.count_initiatives, filters):
        st.info(i18n.t("No initiative matches the filters. Clear some filters in the sidebar.", lang), icon=":material/filter_alt:")
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
