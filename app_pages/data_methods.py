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
from analytics.i18n import N_, NC_
from analytics.ingest import registry_format
from analytics.reference import taxonomy
from analytics.serving import queries, specialisation
from analytics.serving.filters import Filters
from app_support import chrome, data, state
from app_support.state import Context
from viz.cards import Card
from viz.style import escape_markdown

STATUS_COUNTS = ("registered", "validated", "inactive")
TABLE_NAMES = {"initiatives": N_("Initiatives"), "firms": N_("Firms"), "memberships": N_("Memberships"),
               "collaborations": N_("Collaboration links")}
STATUS_MEANINGS = {
    "registered": N_("The initiative registered itself on the platform and has not been reviewed yet."),
    "validated": N_("The registry reviewed the initiative and shows it on the public map."),
    "inactive": N_("The initiative no longer operates; it stays in the registry for its history."),
}
CODE_LISTS = {"type": N_("Types"), "status": N_("Statuses"), "size_class": N_("Firm sizes"), "eclac_sector": N_("Driving sectors"),
              "isic_section": N_("ISIC sections")}
# each indicator the app shows: (its name, how it is defined), the body's placeholders filled from
# specialisation.method_values
INDICATORS = {
    "per_million": (N_("Initiatives per million inhabitants"),
        N_("A country's initiatives in the selection divided by its population in millions. The population figures and their year are "
           "named above and in every page's footer.")),
    "location_quotient": (N_("Location quotient"),
        N_("LQ = (c ÷ n) ÷ (s ÷ t): c a country's initiatives whose primary sector it is, n the country's initiatives, s the selection's "
           "initiatives in the sector, t the selection's initiatives, so each initiative counts once. 1 is the selection's own mix. It is "
           "shown only where c is at least {min_cell} and n at least {min_country} (with fewer, one initiative more or less moves the "
           "quotient by a third or more; a country with 2 initiatives could show 30), and only when the selection holds two countries or "
           "more (with one, every quotient is 1). Each shown value has a {confidence} interval treating c as a Poisson count and n, s, t "
           "as fixed: the exact (Garwood) interval for the mean of c, [χ²(α/2; 2c) ÷ 2, χ²(1 − α/2; 2c + 2) ÷ 2] with α = {alpha}, "
           "multiplied by t ÷ (n s). A specialisation is a quotient of 1.25 or more whose interval lies wholly above 1. The heat map "
           "colours log(LQ) on a diverging scale centred on 1 and clipped at {low} and {high}.")),
    "regions_covered": (NC_("indicator definition", "Admin-1 regions covered"),
        N_("The first-level administrative regions (departments, states, provinces, regions: ISO 3166-2) with at least one initiative in "
           "the selection, out of all the country's regions, those with none included.")),
    "region_population": (N_("Population of listed cities (regions)"),
        N_("No offline source gives the population of every admin-1 region, so a region's figure is the sum of the populations of its "
           "places on GeoNames' cities1000 list (places with at least 1,000 people when listed; the year of each figure varies by place). "
           "It is a floor, named as such wherever it is shown. Initiatives per million (listed cities) divides a region's initiatives by "
           "it, and is left blank where no listed place has a known population. A white spot is a region with no initiative matching the "
           "filters, among the regions of the chosen countries (or of every country with an initiative in the registry); it is drawn at "
           "the population-weighted centre of its listed places: the mean of their coordinates, each weighted by its population.")),
    "member_firms": (N_("Member firms"),
        N_("Distinct firms listed as members (a firm in two initiatives counts once), plus the number declared by initiatives that list "
           "no firms. With a firm-size filter only listed firms of those sizes count, because the sizes of declared firms are unknown.")),
    "validated_share": (N_("Validated share"),
        N_("Validated initiatives divided by all initiatives in the selection, whatever their status.")),
    "firms_per_initiative": (N_("Firms per initiative"),
        N_("The average over a country's initiatives of each one's member firms (listed, or declared where none are listed).")),
    "recent": (N_("New in the last 30 and 365 days"),
        N_("Initiatives registered in the 30 or 365 days up to the day the database was built, not up to today, so a figure does not "
           "change while the data stays the same.")),
    "links": (N_("Collaboration links"),
        N_("Two initiatives in a joint programme. A link counts when both initiatives pass the filters; it crosses a border when they are "
           "in different countries. An initiative's links are its number of partners in all programmes.")),
}


def vintage(info: dict, lang: str) -> None:
    t = i18n.t
    st.subheader(t("Vintage and source", lang))
    facts = [
        (t("Built", lang), i18n.timestamp(info.get("built_at"), lang)),
        (t("From the export", lang), Path(info.get("source_path") or "").name or i18n.MISSING),
        (t("Checksum of the export (SHA-256)", lang), info.get("source_checksum") or i18n.MISSING),
        (t("Export format version", lang), str(info.get("format_version") or i18n.MISSING)),
        (t("Population figures", lang), i18n.sources(info.get("population_vintage"), lang)),
    ]
    if info.get("demo_seed") is not None:
        facts.append((t("Demo generator", lang), t("demo seed {seed}, scale {scale}", lang, seed=info["demo_seed"],
                                              scale=i18n.number(info.get("demo_scale"), lang, 2))))
    st.markdown("\n".join(f"- **{escape_markdown(label)}:** {escape_markdown(value)}" for label, value in facts))


