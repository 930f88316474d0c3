"""Download buttons: what the reader filtered (CSV, Excel, GeoJSON) and the exported briefing.

Every file is made only when its button is clicked: Streamlit calls the `data` function then,
on a thread of its own, so a page does not pay for a 50,000-row workbook on each rerun. The
functions take the database and plain values, never Streamlit state, because they run after
the script that drew the button has finished.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics import i18n
from analytics.i18n import N_
from analytics.serving import downloads, story
from analytics.serving.filters import Filters
from app_support import data
from viz import briefing

FORMATS = ("csv", "xlsx", "geojson")
METADATA = "csv_metadata"  # the CSV's sidecar: filters, search, order and vintage
BUTTON_NAMES = {"csv": N_("CSV"), METADATA: N_("CSV metadata"), "xlsx": N_("Excel"), "geojson": N_("GeoJSON (points)")}
ICONS = {"csv": ":material/table:", METADATA: ":material/info:", "xlsx": ":material/grid_on:",
         "geojson": ":material/location_on:"}
STEM = "iapt-initiatives"
LOCALISED = ("csv", "xlsx")


def _file_maker(fmt: str, filters: Filters, lang: str, search: str, sort: str, descending: bool):
    db = data.database()
    # a CSV or a workbook is read by people: headers and names in the page's language, codes in their own columns;
    # a GeoJSON's properties are keys for GIS tools and stay as the registry format names them
    country_names = data.reference().country_names(lang) if fmt in LOCALISED else None

    def make() -> bytes:
        frame, meta = downloads.initiatives(db, filters, search=search, sort=sort, descending=descending)
        if fmt == METADATA:
            return downloads.build_metadata(meta, STEM).data
        if country_names is not None:
            frame = downloads.in_language(frame, lang, country_names)
        return downloads.build(fmt, frame, meta, STEM).data

    return make


def initiative_downloads(filters: Filters, lang: str, *, search: str, sort: str, descending: bool, key: str) -> None:
    """One button per format, each for every initiative the list holds in its order (all pages), and the CSV's
    metadata as a file of its own."""
    today = dt.date.today()
    buttons = (FORMATS[0], METADATA, *FORMATS[1:])
    for column, fmt in zip(st.columns(len(buttons)), buttons, strict=True):
        file_name = f"{STEM}-{today:%Y-%m-%d}" + (downloads.METADATA_SUFFIX if fmt == METADATA else f".{fmt}")
        column.download_button(
            i18n.t(BUTTON_NAMES[fmt], lang), data=_file_maker(fmt, filters, lang, search, sort, descending),
            file_name=file_name, mime=downloads.MEDIA_TYPES["csv" if fmt == METADATA else fmt], key=f"{key}_{fmt}",
            icon=ICONS[fmt], on_click="ignore", width="stretch",
        )
    st.caption(i18n.t("Every file says which filters and search made it and the data's vintage: the CSV in a second file (CSV metadata), "
                      "Excel in a sheet named metadata, GeoJSON in the collection's properties. The CSV is UTF-8 with its header on the "
                      "first line. Codes are explained under Data and methods.", lang))


def points_download(filters: Filters, lang: str, *, key: str) -> None:
    """The map's initiatives as GeoJSON points, with the filters and vintage in the collection's properties."""
    db = data.database()

    def make() -> bytes:
        frame, meta = downloads.points(db, filters)
        return downloads.build("geojson", frame, meta, STEM).data

    st.download_button(i18n.t("GeoJSON (points)", lang), data=make, file_name=f"{STEM}-{dt.date.today():%Y-%m-%d}.geojson",
                       mime=downloads.MEDIA_TYPES["geojson"], key=key, icon=ICONS["geojson"], on_click="ignore")


def region_downloads(filters: Filters, lang: str, *, key: str) -> None:
    """The regions' figures (white spots included, marked) as CSV and Excel, with the filters and vintage. The icon
    is not ICONS' "table", whose ligature the browser tests read as an untranslated English word on a Spanish page."""
    db = data.database()
    stem = "iapt-regions"

    def maker(fmt: str):
        def make() -> bytes:
            frame, meta = downloads.regions(db, filters)
            if fmt == METADATA:
                return downloads.build_metadata(meta, stem).data
            return downloads.build(fmt, frame, meta, stem).data
        return make

    today = dt.date.today()
    for column, fmt in zip(st.columns(4), ("csv", METADATA, "xlsx"), strict=False):
        file_name = f"{stem}-{today:%Y-%m-%d}" + (downloads.METADATA_SUFFIX if fmt == METADATA else f".{fmt}")
        column.download_button(i18n.t(BUTTON_NAMES[fmt], lang), data=maker(fmt), file_name=file_name,
                               mime=downloads.MEDIA_TYPES["csv" if fmt == METADATA else fmt], key=f"{key}_{fmt}",
                               icon=":material/download:", on_click="ignore", width="stretch")


def briefing_download(filters: Filters, lang: str, *, country: str | None, key: str, label_key: str = N_("Export briefing"),
                      width: str = "content") -> None:
    """"Export briefing": one self-contained HTML file for the filters, or for one country within them."""
    db = data.database()
    scope = filters.replace(countries=(country,)) if country else filters

    def make() -> bytes:
        told = story.gather(story.direct(db), scope, spotlight=country)
        return briefing.render(told, lang, country=country).encode("utf-8")

    name = f"iapt-briefing-{country.lower() + '-' if country else ''}{lang}-{dt.date.today():%Y-%m-%d}.html"
    st.download_button(i18n.t(label_key, lang), data=make, file_name=name, mime="text/html", key=key,
                       icon=":material/description:", on_click="ignore", help=i18n.t("One HTML file with the headline figures, map, "
                                                                                     "growth and sectors of the selection, that opens "
                                                                                     "offline.", lang), width=width)


BRIEFING_FOR_KEY = "app_briefing_for"


def briefing_controls(filters: Filters, lang: str, country_names: dict[str, str], countries: list[str]) -> None:
    """The sidebar's "Export briefing": for the current selection, or for one of its countries."""
    options = [None, *countries]
    if st.session_state.get(BRIEFING_FOR_KEY) not in options:
        st.session_state[BRIEFING_FOR_KEY] = None
    country = st.selectbox(i18n.t("Briefing for", lang), options, key=BRIEFING_FOR_KEY, placeholder=i18n.t("Choose an option", lang),
                           format_func=lambda code: i18n.t("The current selection", lang) if code is None
                           else country_names.get(code, code))
    briefing_download(filters, lang, country=country, key="app_briefing", width="stretch")
