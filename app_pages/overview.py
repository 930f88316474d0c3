"""Overview: the registry at a glance, its growth, where it is strongest, and what was registered last."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from analytics import i18n
from analytics.i18n import N_
from analytics.reference import taxonomy
from analytics.serving import queries
from app_support import chrome, data, state
from app_support.state import Context
from viz import charts, style, tables
from viz.cards import Card
from viz.style import category_colour

TOP = 8
LATEST = 10
LATEST_COLUMNS = ("registered_on", "name", "type", "country", "city", "member_firms")
CHART_CONFIG = style.chart_config("iapt-overview")


def headline_cards(head: dict, as_of: dt.date, lang: str) -> None:
    t = i18n.t
    added_help = {days: t("Registered in the {days} days up to "
                          "{date}, when the data was built.", lang, days=days, date=i18n.date(as_of, lang)) for days in (30, 365)}
    chrome.cards((
        Card(t("Initiatives", lang), i18n.number(head["initiatives"], lang)),
        Card(t("Validated", lang), i18n.percent(head["validated_share"], lang),
             i18n.tn("{validated} of {total} initiative has been validated.",
                     "{validated} of {total} initiatives have been validated.", head["initiatives"], lang,
                     validated=i18n.number(head["validated"], lang), total=i18n.number(head["initiatives"], lang))),
        Card(t("Member firms", lang), i18n.number(head["member_firms"], lang), t("Distinct listed member firms, plus the declared "
                                                                                "number for initiatives that list none.", lang)),
        Card(t("Countries", lang), i18n.number(head["countries"], lang)),
        Card(t("Admin-1 regions covered", lang), i18n.number(head["regions_covered"], lang),
             t("First-level administrative regions (states, departments, provinces) with at least one initiative.", lang)),
        Card(t("Driving sectors present", lang), f"{i18n.number(head['sectors'], lang)} / {len(taxonomy.ECLAC_SECTORS)}",
             t("ECLAC's driving sectors with at least one initiative, out of all of them.", lang)),
        Card(t("New in the last 30 days", lang), i18n.signed(head["added_30d"], lang), added_help[30]),
        Card(t("New in the last 365 days", lang), i18n.signed(head["added_365d"], lang), added_help[365]),
    ))


@data.memoised
def growth_chart(filters, lang: str):
    growth = data.query(queries.registrations, filters, period="month")
    milestones = data.query(queries.milestones) if filters.is_empty else None
    return charts.growth_figure(growth, "month", lang, cumulative=True, milestones=milestones, height=300)


@data.memoised
def leading_chart(which: str, filters, lang: str):
    frame = leading_countries(filters, lang) if which == "countries" else leading_sectors(filters, lang)
    return charts.ranking_bars(frame, lang, axis_title=i18n.t("Initiatives", lang))


def leading_countries(filters, lang: str) -> pl.DataFrame:
    names = data.reference().country_names(lang)
    coverage = data.query(queries.coverage_by_country, filters).filter(pl.col("initiatives") > 0).head(TOP)
    return coverage.select(pl.col("country").replace_strict(names, default=pl.col("country")).alias("label"),
                           pl.col("initiatives").alias("value"))


def leading_sectors(filters, lang: str) -> pl.DataFrame:
    mix = data.query(queries.sector_mix, filters, scheme="eclac_sector").filter(pl.col("initiatives") > 0).head(TOP)
    return pl.DataFrame({
        "label": [taxonomy.label("eclac_sector", code, lang) for code in mix["sector"]],
        "value": mix["initiatives"],
        "colour": [category_colour("sector", code) for code in mix["sector"]],
    })


@data.memoised
def latest_registrations(filters, lang: str) -> str:
    """Ten rows as one Markdown table, made once per filter and language: every registry value is escaped."""
    names = data.reference().country_names(lang)
    rows = data.query(queries.initiative_list, filters, sort="registered_on", descending=True, page_size=LATEST)
    table = tables.initiative_table(rows, lang, LATEST_COLUMNS, names, markdown=True)
    return tables.markdown_table(table, right_aligned=[i18n.t(tables.INITIATIVE_COLUMNS["member_firms"].header, lang)])


def render(context: Context) -> None:
    lang, filters = context.lang, context.filters
    t = i18n.t
    chrome.heading(N_("Registry overview"),
                   N_("Cluster initiatives and other territorial productive articulation initiatives (IAPT) in Latin America and "
                      "the Caribbean, as selected by the filters."), lang)
    info = data.build_info()
    as_of = info["built_at"].date() if info.get("built_at") else dt.date.today()
    head = data.query(queries.headline, filters, today=as_of).row(0, named=True)
    if not head["initiatives"]:
        st.info(t("No initiative matches the filters. Clear some filters in the sidebar.", lang), icon=":material/filter_alt:")
        return
    headline_cards(head, as_of, lang)

    st.subheader(t("Growth of the registry", lang))
    st.plotly_chart(growth_chart(filters, lang), key="overview_growth", config=CHART_CONFIG)

    countries, sectors = st.columns(2)
    with countries:
        st.subheader(t("Leading countries", lang))
        st.plotly_chart(leading_chart("countries", filters, lang), key="overview_countries", config=CHART_CONFIG)
    with sectors:
        st.subheader(t("Leading driving sectors", lang))
        st.plotly_chart(leading_chart("sectors", filters, lang), key="overview_sectors", config=CHART_CONFIG)

    st.subheader(t("Latest registrations", lang))
    st.markdown(latest_registrations(filters, lang))


render(state.context())
