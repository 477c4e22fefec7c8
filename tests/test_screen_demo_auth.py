"""The demo store never mixes with real data; the sign-in cookie survives reloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import session_token
from analytics.cli import main
from analytics.ingest import ImportOptions
from analytics.passwords import hash_password
from analytics.services import demo
from analytics.services.imports import import_files
from tests.helpers import one

REPO = Path(__file__).resolve().parents[1]
XHS = "xiaohongshu-notes-2026/笔记列表明细表.xlsx"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not (demo.SAMPLE_DIR / "manifest.json").is_file():
        pytest.skip("sample_data/ is not part of this checkout")
    path = str(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    demo.build_sample_store(path)
    return path


def _real_store(realdata: Path, tmp_path: Path) -> str:
    db = str(tmp_path / "creator.duckdb")
    data = (realdata / XHS).read_bytes()
    reports = import_files(db, [("笔记列表明细表.xlsx", data)], options=ImportOptions())
    assert reports[0].status == "loaded"
    return db


def test_demo_refuses_a_store_with_real_imports(
    realdata: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _real_store(realdata, tmp_path)
    before = one(db, "SELECT count(*) FROM videos")
    assert main(["demo", "--db", db]) == 1
    assert "never added" in capsys.readouterr().err
    assert one(db, "SELECT count(*) FROM videos") == before == 41
    assert one(db, "SELECT count(*) FROM imports WHERE file_name LIKE 'sample_data/%'") == 0
    assert demo.ensure_sample_store(db) is False  # never fills a store that has data
    with pytest.raises(demo.RealDataStoreError):
        demo.build_sample_store(db)
    assert one(db, "SELECT count(*) FROM videos") == 41


def test_demo_command_writes_its_own_store(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_store: str
) -> None:
    monkeypatch.setenv(demo.ENV_DEMO_DB, str(tmp_path / "d.duckdb"))
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", str(tmp_path / "creator.duckdb"))
    assert demo.demo_db_path() == tmp_path / "d.duckdb"
    # The user's store is not even created by showing the demo.
    assert demo.store_to_show() == (str(tmp_path / "d.duckdb"), True)
    assert not (tmp_path / "creator.duckdb").exists()
    assert demo.is_demo_store(demo_store) and demo.real_import_count(demo_store) == 0


def test_app_shows_the_labelled_demo_until_the_first_own_import(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_store: str, realdata: Path
) -> None:
    user = tmp_path / "creator.duckdb"
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", str(user))
    monkeypatch.setenv(demo.ENV_DEMO_DB, demo_store)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert any("made-up creator" in i.value for i in at.info)
    assert any("Demo data" in w.value for w in at.sidebar.warning)
    assert len(at.metric) == 4  # the demo's own numbers
    assert not user.exists()  # nothing was written into the user's store
    at.switch_page("pages/1_Import.py").run()
    assert not at.exception
    assert any("your own store" in i.value for i in at.info)  # imports go to the user's store
    # After the first own import the user's store is shown, without the banner.
    _real = _real_store(realdata, tmp_path)
    assert _real == str(user)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
    assert not any("made-up creator" in i.value for i in at.info)
    assert one(str(user), "SELECT count(*) FROM imports WHERE file_name LIKE 'sample_data/%'") == 0


def test_session_token() -> None:
    key = session_token.signing_key(hash_password("correct horse battery"))
    token = session_token.make_token(key, now=1_000_000)
    assert session_token.check_token(key, token, now=1_000_000 + 3600)
    assert not session_token.check_token(key, token, now=1_000_000 + session_token.MAX_AGE_S)
    other = session_token.signing_key(hash_password("another password"))
    assert not session_token.check_token(other, token, now=1_000_001)  # new password: signed out
    expiry, sig = token.split(".")
    assert not session_token.check_token(key, f"{int(expiry) + 10**6}.{sig}", now=1_000_001)
    for bad in ("", None, "abc", "1.2.3", f"{expiry}.", f"x{expiry}.{sig}"):
        assert not session_token.check_token(key, bad, now=1_000_001)


def _page() -> None:
    import streamlit as st

    from dashboard.auth import require_login

    require_login()
    st.write("the creator's numbers")


def test_a_signed_cookie_skips_the_form(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reload sends the cookie: the page opens without asking again; a forged one does not."""
    stored = hash_password("correct horse battery")
    monkeypatch.setenv("CREATOR_ANALYTICS_PASSWORD_HASH", stored)
    from dashboard import auth

    good = session_token.make_token(session_token.signing_key(stored))
    monkeypatch.setattr(auth, "cookie_token", lambda: good)
    at = AppTest.from_function(_page, default_timeout=60).run()
    assert [m.value for m in at.markdown] == ["the creator's numbers"]
    assert len(at.text_input) == 0
    forged = good[:-1] + ("1" if good.endswith("0") else "0")
    monkeypatch.setattr(auth, "cookie_token", lambda: forged)
    at = AppTest.from_function(_page, default_timeout=60).run()
    assert "the creator's numbers" not in [m.value for m in at.markdown]
    assert [t.value for t in at.title] == ["Sign in"]


def test_sign_in_page_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_PASSWORD_HASH", hash_password("correct horse battery"))
    at = AppTest.from_function(_page, default_timeout=60)
    at.query_params["lang"] = "zh"
    at.run()
    assert [t.value for t in at.title] == ["登录"]
    assert at.text_input[0].label == "密码"
    at.text_input[0].input("wrong password")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["密码错误。"]


def test_no_request_leaves_the_machine() -> None:
    config = (REPO / ".streamlit" / "config.toml").read_text()
    assert "gatherUsageStats = false" in config
    # A Material icon as page or tab icon makes the browser fetch it from the internet.
    for path in [
        REPO / "app.py",
        *(REPO / "dashboard").glob("*.py"),
        *(REPO / "pages").glob("*.py"),
    ]:
        assert ":material/" not in path.read_text(encoding="utf-8"), path.name
