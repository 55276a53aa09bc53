"""A supplier's goods paid as they came (收到张记牛腩50斤,现结 · …,现金1000 · …,单价32,付了1000): kept as the
supplier's payment tied to that delivery, so it owes nothing (or the rest) for it; corrected and undone with it; and
cash paid out of a store's till taken off what its cash-up expects. Through the real conversation, on the demo
restaurant chain."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import confirmed, make_chat, texts


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")


def account(chat) -> str:  # type: ignore[no-untyped-def]
    return texts(chat.say("chen", "欠张记多少钱")).splitlines()[-1]


def test_goods_paid_on_the_spot_owe_nothing_at_the_cost_they_were_paid(chat):
    reply = confirmed(chat, "chen", "收到张记牛腩50斤,现结").splitlines()
    # no cost said: kept at the recent cost (the catalog's ¥32), what was paid
    assert reply[0] == "✅ 已记录:中心仓入库 牛腩 50斤(2箱+10)(张记肉业),进价 ¥32.00/斤,共 ¥1,600.00"
    assert reply[-1] == "💰 当场付清:付给张记肉业 ¥1,600.00(没写进价,按近期进价估算)。"
    assert account(chat) == "张记肉业累计:进货 ¥1,600.00(按进价,减退货),已付 ¥1,600.00,应付 ¥0.00。"
    confirmed(chat, "chen", "收到张记牛腩50斤,单价40")   # a dearer delivery since: the first stays paid in full
    assert account(chat) == "张记肉业累计:进货 ¥3,600.00(按进价,减退货),已付 ¥1,600.00,应付 ¥2,000.00。"
    assert "已撤销" in texts(chat.say("chen", "撤销"))   # the dearer one
    assert "还要撤销更早的这笔" in texts(chat.say("chen", "撤销"))
    assert "已撤销" in texts(chat.press("chen", "撤销这笔"))   # the paid one: its payment with it
    assert account(chat) == "张记肉业累计:进货 ¥0.00(按进价,减退货),已付 ¥0.00,应付 ¥0.00。"


def test_an_amount_paid_of_the_goods_leaves_the_rest_owed_through_a_correction(chat):
    reply = confirmed(chat, "chen", "收到张记牛腩50斤,单价32,付了1000").splitlines()
    assert reply[-1] == "💰 当场付了:付给张记肉业 ¥1,000.00。这批货共 ¥1,600.00,还欠 ¥600.00。"
    assert account(chat) == "张记肉业累计:进货 ¥1,600.00(按进价,减退货),已付 ¥1,000.00,应付 ¥600.00。"
    fixed = texts(chat.say("chen", "不对,是40斤")).splitlines()   # the amount paid stays what was paid
    assert fixed[-1] == "💰 当场付了:付给张记肉业 ¥1,000.00。这批货共 ¥1,280.00,还欠 ¥280.00。"
    assert account(chat) == "张记肉业累计:进货 ¥1,280.00(按进价,减退货),已付 ¥1,000.00,应付 ¥280.00。"
    chat.say("chen", "撤销")   # the correction undone: the first write, and its payment, again
    assert account(chat) == "张记肉业累计:进货 ¥1,600.00(按进价,减退货),已付 ¥1,000.00,应付 ¥600.00。"


def test_the_money_said_prices_the_goods_and_says_how_they_were_paid(chat):
    reply = confirmed(chat, "chen", "收到张记牛腩50斤,微信600现金1000").splitlines()
    assert reply[0].endswith("进价 ¥32.00/斤,共 ¥1,600.00")
    assert reply[-1] == "💰 当场付清:付给张记肉业 ¥1,600.00(微信 ¥600.00 + 现金 ¥1,000.00)。"
    assert account(chat).endswith("已付 ¥1,600.00,应付 ¥0.00。")
    confirmed(chat, "chen", "收到张记牛腩10斤,单价30,付了400")   # more than the goods: paid ahead
    assert account(chat) == "张记肉业累计:进货 ¥1,900.00(按进价,减退货),已付 ¥2,000.00,多付 ¥100.00(预付款)。"


def test_freight_paid_with_the_goods_or_apart_is_paid_once(chat):
    confirmed(chat, "chen", "收到张记牛腩10斤,单价30,运费50,现结")   # all of it, freight too
    assert account(chat) == "张记肉业累计:进货 ¥350.00(按进价,减退货),已付 ¥350.00,应付 ¥0.00。"
    reply = confirmed(chat, "chen", "收到张记牛腩10斤,单价30,运费50已付,现金付的").splitlines()
    assert "💰 当场付清:付给张记肉业 ¥300.00(现金)。" in reply   # the goods; the freight went apart
    assert reply[-1] == "运费 ¥50.00 已另付,不算张记肉业的货款。"
    assert account(chat) == "张记肉业累计:进货 ¥700.00(按进价,减退货),已付 ¥700.00,应付 ¥0.00。"
    fixed = texts(chat.say("chen", "不对,是20斤")).splitlines()   # corrected: goods paid as they are now, freight once
    assert "💰 当场付清:付给张记肉业 ¥650.00(现金)。" in fixed and fixed[-1] == "运费 ¥50.00 已另付,不算张记肉业的货款。"
    assert account(chat) == "张记肉业累计:进货 ¥1,050.00(按进价,减退货),已付 ¥1,050.00,应付 ¥0.00。"


def test_cash_paid_out_of_the_till_is_not_expected_in_it(chat):
    chat.say("xiaowang", "卖了牛腩10斤,现金")   # ¥480 in
    reply = texts(chat.say("xiaowang", "收到张记牛腩10斤,现金300"))   # ¥300 out to the driver
    assert reply.splitlines()[-1] == "💰 当场付清:付给张记肉业 ¥300.00(现金)。"
    got = texts(chat.say("xiaowang", "日结:现金180")).splitlines()
    assert got[1] == "账上应收 ¥180.00(当场收钱的销售 ¥480.00 + 收回的欠款 ¥0.00 − 现金付给供应商 ¥300.00),正好对上 ✅"
    assert got[2] == "按付款方式:现金 点 ¥180.00 / 账 ¥180.00 ✅"
    asked = texts(chat.say("xiaowang", "今天现金收了多少")).splitlines()   # takings stay takings
    assert asked == ["💰 南山店 06-15 记为现金的收款 ¥480.00", "日结点的现金 ¥180.00(1 天) ✅",
                     "(日结那几天现金付出 ¥300.00(供应商、费用),点的现金里本就没有)"]
    chat.say("xiaowang", "撤销")   # the receipt undone: its payment too, the cash back in the books
    got = texts(chat.say("xiaowang", "日结:现金480")).splitlines()
    assert got[2] == "账上应收 ¥480.00(当场收钱的销售 ¥480.00 + 收回的欠款 ¥0.00),正好对上 ✅"
    confirmed(chat, "liu", "付给张记200,现金")   # the manager pays from the same till
    got = texts(chat.say("xiaowang", "日结:现金280")).splitlines()
    assert got[2].startswith("账上应收 ¥280.00(") and got[2].endswith("正好对上 ✅")
    # another store's people pay from their own till: not this one's
    confirmed(chat, "zhao", "付给张记100,现金")
    got = texts(chat.say("xiaowang", "日结:现金280")).splitlines()
    assert got[2].startswith("账上应收 ¥280.00(")


def test_the_cash_the_till_should_hold_is_takings_in_cash_less_what_went_out(chat):
    """钱箱里应该有多少钱 · 现金有多少 · 昨天收银机里应该有多少现金: the sales said paid in cash, less cash paid to
    suppliers and on costs; sales that said no way named apart; the day's count beside it (before: 「钱箱里…」 an
    unknown product, 今天应该有多少现金 a correction of an earlier write asked for a quantity)."""
    chat.say("xiaowang", "卖了牛腩10斤,现金")   # ¥480 in
    chat.say("xiaowang", "卖了可乐2瓶")          # ¥10, no way said
    chat.say("xiaowang", "收到张记牛腩5斤,现金150")   # ¥150 out to the driver
    confirmed(chat, "liu", "费用:打印纸30元,现金")   # ¥30 out on a cost
    asked = texts(chat.say("xiaowang", "钱箱里应该有多少钱")).splitlines()
    assert asked == ["💰 南山店 06-15 钱箱里应有现金 ¥300.00(记为现金的收款 ¥480.00 − 现金付给供应商 ¥150.00"
                     " − 现金付的费用 ¥30.00)", "另有 ¥10.00 的收款没说付款方式,如果收的是现金,也在钱箱里。",
                     "(不含开店时放的备用零钱)"]
    chat.say("xiaowang", "日结:现金310")
    assert texts(chat.say("xiaowang", "今天应该有多少现金")).splitlines()[2] == "日结点的现金 ¥310.00。"
    assert texts(chat.say("xiaowang", "昨天收银机里应该有多少现金")).startswith(
        "💰 南山店 06-14 钱箱里应有现金 ¥0.00(记为现金的收款 ¥0.00)")
    chat.say("xiaowang", "switch to English")
    assert texts(chat.say("xiaowang", "现金有多少")).startswith(
        "💰 南山店 06-15: the till should hold ¥300.00 in cash (takings recorded as cash ¥480.00 − cash paid to"
        " suppliers ¥150.00 − costs paid in cash ¥30.00)")


def test_goods_paid_from_the_till_with_no_supplier_named_are_money_gone_on_no_account(chat):
    """去市场买了青椒5公斤,花了50,现金 · 收到土豆10斤,现结: paid, on no one's account (no supplier named), the cash
    gone from the till all the same; undone with the goods. Before: nothing kept, the till expecting the cash still."""
    before = account(chat)
    chat.say("xiaowang", "卖了牛腩10斤,现金")   # ¥480 in
    reply = texts(chat.say("xiaowang", "去市场买了青椒5公斤,花了50,现金")).splitlines()
    assert reply[0] == "✅ 已记录:南山店入库 青椒 5公斤,进价 ¥10.00/公斤,共 ¥50.00"
    assert reply[-1] == "💰 当场付清:付货款 ¥50.00(现金),没说是哪家供应商,不记往来账。"
    reply = texts(chat.say("xiaowang", "收到土豆10斤,现结")).splitlines()   # no cost said: at the recent cost
    assert reply[-1] == "💰 当场付清:付货款 ¥15.00,没说是哪家供应商,不记往来账(没写进价,按近期进价估算)。"
    assert texts(chat.say("xiaowang", "钱箱里应该有多少钱")).startswith(
        "💰 南山店 06-15 钱箱里应有现金 ¥430.00(记为现金的收款 ¥480.00 − 现金付给供应商 ¥50.00)")
    chat.say("xiaowang", "撤销")   # (the potatoes: no way said, no cash)
    chat.say("xiaowang", "撤销")   # the peppers asked first (not the last write): confirmed
    assert "已撤销" in texts(chat.press("xiaowang", "撤销这笔"))
    got = texts(chat.say("xiaowang", "日结:现金480")).splitlines()
    assert got[1] == "账上应收 ¥480.00(当场收钱的销售 ¥480.00 + 收回的欠款 ¥0.00),正好对上 ✅", got
    assert account(chat) == before   # (张记's account untouched)


def test_goods_said_bought_for_an_amount_were_paid_that(chat):
    """今天可乐进了2箱,花了96: the money spent is what they cost and it was paid (before: priced, owed to no one and
    never paid). With a supplier named, paid to it."""
    reply = texts(chat.say("xiaowang", "今天可乐进了2箱,花了96")).splitlines()
    assert reply[0] == "✅ 已记录:南山店入库 可乐 48瓶(2箱),进价 ¥2.00/瓶(¥48.00/箱),共 ¥96.00", reply
    assert reply[-1] == "💰 当场付清:付货款 ¥96.00,没说是哪家供应商,不记往来账。", reply
    reply = confirmed(chat, "chen", "张记送了牛腩50斤,花了1500").splitlines()
    assert reply[-1] == "💰 当场付清:付给张记肉业 ¥1,500.00。", reply
    assert account(chat) == "张记肉业累计:进货 ¥1,500.00(按进价,减退货),已付 ¥1,500.00,应付 ¥0.00。"


def test_paid_in_part_with_the_rest_said_owed(chat):
    reply = confirmed(chat, "chen", "收到张记牛腩50斤,付了1000,剩下的下次给").splitlines()
    assert reply[0] == "✅ 已记录:中心仓入库 牛腩 50斤(2箱+10)(张记肉业)"   # 1000 is a part: never their price
    assert reply[-1] == "💰 当场付了:付给张记肉业 ¥1,000.00。这批货共 ¥1,600.00,还欠 ¥600.00。"
    reply = confirmed(chat, "chen", "收到张记牛腩50斤,付了1000,还欠600").splitlines()   # the two: their price
    assert reply[0] == "✅ 已记录:中心仓入库 牛腩 50斤(2箱+10)(张记肉业),进价 ¥32.00/斤,共 ¥1,600.00"
    assert account(chat) == "张记肉业累计:进货 ¥3,200.00(按进价,减退货),已付 ¥2,000.00,应付 ¥1,200.00。"


def test_costs_paid_in_cash_out_of_the_till_are_not_expected_in_it(chat):
    chat.say("xiaowang", "卖了牛腩10斤,现金")   # ¥480 in
    assert "打印纸 ¥50.00(今天,南山店,现金)" in texts(chat.say("liu", "从钱箱拿了50买打印纸"))
    assert "(06-15,南山店,现金)" in texts(chat.press("liu", "确认"))
    assert "拖把(其他) ¥30.00(06-15,南山店,现金)" in confirmed(chat, "liu", "费用:拖把30元,现金")
    assert "(06-15,南山店,微信)" in confirmed(chat, "liu", "交电费800,微信")   # not out of the till
    got = texts(chat.say("xiaowang", "日结:现金400")).splitlines()
    assert got[1] == "账上应收 ¥400.00(当场收钱的销售 ¥480.00 + 收回的欠款 ¥0.00 − 现金付的费用 ¥80.00),正好对上 ✅"
    costs = [x for x in chat.export("expenses") if not x.get("reverses")]
    assert [(x["note"], x.get("method")) for x in costs] == [("打印纸", "cash"), ("拖把", "cash"), ("电费", "wechat")]
    assert "已撤销费用 #3" in texts(chat.say("liu", "撤销"))   # the electricity, paid by WeChat: the till as it was
    assert texts(chat.say("xiaowang", "日结:现金400")).splitlines()[2].startswith("账上应收 ¥400.00(")
    chat.say("liu", "费用:打印纸50元,现金")
    chat.press("liu", "确认")
    assert "已撤销费用 #5" in texts(chat.say("liu", "撤销"))   # one in cash undone: never out of the till
    assert texts(chat.say("xiaowang", "日结:现金400")).splitlines()[2].startswith("账上应收 ¥400.00(")


def test_a_customers_sale_paid_in_part_or_at_a_price_is_asked_which(chat):
    chat.say("chen", "收到可乐10箱")
    confirmed(chat, "chen", "从中心仓调10箱可乐到南山店")
    asked = texts(chat.say("xiaowang", "团餐拿了可乐2箱,付了现金100"))   # ¥240 at its prices: a part, or the price?
    assert asked.startswith("付了 ¥100.00,这批货按价是 ¥240.00:是只付了一部分(其余记在账上),还是这批货就按 ¥100.00 卖、已付清?")
    done = texts(chat.press("xiaowang", "付了一部分")).splitlines()
    assert done[-1] == "💰 当场付了:收到美团团餐付款 ¥100.00(现金)。这批货共 ¥240.00,还欠 ¥140.00。"
    owed = lambda: texts(chat.say("liu", "团餐欠多少")).splitlines()[-1]  # noqa: E731
    assert owed() == "美团团餐累计:货款 ¥240.00,已收 ¥100.00,未收 ¥140.00。"
    chat.say("xiaowang", "团餐拿了可乐1箱,付了100")
    done = texts(chat.press("xiaowang", "就按这个价"))   # sold at ¥100, paid in full
    assert "(原价 ¥120.00,优惠 ¥20.00,实收 ¥100.00)" in done and "💰 当场付清:收到美团团餐付款 ¥100.00。" in done
    assert owed() == "美团团餐累计:货款 ¥340.00,已收 ¥200.00,未收 ¥140.00。"
    done = texts(chat.say("xiaowang", "团餐拿了可乐1箱,先付了50"))   # said a part: not asked
    assert done.endswith("💰 当场付了:收到美团团餐付款 ¥50.00。这批货共 ¥120.00,还欠 ¥70.00。")
    fixed = texts(chat.say("xiaowang", "不对,是2箱"))   # corrected: the part paid stays what was paid
    assert fixed.endswith("💰 当场付了:收到美团团餐付款 ¥50.00。这批货共 ¥240.00,还欠 ¥190.00。")
    assert owed() == "美团团餐累计:货款 ¥580.00,已收 ¥250.00,未收 ¥330.00。"
    assert texts(chat.say("xiaowang", "团餐拿了可乐1箱,付了50,剩下的月结")).endswith("还欠 ¥70.00。")
    got = texts(chat.say("xiaowang", "日结:现金250,微信50")).splitlines()   # ¥100 + ¥100 + ¥50 + ¥50 in hand
    assert got[1] == "账上应收 ¥300.00(当场收钱的销售 ¥100.00 + 收回的欠款 ¥200.00),正好对上 ✅", got


def test_a_sale_paid_in_part_still_meets_the_customers_credit_limit(chat):
    chat.say("chen", "收到可乐60箱")
    held = texts(chat.say("chen", "团餐拿了可乐50箱,先付了100"))   # ¥6,000 over the ¥5,000 limit: ¥100 paid is no pass
    assert held.endswith("\n销售 #1 超出美团团餐的信用额度 ¥5,000.00,已暂停并提交店长审核,批准后自动记录。"), held
    done = texts(chat.press("boss", "批准"))   # approved: recorded then, its part paid kept with it
    assert "💰 当场付了:收到美团团餐付款 ¥100.00。这批货共 ¥6,000.00,还欠 ¥5,900.00。" in done
    paid = texts(chat.say("chen", "团餐拿了可乐10箱,现结"))   # paid in full: no credit taken, not held
    assert "💰 当场付清:收到美团团餐付款 ¥1,200.00。" in paid
    taken = texts(chat.say("chen", "团餐拿了可乐2箱,收了200"))   # what we took for them: sold at that, paid
    assert "(原价 ¥240.00,优惠 ¥40.00,实收 ¥200.00)" in taken and taken.endswith("💰 当场付清:收到美团团餐付款 ¥200.00。")


def test_the_part_paid_takes_no_credit_and_the_managers_review_says_it(chat):
    """团餐拿了可乐45箱,先付了1000: ¥5,400 of goods, ¥4,400 on account, within the ¥5,000 limit: recorded, not held
    (before: held for the whole). Held, the manager's review says what was paid and what is on account."""
    chat.say("chen", "收到可乐100箱")
    done = texts(chat.say("chen", "团餐拿了可乐45箱,先付了1000"))
    assert done.startswith("✅ 已记录:中心仓销售 可乐") and "还欠 ¥4,400.00" in done, done
    held = chat.say("chen", "团餐拿了可乐10箱,先付了200")   # ¥1,200, ¥1,000 on account: ¥5,400 used of ¥5,000
    review = next(m["text"] for m in held if m["to"] == "zhao" or m["to"] == "boss" or m["to"] == "liu")
    assert "金额 ¥1,200.00(当场付了 ¥200.00,赊账 ¥1,000.00),已用额度 ¥4,400.00" in review, review


