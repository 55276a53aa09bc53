"""Questions about the stock beyond its level: what expires soon, what is under its safety stock, what the stock is
worth at cost, and what a product costs."""
from __future__ import annotations

from tests.e2e.conftest import texts


def test_what_expires_soon_lists_dated_lots_soonest_first_within_the_days_asked(chat):
    chat.say("amy", "收到牛奶2箱,批号A1,6月20日到期")          # it is 06-15 09:00
    chat.say("amy", "收到牛奶1箱,批号A2,6月17日到期")
    chat.say("amy", "收到奶油1箱,批号C1,2026-07-30到期")
    out = texts(chat.say("amy", "哪些快过期了"))                  # a week by default: not the cream
    assert out.index("A2") < out.index("A1") and "C1" not in out and "还有2天" in out, out
    out = texts(chat.say("amy", "3天内到期的有哪些"))
    assert "A2" in out and "A1" not in out, out
    out = texts(chat.say("amy", "奶油什么时候过期"))              # one product: all its dated lots
    assert "C1" in out and "07-30" in out and "A1" not in out, out
    out = texts(chat.say("bo", "哪些快过期了"))                   # 静安店 has no dated lots
    assert "没有要到期" in out, out
    before = chat.stock()
    chat.say("amy", "可颂过期了吗")                               # a question, nothing written
    assert chat.stock() == before


def test_what_is_under_its_safety_stock_at_the_store_or_at_every_store(chat):
    out = texts(chat.say("bo", "哪些商品低于安全库存"))            # 静安店: 150 eggs of 180, 20 croissants of 30
    assert "鸡蛋" in out and "差 30个" in out and "可颂" in out and "全脂牛奶" not in out, out   # 24 L of 24: at it
    out = texts(chat.say("amy", "哪些低于安全库存"))              # 徐汇店 holds everything above it
    assert "都不低于安全库存" in out, out
    chat.say("amy", "卖了可颂25个")
    out = texts(chat.say("amy", "哪些低于安全库存"))
    assert "可颂" in out and "差 15个" in out, out
    out = texts(chat.say("owner", "哪些商品低于安全库存"))         # every store, each line names its store
    assert "徐汇店 可颂" in out and "静安店 鸡蛋" in out and "中央仓库" not in out, out


def test_stock_value_at_cost_from_receipts_else_the_catalog_and_what_is_left_out(chat):
    chat.say("amy", "收到可颂10个,单价3元")
    chat.say("amy", "收到可颂10个,单价4元")                      # mean of receipts 3.5 a piece, 60 on hand
    out = texts(chat.say("amy", "库存值多少钱"))
    assert "¥210.00" in out and "未计入" in out and "全脂牛奶" in out, out
    out = texts(chat.say("amy", "可颂进价多少"))
    assert "¥3.50/个" in out and "上次 06-15 ¥4.00/个" in out, out
    out = texts(chat.say("amy", "牛奶进价多少"))
    assert "还没有进价" in out, out


def test_stock_questions_answer_in_english(chat):
    chat.say("amy", "/lang en")
    out = texts(chat.say("amy", "哪些低于安全库存"))
    assert "safety stock" in out, out


def test_a_rule_is_read_back_in_the_speakers_language(chat):
    chat.say("zhou", "English")
    out = texts(chat.say("zhou", "牛奶低于30升时提醒我"))
    assert "When [全脂牛奶] at [徐汇店]: on hand < 30升 → notify [周店长]" in out, out
    chat.say("zhou", "中文")
    out = texts(chat.say("zhou", "牛奶低于30升时提醒我"))
    assert "当【全脂牛奶】在【徐汇店】的库存 < 30升 时 → 提醒【周店长】" in out, out


