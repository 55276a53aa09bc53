"""How a sale was paid (卖了手机壳3个,微信收款 · …,现金 · …,刷卡 · 刚才那笔是微信付的): kept on the sale's moves (sealed in
the chain), said back, and set against the cash-up's count of each method (日结:现金58,微信80 → 微信 点 ¥80.00 / 账
¥87.00 少 ¥7.00). Through the real conversation, on the phone shop (手机壳 ¥29, 充电宝 ¥89)."""
from __future__ import annotations

from tests.e2e.conftest import make_chat, texts


def test_each_method_is_set_against_the_sales_said_to_be_paid_by_it(shop):
    assert texts(shop.say("xm", "卖了手机壳3个,微信收款")).startswith("✅ 已记录:华强店销售 手机壳 3个(微信)\n")
    assert texts(shop.say("xm", "卖了手机壳2个,现金")).startswith("✅ 已记录:华强店销售 手机壳 2个(现金)\n")
    assert texts(shop.say("xm", "卖了充电宝1个 支付宝")).startswith("✅ 已记录:华强店销售 充电宝 1个(支付宝)\n")
    reply = texts(shop.say("xm", "日结:现金58,微信80,支付宝89")).splitlines()
    assert reply[1] == ("账上应收 ¥234.00(当场收钱的销售 ¥234.00 + 收回的欠款 ¥0.00),少了 ¥7.00 ⚠️:"
                        "是不是有销售记多了、找错了钱,或钱没收齐?")
    assert reply[2] == ("按付款方式:现金 点 ¥58.00 / 账 ¥58.00 ✅ · 微信 点 ¥80.00 / 账 ¥87.00 少 ¥7.00 ⚠️ · "
                        "支付宝 点 ¥89.00 / 账 ¥89.00 ✅")
    assert len(reply) == 3
    # the day asked for later reads the same, the count's methods with it
    assert texts(shop.say("lz", "华强店今天的日结")).splitlines()[2] == reply[2]


def test_a_sale_saying_no_method_may_be_what_is_over(shop):
    shop.say("xm", "卖了手机壳3个,微信收款")
    shop.say("xm", "卖了手机壳1个")                                           # ¥29, no method said
    reply = texts(shop.say("xm", "日结:现金29,微信87")).splitlines()
    assert reply[1].endswith(",正好对上 ✅")
    assert reply[2] == "按付款方式:现金 点 ¥29.00 / 账 ¥0.00 多 ¥29.00 · 微信 点 ¥87.00 / 账 ¥87.00 ✅"   # (no ⚠️)
    assert reply[3] == "另有 ¥29.00 的收款没说付款方式,多出来的可能是它们。"


def test_no_method_said_leaves_the_cash_up_as_it_was(shop):
    shop.say("xm", "卖了手机壳3个")
    reply = texts(shop.say("xm", "日结:现金87")).splitlines()
    assert len(reply) == 2 and reply[1].endswith(",正好对上 ✅")


def test_a_method_corrected_undone_and_refunded(shop):
    shop.say("xm", "卖了手机壳3个,微信收款")
    assert texts(shop.say("xm", "刚才那笔是现金")) == "✏️ 已更正为:华强店销售 手机壳 3个(现金)"
    assert texts(shop.say("xm", "不对,是现金")) == "刚才那笔已经记的是现金,没有改动。"
    shop.say("xm", "卖了充电宝2个,刷卡")
    assert texts(shop.say("xm", "撤销")).startswith("↩️ 已撤销")                  # (undone: out of the card's)
    shop.say("xm", "卖了充电宝1个,支付宝")
    assert "(退现金)" in texts(shop.say("xm", "客人退了一个充电宝,退了现金"))     # ¥89 back out of the cash
    reply = texts(shop.say("xm", "日结:现金0,支付宝89")).splitlines()
    assert reply[1].endswith(",多了 ¥2.00 ⚠️:是不是有销售没记,或赊账的记成了现结?")   # ¥87 of sales in the books
    assert reply[2] == "按付款方式:现金 点 ¥0.00 / 账 ¥-2.00 多 ¥2.00 ⚠️ · 支付宝 点 ¥89.00 / 账 ¥89.00 ✅"
    assert texts(shop.say("xm", "收到手机壳5个")).startswith("✅")
    assert texts(shop.say("xm", "刚才那笔是微信付的")) == "刚才那条不是销售或客户退货,没有付款方式可改。"


