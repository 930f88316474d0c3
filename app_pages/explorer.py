"""Explorer: search, sort and page through the initiatives, open one's profile, download what is listed.

A profile has its own address, `?initiative=ID`: selecting a row writes it into the URL (through
`app_support.view_state`, with the search, sort and page), and a link with it opens the profile
directly. Search ignores accents and case ("bogota" finds "Bogotá"). The table is Streamlit's data
grid, which draws cell text as text, so a name like `<img src=x onerror=alert(1)>` is shown as typed.
"""

from __future__ import annotations

import math

import polars as pl
import streamlit as st

from analytics import i18n
from analytics.i18n import N_
from analytics.reference import taxonomy
from analytics.serving import queries
from app_support import chrome, data, exports, fragments, state, view_state
from app_support.profile import show_profile
from app_support.state import Context
from viz import profile, style, tables
from viz.style import escape_markdown

SORTS = ("registered_on", "name", "country", "member_firms", "founded_year", "city")
SORT_NAMES = {"registered_on": N_("Registration date"), "name": N_("Name"), "country": N_("Country"),
              "member_firms": N_("Member firms"), "founded_year": N_("Year founded"), "city": N_("City")}
PAGE_SIZES = (25, 50, 100)
TABLE_KEY = "explorer_table"
SELECTED_KEY = "explorer_selected"
PAGE_KEY = "explorer_page"
ROW_IDS_KEY = "explorer_row_ids"
# set when the reader picks a row: the profile then opens in a dialog over the table, where they are looking
DIALOG_KEY = "explorer_dialog"
CHART_CONFIG = style.chart_config("iapt-initiative")


def _select_row() -> None:
    """Remember the id of the row the reader picked and put it in the URL, so the profile has a link."""
    rows = st.session_state[TABLE_KEY].selection.rows
    ids = st.session_state.get(ROW_IDS_KEY) or []
    if rows and rows[0] < len(ids):
        st.session_state[SELECTED_KEY] = ids[rows[0]]
        st.session_state[DIALOG_KEY] = True


def _close_profile() -> None:
    view_state.forget(SELECTED_KEY)


def _back_to_first_page() -> None:
    st.session_state[PAGE_KEY] = 1


def controls(lang: str) -> tuple[str, str, bool, int]:
    t = i18n.t
    search = st.text_input(t("Search by name, city or id", lang), key="explorer_search", placeholder=t("e.g. bogota software", lang),
                           max_chars=queries.SEARCH_MAX_CHARS, on_change=_back_to_first_page)
    # the browser enforces max_chars, a crafted client does not: the query reads a bounded part, and the page says so
    if queries.search_terms(search).truncated:
        st.caption(t("Only the first {chars} characters and {terms} distinct "
                     "words of a search are used; the rest was ignored.", lang, chars=i18n.number(queries.SEARCH_MAX_CHARS, lang),
                     terms=i18n.number(queries.SEARCH_MAX_TERMS, lang)))
    sort_column, direction_column, size_column = st.columns([2, 1, 1], vertical_alignment="bottom")
    sort = sort_column.selectbox(t("Sort by", lang), SORTS, key="explorer_sort",
                                 placeholder=t("Choose an option", lang), on_change=_back_to_first_page,
                                 format_func=lambda column: t(SORT_NAMES[column], lang))
    if "explorer_descending" not in st.session_state:
        st.session_state["explorer_descending"] = sort in ("registered_on", "member_firms")
    with direction_column:
        descending = st.toggle(t("Descending", lang), key="explorer_descending", on_change=_back_to_first_page)
    page_size = size_column.selectbox(t("Rows per page", lang), PAGE_SIZES, key="explorer_page_size",
                                      placeholder=t("Choose an option", lang),
                                      on_change=_back_to_first_page)
    return search, sort, descending, page_size


EXPLORER_COLUMNS = ("name", "country", "region_name", "city", "type", "status", "primary_sector", "member_firms",
                    "registered_on", "id")


@fragments.page_fragment("explorer")
def listing(filters, lang: str, names: dict[str, str]) -> None:
    """Search, sort, page size, the page and the table: a change reruns only this part. A picked row opens its
    profile over the page, so it reruns the whole page."""
    t = i18n.t
    search, sort, descending, page_size = controls(lang)
    total = data.query(queries.initiative_list, filters, search=search, sort=sort, descending=descending, page=1,
                       page_size=1)
    matches = int(total["total_rows"][0]) if total.height else 0
    if not matches:
        st.info(t("No initiative matches the search and the filters.", lang), icon=":material/search_off:")
        return
    pages = max(1, math.ceil(matches / page_size))
    if st.session_state.get(PAGE_KEY, 1) > pages:
        st.session_state[PAGE_KEY] = pages
    page = st.number_input(t("Page (of {pages})", lang, pages=i18n.number(pages, lang)), min_value=1, max_value=pages,
                           step=1, key=PAGE_KEY)
    rows = data.query(queries.initiative_list, filters, search=search, sort=sort, descending=descending, page=int(page),
                      page_size=page_size)
    first = (int(page) - 1) * page_size + 1
    st.caption(i18n.tn("Initiative {first} of {total}",
                       "Initiatives {first} to {last} of {total}", matches, lang, first=i18n.number(first, lang),
                 last=i18n.number(first + rows.height - 1, lang), total=i18n.number(matches, lang)))
    st.session_state[ROW_IDS_KEY] = rows["id"].to_list()
    st.dataframe(tables.initiative_table(rows, lang, EXPLORER_COLUMNS, names), hide_index=True, key=TABLE_KEY, on_select=_select_row,
                 selection_mode="single-row")
    st.caption(t("Select a row (the box at its left) to open the initiative's profile over the list; once closed, it stays below "
                 "the list.", lang))
    st.markdown(f"**{t('Download the listed initiatives', lang)}**")
    exports.initiative_downloads(filters, lang, search=search, sort=sort, descending=descending, key="explorer_download")
    if st.session_state.get(DIALOG_KEY) and fragments.alone():
        st.rerun()


