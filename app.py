"""IAPT Atlas: the entry point that `streamlit run` starts.

Everything the pages share is set up here, before the chosen page runs: navigation, the
language, the sidebar's filters and their URL, the synthetic-data notice and the vintage
footer. A page then reads the reader's choices with `app_support.state.context()`. In presenter
mode (`?present=1` or the sidebar's toggle) the slides of `app_support.presenter` take the
place of the chosen page, which comes back when the mode is switched off.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import streamlit as st

from analytics import i18n
from analytics.db import DatabaseMissing, database_path
from app_support import admin_access, chrome, data, presenter, sidebar, state


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    url_path: str
    default: bool = False

    def page(self, lang: str) -> st.Page:
        return st.Page(self.path, title=i18n.t(self.title_key, lang), icon=self.icon,
                       url_path=None if self.default else self.url_path, default=self.default)


# One line per page; its title goes in analytics/i18n.py under `title_key`.
PAGES = (
    PageSpec("app_pages/overview.py", "nav.overview", ":material/dashboard:", "overview", default=True),
    PageSpec("app_pages/map.py", "nav.map", ":material/map:", "map"),
    PageSpec("app_pages/countries.py", "nav.countries", ":material/public:", "countries"),
    PageSpec("app_pages/growth.py", "nav.growth", ":material/trending_up:", "growth"),
    PageSpec("app_pages/sectors.py", "nav.sectors", ":material/category:", "sectors"),
    PageSpec("app_pages/explorer.py", "nav.explorer", ":material/search:", "explorer"),
    PageSpec("app_pages/network.py", "nav.network", ":material/hub:", "network"),
    PageSpec("app_pages/data_methods.py", "nav.data", ":material/info:", "data"),
)

# An emoji favicon is drawn locally; a Material icon (also a page's nav icon, unless this is set) would be fetched
# from Google's font CDN, which an offline browser cannot reach.
st.set_page_config(page_title=i18n.t("app.name", "en"), page_icon="🌎", layout="wide", initial_sidebar_state="expanded")
state.start_session()
lang = state.language()
chrome.page_style(lang)
# the admin page is registered only for a signed-in admin, so without the password its URL leads nowhere
admin_page = admin_access.page()
page = st.navigation([spec.page(lang) for spec in PAGES] + ([admin_page] if admin_page else []),
                     position="hidden" if state.presenting() else "sidebar")
try:
    info = data.build_info()
except (DatabaseMissing, duckdb.Error):
    chrome.database_missing(database_path(), lang)
    st.stop()
filters = sidebar.render(lang, info.get("rows_initiatives") or 0)
presenter.sidebar_controls(filters, lang)
admin_access.sign_in_box()
state.sync_url(filters, lang)
state.publish(lang, filters)
chrome.synthetic_notice(info, lang)
if state.presenting():
    presenter.show(state.context())
else:
    page.run()
chrome.footer(info, lang)
