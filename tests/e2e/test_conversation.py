"""The conversation end to end through script mode: what users see and what the ledger records."""
from __future__ import annotations

from tests.conftest import ROOT
from tests.e2e.conftest import make_chat, texts


def test_an_unknown_sender_gets_one_polite_line_and_nothing_changes(chat):
    before = chat.stock()
    out = chat.say("nobody", "收到牛奶2箱")
    assert len(out) == 1 and "未注册" in out[0]["text"]
    assert chat.stock() == before


def test_a_certain_receipt_records_at_once_with_an_undo_button(chat):
    out = chat.say("amy", "收到牛奶2箱")
    assert chat.stock()["XH:B01"] == 36 + 24
    assert ["撤销"] in out[0]["buttons"]
    assert "60" in out[0]["text"]


def test_the_same_channel_message_twice_is_recorded_once_and_answered_the_same(chat):
    first = chat.say("amy", "卖了可颂3个", id="m-1")
    again = chat.say("amy", "卖了可颂3个", id="m-1")
    assert again == first                       # the reply is replayed (the outbox dedupes its delivery)
    assert chat.stock()["XH:B09"] == 40 - 3


def test_undo_by_text_and_by_button_reverses_the_last_write(chat):
    chat.say("amy", "卖了可颂10个")
    chat.say("amy", "撤销")
    assert chat.stock()["XH:B09"] == 40
    chat.say("amy", "卖了可颂5个")
    chat.press("amy", "撤销")
    assert chat.stock()["XH:B09"] == 40
    out = chat.press("amy", "撤销")
    assert "error" in out[0] or "失效" in texts(out) or "按过" in texts(out)
    assert chat.stock()["XH:B09"] == 40


def test_a_correction_replaces_the_last_write(chat):
    chat.say("amy", "卖了可颂5个")
    out = chat.say("amy", "不对,是6个")
    assert chat.stock()["XH:B09"] == 34, texts(out)


def test_a_correction_that_says_what_the_write_did_corrects_it_never_records_again(chat):
    """刚才卖的可颂应该是6个 (before: a second sale of 6) · 刚才报损的是鸡蛋不是可颂 (before: asked 鸡蛋's quantity)."""
    chat.say("amy", "卖了可颂5个")
    out = texts(chat.say("amy", "刚才卖的可颂应该是6个"))
    assert out.startswith("✏️ 已更正为:徐汇店销售 可颂 6个"), out
    assert chat.stock()["XH:B09"] == 34
    chat.say("amy", "可颂坏了2个")
    out = texts(chat.say("amy", "刚才报损的是鸡蛋不是可颂"))
    assert out.startswith("✏️ 已更正为:徐汇店报损 鸡蛋 2个"), out
    assert chat.stock()["XH:B09"] == 34


def test_undoing_a_correction_brings_back_the_write_it_replaced(chat):
    chat.say("amy", "卖了可颂5个")
    chat.say("amy", "不对,是6个")
    out = texts(chat.say("amy", "撤销"))                # was: both gone, though it said only 6个 was undone
    assert "已撤销更正" in out and "原记录已恢复:可颂 5个" in out, out
    assert chat.stock()["XH:B09"] == 35
    out = texts(chat.say("amy", "刚才记了什么")).splitlines()
    assert "可颂 5个" in out[1] and "已撤销" not in out[1], out      # the one standing, at the top
    assert "撤销" in texts(chat.say("amy", "撤销")) and chat.stock()["XH:B09"] == 35   # a repeat asks first
    chat.press("amy", "撤销这笔")
    assert chat.stock()["XH:B09"] == 40
    chat.say("amy", "昨天卖了可颂8个")                   # an earlier day's write, corrected there and that undone
    chat.say("amy", "把昨天卖的可颂改成9个")
    chat.press("amy", "确认")
    assert chat.stock()["XH:B09"] == 31
    chat.say("amy", "撤销")
    assert chat.stock()["XH:B09"] == 32
    day = [r for r in chat.export("moves") if r["sku"] == "B09" and not r.get("reverses")]
    assert day[-1]["at"].startswith("2026-06-14"), day[-1]          # back on its own day