def test_a_manager_changes_a_products_safety_stock_price_cost_and_shelf_life_once_confirmed(chat):
    out = chat.say("zhou", "可颂的安全库存改成50个")
    assert "从 30个 改为 50个" in texts(out), texts(out)
    assert "都不低于安全库存" in texts(chat.say("amy", "哪些低于安全库存"))    # not changed before 确认
    chat.press("zhou", "确认")
    out = texts(chat.say("zhou", "哪些低于安全库存"))                  # 40 on hand now under 50
    assert "可颂" in out and "差 10个" in out, out
    chat.say("zhou", "可颂进价改成3.5元")
    chat.press("zhou", "确认")
    assert "¥3.50/个(商品目录)" in texts(chat.say("zhou", "可颂进价多少"))
    assert "¥140.00" in texts(chat.say("zhou", "库存值多少钱"))         # 40 croissants at 3.5
    chat.say("zhou", "牛奶售价改为60元一箱")
    chat.press("zhou", "确认")
    assert "售价 ¥5.00/升" in texts(chat.say("zhou", "牛奶进价多少"))
    chat.say("zhou", "可颂保质期改成3天")
    chat.press("zhou", "确认")
    chat.say("amy", "烤了可颂10个")
    assert "06-18" in texts(chat.say("amy", "可颂还剩多少"))             # baked today, keeps 3 days now
    with chat.container.uow() as u:                                      # each change audited: who, old, new
        changes = u.chat.audits("product_changed")
    assert [(c["field"], c["old"], c["new"]) for c in reversed(changes)] == [
        ("safety_stock", "30", "50"), ("unit_cost", None, "3.5"), ("unit_price", None, "5"), ("shelf_life_days", "2", "3")]


def test_staff_may_not_change_a_product_and_bad_values_change_nothing(chat):
    assert "没有这个权限" in texts(chat.say("amy", "可颂的安全库存改成10个"))
    assert "没看懂价格" in texts(chat.say("zhou", "牛奶售价改成贵一点"))
    assert "这几个商品不能一起改" in texts(chat.say("zhou", "牛奶和可颂的安全库存改成10"))
    assert "都不低于安全库存" in texts(chat.say("amy", "哪些低于安全库存"))


def test_sales_asked_in_money_give_revenue_cost_and_margin_and_name_what_has_no_price(chat):
    chat.say("zhou", "可颂售价改成12元")
    chat.press("zhou", "确认")
    chat.say("amy", "收到可颂10个,单价3元")
    chat.say("amy", "卖了可颂10个")
    chat.say("amy", "卖了牛奶2升")
    out = texts(chat.say("amy", "今天营业额"))
    assert "销售额约 ¥120.00" in out and "成本约 ¥30.00" in out and "毛利约 ¥90.00(75.0%),成本率 25.0%" in out, out
    assert "没有售价" in out and "全脂牛奶" in out, out
    assert "¥" not in texts(chat.say("amy", "今天卖了多少"))         # quantities only, unless asked in money


def test_a_price_said_on_the_sale_counts_for_what_it_sold_and_the_list_price_for_the_rest(chat):
    chat.say("zhou", "可颂售价改成12元")
    chat.press("zhou", "确认")
    chat.say("amy", "卖了可颂5个,每个10元")                      # a discount said on the sale
    chat.say("amy", "卖了可颂3个")                                # at the list price
    chat.say("amy", "卖了可颂2个,每个1元")                        # a typo…
    chat.say("amy", "撤销")                                        # …taken back: neither sold nor priced
    chat.say("amy", "卖了牛奶2升,6元一升")                         # no list price, but said on the sale
    out = texts(chat.say("amy", "今天营业额"))
    assert "销售额约 ¥98.00" in out and "没有售价" not in out, out    # 5×10 + 3×12 + 2×6


def test_an_undone_receipt_no_longer_prices_the_stock(chat):
    chat.say("amy", "收到可颂10个,单价3元")
    chat.say("amy", "收到可颂10个,单价30元")                      # a typo…
    chat.say("amy", "撤销")                                        # …taken back
    out = texts(chat.say("amy", "可颂进价多少"))
    assert "¥3.00/个(近期收货均价)" in out and "上次 06-15 ¥3.00/个" in out, out


def test_an_english_speaker_records_and_asks_in_english_with_the_catalogs_names(chat):
    chat.say("amy", "switch to English")
    out = chat.say("amy", "received 2 cases of 牛奶")
    assert chat.stock()["XH:B01"] == 36 + 24 and "Recorded" in texts(out), texts(out)
    chat.say("amy", "sold 3 可颂")
    chat.press("amy", "确认 Confirm")
    assert chat.stock()["XH:B09"] == 37
    chat.say("amy", "undo")
    assert chat.stock()["XH:B09"] == 40
    assert "60" in texts(chat.say("amy", "how much 牛奶 do we have left"))
    out = chat.say("amy", "received 2 cases of milk")            # common goods in English: the catalog's 牛奶
    assert chat.stock()["XH:B01"] == 84 and "全脂牛奶" in texts(out), texts(out)
    out = chat.say("amy", "received 2 cases of kombucha")        # a name no one knows: said, nothing written
    assert "kombucha" in texts(out) and chat.stock()["XH:B01"] == 84, texts(out)
    assert "Count sheet for 徐汇店" in texts(chat.say("amy", "start stock count"))


