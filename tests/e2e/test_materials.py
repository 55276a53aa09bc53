"""A production plan's materials (MRP) asked in the chat: through the recipes, level by level, against the store's
stock and what is on order, what is short ordered from each supplier once confirmed."""
from __future__ import annotations

from tests.e2e.conftest import foam_lattes, texts


def test_a_plan_is_exploded_netted_and_what_is_short_ordered_from_each_supplier(chat):
    foam_lattes(chat)   # lattes from milk foam (from milk) and beans
    for said in ("可颂的配方:高筋面粉50克,黄油25克,鸡蛋半个", "黄油的供应商改成光明", "全脂牛奶的供应商改成光明"):
        chat.say("zhou", said)
        chat.press("zhou", "确认")
    chat.say("zhou", "向光明订黄油5kg,后天送到")
    before, orders = chat.stock(), len(chat.export("orders"))
    said = texts(chat.say("amy", "下周要做可颂1000个、拿铁500杯,原料够不够"))
    assert "🧮 物料需求(徐汇店6月22日前做 可颂 1000个、拿铁 500杯):" in said
    assert "其中要先做:奶泡 75升" in said                          # 500 × 0.15 L, none on hand
    assert "· 高筋面粉:要 50kg(2袋),现有 100kg(4袋) ✓ 够" in said
    # 1000 × 25 g = 25 kg; 10 held, 5 coming: 10 short, one case
    assert "· 黄油:要 25kg(2箱+5),现有 10kg(1箱),在途 5kg → 缺 10kg(1箱),建议订 10kg(1箱)(光明乳业),最晚 6月21日 下单" in said
    assert "· 鸡蛋:要 500个(16板+20),现有 300个(10板) → 缺 200个(6板+20),建议订 210个(7板)(未设供应商)" in said
    assert "· 全脂牛奶:要 90升(7箱+6),现有 36升(3箱) → 缺 54升(4箱+6),建议订 60升(5箱)(光明乳业)" in said  # 75 × 1.2
    assert "· 咖啡豆:要 9kg,现有 20kg(2箱) ✓ 够" in said and "⚠️ 3 样原料不够。" in said
    assert "要按建议下 2 张采购单吗?" in said
    assert chat.stock() == before and len(chat.export("orders")) == orders   # a question: nothing recorded yet
    chat.press("amy", "确认")   # staff: requests, each for a manager to approve
    placed = [o for o in chat.export("orders")][orders:]
    assert sorted((o["partner"] or "", o["status"], [(ln["sku"], ln["qty"]) for ln in o["lines"]]) for o in placed) == [
        ("", "pending_approval", [("B06", "210")]), ("V01", "pending_approval", [("B07", "10"), ("B01", "60")])]
    assert {o["due"][:10] for o in placed} == {"2026-06-22"}


def test_a_plan_the_store_can_make_offers_nothing_and_one_without_a_recipe_is_said(chat):
    chat.say("zhou", "可颂的配方:高筋面粉50克,黄油25克")
    chat.press("zhou", "确认")
    said = texts(chat.say("amy", "做100个可颂需要多少原料"))
    assert "· 高筋面粉:要 5kg,现有 100kg(4袋) ✓ 够" in said and "✅ 原料都够。" in said and "要按建议" not in said
    assert "纸杯还没有配方,算不出要用的原料" in texts(chat.say("amy", "生产计划:可颂100个,纸杯50个"))
    chat.say("amy", "switch to English")
    assert "🧮 Materials (徐汇店, to make 可颂 100个):" in texts(chat.say("amy", "做100个可颂需要多少原料"))