def test_a_typo_asks_before_writing_and_confirm_records(chat):
    out = chat.say("amy", "收到高筋面份2袋")
    assert chat.stock()["XH:B03"] == 100
    assert any(b[0].startswith("确认") for m in out for b in m["buttons"])
    chat.press("amy", "确认")
    assert chat.stock()["XH:B03"] == 150


def test_cancel_writes_nothing(chat):
    chat.say("amy", "收到高筋面份2袋")
    out = chat.press("amy", "取消")
    assert "取消" in texts(out)
    assert chat.stock()["XH:B03"] == 100


def test_a_missing_quantity_is_asked_and_a_typed_answer_completes_it(chat):
    out = chat.say("amy", "收到咖啡豆")
    assert "数量" in texts(out) or "多少" in texts(out)
    chat.say("amy", "3公斤")
    assert chat.stock()["XH:B04"] == 23


def test_selling_beyond_stock_asks_under_the_warn_policy(chat):
    out = chat.say("amy", "卖了可颂50个")
    assert chat.stock()["XH:B09"] == 40
    assert "负" in texts(out)
    chat.press("amy", "确认")
    assert chat.stock()["XH:B09"] == -10


def test_unknown_products_and_zero_quantities_change_nothing(chat):
    before = chat.stock()
    assert "独角兽" in texts(chat.say("amy", "收到独角兽3只"))
    assert texts(chat.say("amy", "收到牛奶0箱"))
    assert chat.stock() == before


def test_a_stock_query_answers_from_the_ledger(chat):
    out = chat.say("amy", "牛奶还剩多少")
    assert "36" in texts(out)


def test_a_purchase_over_the_approval_limit_goes_to_the_manager(chat):
    out = chat.say("sun", "向光明采购牛奶300箱,每箱60元,明天送到")
    orders = chat.export("orders")
    assert orders[-1]["status"] == "pending_approval"
    approvers = {m["to"] for m in out if any("批准" in b for row in m["buttons"] for b in row)}
    assert approvers, texts(out)
    approver = sorted(approvers)[0]
    out = chat.press("sun", "批准")
    assert "error" in out[0] or "权限" in texts(out)
    out = chat.press(approver, "批准")
    assert chat.export("orders")[-1]["status"] == "open"
    assert any(m["to"] == "sun" and "批准" in m["text"] for m in out)


def test_staff_cannot_write_rules(chat):
    out = chat.say("amy", "当咖啡豆库存低于10公斤时提醒孙采购")
    assert "权限" in texts(out)
    assert chat.export("rules") == []


def test_a_rule_fires_once_per_episode(chat):
    chat.say("zhou", "当咖啡豆库存低于10公斤时提醒孙采购")
    chat.press("zhou", "确认")
    assert len(chat.export("rules")) == 1
    chat.say("amy", "盘点:咖啡豆实际12公斤")
    first = chat.say("amy", "用了咖啡豆3公斤")
    assert any(m["to"] == "sun" and "咖啡豆" in m["text"] for m in first)
    again = chat.say("amy", "用了咖啡豆1公斤")
    assert not any(m["to"] == "sun" for m in again)
    chat.say("amy", "收到咖啡豆5公斤")   # 13 kg: re-armed
    third = chat.say("amy", "用了咖啡豆4公斤")
    assert any(m["to"] == "sun" for m in third)


def test_a_scheduled_prep_list_arrives_at_the_local_time(chat):
    chat.say("zhou", "每天早上6点半把今日备货清单发给我")
    chat.press("zhou", "确认")
    out = chat.send(at="2026-06-16T06:29:00+08:00")
    assert not any(m["to"] == "zhou" and "备货" in m["text"] for m in out)
    out = chat.send(at="2026-06-16T06:31:00+08:00")
    assert any(m["to"] == "zhou" and "备货" in m["text"] for m in out)
    out = chat.send(at="2026-06-16T06:40:00+08:00")
    assert not any(m["to"] == "zhou" and "备货" in m["text"] for m in out)


def test_pressing_a_label_that_is_not_there_is_an_error(chat):
    chat.say("amy", "收到牛奶2箱")
    out = chat.press("amy", "不存在的按钮")
    assert "error" in out[0]


def test_a_pending_question_expires_after_ten_minutes(chat):
    chat.say("amy", "收到咖啡豆")
    chat.send(at="2026-06-15T09:11:00+08:00")
    chat.say("amy", "3公斤")
    assert chat.stock()["XH:B04"] == 20