def test_a_delivery_paid_from_the_till_undone_the_next_day_never_left_it(chat):
    chat.say("xiaowang", "卖了牛腩10斤,现金")
    chat.say("xiaowang", "收到张记牛腩10斤,现金300")
    assert "正好对上 ✅" in texts(chat.say("xiaowang", "日结:现金180"))
    chat.send(at="2026-06-16T10:00:00+08:00")
    chat.say("xiaowang", "撤销昨天收的牛腩")
    assert texts(chat.press("xiaowang", "确认")) == "↩️ 已撤销:牛腩 10斤"   # its payment undone with it
    assert texts(chat.say("xiaowang", "昨天的日结")).splitlines()[1].startswith(   # (as a sale undone: never was)
        "账上应收 ¥480.00(当场收钱的销售 ¥480.00 + 收回的欠款 ¥0.00),少了 ¥300.00")
    assert texts(chat.say("xiaowang", "日结:现金0")).splitlines()[1].startswith("账上应收 ¥0.00(")   # nothing back in


def test_a_periods_goods_paid_pay_those_goods_and_no_more(chat):
    """张记这个月的货款付了 · 张记上个月的货款结了: what that period's deliveries came to, no more than is owed, less
    what was paid for them so said before; the aging sees those deliveries paid, older ones still open. Before: all
    that was owed (May's ¥1,500 too), and 张记上个月的货款结了 was a question."""
    chat.say("chen", "5月20日收到张记牛腩50斤,单价30")   # ¥1,500 in May
    chat.say("chen", "收到张记牛腩10斤,单价32")           # ¥320 in June
    asked = texts(chat.say("chen", "张记这个月的货款付了"))
    assert asked == "💰 确认记一笔:付给张记肉业 ¥320.00(06-01至06-15的货,最多付到这段时间的货款)?"
    assert texts(chat.press("chen", "确认")).endswith("已付 ¥320.00,应付 ¥1,500.00。")
    again = texts(chat.say("chen", "张记这个月的货款付了")).splitlines()   # paid already: nothing asked
    assert again[0] == "06-01至06-15的货款已经付了(或没有进货),没有要付的。"
    aging = texts(chat.say("boss", "张记的账龄")).splitlines()
    assert aging[0].startswith("📒 张记肉业") and "1 笔未结清" in aging[0] and aging[1].startswith("· 05-20 牛腩"), aging
    assert "¥1,500.00" in texts(chat.say("chen", "张记上个月的货款结了"))
    assert texts(chat.press("chen", "确认")).endswith("已付 ¥1,820.00,应付 ¥0.00。")



