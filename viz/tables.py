"""Tables in the reader's language, built from query frames; no Streamlit, so each is tested with plain pytest.

A list of initiatives is drawn in several places (the Explorer, a region's profile, the Overview's latest
registrations) with some of the same columns: each column of an initiative list has one header and one way of
writing its cells here (`INITIATIVE_COLUMNS`), and a page names the columns it shows.

`markdown=True` is for `st.table`, whose cells are Markdown: text is escaped and numbers are written as the
language writes them. Otherwise (`st.dataframe`) numbers stay numbers, so that the reader can sort by them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from analytics import i18n
from analytics.i18n import N_
from analytics.reference import taxonomy
from viz.style import escape_markdown


@dataclass(frozen=True)
class Column:
    header: str  # English msgid (or a context pair from NC_), translated by i18n.t
    cells: Callable[[pl.DataFrame, str, Mapping[str, str]], list]  # (rows, lang, country names) → values
    text: bool = True  # text cells are escaped for Markdown; others are numbers, formatted for Markdown


def _codes(column: str, code_list: str) -> Callable[[pl.DataFrame, str, Mapping[str, str]], list]:
    return lambda rows, lang, names: [taxonomy.label(code_list, code, lang) for code in rows[column]]


def _sector(rows: pl.DataFrame, lang: str, names: Mapping[str, str]) -> list:
    return [taxonomy.label("eclac_sector", code, lang) if code else i18n.t("No driving sector", lang)
            for code in rows["primary_sector"]]


# column of queries.initiative_list / initiative_rows → how a table shows it
INITIATIVE_COLUMNS: dict[str, Column] = {
    "registered_on": Column(N_("Registered"), lambda rows, lang, names: [i18n.date(day, lang) for day in rows["registered_on"]]),
    "name": Column(N_("Initiative"), lambda rows, lang, names: rows["name"].to_list()),
    "country": Column(N_("Country"), lambda rows, lang, names: [names.get(code, code) for code in rows["country"]]),
    "region_name": Column(N_("Admin-1 region"), lambda rows, lang, names: rows["region_name"].to_list()),
    "city": Column(N_("City"), lambda rows, lang, names: rows["city"].to_list()),
    "type": Column(N_("Type"), _codes("type", "type")),
    "status": Column(N_("Status"), _codes("status", "status")),
    "primary_sector": Column(N_("Driving sector"), _sector),
    "member_firms": Column(N_("Member firms"), lambda rows, lang, names: rows["member_firms"].to_list(), text=False),
    "id": Column(N_("Registry id"), lambda rows, lang, names: rows["id"].to_list()),
}


def initiative_table(rows: pl.DataFrame, lang: str, columns: Sequence[str], country_names: Mapping[str, str] | None = None,
                     *, markdown: bool = False) -> pl.DataFrame:
    """The `columns` (keys of INITIATIVE_COLUMNS) of `rows`, under headers in `lang`."""
    names = country_names or {}
    table = {}
    for name in columns:
        column = INITIATIVE_COLUMNS[name]
        values = column.cells(rows, lang, names)
        if markdown:
            values = [escape_markdown(value) if column.text else i18n.number(value, lang) for value in values]
        table[i18n.t(column.header, lang)] = values
    return pl.DataFrame(table)


def partners_table(partners: pl.DataFrame, lang: str, country_names: Mapping[str, str]) -> pl.DataFrame:
    """An initiative's collaboration partners (queries.partners), for `st.dataframe`."""
    t = i18n.t
    return pl.DataFrame({
        t("Partner", lang): partners["name"].to_list(),
        t("Country", lang): [country_names.get(code, code) for code in partners["country"]],
        t("City", lang): partners["city"].to_list(),
        t("Joint programme", lang): partners["programme"].to_list(),
        t("Since", lang): [i18n.date(day, lang) for day in partners["started_on"]],
        i18n.tc("one collaboration", "Across a border", lang): partners["cross_border"].to_list(),
    })