def test_a_sale_beyond_the_customers_credit_limit_waits_for_a_manager(chat):
    before = chat.stock()["XH:B08"]
    out = chat.say("amy", "盒马拿走纸杯1箱,每箱40000元")
    assert chat.stock()["XH:B08"] == before                      # held, nothing recorded
    assert "信用额度" in texts(out, "amy")
    assert any(m["to"] == "zhou" and "信用额度" in m["text"] for m in out)
    out = chat.press("zhou", "批准")
    assert chat.stock()["XH:B08"] == before - 1000
    assert any(m["to"] == "amy" for m in out)


def test_a_manager_invites_by_chat_and_the_code_binds_a_chat_identity(chat):
    from adapters.directory import DbDirectory
    c = chat.container
    out = chat.say("zhou", "邀请小王为店员")
    import re
    code = re.search(r"邀请码:([0-9A-F]{8})", texts(out)).group(1)
    directory = DbDirectory(c.uow, c.clock)
    username = directory.bind_sync("telegram", "424242", code)
    assert username and directory.lookup_sync("telegram", "424242") == username
    assert directory.bind_sync("telegram", "999", code) is None        # a code works once
    reply = chat.say(username, "卖了可颂1个")
    assert "已记录" in texts(reply)


def test_each_user_can_switch_the_language(chat):
    assert "English" in texts(chat.say("amy", "English"))
    out = chat.say("amy", "收到牛奶2箱")
    assert "Recorded" in texts(out)
    assert out[0]["buttons"] == [["Undo"]]
    chat.say("amy", "中文")
    assert "已记录" in texts(chat.say("amy", "收到牛奶1箱"))
    for text, word in (("switch to English", "Recorded"), ("/lang zh", "已记录"), ("用英文回复", "Recorded"),
                       ("切换中文", "已记录")):
        chat.say("amy", text)
        assert word in texts(chat.say("amy", "卖了可颂1个")), text
    chat.say("amy", "en")                                   # 嗯 typed in pinyin is no switch
    assert "已记录" in texts(chat.say("amy", "卖了可颂1个"))


def test_a_query_shows_packs_and_lots_near_expiry(chat):
    chat.say("amy", "收到可颂10个")
    out = chat.say("amy", "可颂还剩多少")
    assert "50" in texts(out) and "到期" in texts(out)


def test_under_the_block_policy_a_sale_beyond_stock_is_refused(chat):
    with chat.container.uow() as uow:
        uow.catalog.tenant_row().negative_policy = "block"
        uow.commit()
    out = chat.say("amy", "卖了可颂50个")
    assert "库存不足" in texts(out)
    assert not any(b for m in out for b in m["buttons"])
    assert chat.stock()["XH:B09"] == 40


def test_a_transfer_asked_for_by_the_receiving_store_moves_once_approved_shipped_and_received(chat):
    before = chat.stock()
    out = chat.say("bo", "从徐汇店调可颂10个过来")
    assert any(m["to"] == "zhou" and ["确认调拨", "驳回"] in m["buttons"] for m in out), texts(out)
    chat.press("zhou", "确认调拨")
    assert chat.stock() == before                               # approved, not shipped yet
    out = chat.press("amy", "确认发货")
    assert any(m["to"] == "bo" and ["确认收货"] in m["buttons"] for m in out), texts(out)
    chat.press("bo", "确认收货")
    after = chat.stock()
    assert after["XH:B09"] == before["XH:B09"] - 10 and after["JA:B09"] == before["JA:B09"] + 10


def test_the_user_s_latest_records_are_listed_newest_first_with_undone_ones_marked(chat):
    assert "还没有记录" in texts(chat.say("amy", "刚才记了什么"))
    chat.say("amy", "收到牛奶2箱")
    chat.say("amy", "卖了可颂3个")
    out = texts(chat.say("amy", "撤销刚才那笔入库"))                  # the last was a sale: not undone
    assert "不是你说的那种" in out and "销售 可颂 3个" in out and chat.stock()["XH:B09"] == 37, out
    chat.say("amy", "撤销刚才那笔销售")                                # was: no product 「撤销刚才那笔」
    chat.say("bo", "卖了可颂1个")                                      # someone else's: not listed
    out = texts(chat.say("amy", "我今天记了哪些"))
    assert out.index("销售(徐汇店):可颂 3个(已撤销)") < out.index("入库(徐汇店):全脂牛奶 24升(2箱)"), out
    assert "可颂 1个" not in out and "2 笔记录" in out, out
    assert "1 笔记录" in texts(chat.say("amy", "最近1条记录"))


