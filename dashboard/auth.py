"""Optional password sign-in for the dashboard.

Off by default: on your own computer (``streamlit run app.py`` opened at
``http://localhost:8501``) nobody else should reach the app. Before binding
the dashboard to an address other people can reach, turn the sign-in on:

1. ``python -m analytics hash-password`` asks for a password and prints a
   salted scrypt hash (the password itself is never stored);
2. put the hash in the environment variable
   ``CREATOR_ANALYTICS_PASSWORD_HASH``, or as ``password_hash = "..."`` in
   ``.streamlit/secrets.toml``;
3. restart the dashboard. Every page now asks for the password once; the
   browser then keeps a signed cookie (14 days, HMAC-SHA256 keyed by the
   password hash, see :mod:`analytics.session_token`), so a reload or a
   page opened by its URL stays signed in. Changing the password signs
   every browser out.

The app's entry script calls :func:`require_login` before anything else
(pages that may be run on their own call it first too; a second call in the
same run is free).
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import time
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

import analytics.session_token as session_token
from analytics.i18n import t
from analytics.passwords import looks_like_hash, verify_password

ENV_HASH = "CREATOR_ANALYTICS_PASSWORD_HASH"
SECRET_KEY = "password_hash"
_SESSION_KEY = "_auth_signed_in"
_FAILURES_KEY = "_auth_failures"
_SET_COOKIE_KEY = "_auth_set_cookie"
_LOCAL_ADDRESSES = ("", "localhost")


def configured_hash() -> str | None:
    """The stored password hash: the environment variable, else the Streamlit secret, else None."""
    value = os.environ.get(ENV_HASH, "").strip()
    if value:
        return value
    try:
        secret = st.secrets.get(SECRET_KEY)
    except Exception:  # no secrets file, or an unreadable one: no secret
        secret = None
    return str(secret).strip() if secret else None


def _fingerprint(stored: str) -> str:
    # Changing the password (the hash) signs every session out.
    return hashlib.sha256(stored.encode("utf-8")).hexdigest()[:16]


def _public_address() -> str | None:
    """The configured bind address when it is not a loopback address, else None."""
    try:
        address = str(st.get_option("server.address") or "").strip()
    except Exception:
        return None
    if address in _LOCAL_ADDRESSES:
        return None
    try:
        if ipaddress.ip_address(address).is_loopback:
            return None
    except ValueError:
        pass
    return address


def require_login() -> None:
    """Stop the page until the visitor has signed in, when a password is configured.

    A no-op when neither ``CREATOR_ANALYTICS_PASSWORD_HASH`` nor the secret
    ``password_hash`` is set (then, if the server is configured to bind to
    a non-loopback address, a warning says that the dashboard is open).
    Otherwise draws a password form and calls ``st.stop()`` until the
    password matches; the session stays signed in until the hash changes.
    Wrong passwords are answered more slowly each time (up to 5 s).
    """
    stored = configured_hash()
    if stored is None:
        address = _public_address()
        if address is not None:
            st.warning(t("auth.open_warning", _language(), address=address, env=ENV_HASH))
        return
    key = session_token.signing_key(stored)
    if st.session_state.get(_SESSION_KEY) == _fingerprint(stored):
        if st.session_state.pop(_SET_COOKIE_KEY, False):
            _write_cookie(session_token.make_token(key), session_token.MAX_AGE_S)
        return
    if looks_like_hash(stored) and session_token.check_token(key, cookie_token()):
        st.session_state[_SESSION_KEY] = _fingerprint(stored)  # signed in before, in this browser
        return
    lang = _language()
    st.title(t("auth.title", lang))
    if not looks_like_hash(stored):
        st.error(t("auth.bad_hash", lang, env=ENV_HASH))
        st.stop()
    with st.form("sign_in", clear_on_submit=True):
        password = st.text_input(t("auth.password", lang), type="password")
        submitted = st.form_submit_button(t("auth.button", lang))
    if submitted:
        if verify_password(password, stored):
            st.session_state[_SESSION_KEY] = _fingerprint(stored)
            st.session_state[_SET_COOKIE_KEY] = True  # written on the next run, after the rerun
            st.session_state.pop(_FAILURES_KEY, None)
            st.rerun()
        failures = int(st.session_state.get(_FAILURES_KEY, 0)) + 1
        st.session_state[_FAILURES_KEY] = failures
        time.sleep(min(0.25 * 2 ** (failures - 1), 5.0))
        st.error(t("auth.wrong", lang))
    st.stop()


def _language() -> str:
    from dashboard.i18n_ui import current_language  # imported here: i18n_ui draws widgets

    return current_language()


def cookie_token() -> str | None:
    """The sign-in cookie this browser sent with the page (None when absent)."""
    try:
        value = st.context.cookies.get(session_token.COOKIE_NAME)
    except Exception:  # noqa: BLE001 - no browser context (bare script run, AppTest)
        return None
    return str(value) if value else None


_COOKIE_WRITER = components.declare_component(
    "creator_analytics_cookie", path=str(Path(__file__).resolve().parent / "cookie_component")
)


def _write_cookie(value: str, max_age_s: int) -> None:
    """Set (or, with ``max_age_s=0``, delete) the sign-in cookie in the browser.

    Streamlit reads cookies (``st.context.cookies``) but has no call to set
    one; a zero-height local component (``dashboard/cookie_component``, no
    file from outside the machine) sets it with ``document.cookie`` on the
    app's own origin, ``SameSite=Strict``, never sent to another site.
    """
    _COOKIE_WRITER(
        name=session_token.COOKIE_NAME,
        value=value,
        max_age=int(max_age_s),
        key="sign_in_cookie",
        default=None,
    )


def sign_out() -> None:
    """Forget this session's sign-in and the browser's sign-in cookie."""
    st.session_state.pop(_SESSION_KEY, None)
    _write_cookie("", 0)