def test_a_lot_named_on_a_sale_goes_first_and_the_lots_are_listed_when_asked_which_expires(chat):
    chat.say("amy", "收到牛奶2箱,批号A123,2026-06-20到期")
    chat.say("amy", "收到牛奶1箱,批号B7,2026-06-17到期")
    chat.say("amy", "卖了批号A123的牛奶3升")                        # that lot, though B7 expires first
    chat.say("amy", "卖了牛奶2升")                                   # FEFO: B7
    sales = [(m["lot"], float(m["qty"])) for m in chat.export("moves") if m["kind"] == "sale"]
    assert sales == [("A123", 3), ("B7", 2)], sales
    for asked in ("哪批牛奶最早过期", "牛奶批号A123还有多少"):          # was: asked how much milk
        out = texts(chat.say("amy", asked))
        assert out.index("批次B7:06-17") < out.index("批次A123:06-20") and "21升" in out, (asked, out)


def test_a_category_or_everything_asked_lists_each_product_of_it(chat):
    out = texts(chat.say("amy", "乳品还有多少"))                       # was: not understood
    assert "全脂牛奶:36升" in out and "淡奶油:24盒" in out and "黄油" in out and "可颂" not in out, out
    out = texts(chat.say("amy", "所有库存"))                           # was: no product 「所有」
    assert all(name in out for name in ("全脂牛奶", "可颂", "纸杯", "菜籽油")), out


def test_what_was_used_or_lost_over_a_period_at_recent_cost_net_of_undone(chat):
    chat.say("amy", "收到牛奶1箱,单价60元一箱")   # ¥5 a litre
    chat.say("amy", "用了牛奶2升")
    chat.say("amy", "用了咖啡豆1.5公斤,牛奶半箱")
    chat.say("amy", "用了糖1袋")
    chat.say("amy", "撤销")                         # the sugar was never used
    chat.say("amy", "可颂坏了5个")
    chat.say("amy", "盘点:鸡蛋290个")              # 10 missing at the count
    chat.say("bo", "用了牛奶3升")                   # another store's
    out = texts(chat.say("amy", "今天牛奶用了多少"))
    assert "全脂牛奶用量 8升" in out and "¥40.00" in out, out
    out = texts(chat.say("zhou", "今天用了多少东西"))
    assert "2 种商品" in out and "咖啡豆 1.5kg:无进价" in out and "白砂糖" not in out, out
    out = texts(chat.say("zhou", "今天报损多少"))
    assert "可颂 5个" in out and "鸡蛋 盘亏 10个" in out and "金额未知" in out, out
    out = texts(chat.say("owner", "今天牛奶用了多少"))   # every store for the owner
    assert "用量 11升" in out, out
    assert "没有用量记录" in texts(chat.say("amy", "昨天牛奶用了多少"))
    chat.say("amy", "english")
    out = texts(chat.say("amy", "how much 牛奶 was used today"))
    assert "use of 全脂牛奶 8升" in out and "¥40.00" in out, out


def test_a_product_s_safety_stock_or_shelf_life_is_read_back(chat):
    assert "可颂的安全库存:30个" in texts(chat.say("amy", "可颂的安全库存是多少"))   # was: the stock on hand
    assert "全脂牛奶的保质期:7天" in texts(chat.say("amy", "牛奶的保质期是几天"))
    assert "未设置" in texts(chat.say("amy", "纸杯的保质期是多久"))
    out = texts(chat.say("zhou", "把可颂的单价改成12"))                       # was: an order amended to 12
    assert "售价" in out and not chat.export("orders"), out


