"""Data and methods: what the figures are made of, how each is defined, and how to load a real export.

The vintage, the counts and the format come from the database and from the code that built
it (`build_info`, `registry_format`), so this page cannot describe data other than what the
other pages show. The export format document (docs/registry-format.md) is written in English
for registry keepers: it is offered as a download, and its code lists are shown here in the
reader's language, since downloads carry codes.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from analytics import i18n
from analytics.ingest import registry_format
from analytics.reference import taxonomy
from analytics.serving import queries, specialisation
from analytics.serving.filters import Filters
from app_support import data, state
from app_support.chrome import escape_markdown
from app_support.state import Context

CODE_LISTS = ("type", "status", "size_class", "eclac_sector", "isic_section")
STATUS_COUNTS = ("registered", "validated", "inactive")


def vintage(info: dict, lang: str) -> None:
    t = i18n.t
    st.subheader(t("data.vintage", lang))
    facts = [
        (t("data.built_at", lang), i18n.timestamp(info.get("built_at"), lang)),
        (t("data.source", lang), Path(info.get("source_path") or "").name or i18n.MISSING),
        (t("data.checksum", lang), info.get("source_checksum") or i18n.MISSING),
        (t("data.format_version", lang), str(info.get("format_version") or i18n.MISSING)),
        (t("data.population", lang), i18n.sources(info.get("population_vintage"), lang)),
    ]
    if info.get("demo_seed") is not None:
        facts.append((t("data.demo", lang), t("footer.demo", lang, seed=info["demo_seed"],
                                              scale=i18n.number(info.get("demo_scale"), lang, 2))))
    st.markdown("\n".join(f"- **{escape_markdown(label)}:** {escape_markdown(value)}" for label, value in facts))


def counts(info: dict, lang: str) -> None:
    t = i18n.t
    st.subheader(t("data.counts", lang))
    tables = (("initiatives", "rows_initiatives"), ("firms", "rows_firms"), ("memberships", "rows_memberships"),
              ("collaborations", "rows_collaborations"))
    for column, (name, key) in zip(st.columns(len(tables)), tables, strict=True):
        column.metric(t(f"data.table.{name}", lang), i18n.number(info.get(key), lang), border=True)
    by_status = {status: data.query(queries.count_initiatives, Filters(statuses=(status,))) for status in STATUS_COUNTS}
    st.dataframe(pl.DataFrame({
        t("col.status", lang): [taxonomy.label("status", status, lang) for status in STATUS_COUNTS],
        t("col.initiatives", lang): [by_status[status] for status in STATUS_COUNTS],
        t("data.meaning", lang): [t(f"data.status.{status}", lang) for status in STATUS_COUNTS],
    }), hide_index=True, key="data_statuses")


def render(context: Context) -> None:
    lang = context.lang
    t = i18n.t
    st.title(t("data.title", lang))
    st.caption(t("data.intro", lang))
    info = data.build_info()
    if info.get("synthetic"):
        st.warning(t("data.synthetic_body", lang), icon=":material/science:")
    else:
        st.info(t("data.real_body", lang), icon=":material/verified:")
    vintage(info, lang)
    counts(info, lang)

    st.subheader(t("data.inclusion", lang))
    st.markdown(t("data.inclusion_body", lang))

    st.subheader(t("data.indicators", lang))
    stated = specialisation.method_values(lang)  # the location quotient's thresholds, interval and bounds
    for indicator in i18n.INDICATORS:
        st.markdown(f"**{t(f'data.indicator.{indicator}', lang)}**  \n"
                    f"{t(f'data.indicator.{indicator}.body', lang, **stated)}")

    st.subheader(t("data.downloads", lang))
    st.markdown(t("data.downloads_body", lang))
    st.markdown(t("data.formulas", lang))

    st.subheader(t("data.load", lang))
    st.markdown(t("data.load_body", lang))
    st.code("iapt build EXPORT --db data/iapt.duckdb\niapt build EXPORT --db data/iapt.duckdb --skip-invalid",
            language="bash")
    st.download_button(t("data.format", lang), data=registry_format.markdown(), file_name="registry-format.md",
                       mime="text/markdown", key="data_format", icon=":material/description:")
    code_lists(lang)


def code_lists(lang: str) -> None:
    """Every code a download or an export may hold, with its name in the reader's language."""
    t = i18n.t
    st.subheader(t("data.codes", lang))
    for tab, table in zip(st.tabs([t(f"data.codes.{table}", lang) for table in CODE_LISTS]), CODE_LISTS, strict=True):
        with tab:
            st.dataframe(pl.DataFrame({
                t("data.code", lang): list(taxonomy.codes(table)),
                t("data.name", lang): [taxonomy.label(table, code, lang) for code in taxonomy.codes(table)],
            }), hide_index=True, key=f"data_codes_{table}")


render(state.context())