def members(initiative_id: str, row: dict, filters, lang: str) -> None:
    t = i18n.t
    st.markdown(f"**{t('Member firms by size and ISIC section', lang)}**")
    firms = data.query(queries.member_firms, filters, initiative_id=initiative_id)
    if firms.is_empty():
        declared = row.get("member_firms_declared")
        st.caption(t("The initiative lists no member firms; "
                     "it declares {declared}.", lang, declared=i18n.number(declared, lang) if declared else i18n.MISSING))
        return
    st.plotly_chart(profile.members_figure(firms, lang, axis_title=t("Member firms", lang)),
                    key="explorer_members", config=CHART_CONFIG)
    by_size = firms.group_by("size_class").agg(pl.col("firms").sum())
    counts = dict(zip(by_size["size_class"], by_size["firms"], strict=True))
    st.caption(" · ".join(f"{taxonomy.label('size_class', size, lang)}: {i18n.number(counts.get(size, 0), lang)}"
                          for size in taxonomy.codes("size_class")))



def _close_button(lang: str, in_dialog: bool, icon: str | None = ":material/close:") -> None:
    """In the dialog (a fragment), closing must rerun the whole page, which then draws no profile."""
    if st.button(i18n.t("Close profile", lang), key="explorer_close", on_click=_close_profile, icon=icon) and in_dialog:
        st.rerun()


def profile_panel(initiative_id: str, filters, lang: str, names: dict[str, str], in_dialog: bool = False) -> None:
    t = i18n.t
    found = data.query(queries.initiative_profile, initiative_id=initiative_id)
    if not in_dialog:
        st.divider()
    if found.is_empty():
        st.warning(t("There is no initiative with the id {id} in the "
                     "registry.", lang, id=escape_markdown(initiative_id)), icon=":material/help:")
        _close_button(lang, in_dialog, icon=None)
        return
    row = found.row(0, named=True)
    heading, close = st.columns([5, 1], vertical_alignment="bottom")
    if not in_dialog:  # the dialog has the same words as its title
        heading.subheader(t("Profile", lang))
    with close:
        _close_button(lang, in_dialog)
    partners = data.query(queries.initiative_links, initiative_id=initiative_id)
    details, where = st.columns([3, 2])
    with details:
        show_profile(row, lang, names)
        st.caption(t("Link to this profile: add this to the Explorer's address.", lang))
        st.code(f"?{state.INITIATIVE_PARAM}={initiative_id}", language=None)
    with where:
        reference = data.reference()
        # full detail for the countries of the initiative and its partners, where the map zooms in
        involved = {row["country"], *partners["country"].to_list()}
        outlines = {**reference.overview_outlines, **{c: reference.outlines[c] for c in involved if c in reference.outlines}}
        st.pydeck_chart(profile.profile_deck(row, partners, outlines, names, lang,
                                             programme_label=t("Joint programme", lang)),
                        key="explorer_map", height=320)
    members(initiative_id, row, filters, lang)
    st.markdown(f"**{t('Collaborations', lang)}**")
    if partners.is_empty():
        st.caption(t("No joint programme links this initiative to another.", lang))
    else:
        st.dataframe(tables.partners_table(partners, lang, names), hide_index=True, key="explorer_partners")


def render(context: Context) -> None:
    lang, filters = context.lang, context.filters
    chrome.heading(N_("Explore the initiatives"),
                   N_("Search, sort and page through the initiatives the filters select; select a row to open its profile, which "
                      "has its own link. The download buttons give every listed initiative, on all pages."), lang)
    names = data.reference().country_names(lang)
    listing(filters, lang, names)
    chosen = st.session_state.get(SELECTED_KEY)
    if chosen and st.session_state.pop(DIALOG_KEY, False):
        # once dismissed, the page reruns and the profile stays below the table (as a link to it shows it)
        dialog = st.dialog(i18n.t("Profile", lang), width="large", on_dismiss="rerun")(profile_panel)
        dialog(chosen, filters, lang, names, in_dialog=True)
    elif chosen:
        profile_panel(chosen, filters, lang, names)


render(state.context())