def test_a_correction_while_a_draft_awaits_its_confirmation_corrects_the_draft_not_the_last_write(chat):
    chat.say("amy", "卖了牛奶1箱")
    out = texts(chat.say("amy", "收到高筋面份2袋"))                       # asked: 高筋面份 read as 高筋面粉
    assert chat.stock()["XH:B03"] == 100, out
    out = texts(chat.say("amy", "不对,是3袋"))                            # was: the milk sale corrected (袋 refused)
    assert chat.stock()["XH:B03"] == 100 + 75 and chat.stock()["XH:B01"] == 24, out
    chat.say("amy", "收到牛奶2箱、奶油1箱,面份2袋")
    out = texts(chat.say("amy", "不对,是3箱"))                            # several products: which one is unclear
    assert chat.stock()["XH:B01"] == 24 and chat.stock()["XH:B03"] == 175, out
    assert "全脂牛奶、淡奶油、高筋面粉" in out, out                        # asked which, the draft kept
    chat.say("amy", "不对,奶油是3箱")
    chat.press("amy", "确认")
    assert (chat.stock()["XH:B01"], chat.stock()["XH:B02"], chat.stock()["XH:B03"]) == (24 + 24, 24 + 36, 175 + 50)


def test_a_draft_left_unconfirmed_when_another_message_comes_is_said_not_recorded(chat):
    chat.say("amy", "收到高筋面份2袋")                                    # awaits 确认
    out = chat.say("amy", "卖了可颂3个")                                  # was: the flour silently dropped
    assert "高筋面粉 50kg" in out[0]["text"] and "没有记录" in out[0]["text"], out
    assert chat.stock()["XH:B03"] == 100 and chat.stock()["XH:B09"] == 37


def test_an_earlier_write_named_by_its_day_is_corrected_or_undone_there_not_the_last_one(chat):
    chat.say("amy", "昨天卖了可颂10个")
    chat.say("amy", "昨天下午卖了可颂4个")
    chat.say("amy", "昨天收到牛奶1箱")
    chat.say("amy", "卖了可颂2个")                                         # today's, the last write
    assert chat.stock()["XH:B09"] == 40 - 16 and chat.stock()["XH:B01"] == 36 + 12
    out = chat.say("amy", "把昨天卖的可颂改成5个")                         # was: a new sale of 5
    assert "2 笔" in texts(out) and out[0]["buttons"] == [["1", "2"]], out
    assert chat.stock()["XH:B09"] == 24                                    # listed, nothing changed yet
    assert "10个" in texts(out).split("\n")[2], out                        # 2: the morning's (newest first)
    out = chat.press("amy", "2")
    assert "已更正" in texts(out) and "06-14" in texts(out), out            # corrected on its own day
    assert chat.stock()["XH:B09"] == 40 - 4 - 5 - 2
    sales = {(m["at"][:10], float(m["qty"])) for m in chat.export("moves")
             if m["sku"] == "B09" and m["kind"] == "sale" and not m.get("undone")}
    assert ("2026-06-14", 5.0) in sales and ("2026-06-15", 2.0) in sales, sales
    out = chat.say("amy", "撤销昨天收的牛奶")                               # one such write: shown, then undone
    assert "牛奶" in texts(out) and "06-14" in texts(out) and chat.stock()["XH:B01"] == 48, out
    chat.press("amy", "确认")
    assert chat.stock()["XH:B01"] == 36 and chat.stock()["XH:B09"] == 29   # the last write (可颂2个) untouched
    out = texts(chat.say("amy", "前天收的牛奶改成2箱"))                      # nothing then: said, nothing changes
    assert "没找到" in out and chat.stock()["XH:B01"] == 36, out
    chat.say("bo", "昨天卖了可颂3个")                                       # someone else's write is not ours to fix
    out = texts(chat.say("amy", "撤销昨天卖的可颂"))
    assert "2 笔" in out and "3个" not in out, out
    out = texts(chat.say("amy", "撤销昨天卖的拿铁"))                         # no such product: never any sale
    assert "拿铁" in out and "笔" not in out and chat.stock()["XH:B09"] == 29, out


