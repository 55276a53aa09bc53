"""A partner's contact kept and asked in the chat (张记的联系人是王师傅,电话13800138000 · 张记电话13900139000 · 张记的电话
多少 · 怎么联系张记 · 团餐的资料): kept on the partner by a manager, asked first old → new, audited, in the partners'
export (and imported back); its card says whom to reach, the number, terms, lead time, and to those who buy or approve
the credit limit and what is owed. Before, 电话 was read as an unknown product. Through the real conversation, on the
demo restaurant chain."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import make_chat, texts


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")


def test_a_contact_is_kept_once_confirmed_and_on_the_partners_card(chat):
    card = texts(chat.say("liu", "张记的电话多少")).splitlines()
    assert card[:2] == ["📇 张记肉业(供应商)", "还没有记联系人和电话;说「张记肉业的联系人是王师傅,电话13800138000」记下。"]
    asked = texts(chat.say("liu", "张记的联系人是王师傅,电话138-0013-8000"))
    assert asked == "把张记肉业的联系人和电话从 未设置 改为 王师傅 13800138000 吗?"
    assert next(p for p in chat.export("partners") if p["code"] == "S01")["phone"] == ""   # (not until confirmed)
    chat.press("liu", "确认")
    chat.say("liu", "张记电话13900139000")   # the number alone: the contact stays
    chat.press("liu", "确认")
    row = next(p for p in chat.export("partners") if p["code"] == "S01")
    assert (row["contact"], row["phone"]) == ("王师傅", "13900139000")
    card = texts(chat.say("xiaowang", "怎么联系张记")).splitlines()   # staff: whom to reach, no money
    assert card[:3] == ["📇 张记肉业(供应商)", "联系人:王师傅", "电话:13900139000"]
    assert not any(line.startswith("应付") for line in card)
    assert texts(chat.say("chen", "张记的联系方式")).splitlines()[-1] == "应付:¥0.00"   # the purchaser: what is owed
    assert [a["detail"]["new"] for a in chat.export("audit") if a["action"] == "partner_changed"] == \
        ["王师傅 13800138000", "王师傅 13900139000"]
    before = chat.export("partners")
    assert texts(chat.say("liu", "张记电话12")).startswith("电话号码「12」不对")
    assert texts(chat.say("xiaowang", "张记电话13700137000")).startswith("你的角色没有这个权限")
    assert chat.export("partners") == before


def test_the_partners_export_with_contacts_imports_back(chat, tmp_path: Path):
    import csv
    from datetime import datetime

    from adapters import importer
    chat.say("liu", "团餐的联系人是李经理,电话13700137000")
    chat.press("liu", "确认")
    rows = chat.export("partners")
    path = tmp_path / "partners.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows([r | ({"contact": "王经理"} if r["code"] == "C01" else {}) for r in rows])   # edited and back in
    with chat.container.uow() as u:
        importer.import_file(u, "partners", path, now=datetime.fromisoformat("2026-06-15T10:00:00+08:00"))
        u.commit()
    row = next(p for p in chat.export("partners") if p["code"] == "C01")
    assert (row["contact"], row["phone"]) == ("王经理", "13700137000")
