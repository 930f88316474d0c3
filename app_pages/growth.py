"""Growth: registrations per month, quarter or year and the running total, against the registry's public milestones."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics import i18n
from analytics.i18n import N_
from analytics.reference import taxonomy
from analytics.serving import queries
from app_support import chrome, data, state
from app_support.fragments import page_fragment
from app_support.state import Context
from viz import charts, style
from viz.cards import Card
from viz.style import OTHER_COLOUR, SECTOR_COLOURS

PERIODS = ("month", "quarter", "year")
SPLITS = ("none", "country", "sector")
# "registrations per {period}" and the period control's options
PERIOD_WORDS = {"month": N_("month"), "quarter": N_("quarter"), "year": N_("year")}
PERIOD_OPTIONS = {"month": N_("Month"), "quarter": N_("Quarter"), "year": N_("Year")}
SPLIT_NAMES = {"none": N_("Nothing"), "country": N_("Country"), "sector": N_("Driving sector (primary)")}
GROUPS_SHOWN = 8
CHART_CONFIG = style.chart_config("iapt-growth")


def group_names(split: str, lang: str) -> dict[str, str]:
    names: dict[str, str] = {"other": i18n.t("Other", lang)}
    if split == "country":
        names.update(data.reference().country_names(lang))
    elif split == "sector":
        names.update(taxonomy.labels("eclac_sector", lang))
        names["none"] = i18n.t("No driving sector", lang)
    return names


def summary(frame: pl.DataFrame, period: str, lang: str) -> None:
    t = i18n.t
    per_period = frame.group_by("period").agg(pl.col("registrations").sum()).sort("period")
    latest = per_period.row(-1, named=True)
    busiest = per_period.sort(["registrations", "period"], descending=[True, False]).row(0, named=True)
    period_word = t(PERIOD_WORDS[period], lang)
    chrome.cards((
        Card(t("Registrations", lang), i18n.number(per_period["registrations"].sum(), lang)),
        Card(t("In the latest {period}", lang, period=period_word), i18n.number(latest["registrations"], lang),
             note=i18n.period(latest["period"], period, lang)),
        Card(t("Busiest {period}", lang, period=period_word).capitalize(), i18n.period(busiest["period"], period, lang),
             note=i18n.tn("{count} registration", "{count} registrations", busiest["registrations"], lang,
                          count=i18n.number(busiest["registrations"], lang))),
    ), columns=3)


def render(context: Context) -> None:
    lang, filters = context.lang, context.filters
    chrome.heading(N_("Growth of the registry"),
                   N_("New registrations per period and the running total. With no filter set, diamonds mark the milestones the "
                      "registry export lists (its `milestones` table): public figures of the registry's size on given dates."), lang)
    charts_by_period(filters, lang)


@page_fragment("growth")
def charts_by_period(filters, lang: str) -> None:
    """The period and the split, and what they redraw: a change reruns only this part."""
    t = i18n.t
    period_column, split_column = st.columns(2)
    period = period_column.radio(t("Period", lang), PERIODS, key="growth_period", horizontal=True,
                                 format_func=lambda option: t(PERIOD_OPTIONS[option], lang))
    split = split_column.radio(t("Split by", lang), SPLITS, key="growth_split", horizontal=True,
                               format_func=lambda option: t(SPLIT_NAMES[option], lang))
    frame = data.query(queries.registrations, filters, period=period, by=None if split == "none" else split)
    if frame.is_empty():
        st.info(t("No initiative matches the filters. Clear some filters in the sidebar.", lang), icon=":material/filter_alt:")
        return
    summary(frame, period, lang)
    st.subheader(t("Registrations per period", lang))
    st.plotly_chart(growth_chart(filters, period, split, lang, cumulative=False), key="growth_per_period",
                    config=CHART_CONFIG)
    st.subheader(t("Running total", lang))
    st.plotly_chart(growth_chart(filters, period, split, lang, cumulative=True), key="growth_cumulative",
                    config=CHART_CONFIG)


@data.memoised
def growth_chart(filters, period: str, split: str, lang: str, cumulative: bool):
    """Built once per filters, choices and language (a cached rerun otherwise built both figures again)."""
    frame = data.query(queries.registrations, filters, period=period, by=None if split == "none" else split)
    shown = charts.top_groups(frame, GROUPS_SHOWN) if split != "none" else frame
    colours = {**SECTOR_COLOURS, "other": OTHER_COLOUR} if split == "sector" else {"other": OTHER_COLOUR}
    # the milestones describe the whole registry: drawn only when nothing is filtered
    milestones = data.query(queries.milestones) if filters.is_empty else None
    return charts.growth_figure(shown, period, lang, cumulative=cumulative, group_names=group_names(split, lang),
                                colours=colours, milestones=milestones, height=420 if cumulative else 360)


render(state.context())