def test_every_earlier_write_listed_is_undone_at_once_pressed_or_typed(chat):
    chat.say("amy", "昨天卖了可颂10个")
    chat.say("amy", "昨天收到牛奶1箱")
    chat.say("amy", "昨天用了咖啡豆2公斤")
    chat.say("amy", "卖了可颂1个")                                      # today's: not one of them
    before = chat.stock()
    out = chat.say("amy", "撤销昨天的")                                 # was: one at a time only
    assert out[0]["buttons"][-1] == ["全部撤销(3 笔)"], out
    out = texts(chat.press("amy", "全部撤销(3 笔)"))
    assert "已撤销 3 笔" in out, out
    after = chat.stock()
    assert after["XH:B09"] == before["XH:B09"] + 10 and after["XH:B01"] == before["XH:B01"] - 12
    assert after["XH:B04"] == before["XH:B04"] + 2
    chat.say("amy", "昨天卖了可颂10个")
    chat.say("amy", "昨天卖了可颂3个")
    chat.say("amy", "撤销昨天卖的可颂")
    assert "已撤销 2 笔" in texts(chat.say("amy", "都撤销")) and chat.stock()["XH:B09"] == after["XH:B09"]
    assert "没找到" in texts(chat.say("amy", "撤销昨天卖的可颂"))         # none of them left standing
    chat.say("amy", "昨天卖了可颂10个")
    chat.say("amy", "昨天卖了可颂3个")
    out = chat.say("amy", "把昨天卖的可颂改成5个")                        # a correction is of one: no such button
    assert out[0]["buttons"] == [["1", "2"]], out


def test_one_of_the_earlier_writes_listed_is_chosen_by_typing_its_number(chat):
    chat.say("amy", "昨天卖了可颂10个")
    chat.say("amy", "昨天下午卖了可颂4个")
    chat.say("amy", "撤销昨天卖的可颂")
    out = texts(chat.say("amy", "确认"))              # was: the list again; which one is asked
    assert "编号(1–2)" in out and chat.stock()["XH:B09"] == 26, out
    assert "编号(1–2)" in texts(chat.say("amy", "3"))   # not listed: asked again, the list kept
    out = texts(chat.say("amy", "第二个"))              # was: not understood (only the buttons chose)
    assert "已撤销" in out and "10个" in out and chat.stock()["XH:B09"] == 36, out
    chat.say("amy", "昨天卖了可颂2个")
    chat.say("amy", "把昨天卖的可颂改成3个")
    chat.say("amy", "最后那笔")                         # the last listed: the afternoon's 4
    assert chat.stock()["XH:B09"] == 40 - 2 - 3, texts(chat.say("amy", "刚才记了什么"))


def test_an_earlier_write_named_by_a_word_for_two_products_and_its_customer_asks_which_then_finds_it(
        tmp_path, monkeypatch):
    phone = make_chat(tmp_path, monkeypatch, catalog=ROOT / "tests" / "nlu" / "fixtures" / "phone")
    for text in ("收到苹果线2盒", "昨天卖了苹果线5根", "昨天卖给李总苹果线3根"):
        phone.say("xm", text)
    assert phone.stock()["MD:A01"] == 12
    out = phone.say("xm", "昨天卖给李总的数据线改成10根")                  # 数据线: 苹果 or Type-C?
    assert out[0]["buttons"] == [["苹果数据线", "Type-C数据线"]], out
    out = texts(phone.press("xm", "苹果数据线"))                           # the one sold to 李总, not the other
    assert "3根" in out and "5根" not in out, out
    phone.press("xm", "确认")
    assert phone.stock()["MD:A01"] == 20 - 5 - 10


def test_a_name_said_by_its_model_code_and_its_last_word_is_guessed_and_confirmed(tmp_path, monkeypatch):
    phone = make_chat(tmp_path, monkeypatch, catalog=ROOT / "tests" / "nlu" / "fixtures" / "phone")
    out = phone.say("xm", "收到20w头5个")                               # was: 0w头 unknown (the 2 a quantity)
    assert "20W充电头" in texts(out) and out[0]["buttons"], out           # a guess: asked first
    phone.press("xm", "确认")
    assert phone.stock()["MD:A03"] == 5


