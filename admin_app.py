"""IAPT Atlas registry admin: the one place the registry is updated from a browser.

`make admin` serves this file on a loopback address (reach it through an SSH tunnel or an internal network),
with its own upload limit; the public app (`app.py`) has no admin page and accepts no uploads. The instance
refuses to run without a strong enough password (app_support/admin_access.py); once signed in, the "Update
registry" page goes through the same checked path as `iapt build`.
"""

from __future__ import annotations

import streamlit as st
from streamlit.logger import get_logger

from analytics import i18n
from analytics.serving.filters import Filters
from app_support import admin_access, chrome, state

_LOG = get_logger("iapt.admin_app")

st.set_page_config(page_title=i18n.t("IAPT Atlas registry admin", "en"), page_icon="🌎", layout="wide")
state.start_session()
lang = state.language()
state.publish(lang, Filters())
problem = admin_access.password_problem(admin_access.configured_password())
if problem:
    st.title(i18n.t("IAPT Atlas registry admin", lang))
    st.error(i18n.t(problem, lang, env=admin_access.PASSWORD_ENV, length=admin_access.MIN_PASSWORD_LENGTH))
    st.stop()
if not admin_access.signed_in():
    st.title(i18n.t("IAPT Atlas registry admin", lang))
    admin_access.sign_in_form(lang)
    st.stop()
admin_access.sign_out_button(lang)
page = st.navigation([st.Page(admin_access.PAGE_PATH, title=i18n.t("Update registry", lang), icon=":material/upload_file:",
                              default=True)], position="hidden")
try:
    page.run()
except Exception:
    _LOG.exception("unexpected error on the admin page")
    chrome.unexpected_error(lang)