def test_english_and_the_moves_export(shop):
    shop.say("xm", "switch to English")
    for words, paid in (("sold 3 phone cases, paid by wechat", "(WeChat)"), ("sold 1 power bank, paid by card", "(card)")):
        out = shop.say("xm", words)   # (no unit said: the one assumed is asked first)
        assert paid in texts(out), texts(out)
        assert texts(shop.press("xm", out[-1]["buttons"][0][0])).startswith("✅ Recorded: ")
    sales = [r for r in shop.export("moves") if r["kind"] == "sale"]
    assert sorted((r["sku"], r["method"]) for r in sales) == [("A05", "wechat"), ("A07", "card")]
    reply = texts(shop.say("xm", "cash up: wechat 87, card 89")).splitlines()
    assert reply[2] == "By payment method: WeChat counted ¥87.00 / books ¥87.00 ✅ · card counted ¥89.00 / books ¥89.00 ✅"
    out = shop.say("xm", "sold 2 power banks, 100 by card, the rest in cash")
    assert "(card ¥100.00 + the rest by cash)" in texts(out), texts(out)
    shop.press("xm", out[-1]["buttons"][0][0])
    assert [r["method"] for r in shop.export("moves") if r["kind"] == "sale"][-1] == "card:100,cash"


def test_what_a_method_took_is_asked(shop):
    shop.say("xm", "卖了手机壳3个,微信收款")
    shop.say("xm", "卖了手机壳1个")
    assert texts(shop.say("xm", "今天微信收了多少")).splitlines() == [
        "💰 华强店 06-15 记为微信的收款 ¥87.00", "另有 ¥29.00 的收款没说付款方式。"]
    shop.say("xm", "日结:微信80,现金29")
    assert texts(shop.say("xm", "今天收了多少微信")).splitlines()[1] == "日结点的微信 ¥80.00(1 天) 少 ¥7.00 ⚠️"
    assert texts(shop.say("xm", "今天支付宝收了多少")).splitlines()[0] == "💰 华强店 06-15 记为支付宝的收款 ¥0.00"


def test_each_methods_takings_are_listed(shop):
    assert texts(shop.say("xm", "今天的收款明细")) == "💰 华强店 06-15 没有当场收钱的销售。"
    shop.say("xm", "卖了手机壳1个")
    assert texts(shop.say("xm", "今天各付款方式收了多少")).startswith("💰 华强店 06-15 的销售都没说付款方式(共 ¥29.00)。")
    shop.say("xm", "卖了手机壳3个,微信收款")
    shop.say("xm", "卖了手机壳2个,现金")
    shop.say("xm", "日结:微信87,现金87")
    assert texts(shop.say("xm", "收款明细")).splitlines() == [
        "💰 华强店 06-15 按付款方式的收款:现金 ¥58.00 · 微信 ¥87.00", "另有 ¥29.00 的收款没说付款方式。",
        "日结点的:现金 ¥87.00 · 微信 ¥87.00(1 天)"]


def test_the_evening_summary_says_how_the_day_was_paid(shop):
    shop.say("xm", "卖了手机壳3个,微信收款")
    shop.say("xm", "卖了手机壳2个,现金")
    shop.say("xm", "卖了手机壳1个")
    evening = next(m["text"] for m in shop.send(at="2026-06-15T21:30:01+08:00")
                   if m["to"] == "lz" and m["text"].startswith("🌙 华强店"))
    assert "今日收款:现金 ¥58.00 · 微信 ¥87.00 · 没说方式 ¥29.00" in evening.splitlines(), evening


def test_no_method_said_leaves_the_evening_summary_as_it_was(shop):
    shop.say("xm", "卖了手机壳3个")
    evening = next(m["text"] for m in shop.send(at="2026-06-15T21:30:01+08:00")
                   if m["to"] == "lz" and m["text"].startswith("🌙 华强店"))
    assert "今日收款" not in evening, evening


def test_the_owner_hears_each_stores(tmp_path, monkeypatch):
    """今天微信收了多少 · 收款明细 by the owner (no store of his own): each store's, not "which store?"."""
    from tests.conftest import DEMO

    demo = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    demo.say("xiaowang", "卖了牛腩2斤,微信")
    demo.say("xiaoli", "卖了牛腩1斤,现金")
    assert texts(demo.say("boss", "今天微信收了多少")) == \
        "💰 南山店 06-15 记为微信的收款 ¥96.00\n\n💰 福田店 06-15 记为微信的收款 ¥0.00"
    assert texts(demo.say("boss", "今天的收款明细")) == \
        "💰 南山店 06-15 按付款方式的收款:微信 ¥96.00\n\n💰 福田店 06-15 按付款方式的收款:现金 ¥48.00"


