"""Who may update the registry from the browser, on the admin instance only (`admin_app.py`, `make admin`).

The public app (`app.py`) has no admin page and accepts no uploads. The admin instance is served on a loopback
address with its own upload limit; it asks for the password in `IAPT_ADMIN_PASSWORD` or `admin_password` in
`.streamlit/secrets.toml` (the variable wins), and refuses to run at all with none or a weak one. A session
remembers a digest of the password it entered, not a bare flag: changing or removing the password signs every
session out.

Guessing is slowed and capped for the whole process, not per session (a guesser opens as many sessions as it
likes): each failure from a client doubles the wait before its next attempt; past a cap per client, or in all,
sign-in is closed for a while. Every failure is logged, without what was typed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, field

import streamlit as st
from streamlit.logger import get_logger

from analytics import i18n
from analytics.i18n import N_
from app_support import state

PASSWORD_ENV = "IAPT_ADMIN_PASSWORD"
PASSWORD_SECRET = "admin_password"
SIGNED_IN_KEY = "admin_signed_in"
PASSWORD_KEY = "admin_password_input"
FAILED_KEY = "admin_sign_in_failed"
PAGE_PATH = "app_pages/admin.py"
# a passphrase of four common words is about 20 characters; 12 keeps out "admin", "password1" and one space
MIN_PASSWORD_LENGTH = 12

_LOG = get_logger("iapt.admin")


def configured_password() -> str | None:
    from_env = os.environ.get(PASSWORD_ENV, "")
    if from_env:
        return from_env
    try:
        from_secrets = st.secrets.get(PASSWORD_SECRET)
    except (FileNotFoundError, KeyError):  # no secrets file at all
        return None
    return str(from_secrets) if from_secrets else None


def password_problem(password: str | None) -> str | None:
    """Why the admin instance must not run with this password (an i18n key), or None when it may."""
    if not password:
        return N_("No admin password is set: set {env} (at least {length} characters) and start the admin instance again.")
    if len(password.strip()) < MIN_PASSWORD_LENGTH or len(set(password)) < 4:
        return N_("The admin password is too weak: use at least {length} characters, not only spaces or one repeated character, in {env}, "
                  "and start the admin instance again.")
    return None


@dataclass
class SignInThrottle:
    """Failed sign-ins, per client and in all, over a sliding window.

    After n failures from a client, its next attempt is refused until 2^(n-1) seconds (at most `max_delay`) have
    passed since the last one; `per_client` failures close sign-in for that client, and `in_all` failures from
    anyone close it for everyone, until the oldest of them leaves the window.
    """

    per_client: int = 10
    in_all: int = 50
    window: float = 15 * 60
    max_delay: float = 60.0
    clock: object = time.monotonic
    _failures: dict[str, deque] = field(default_factory=dict)
    _all: deque = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _forget_old(self, now: float) -> None:
        while self._all and now - self._all[0] > self.window:
            self._all.popleft()
        for client in list(self._failures):
            times = self._failures[client]
            while times and now - times[0] > self.window:
                times.popleft()
            if not times:
                del self._failures[client]

    def wait(self, client: str) -> float:
        """Seconds before this client may try again; 0 when it may now."""
        now = self.clock()
        with self._lock:
            self._forget_old(now)
            times = self._failures.get(client, ())
            waits = [0.0]
            if len(self._all) >= self.in_all:
                waits.append(self._all[0] + self.window - now)
            if len(times) >= self.per_client:
                waits.append(times[0] + self.window - now)
            elif times:
                waits.append(times[-1] + min(self.max_delay, 2.0 ** (len(times) - 1)) - now)
            return max(waits)

    def failed(self, client: str) -> tuple[int, int]:
        """Records a failure; returns how many there are now from this client and in all."""
        now = self.clock()
        with self._lock:
            self._forget_old(now)
            self._failures.setdefault(client, deque()).append(now)
            self._all.append(now)
            return len(self._failures[client]), len(self._all)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


THROTTLE = SignInThrottle()


def _digest(password: str) -> str:
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def signed_in() -> bool:
    password = configured_password()
    remembered = st.session_state.get(SIGNED_IN_KEY)
    return bool(password and not password_problem(password) and remembered
                and hmac.compare_digest(remembered, _digest(password)))


def _client() -> str:
    """The address the request came from (behind a proxy on loopback, every client is 127.0.0.1: then all share)."""
    try:
        address = st.context.ip_address
    except Exception:  # outside a browser session
        return "unknown"
    return address if isinstance(address, str) and address else "unknown"


def _check_password() -> None:
    password = configured_password()
    entered = st.session_state.pop(PASSWORD_KEY, None) or ""
    client = _client()
    wait = THROTTLE.wait(client)
    if wait > 0:
        # not compared and not logged one by one: a guesser would otherwise fill the log as fast as it can send
        st.session_state[FAILED_KEY] = (N_("Too many failed attempts: try again in {seconds} s."), round(wait + 0.5))
        return
    # compare digests of equal length, so the time taken says nothing about the password's length or prefix
    if password and not password_problem(password) and hmac.compare_digest(_digest(entered), _digest(password)):
        st.session_state[SIGNED_IN_KEY] = _digest(password)
        st.session_state[FAILED_KEY] = None
        THROTTLE.succeeded(client)
        _LOG.info("admin signed in from %s", client)
        return
    from_client, in_all = THROTTLE.failed(client)
    st.session_state[FAILED_KEY] = (N_("That is not the admin password."), 0)
    _LOG.warning("admin sign-in failed from %s (%d failures from this client, %d in all, in the last %d min)",
                 client, from_client, in_all, THROTTLE.window // 60)


def _sign_out() -> None:
    st.session_state.pop(SIGNED_IN_KEY, None)


def sign_in_form(lang: str | None = None) -> None:
    """The sign-in form on the admin instance's front page."""
    lang = lang or state.language()
    t = i18n.t
    with st.form("admin_sign_in", clear_on_submit=True, border=True):
        st.text_input(t("Admin password", lang), type="password", key=PASSWORD_KEY, max_chars=1024)
        st.form_submit_button(t("Sign in", lang), on_click=_check_password)
    failed = st.session_state.get(FAILED_KEY)
    if failed:
        key, seconds = failed
        st.error(t(key, lang, seconds=i18n.number(seconds, lang)))


def sign_out_button(lang: str | None = None) -> None:
    lang = lang or state.language()
    with st.sidebar:
        st.caption(i18n.t("Signed in as the registry admin.", lang))
        st.button(i18n.t("Sign out", lang), key="admin_sign_out", on_click=_sign_out)


def main() -> int:
    """`python -m app_support.admin_access`: exits non-zero, saying why, when the admin instance must not start."""
    import sys

    problem = password_problem(configured_password())
    if problem:
        print(i18n.t(problem, "en", env=PASSWORD_ENV, length=MIN_PASSWORD_LENGTH), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
