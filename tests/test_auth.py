"""The optional password gate of the dashboard (dashboard/auth.py).

Off unless a hash is configured; with ``CREATOR_ANALYTICS_PASSWORD_HASH``
(or the secret ``password_hash``) every page stops at a sign-in form until
the password matches. Only a salted scrypt hash is stored.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.cli import main
from analytics.passwords import hash_password, looks_like_hash, verify_password

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery"
TIMEOUT = 60


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_password(PASSWORD)


def test_hash_round_trip(stored: str) -> None:
    scheme, n, r, p, salt, key = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", "32768", "8", "1")
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(key)) == 32
    assert PASSWORD not in stored
    assert verify_password(PASSWORD, stored)
    assert not verify_password(PASSWORD + " ", stored)
    assert not verify_password("", stored)
    assert hash_password(PASSWORD) != stored  # a new salt every time
    assert looks_like_hash(stored)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "plain-password",
        "scrypt$1$8$1$00$00",
        "sha1$x$y$z$a$b",
        "scrypt$32768$8$1$zz$zz",
        "scrypt$99999999$8$1$" + "00" * 16 + "$" + "00" * 32,
    ],
)
def test_malformed_hashes_never_match(bad: str) -> None:
    assert not verify_password(PASSWORD, bad)


def test_hash_password_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["hash-password", "--stdin"]) == 0
    out, err = capsys.readouterr()
    line = out.strip()
    assert looks_like_hash(line) and verify_password(PASSWORD, line)
    assert "CREATOR_ANALYTICS_PASSWORD_HASH" in err and PASSWORD not in out + err
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["hash-password", "--stdin"]) == 1
    assert (
        capsys.readouterr().err
        == "error: the password is shorter than 8 characters; choose a longer one\n"
    )


def _page() -> None:
    import streamlit as st

    from dashboard.auth import require_login

    require_login()
    st.write("the creator's numbers")


def _shown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def _app() -> AppTest:
    return AppTest.from_function(_page, default_timeout=TIMEOUT)


def test_no_gate_without_a_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CREATOR_ANALYTICS_PASSWORD_HASH", raising=False)
    at = _app().run()
    assert not at.exception
    assert _shown(at) == ["the creator's numbers"]
    assert len(at.text_input) == 0


def test_gate_with_a_hash(monkeypatch: pytest.MonkeyPatch, stored: str) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_PASSWORD_HASH", stored)
    at = _app().run()
    assert not at.exception
    assert "the creator's numbers" not in _shown(at)
    assert [t.value for t in at.title] == ["Sign in"]
    at.text_input[0].input("wrong password")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Wrong password."]
    assert "the creator's numbers" not in _shown(at)
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert _shown(at) == ["the creator's numbers"]
    at.run()  # later reruns of the session stay signed in
    assert _shown(at) == ["the creator's numbers"]
    # A new password (hash) signs the session out.
    monkeypatch.setenv("CREATOR_ANALYTICS_PASSWORD_HASH", hash_password("another password"))
    at.run()
    assert "the creator's numbers" not in _shown(at)


def test_gate_from_streamlit_secrets(monkeypatch: pytest.MonkeyPatch, stored: str) -> None:
    monkeypatch.delenv("CREATOR_ANALYTICS_PASSWORD_HASH", raising=False)
    at = _app()
    at.secrets["password_hash"] = stored
    at.run()
    assert "the creator's numbers" not in _shown(at)
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert _shown(at) == ["the creator's numbers"]


def test_invalid_hash_locks_the_dashboard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_PASSWORD_HASH", "my-password-in-clear")
    at = _app().run()
    assert "the creator's numbers" not in _shown(at)
    assert len(at.text_input) == 0
    assert "not valid" in at.error[0].value


def test_the_app_asks_for_the_password(
    monkeypatch: pytest.MonkeyPatch, stored: str, tmp_path: Path
) -> None:
    from tests.dashboard_store import build_store

    monkeypatch.setenv("CREATOR_ANALYTICS_DB", build_store(tmp_path / "s.duckdb"))
    monkeypatch.setenv("CREATOR_ANALYTICS_PASSWORD_HASH", stored)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in"]
    assert len(at.metric) == 0 and len(at.dataframe) == 0
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert "Sign in" not in [t.value for t in at.title]
    assert len(at.metric) == 4  # the Overview's tiles
    for page in sorted((REPO / "pages").glob("*.py")):  # a page opened on its own is gated too
        alone = AppTest.from_file(str(page), default_timeout=TIMEOUT).run()
        assert "Sign in" in [t.value for t in alone.title], page.name
        assert len(alone.dataframe) == 0 and len(alone.metric) == 0, page.name
        assert len(alone.get("plotly_chart")) == 0 and "channel" not in [
            w.key for w in alone.selectbox
        ], page.name