def test_a_customers_payment_on_its_account_says_how_it_was_paid(tmp_path, monkeypatch):
    """团餐付了300,现金 · 收到团餐货款200,微信 · 团餐微信转了…: the payment keeps its method (said back, asked first, undone
    with it), and the cash-up counts it under that method (before: among the money said no method)."""
    from tests.conftest import DEMO

    demo = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    demo.say("xiaowang", "卖了牛腩2斤,微信")                                             # ¥96
    assert texts(demo.say("liu", "团餐付了300,现金")) == "💰 确认记一笔:收到美团团餐付款 ¥300.00(现金)?"
    assert texts(demo.press("liu", "确认")).startswith("💰 已记:收到美团团餐付款 ¥300.00(现金)。")
    demo.say("liu", "收到团餐货款200,微信")
    demo.press("liu", "确认")
    assert texts(demo.say("liu", "撤销")).startswith("↩️ 已撤销:收到美团团餐付款 ¥200.00(微信)。")
    reply = texts(demo.say("liu", "日结:微信96,现金300")).splitlines()
    assert reply[1].endswith(",正好对上 ✅")
    assert reply[2] == "按付款方式:现金 点 ¥300.00 / 账 ¥300.00 ✅ · 微信 点 ¥96.00 / 账 ¥96.00 ✅"
    assert len(reply) == 3   # (nothing left without a method)


def test_a_sale_paid_several_ways_shares_its_value_among_them(shop):
    """微信60现金27 · 微信50,剩下的现金 · 一半微信一半现金 · 微信30: each way its part at the cash-up (before: 「微信」 was
    read as an unknown product and nothing was recorded)."""
    assert texts(shop.say("xm", "卖了手机壳3个,微信60现金27")).startswith(
        "✅ 已记录:华强店销售 手机壳 3个(微信 ¥60.00 + 现金 ¥27.00)\n")
    assert texts(shop.say("xm", "卖了充电宝1个,微信50,剩下的现金")).startswith(
        "✅ 已记录:华强店销售 充电宝 1个(微信 ¥50.00 + 其余现金)\n")                   # ¥89: ¥39 cash
    assert texts(shop.say("xm", "卖了手机壳2个,一半微信一半现金")).startswith(
        "✅ 已记录:华强店销售 手机壳 2个(微信、现金平分)\n")                           # ¥58: ¥29 each
    assert texts(shop.say("xm", "卖了手机壳2个,微信50")).startswith(
        "✅ 已记录:华强店销售 手机壳 2个(微信)")                                       # all of it, at ¥50
    assert texts(shop.say("xm", "收款明细")) == "💰 华强店 06-15 按付款方式的收款:现金 ¥95.00 · 微信 ¥189.00"
    reply = texts(shop.say("xm", "日结:现金95,微信189")).splitlines()
    assert reply[1].endswith(",正好对上 ✅") and reply[2] == \
        "按付款方式:现金 点 ¥95.00 / 账 ¥95.00 ✅ · 微信 点 ¥189.00 / 账 ¥189.00 ✅"
    split = [r["method"] for r in shop.export("moves") if r["kind"] == "sale"]
    assert split == ["wechat:60,cash:27", "wechat:50,cash", "wechat,cash", "wechat"]


def test_a_sale_paid_several_ways_by_the_goods_shares_its_value_by_them(shop):
    """3个微信2个现金 · 1个微信,其余现金 · 一个现金一个微信: each way the money of the goods it paid for, at what they went
    for (a discount's too), so the cash-up sets each against its count; a refund the same (before: 「微信」 an unknown
    product, nothing recorded)."""
    assert texts(shop.say("xm", "手机壳打8折卖了5个,3个微信2个现金")).startswith(
        "✅ 已记录:华强店销售 手机壳 5个(微信 ¥69.60 + 现金 ¥46.40)(原价 ¥145.00,打8折")       # ¥116: 3/5 and 2/5
    assert texts(shop.say("xm", "卖了手机壳3个,1个微信,其余现金")).startswith(
        "✅ 已记录:华强店销售 手机壳 3个(微信 ¥29.00 + 现金 ¥58.00)\n")
    assert texts(shop.say("xm", "充电宝卖了2个,一个现金一个微信")).startswith(
        "✅ 已记录:华强店销售 充电宝 2个(现金 ¥89.00 + 微信 ¥89.00)\n")
    assert texts(shop.say("xm", "退了手机壳2个,1个微信1个现金")).startswith(
        "✅ 已记录:华强店客户退回 手机壳 2个(退微信 ¥29.00 + 现金 ¥29.00)\n")
    assert texts(shop.say("xm", "收款明细")) == "💰 华强店 06-15 按付款方式的收款:现金 ¥164.40 · 微信 ¥158.60"
    reply = texts(shop.say("xm", "日结:现金164.4,微信158.6")).splitlines()
    assert reply[1].endswith(",正好对上 ✅"), reply


