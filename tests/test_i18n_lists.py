"""Lists and import statuses in each language: one list separator, every status translated."""

from __future__ import annotations

from analytics.i18n import join_list, t


def test_lists_are_joined_the_languages_way() -> None:
    assert join_list(["Geography", "Age", "Devices"], "en") == "Geography, Age, Devices"
    assert (
        join_list(["地理位置", "粉丝性别", "粉丝活跃时间"], "zh")
        == "地理位置、粉丝性别、粉丝活跃时间"
    )
    assert join_list(["Cities"], "zh") == "Cities"
    assert join_list([], "en") == ""


def test_every_status_an_import_can_have_is_translated() -> None:
    # the store writes these four (writer, import history)
    statuses = {
        "loaded": "已导入",
        "duplicate": "重复（未更改）",
        "failed": "失败",
        "undone": "已撤销",
    }
    for status, zh in statuses.items():
        assert t(f"import.status.{status}", "zh") == zh
        assert t(f"import.status.{status}", "en") == status