def test_what_a_customer_paid_last_is_answered_per_product_and_the_lots_on_hand_in_the_order_they_leave(chat):
    chat.say("amy", "可颂按8块一个卖给盒马10个")
    chat.say("amy", "盒马拿了可颂5个,每个9块")                            # the later price is the last one
    chat.say("amy", "盒马拿了牛奶1箱")                                     # no price said: the catalog's
    chat.say("amy", "卖了可颂2个")                                         # not theirs
    out = texts(chat.say("zhou", "盒马上次拿可颂什么价"))                  # was: the catalog's cost and price
    assert "¥9.00/个" in out and "¥8.00" not in out and "牛奶" not in out, out
    out = texts(chat.say("zhou", "盒马拿货价多少"))                        # every product it bought
    assert "可颂 ¥9.00/个" in out and "全脂牛奶" in out and "没有记价格" in out, out
    assert "没有买过" in texts(chat.say("zhou", "盒马上次拿奶油什么价"))
    chat.say("sun", "收到牛奶2箱,保质期5天")
    out = texts(chat.say("sun", "牛奶还有几批"))                            # was: the stock level alone
    lines = out.split("\n")
    assert "1 个批次" in lines[0] and "批次" in lines[1] and "06-20 到期" in lines[1] and "无批次" in lines[2], out


def test_how_a_product_is_counted_and_its_terms_are_answered_from_the_catalog(chat):
    assert "按升记;1箱=12升" in texts(chat.say("amy", "牛奶一箱几升"))            # was: not understood
    assert "按kg记;1袋=25kg" in texts(chat.say("amy", "面粉是按斤还是按公斤"))      # was: the stock
    assert "可颂的单位:按个记;没有设置包装" in texts(chat.say("amy", "可颂什么单位"))
    assert "牛奶的保质期:7天" in texts(chat.say("amy", "牛奶保质期几天"))          # was: what expires
    assert texts(chat.say("amy", "牛奶一箱多少钱")).startswith("💰 全脂牛奶")         # a price, not a pack size


def test_the_catalog_says_which_products_still_lack_a_field_and_how_to_set_it(chat):
    lacking = texts(chat.say("amy", "哪些商品没有供应商"))
    assert lacking.startswith("🔎 没有供应商的商品 10 个:全脂牛奶、") and "「全脂牛奶的供应商改成张记」" in lacking
    chat.say("zhou", "全脂牛奶的供应商改成光明")
    chat.press("zhou", "确认")
    assert texts(chat.say("amy", "哪些商品没有供应商")).startswith("🔎 没有供应商的商品 9 个:")
    chat.say("zhou", "可颂售价改为15元")
    chat.press("zhou", "确认")
    assert texts(chat.say("amy", "没有售价的商品")).startswith("🔎 没有售价的商品 9 个:全脂牛奶、")
    assert texts(chat.say("amy", "哪些商品没设安全库存")) == "✅ 在售的商品都设了安全库存。"


def test_the_to_do_says_what_waits_today_for_the_speaker_and_nothing_else(chat):
    assert texts(chat.say("amy", "我该做什么")).startswith("✅ 徐汇店今天没有待办")
    chat.say("amy", "向光明订牛奶2箱,今天到")            # a request: the manager's to decide
    chat.say("zhou", "向光明订奶油1箱,今天到")
    chat.say("zhou", "向光明订黄油1箱,后天到")           # (not due today: not waiting yet)
    chat.say("amy", "盒马订可颂20个,今天提货")
    manager = texts(chat.say("zhou", "有什么待办")).split("\n")
    assert manager[0] == "📝 徐汇店今天(06-15)的待办:"
    assert manager[1] == "· 等你审批 1 张:" and "#1" in manager[2]
    assert manager[3].startswith("· 今天该到的货 1 单") and "#2 光明乳业:淡奶油" in manager[4]
    assert manager[5] == "· 今天要提货的客户订单 1 张:" and "#4 盒马:可颂 20个" in manager[6] and len(manager) == 7
    staff = texts(chat.say("amy", "我该做什么"))
    assert "审批" not in staff and "#2 光明乳业" in staff and "黄油" not in staff