def test_the_ways_paid_say_what_was_paid(shop):
    """The ways' money is what the customer paid (as 实收 is): 微信60现金20 for 3 cases at ¥29 is ¥80 taken."""
    shop.say("xm", "卖了手机壳3个,微信60现金20")
    assert texts(shop.say("xm", "收款明细")) == "💰 华强店 06-15 按付款方式的收款:现金 ¥20.00 · 微信 ¥60.00"
    assert "销售额约 ¥80.00" in texts(shop.say("xm", "今天卖了多少钱"))


def test_a_split_corrected_and_its_quantity_changed(shop):
    shop.say("xm", "卖了手机壳3个,微信收款")
    assert texts(shop.say("xm", "刚才那笔是微信60现金27")) == "✏️ 已更正为:华强店销售 手机壳 3个(微信 ¥60.00 + 现金 ¥27.00)"
    assert texts(shop.say("xm", "收款明细")) == "💰 华强店 06-15 按付款方式的收款:现金 ¥27.00 · 微信 ¥60.00"
    # 6 cases now: ¥174, the amounts said kept in their proportion (the till never holds more or less than the sale)
    assert texts(shop.say("xm", "不对,是6个")).startswith("✏️ 已更正为:华强店销售 手机壳 6个(微信 ¥60.00 + 现金 ¥27.00)")
    assert texts(shop.say("xm", "收款明细")) == "💰 华强店 06-15 按付款方式的收款:现金 ¥54.00 · 微信 ¥120.00"
    assert texts(shop.say("xm", "撤销")).startswith("↩️ 已撤销")                    # (the correction: 3 cases again)
    assert texts(shop.say("xm", "收款明细")) == "💰 华强店 06-15 按付款方式的收款:现金 ¥27.00 · 微信 ¥60.00"


def test_a_customers_payment_paid_several_ways_is_shared_among_them(tmp_path, monkeypatch):
    """团餐付了300,微信200现金100 · 团餐付了微信200现金100 (before: 「微信」 an unknown product, nothing kept)."""
    from tests.conftest import DEMO

    demo = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    assert texts(demo.say("liu", "团餐付了300,微信200现金100")) == \
        "💰 确认记一笔:收到美团团餐付款 ¥300.00(微信 ¥200.00 + 现金 ¥100.00)?"
    demo.press("liu", "确认")
    assert texts(demo.say("liu", "收到团餐货款100,一半微信一半现金")) == \
        "💰 确认记一笔:收到美团团餐付款 ¥100.00(微信、现金平分)?"
    demo.press("liu", "确认")
    assert texts(demo.say("liu", "收款明细")) == "💰 南山店 06-15 按付款方式的收款:现金 ¥150.00 · 微信 ¥250.00"
    assert texts(demo.say("liu", "团餐付了微信200现金100")).startswith("💰 确认记一笔:收到美团团餐付款 ¥300.00(")


