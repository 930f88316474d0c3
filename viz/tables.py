"""Tables in the reader's language, built from query frames (initiative lists, country and region tables); no Streamlit,
so each is tested with plain pytest.

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


def markdown_table(table: pl.DataFrame, right_aligned: Sequence[str] = ()) -> str:
    """A table made with `markdown=True` as one Markdown table, which `st.markdown` draws as a plain HTML table: one
    element whose text is made once, where `st.table` converts its frame to Arrow on every rerun. The cells are
    Markdown already (escaped, so a `|` in a name is `\\|`); a line break in one would end its row and becomes a
    space."""
    def row(cells) -> str:
        return "| " + " | ".join(str(cell).replace("\r", " ").replace("\n", " ") for cell in cells) + " |"

    lines = [row(escape_markdown(name) for name in table.columns),
             row("---:" if name in right_aligned else "---" for name in table.columns)]
    lines += [row("" if cell is None else cell for cell in cells) for cells in table.iter_rows()]
    return "\n".join(lines)


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


# --------------------------------------------------------------------------- countries

# column of queries.coverage_by_country → (decimals, shown as a percentage)
MEASURES = {
    "initiatives": (0, False),
    "initiatives_per_million": (2, False),
    "member_firms": (0, False),
    "firms_per_initiative": (1, False),
    "regions_covered_share": (0, True),
    "validated_share": (0, True),
}
MEASURE_NAMES = {"initiatives": N_("Initiatives"), "initiatives_per_million": N_("Initiatives per million inhabitants"),
                 "member_firms": N_("Member firms"), "firms_per_initiative": N_("Firms per initiative"),
                 "regions_covered_share": N_("Share of admin-1 regions covered"), "validated_share": N_("Validated share")}


def format_measure(value, measure: str, lang: str) -> str:
    decimals, percent = MEASURES[measure]
    return i18n.percent(value, lang, decimals) if percent else i18n.number(value, lang, decimals)


def ranking_table(coverage: pl.DataFrame, rank_by: str, names: dict[str, str], lang: str) -> pl.DataFrame:
    """Formatted in the reader's language, so the order is set here (by `rank_by`) rather than by clicking a column.

    Shown with `st.table`, whose headers wrap so that every column fits; its cells are Markdown, hence the escaping.
    """
    t = i18n.t
    ranked = coverage.sort([rank_by, "initiatives"], descending=True, nulls_last=True)
    return pl.DataFrame({
        t("#", lang): [str(rank) for rank in range(1, ranked.height + 1)],
        t("Country", lang): [escape_markdown(names.get(code, code)) for code in ranked["country"]],
        t("Initiatives", lang): [format_measure(v, "initiatives", lang) for v in ranked["initiatives"]],
        t("Per million inhabitants", lang): [format_measure(v, "initiatives_per_million", lang) for v in ranked["initiatives_per_million"]],
        t("Member firms", lang): [format_measure(v, "member_firms", lang) for v in ranked["member_firms"]],
        t("Firms per initiative", lang): [format_measure(v, "firms_per_initiative", lang) for v in ranked["firms_per_initiative"]],
        t("Admin-1 regions covered", lang): [f"{i18n.number(done, lang)} / {i18n.number(every, lang)}"
                                          for done, every in zip(ranked["regions_covered"], ranked["region_count"],
                                                                 strict=True)],
        t("Validated share", lang): [format_measure(v, "validated_share", lang) for v in ranked["validated_share"]],
        t("Population (millions)", lang): [i18n.number(p / 1e6 if p else None, lang, 1) for p in ranked["population"]],
    })


def country_indicators_table(profiles: pl.DataFrame, names: dict[str, str], lang: str) -> pl.DataFrame:
    """One row per indicator and one column per country, in the order the countries were chosen."""
    columns = {i18n.t("Indicator", lang): [i18n.t(MEASURE_NAMES[m], lang) for m in MEASURES]}
    for row in profiles.iter_rows(named=True):
        columns[escape_markdown(names.get(row["country"], row["country"]))] = [format_measure(row[m], m, lang) for m in MEASURES]
    return pl.DataFrame(columns)


# --------------------------------------------------------------------------- regions


def sector_names(codes: list[str] | None, lang: str) -> str:
    """Driving sectors by name, in the order given ("–" for none)."""
    return ", ".join(taxonomy.label("eclac_sector", code, lang) for code in codes or []) or i18n.MISSING


# column of queries.region_figures → (label key, decimals) for the profile and the comparison
REGION_INDICATORS = {
    "initiatives": (N_("Initiatives"), 0),
    "member_firms": (N_("Member firms"), 0),
    "city_population": (N_("Population of listed cities"), 0),
    "initiatives_per_million": (N_("Initiatives per million (listed cities)"), 2),
    "cities": (N_("Listed places"), 0),
}





def region_table(figures: pl.DataFrame, lang: str, country_names: dict[str, str] | None = None, *,
                 white_spots: bool = False) -> pl.DataFrame:
    """The regions in the reader's language, one row each, numbers written as the language writes them. Shown with
    `st.table`, whose cells are Markdown, hence the escaping; white spots leave out what is zero for all of them."""
    t = i18n.t
    columns = {t("Admin-1 region", lang): [escape_markdown(name) for name in figures["name"]],
               t("ISO 3166-2", lang): [escape_markdown(code) for code in figures["region"]]}
    if country_names is not None:
        columns[t("Country", lang)] = [escape_markdown(country_names.get(code, code)) for code in figures["country"]]
    if not white_spots:
        columns.update({
            t("Initiatives", lang): [i18n.number(value, lang) for value in figures["initiatives"]],
            t("Member firms", lang): [i18n.number(value, lang) for value in figures["member_firms"]],
            i18n.tc("table column", "Leading driving sectors", lang): [escape_markdown(sector_names(codes, lang))
                                             for codes in figures["leading_sectors"].to_list()],
        })
    columns[t("Listed places", lang)] = [i18n.number(value, lang) for value in figures["cities"]]
    columns[t("Population of listed cities", lang)] = [i18n.number(value, lang) for value in figures["city_population"]]
    if not white_spots:
        columns[t("Initiatives per million (listed cities)", lang)] = [i18n.number(value, lang, 2)
                                                      for value in figures["initiatives_per_million"]]
    return pl.DataFrame(columns)


def region_indicators_table(rows: pl.DataFrame, lang: str, country_names: dict[str, str]) -> pl.DataFrame:
    """One row per indicator and one column per region, in the order the regions were chosen."""
    columns = {i18n.t("Indicator", lang): [i18n.t(key, lang) for key, _ in REGION_INDICATORS.values()]
               + [i18n.tc("table column", "Leading driving sectors", lang)]}
    for row in rows.iter_rows(named=True):
        heading = escape_markdown(f"{row['name']} · {country_names.get(row['country'], row['country'])}")
        columns[heading] = [i18n.number(row[name], lang, decimals) for name, (_, decimals) in REGION_INDICATORS.items()] \
            + [escape_markdown(sector_names(row["leading_sectors"], lang))]
    return pl.DataFrame(columns)