def test_the_to_do_goes_out_each_morning_to_whoever_scheduled_it_as_the_chat_says_it(chat):
    """每天早上8点把待办发给我 was read as a report no one could send: now each morning's to-do of the rule's people."""
    chat.say("zhou", "每天早上8点把待办发给我")
    chat.press("zhou", "确认")
    chat.say("zhou", "向光明订奶油1箱,明天到")                      # due tomorrow: tomorrow's to-do
    chat.say("amy", "向光明订牛奶2箱,明天到")                      # a request: the manager's to decide
    out = chat.send(at="2026-06-16T08:05:00+08:00")
    [sent] = [m["text"] for m in out if m.get("to") == "zhou" and "待办" in (m.get("text") or "")]
    with chat.container.uow(write=False) as u:                     # the same text the chat gives at that hour
        said = chat.container.conversation.todo_for(u, u.catalog.user("zhou"), chat.container.clock.now())
    assert sent == said and sent.startswith("📝 徐汇店今天(06-16)的待办:") and "#1 光明乳业:淡奶油" in sent, sent
    assert not [m for m in out if m.get("to") == "amy" and "待办" in (m.get("text") or "")]


def test_the_new_questions_in_english(chat):
    chat.say("zhou", "switch to English")
    chat.say("amy", "报损:可颂2个")
    assert texts(chat.say("zhou", "what should I do today")).startswith("✅ Nothing waits today at 徐汇店")
    assert "· 06-15 09:00 阿梅 scrapped (徐汇店): 可颂 2个" in texts(chat.say("zhou", "who scrapped today"))
    card = texts(chat.say("zhou", "croissants stock card")).split("\n")
    assert card[0] == "📒 可颂 in and out at 徐汇店 (06-09–06-15):" and card[-1] == "closing 38个 (in 40个, out 2个)"
    assert texts(chat.say("zhou", "which products have no price")).startswith("🔎 10 products without a price:")
    assert texts(chat.say("zhou", "when was the last count")).startswith("🧮 徐汇店 has no count yet.")


def test_which_costs_rose_or_fell_compares_each_product_s_last_receipt_with_the_one_before(chat):
    assert "近30天进价没有变化" in texts(chat.say("zhou", "哪些东西涨价了"))
    chat.say("amy", "收到牛奶2箱,光明送的,每箱60元")
    chat.say("amy", "收到咖啡豆2公斤,每公斤120")
    chat.say("amy", "收到黄油1公斤,每公斤80")
    chat.say("amy", "收到牛奶1箱,光明送的,每箱66元")              # +10%
    chat.say("amy", "收到咖啡豆1公斤,每公斤108")                    # -10%
    chat.say("amy", "收到黄油1公斤,每公斤80")                       # the same: not named
    chat.say("amy", "收到黄油1公斤,每公斤100")
    chat.say("amy", "撤销")                                         # an undone receipt is no price
    out = texts(chat.say("zhou", "哪些东西涨价了")).splitlines()
    assert out[1:] == ["📈 涨了:", "· 全脂牛奶 ¥5.00 → ¥5.50/升(+10%,06-15 光明乳业)",
                       "📉 降了:", "· 咖啡豆 ¥120.00 → ¥108.00/kg(-10%,06-15)"], out
    assert "比前一次(06-15 ¥5.00)涨了 10%" in texts(chat.say("zhou", "牛奶涨价了吗"))


def test_the_loss_rate_is_what_was_lost_against_what_went_out(chat):
    for said in ("牛奶进价改成60元一箱", "可颂进价改成4"):              # ¥5 a 升, ¥4 a croissant
        chat.say("zhou", said)
        chat.press("zhou", "确认")
    chat.say("amy", "卖了牛奶19升")
    chat.say("amy", "牛奶坏了1升")
    chat.say("amy", "卖了可颂30个")
    chat.say("amy", "可颂坏了10个")
    out = texts(chat.say("zhou", "今天牛奶的损耗率"))                   # 1 of the 20 litres gone
    assert out.endswith("损耗率 5.0%(损耗占卖出加损耗的比例)。"), out
    out = texts(chat.say("zhou", "今天的报损率")).splitlines()           # (5 + 40) / (5 + 40 + 95 + 120) at cost
    assert out[-1] == "损耗率 17.3%(损耗占卖出加损耗的比例,按成本)", out
    chat.say("amy", "用了牛奶2升")
    used = texts(chat.say("zhou", "今天用了多少东西"))
    assert "全脂牛奶 2升" in used and "损耗率" not in used, used   # (what was used has no rate)