def test_undo_reaches_a_payment_or_a_cost_after_other_messages_asked_first(tmp_path, monkeypatch):
    """团餐付了300,现金 · 收款明细 · 撤销 (交房租5000 · 这个月的费用 · 撤销): the payment (the cost), asked first (before: 没有可以撤销的记录, as a question in between
    had ended the payment's turn); a stock write after it is what 撤销 undoes."""
    from tests.conftest import DEMO

    demo = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    demo.say("liu", "团餐付了300,现金")
    demo.press("liu", "确认")
    demo.say("liu", "收款明细")
    assert texts(demo.say("liu", "撤销")) == "你最近记的一笔是 06-15 09:00 的「收到美团团餐付款 ¥300.00(现金)」。撤销它吗?"
    assert texts(demo.press("liu", "确认")).startswith("↩️ 已撤销:收到美团团餐付款 ¥300.00(现金)。")
    assert texts(demo.say("liu", "收款明细")) == "💰 南山店 06-15 没有当场收钱的销售。"
    assert texts(demo.say("liu", "撤销")) == "没有可以撤销的记录。"                     # (once)
    demo.say("liu", "团餐付了200,微信")
    demo.press("liu", "确认")
    demo.say("liu", "卖了牛腩1斤")
    assert texts(demo.say("liu", "撤销")) == "↩️ 已撤销:牛腩 1斤"
    demo.send(at="2026-06-15T09:05:00+08:00")
    demo.say("liu", "交房租5000")                                                  # a cost, the same way
    demo.press("liu", "确认")
    demo.say("liu", "这个月的费用")
    assert texts(demo.say("liu", "撤销")) == "你最近记的一笔是 06-15 09:05 的「费用:房租 ¥5,000.00」。撤销它吗?"
    assert texts(demo.press("liu", "确认")) == "↩️ 已撤销费用 #1:房租 ¥5,000.00。"
    demo.send(at="2026-06-15T09:10:00+08:00")
    demo.say("chen", "张记开了发票3200")                                             # an invoice, the same way
    demo.press("chen", "确认")
    demo.say("chen", "今天卖了多少")
    assert texts(demo.say("chen", "撤销")) == "你最近记的一笔是 06-15 09:10 的「张记肉业 6月货款的发票 ¥3,200.00」。撤销它吗?"
    assert texts(demo.press("chen", "确认")) == "↩️ 已撤销发票 #1:张记肉业 6月货款的发票 ¥3,200.00。"


def test_a_refund_paid_back_several_ways_comes_off_each(shop):
    shop.say("xm", "卖了手机壳3个,微信60现金27")
    reply = texts(shop.say("xm", "退了手机壳2个,微信30现金28"))
    assert reply.startswith("✅ 已记录:华强店客户退回 手机壳 2个(退微信 ¥30.00 + 现金 ¥28.00)\n")
    got = texts(shop.say("xm", "日结:现金0,微信30")).splitlines()   # ¥87 in, ¥58 back: ¥30 by WeChat, none in cash
    assert got[1].startswith("账上应收 ¥29.00(当场收钱的销售 ¥29.00 + ")
    assert got[2] == "按付款方式:现金 点 ¥0.00 / 账 ¥-1.00 多 ¥1.00 ⚠️ · 微信 点 ¥30.00 / 账 ¥30.00 ✅"


def test_an_exchange_says_how_its_difference_was_paid(shop):
    shop.say("xm", "卖了手机壳1个,现金")   # ¥29 in cash
    asked = texts(shop.say("xm", "客人拿手机壳换了一个充电宝,补了60块微信"))   # both halves by WeChat: +¥60 there
    assert "· 华强店客户退回 手机壳 1个(退微信)\n· 华强店销售 充电宝 1个(微信)" in asked
    shop.press("xm", "确认")
    asked = texts(shop.say("xm", "客人拿手机壳换了一个充电宝,补了50现金"))   # ¥50, not the list's ¥60: at ¥79
    assert "· 华强店销售 充电宝 1个(现金)(原价 ¥89.00,优惠 ¥10.00,实收 ¥79.00)" in asked
    shop.press("xm", "确认")
    got = texts(shop.say("xm", "日结:现金79,微信60")).splitlines()
    assert got[1].startswith("账上应收 ¥139.00(") and got[1].endswith("正好对上 ✅")
    assert got[2] == "按付款方式:现金 点 ¥79.00 / 账 ¥79.00 ✅ · 微信 点 ¥60.00 / 账 ¥60.00 ✅"
    assert texts(shop.say("xm", "客人拿手机壳换了一个充电宝,很满意")).startswith("没看懂这句话")   # (nothing kept)


def test_money_said_alone_after_the_goods_prices_them_and_the_last_write_says_its_price(shop):
    """充电宝卖了1个,80 · 手机壳卖了2个,50: a number alone after goods counted in a unit is their money (the line's
    total; before: dropped, the sale at the list price). 刚才卖的充电宝是89还是80 · 刚才卖的是多少钱 show the last writes
    with what they went at (before: a correction of the quantity to 89). 手机壳库存不对,实际是30个 counts 30 (before: a
    correction of the last write)."""
    assert texts(shop.say("xm", "充电宝卖了1个,80")).startswith(
        "✅ 已记录:华强店销售 充电宝 1个(原价 ¥89.00,优惠 ¥9.00,实收 ¥80.00)\n")
    asked = texts(shop.say("xm", "刚才卖的充电宝是89还是80")).splitlines()
    assert asked[1] == "· 06-15 09:00 销售(华强店):充电宝 1个,单价 ¥80.00/个", asked
    assert shop.stock()["MD:A07"] == 9   # (nothing changed by asking)
    assert "实收 ¥50.00" in texts(shop.say("xm", "手机壳卖了2个,50"))   # ¥25 each
    assert texts(shop.say("xm", "刚才卖的手机壳是多少钱")).splitlines()[1].endswith("手机壳 2个,单价 ¥25.00/个")
    counted = texts(shop.say("xm", "手机壳库存不对,实际是30个"))
    assert counted.startswith("✅ 已记录:华强店盘点 手机壳 30个"), counted
    assert shop.stock()["MD:A05"] == 30