def test_a_share_of_what_is_owed_paid_and_asked_whether_it_is_settled(chat):
    """张记的钱付了一半: half of what it is owed (before: ¥1, the 一 of 一半); 张记的账结清了吗: its account (before: an
    unknown product)."""
    confirmed(chat, "chen", "收到张记牛腩50斤")                                  # ¥1,600 owed
    out = texts(chat.say("chen", "张记的钱付了一半"))
    assert "付给张记肉业 ¥800.00" in out, out
    chat.press("chen", "确认")
    assert account(chat) == "张记肉业累计:进货 ¥1,600.00(按进价,减退货),已付 ¥800.00,应付 ¥800.00。"
    out = texts(chat.say("chen", "张记的账结清了吗"))
    assert out.splitlines()[-1] == "张记肉业累计:进货 ¥1,600.00(按进价,减退货),已付 ¥800.00,应付 ¥800.00。", out
    assert "付给张记肉业 ¥240.00" in texts(chat.say("chen", "张记货款付了30%"))   # (of the ¥800 still owed)
    assert "付给张记肉业 ¥400.00" in texts(chat.say("chen", "付张记一半"))            # (was ¥1)
    assert "付给张记肉业 ¥266.67" in texts(chat.say("chen", "先还张记三分之一"))     # (was an unknown product 先)


def test_money_on_an_account_said_in_english(chat):
    """we paid zhang ji 3000 by wechat · meituan paid 2000 · we paid zhang ji half · is zhang ji paid off (before:
    none understood); sold 3 cases of coke to the group canteen names a customer the catalog lacks (before: dropped)."""
    confirmed(chat, "chen", "收到张记牛腩50斤")                                  # ¥1,600 owed
    assert "付给张记肉业 ¥1,000.00(微信)" in texts(chat.say("chen", "we paid zhang ji 1000 by wechat"))
    chat.press("chen", "确认")
    assert "¥300.00" in texts(chat.say("chen", "we paid zhang ji half"))   # (of the ¥600 still owed)
    chat.press("chen", "确认")
    out = texts(chat.say("chen", "is zhang ji paid off"))
    assert out.splitlines()[-1] == "张记肉业累计:进货 ¥1,600.00(按进价,减退货),已付 ¥1,300.00,应付 ¥300.00。", out
    assert "¥2,000.00" in texts(chat.say("liu", "meituan paid 2000"))
    out = texts(chat.say("xiaowang", "sold 3 cases of coke to the group canteen"))
    assert "「group canteen」不在客户目录里" in out, out