def test_a_day_s_writes_named_by_the_day_alone_are_listed_to_undo_one(chat):
    chat.say("amy", "昨天卖了可颂3个")
    chat.say("amy", "昨天收到牛奶1箱")
    out = chat.say("amy", "撤销昨天的")                                      # was: not understood
    assert "2 笔" in texts(out) and out[0]["buttons"] == [["1", "2"], ["全部撤销(2 笔)"]], out   # one, or all
    chat.press("amy", "1")                                                   # the newest: the milk
    assert chat.stock()["XH:B01"] == 36 and chat.stock()["XH:B09"] == 37


def test_an_earlier_write_is_found_among_many_of_that_day(chat):
    chat.say("amy", "昨天收到牛奶1箱")                                      # the oldest of the day
    for _ in range(8):
        chat.say("amy", "昨天卖了可颂1个")
    out = chat.say("amy", "撤销昨天收的牛奶")                                # was: not found past the newest seven
    assert "牛奶" in texts(out) and out[0]["buttons"], out
    chat.press("amy", "确认")
    assert chat.stock()["XH:B01"] == 36


def test_the_last_write_of_a_kind_is_put_right_or_undone_without_its_day(chat):
    chat.say("amy", "上周五收到牛奶2箱")
    chat.say("amy", "昨天收到牛奶1箱")
    chat.say("amy", "卖了可颂3个")
    before = chat.stock()
    out = texts(chat.say("amy", "上次收的牛奶记错了,应该是2箱"))        # was: not understood
    assert "06-14" in out and "06-12" not in out and "24升" in out, out   # the newest one only, not listed to pick
    chat.press("amy", "确认")
    assert chat.stock()["XH:B01"] == before["XH:B01"] + 12
    out = texts(chat.say("amy", "undo the last croissant sale"))          # English: was a sale of 0
    assert "可颂" in out and "3个" in out, out
    chat.press("amy", "确认")
    assert chat.stock()["XH:B09"] == before["XH:B09"] + 3
    out = texts(chat.say("amy", "change the last milk delivery to 1 case"))
    assert "06-14" in out and "24升" in out and "12升" in out, out       # the corrected one is now the last
    out = texts(chat.say("amy", "撤销上次报损的牛奶"))                       # none: said, nothing changes
    assert "没找到" in out and chat.stock()["XH:B01"] == before["XH:B01"] + 12, out


def test_a_wholesaler_s_words_for_prices_and_for_paying_later(tmp_path, monkeypatch):
    phone = make_chat(tmp_path, monkeypatch, catalog=ROOT / "tests" / "nlu" / "fixtures" / "phone")
    phone.say("xm", "收到20W充电头50个")
    out = texts(phone.say("xm", "王记拿了20个充电头,月底给钱"))           # was: not happened yet (月底), nothing kept
    assert "已记录" in out and phone.stock()["MD:A03"] == 30, out
    out = texts(phone.say("xm", "20w头多少钱"))                            # a name said by its model code: was not understood
    assert "20W充电头" in out and "售价 ¥39.00/个" in out, out
    out = texts(phone.say("xm", "数据线多少钱"))                            # two of them: each one's
    assert "苹果数据线" in out and "Type-C数据线" in out, out
    out = texts(phone.say("lz", "数据线批发价改成8块"))                     # which one, then said of it
    assert "指哪一个" in out, out
    out = texts(phone.say("lz", "苹果的"))
    assert "把苹果数据线的批发价从 未设置 改为 ¥8.00/根" in out, out   # (was: the selling price, for everyone)
    phone.press("lz", "确认")
    assert "售价 ¥25.00/根;批发价 ¥8.00/根" in texts(phone.say("lz", "苹果数据线多少钱"))


