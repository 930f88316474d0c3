"""Growth: registrations per month, quarter or year and the running total, against the registry's public milestones."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics import i18n, queries, taxonomy
from app_support import data, state
from app_support.fragments import page_fragment
from app_support.state import Context
from viz import charts, style
from viz.style import OTHER_COLOUR, SECTOR_COLOURS

PERIODS = ("month", "quarter", "year")
SPLITS = ("none", "country", "sector")
GROUPS_SHOWN = 8
CHART_CONFIG = style.chart_config("iapt-growth")


def group_names(split: str, lang: str) -> dict[str, str]:
    names: dict[str, str] = {"other": i18n.t("group.other", lang)}
    if split == "country":
        names.update(data.reference().country_names(lang))
    elif split == "sector":
        names.update(taxonomy.labels("eclac_sector", lang))
        names["none"] = i18n.t("group.no_sector", lang)
    return names


def summary(frame: pl.DataFrame, period: str, lang: str) -> None:
    t = i18n.t
    per_period = frame.group_by("period").agg(pl.col("registrations").sum()).sort("period")
    latest = per_period.row(-1, named=True)
    busiest = per_period.sort(["registrations", "period"], descending=[True, False]).row(0, named=True)
    period_word = t(f"period.{period}", lang)
    total, last, best = st.columns(3)
    total.metric(t("growth.total", lang), i18n.number(per_period["registrations"].sum(), lang), border=True)
    last.metric(t("growth.latest", lang, period=period_word), i18n.number(latest["registrations"], lang),
                help=i18n.period(latest["period"], period, lang), border=True)
    best.metric(t("growth.best", lang, period=period_word).capitalize(), i18n.period(busiest["period"], period, lang),
                delta=i18n.tn("growth.busiest_count", busiest["registrations"], lang,
                                      count=i18n.number(busiest["registrations"], lang)), delta_color="off",
                delta_arrow="off", border=True)


def render(context: Context) -> None:
    lang, filters = context.lang, context.filters
    t = i18n.t
    st.title(t("growth.title", lang))
    st.caption(t("growth.intro", lang))
    charts_by_period(filters, lang)


@page_fragment("growth")
def charts_by_period(filters, lang: str) -> None:
    """The period and the split, and what they redraw: a change reruns only this part."""
    t = i18n.t
    period_column, split_column = st.columns(2)
    period = period_column.radio(t("growth.period", lang), PERIODS, key="growth_period", horizontal=True,
                                 format_func=lambda option: t(f"period.{option}.option", lang))
    split = split_column.radio(t("growth.split", lang), SPLITS, key="growth_split", horizontal=True,
                               format_func=lambda option: t(f"split.{option}", lang))
    frame = data.query(queries.registrations, filters, period=period, by=None if split == "none" else split)
    if frame.is_empty():
        st.info(t("empty.no_match", lang), icon=":material/filter_alt:")
        return
    summary(frame, period, lang)
    st.subheader(t("growth.per_period", lang))
    st.plotly_chart(growth_chart(filters, period, split, lang, cumulative=False), key="growth_per_period",
                    config=CHART_CONFIG)
    st.subheader(t("growth.cumulative", lang))
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