def test_bare_numbers_that_count_the_goods_are_counts_not_money(shop):
    """卖了手机壳5个,微信3现金2: the numbers add up to the 5 sold and as money would be ¥5 for ¥145 of goods, so they
    count the goods each way paid for (before: 5 cases sold for ¥5). Money said so stays money (微信60现金27)."""
    out = texts(shop.say("xm", "卖了手机壳5个,微信3现金2"))
    assert out.startswith("✅ 已记录:华强店销售 手机壳 5个(微信 ¥87.00 + 现金 ¥58.00)\n"), out
    assert "「华强店销售 手机壳 2个(微信 ¥29.00 + 现金 ¥29.00)」" in texts(   # (no unit said: asked first)
        shop.say("xm", "sold 2 phone cases, 1 by wechat and 1 in cash"))
    shop.press("xm", "确认")
    out = texts(shop.say("xm", "卖了手机壳3个,微信60现金27"))
    assert out.startswith("✅ 已记录:华强店销售 手机壳 3个(微信 ¥60.00 + 现金 ¥27.00)\n"), out
    assert texts(shop.say("xm", "今天微信收了多少")).endswith("记为微信的收款 ¥176.00")   # 87 + 29 + 60


def test_change_given_back_is_taken_off_and_the_days_books_are_asked_plainly(shop):
    """卖了手机壳1个,收了50,找了21: ¥29 taken (before: asked which unit 50 was per); 收了20,找了25 is refused and
    nothing is recorded; 对一下今天的账 · 今天对账: the day's takings by how paid (before: not understood)."""
    out = texts(shop.say("xm", "卖了手机壳1个,收了50,找了21,现金"))
    assert out.startswith("✅ 已记录:华强店销售 手机壳 1个(现金)\n"), out
    sale = [m for m in shop.export("moves") if m["kind"] == "sale"][-1]
    assert sale["unit_price"] == "29", sale
    before = shop.stock()
    assert "已记录" not in texts(shop.say("xm", "卖了手机壳1个,收了20,找了25")) and shop.stock() == before
    for said in ("对一下今天的账", "今天对账"):
        assert texts(shop.say("lz", said)) == texts(shop.say("lz", "华强店今天的日结")), said


def test_a_qr_code_scanned_is_a_way_of_its_own(shop):
    """扫码付的: the shop's one QR code (WeChat or Alipay, it cannot tell): was no method at all, so the cash-up's 扫码
    count had no sales to meet."""
    assert texts(shop.say("xm", "卖了手机壳2个,扫码付的")).startswith("✅ 已记录:华强店销售 手机壳 2个(扫码)\n")
    assert texts(shop.say("xm", "卖了手机壳1个,收款码")).startswith("✅ 已记录:华强店销售 手机壳 1个(扫码)\n")
    assert "记为扫码的收款 ¥87.00" in texts(shop.say("xm", "今天扫码收了多少"))
    reply = texts(shop.say("xm", "日结:扫码87")).splitlines()
    assert reply[-1] == "按付款方式:扫码 点 ¥87.00 / 账 ¥87.00 ✅", reply
    shop.say("xm", "卖了手机壳1个")
    assert "(扫码)" in texts(shop.say("xm", "刚才那笔是扫码付的"))


def test_the_money_said_bare_then_the_way(shop):
    """耳机卖了1副,120,客人刷卡: ¥120 by card (the 120 was dropped when the way followed it: the list ¥99)."""
    shop.say("xm", "收到耳机5副")
    out = texts(shop.say("xm", "耳机卖了1副,120,客人刷卡"))
    assert out.startswith("✅ 已记录:华强店销售 蓝牙耳机 1副(刷卡)"), out
    reply = texts(shop.say("xm", "日结:刷卡120")).splitlines()
    assert reply[-1] == "按付款方式:刷卡 点 ¥120.00 / 账 ¥120.00 ✅", reply