def test_customers_are_ranked_by_what_they_took(tmp_path, monkeypatch):
    phone = make_chat(tmp_path, monkeypatch, catalog=ROOT / "tests" / "nlu" / "fixtures" / "phone")
    phone.say("xm", "收到20W充电头100个")
    phone.say("xm", "收到苹果数据线200根")
    phone.say("xm", "李总拿了30个充电头")                        # 30 × ¥39 = ¥1,170 (the catalog's price)
    phone.say("xm", "王记拿了10个充电头,每个35")                  # ¥350 at the price said
    phone.say("xm", "王记拿了100根苹果数据线")                    # ¥2,500
    phone.say("xm", "卖了5个充电头")                              # nobody named
    phone.say("xm", "李总退了10个充电头")                          # less what came back: ¥780
    out = texts(phone.say("xm", "这个月哪个客户拿货最多")).splitlines()   # was: not understood
    assert out[1] == "1. 王记手机店:¥2,850.00(2 种商品)" and out[2] == "2. 李总:¥780.00(1 种商品)", out
    assert out[3] == "散客(没记客户的销售):¥195.00(1 种商品)", out
    out = texts(phone.say("xm", "哪个客户拿充电头最多")).splitlines()    # one product: by its quantity
    assert out[1].startswith("1. 李总:20个") and out[2].startswith("2. 王记手机店:10个"), out
    assert "没有记到客户名下" in texts(phone.say("xm", "上个月客户排行"))


def test_a_bare_undo_of_a_write_made_a_while_ago_is_asked_first_and_a_fresh_slip_is_undone_at_once(chat):
    start = chat.stock()
    chat.say("amy", "卖了可颂3个")
    chat.send(at="2026-06-15T13:00:00+08:00")   # four hours on: 撤销 is no slip just made
    asked = texts(chat.say("amy", "撤销"))
    assert asked == "你最近的一笔是 06-15 09:00 的「可颂 3个」,已经过了一阵子。确定撤销它吗?"
    assert chat.stock()["XH:B09"] == start["XH:B09"] - 3   # asked: nothing undone yet
    assert "↩️ 已撤销:可颂 3个" in texts(chat.press("amy", "确认")) and chat.stock() == start
    chat.say("amy", "卖了可颂2个")
    assert "↩️ 已撤销:可颂 2个" in texts(chat.say("amy", "撤销"))   # minutes ago: at once
    chat.say("amy", "卖了可颂1个")
    chat.send(at="2026-06-16T09:00:00+08:00")
    chat.say("amy", "撤销")
    assert "确定" not in texts(chat.press("amy", "取消")) and chat.stock()["XH:B09"] == start["XH:B09"] - 1


def test_a_bare_undo_after_changing_something_else_asks_before_it_takes_back_the_stock_record_before(chat):
    start = chat.stock()
    chat.say("zhou", "卖了可颂3个")
    chat.send(at="2026-06-15T09:05:00+08:00")
    chat.say("amy", "卖了可颂1个")   # (another's write: never zhou's to undo)
    chat.say("zhou", "可颂售价改为15元")
    chat.press("zhou", "确认")   # something else changed after the sale (audited)
    asked = texts(chat.say("zhou", "撤销"))
    assert asked.startswith("撤销只管库存记录:你最近一笔是 06-15 09:00 的「可颂 3个」") and "确定撤销这笔记录吗" in asked
    assert chat.stock()["XH:B09"] == start["XH:B09"] - 4
    chat.press("zhou", "确认")
    assert chat.stock()["XH:B09"] == start["XH:B09"] - 1
    assert "¥15.00" in texts(chat.say("zhou", "可颂售价多少"))   # (the price stays: 撤销 took back the record alone)


def test_the_real_quantity_said_after_another_is_the_one_and_a_product_written_as_another_is_put_right(chat):
    """可颂盘点40个,实际35个: a count of 35 (was 75, both added); 刚才的咖啡豆记成黄油了: the last write's 黄油 was 咖啡豆 (was
    the stock of both); 今天记的全部撤销: today's writes listed, to undo at once (was an unknown product 全部)."""
    chat.say("amy", "可颂盘点40个,实际35个")
    assert chat.stock()["XH:B09"] == 35
    before = chat.stock()
    chat.say("amy", "收到黄油2公斤")
    out = texts(chat.say("amy", "刚才的咖啡豆记成黄油了"))
    assert "咖啡豆" in out and chat.stock()["XH:B07"] == before["XH:B07"], out   # 黄油 no longer received …
    assert chat.stock()["XH:B04"] == before["XH:B04"] + 2                       # … 2 kg of beans in its place
    out = chat.say("amy", "今天记的全部撤销")
    assert out[0]["buttons"][-1] == ["全部撤销(2 笔)"], out
