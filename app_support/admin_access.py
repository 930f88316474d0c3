"""Who may update the registry from the browser: the "Update registry" page exists only for a session that has
entered the admin password, and only where one is configured.

The password is `admin_password` in `.streamlit/secrets.toml` or the `IAPT_ADMIN_PASSWORD` environment variable
(the variable wins). Without either, no sign-in box is shown and the page is never registered, so it cannot be
reached by its URL either. A session remembers a digest of the password it entered, not a bare flag: changing or
removing the password signs every session out.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time

import streamlit as st

from analytics import i18n
from app_support import state

PASSWORD_ENV = "IAPT_ADMIN_PASSWORD"
PASSWORD_SECRET = "admin_password"
SIGNED_IN_KEY = "admin_signed_in"
PASSWORD_KEY = "admin_password_input"
FAILED_KEY = "admin_sign_in_failed"
PAGE_PATH = "app_pages/admin.py"
PAGE_URL = "admin"
# a wrong password costs a second: enough to make guessing slow, too little to bother a person who mistyped
WRONG_PASSWORD_DELAY = 1.0


def configured_password() -> str | None:
    from_env = os.environ.get(PASSWORD_ENV, "")
    if from_env:
        return from_env
    try:
        from_secrets = st.secrets.get(PASSWORD_SECRET)
    except (FileNotFoundError, KeyError):  # no secrets file at all
        return None
    return str(from_secrets) if from_secrets else None


def _digest(password: str) -> str:
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def signed_in() -> bool:
    password = configured_password()
    remembered = st.session_state.get(SIGNED_IN_KEY)
    return bool(password and remembered and hmac.compare_digest(remembered, _digest(password)))


def _check_password() -> None:
    password = configured_password()
    entered = st.session_state.get(PASSWORD_KEY) or ""
    if password and hmac.compare_digest(entered.encode("utf-8"), password.encode("utf-8")):
        st.session_state[SIGNED_IN_KEY] = _digest(password)
        st.session_state[FAILED_KEY] = False
    else:
        time.sleep(WRONG_PASSWORD_DELAY)
        st.session_state[FAILED_KEY] = True


def _sign_out() -> None:
    st.session_state.pop(SIGNED_IN_KEY, None)


def page(lang: str | None = None) -> st.Page | None:
    """The admin page for the navigation, or None: app.py adds it only when this returns one."""
    if not signed_in():
        return None
    lang = lang or state.language()
    return st.Page(PAGE_PATH, title=i18n.t("admin.title", lang), icon=":material/upload_file:", url_path=PAGE_URL)


def sign_in_box(lang: str | None = None) -> None:
    """A small expander at the foot of the sidebar; nothing at all when no password is configured."""
    if not configured_password():
        return
    lang = lang or state.language()
    t = i18n.t
    with st.sidebar.expander(t("admin.sidebar", lang), expanded=False):
        if signed_in():
            st.caption(t("admin.signed_in", lang))
            st.button(t("admin.sign_out", lang), key="admin_sign_out", on_click=_sign_out)
            return
        with st.form("admin_sign_in", clear_on_submit=True, border=False):
            st.text_input(t("admin.password", lang), type="password", key=PASSWORD_KEY)
            st.form_submit_button(t("admin.sign_in", lang), on_click=_check_password)
        if st.session_state.get(FAILED_KEY):
            st.error(t("admin.wrong_password", lang))