def counts(info: dict, lang: str) -> None:
    t = i18n.t
    st.subheader(t("What the database holds", lang))
    tables = (("initiatives", "rows_initiatives"), ("firms", "rows_firms"), ("memberships", "rows_memberships"),
              ("collaborations", "rows_collaborations"))
    chrome.cards([Card(t(TABLE_NAMES[name], lang), i18n.number(info.get(key), lang)) for name, key in tables],
                 columns=len(tables))
    by_status = {status: data.query(queries.count_initiatives, Filters(statuses=(status,))) for status in STATUS_COUNTS}
    st.dataframe(pl.DataFrame({
        t("Status", lang): [taxonomy.label("status", status, lang) for status in STATUS_COUNTS],
        t("Initiatives", lang): [by_status[status] for status in STATUS_COUNTS],
        t("What it means", lang): [t(STATUS_MEANINGS[status], lang) for status in STATUS_COUNTS],
    }), hide_index=True, key="data_statuses")


def render(context: Context) -> None:
    lang = context.lang
    t = i18n.t
    chrome.heading(N_("Data and methods"),
                   N_("What the figures in this app are made of, how each indicator is defined, and how to load a real registry "
                      "export."), lang)
    info = data.build_info()
    if info.get("synthetic"):
        st.warning(t("This database is synthetic: the demo generator invented every initiative, firm and link, with plausible names and "
                     "places, so that the app can be tried and tested. Its figures say nothing about ECLAC's registry. Load a real export "
                     "(below) to replace it.", lang), icon=":material/science:")
    else:
        st.info(t("This database was built from a registry export, not from the demo generator.", lang), icon=":material/verified:")
    vintage(info, lang)
    counts(info, lang)

    st.subheader(t("Inclusion criteria", lang))
    st.markdown(t("ECLAC's platform covers cluster initiatives and other territorial productive articulation initiatives (IAPT): "
                  "industrial districts, co-operative associations, business networks, local productive arrangements, value-chain "
                  "programmes, competitiveness routes and regional strategic programmes. An initiative has a collaborative strategy "
                  "(agreed goals, a roadmap, responsibilities) and collaborative governance (joint decision bodies). Initiatives register "
                  "themselves and are validated before they appear on the public map, so the app shows every status and lets the filters "
                  "choose. A record is loaded only when it passes every rule of the export format; the build reports every problem by "
                  "file, row and column.", lang))

    st.subheader(t("Indicators", lang))
    stated = specialisation.method_values(lang)  # the location quotient's thresholds, interval and bounds
    for name, body in INDICATORS.values():
        st.markdown(f"**{t(name, lang)}**  \n{t(body, lang, **stated)}")

    st.subheader(t("Downloads", lang))
    st.markdown(t("The Explorer downloads every listed initiative as CSV, Excel or GeoJSON; the Map downloads its points as GeoJSON. Each "
                  "file says which filters and search made it and which database it comes from (build time, export name, SHA-256 "
                  "checksum, synthetic or not), and the filters as a query you can add to the app's address to reopen the view. The CSV "
                  "(UTF-8 with a byte-order mark, header on the first line) opens as it is in Excel, `pandas.read_csv` or "
                  "`polars.read_csv`; its facts are in a second file, `…-metadata.csv`, one `key,value` a line. The Excel file has them "
                  "in a sheet named `metadata`, the GeoJSON in the collection's `properties`, and each point carries `data_built_at` and "
                  "`synthetic`. The CSV and Excel headers are in the page's language, and each code has a column of its own beside its "
                  "name (\"Type (code)\": `cluster`); the GeoJSON keeps the format's keys and codes. Every code is listed below.", lang))
    st.markdown(t("The registry is filled in by the public, so a name may be written to look like a spreadsheet formula. In every CSV "
                  "file the app writes (downloads, and an import's problems, rejected rows and changes), a text cell that begins with "
                  "`=`, `+`, `-`, `@`, a tab or a carriage return starts with an apostrophe (`'`), as OWASP recommends against CSV "
                  "injection: Excel and LibreOffice then show it as text instead of running it. Numbers are written as they are. The "
                  "Excel download needs no apostrophe: its cells are stored as text.", lang))

    st.subheader(t("How to load a real export", lang))
    st.markdown(t("Export the registry as a folder of CSV files or one Excel workbook in the format below, then build the database with "
                  "the `iapt` command. The build checks every row first and writes nothing if it finds a problem (unless `--skip-invalid` "
                  "is given); it writes a new file beside the old one and swaps it in at once, and the app shows the new data on the next "
                  "click, without a restart.", lang))
    st.code("iapt build EXPORT --db data/iapt.duckdb\niapt build EXPORT --db data/iapt.duckdb --skip-invalid",
            language="bash")
    st.download_button(t("The export format, for registry "
                         "keepers (Markdown, in English)", lang), data=registry_format.markdown(), file_name="registry-format.md",
                       mime="text/markdown", key="data_format", icon=":material/description:")
    code_lists(lang)


def code_lists(lang: str) -> None:
    """Every code a download or an export may hold, with its name in the reader's language."""
    t = i18n.t
    st.subheader(t("Codes and their names", lang))
    for tab, table in zip(st.tabs([t(CODE_LISTS[table], lang) for table in CODE_LISTS]), CODE_LISTS, strict=True):
        with tab:
            st.dataframe(pl.DataFrame({
                t("Code", lang): list(taxonomy.codes(table)),
                t("Name", lang): [taxonomy.label(table, code, lang) for code in taxonomy.codes(table)],
            }), hide_index=True, key=f"data_codes_{table}")


render(state.context())
