"""IAPT Atlas: the entry point that `streamlit run` starts.

Everything the pages share is set up here, before the chosen page runs: navigation, the
language, the sidebar's filters and their URL, the synthetic-data notice and the vintage
footer. A page then reads the reader's choices with `app_support.state.context()`. In presenter
mode (`?present=1` or the sidebar's toggle) the slides of `app_support.presenter` take the
place of the chosen page, which comes back when the mode is switched off.

This is the public app: it has no admin page and accepts no uploads (`server.maxUploadSize` is 0 in
.streamlit/config.toml). The registry is updated through `admin_app.py`, a separate instance that
`make admin` serves on a loopback address.
"""

from __future__ import annotations

import streamlit as st

from analytics import i18n
from analytics.i18n import N_
from app_support import chrome, data, fragments, presenter, sidebar, state, view_state, warmup
from app_support.navigation import PageSpec, pages

# One line per page; its title is translated in the catalogs under locales/ (`make messages`).
PAGES = (
    PageSpec("app_pages/overview.py", N_("Overview"), ":material/dashboard:", "overview", default=True),
    PageSpec("app_pages/map.py", N_("Map"), ":material/map:", "map"),
    PageSpec("app_pages/countries.py", N_("Countries"), ":material/public:", "countries"),
    PageSpec("app_pages/regions.py", N_("Regions"), ":material/location_city:", "regions"),
    PageSpec("app_pages/growth.py", N_("Growth"), ":material/trending_up:", "growth"),
    PageSpec("app_pages/sectors.py", N_("Sectors"), ":material/category:", "sectors"),
    PageSpec("app_pages/explorer.py", N_("Explorer"), ":material/search:", "explorer"),
    PageSpec("app_pages/network.py", N_("Network"), ":material/hub:", "network"),
    PageSpec("app_pages/data_methods.py", N_("Data and methods"), ":material/info:", "data"),
)

# An emoji favicon is drawn locally; a Material icon (also a page's nav icon, unless this is set) would be fetched
# from Google's font CDN, which an offline browser cannot reach.
st.set_page_config(page_title=i18n.t("IAPT Atlas", "en"), page_icon="🌎", layout="wide", initial_sidebar_state="expanded")
data.begin_run()
state.start_session()
lang = state.language()
chrome.page_style(lang)
page = st.navigation(pages(PAGES, lang), position="hidden" if state.presenting() else "sidebar")
with chrome.errors_shown(lang):
    info = data.build_info()
    share_place = st.sidebar.container()
    filters = sidebar.render(lang, info.get("rows_initiatives") or 0)
    presenter.sidebar_controls(filters, lang)
    view_state.keep(page.url_path)
    state.sync_url(filters, lang, view_state.url_params(page.url_path))
    state.publish(lang, filters)
    chrome.synthetic_notice(info, lang)
    chrome.regions_outside_notice(filters, lang)
    if state.presenting():
        presenter.show(state.context())
    else:
        # the part of a page that reruns on its own (app_support/fragments.py) writes the URL and draws the link itself
        with fragments.page_running(share_place):
            page.run()
    # again after the page: it may have corrected a choice (a country no longer in the data, a page past the end)
    fragments.share(page.url_path, filters, lang)
    chrome.footer(info, lang)
    # after the page, so the first visitor's own queries do not compete with it: the first rerun on a database version
    # this process has not served yet starts computing every page's first screen in the background (app_support/warmup.py)
    warmup.start()
