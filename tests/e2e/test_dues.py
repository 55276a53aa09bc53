"""账期 and 账龄: a customer's or supplier's payment terms (团餐账期30天 · 光明月结 · 现结), each delivery's due day from
them, payments settling the oldest first, and what that makes of the accounts: one partner's open deliveries, the
aging, who is overdue, what falls due; a sale on account to a customer past its terms waits for a manager; the owner
hears each delivery that goes overdue once. Through the real conversation."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.e2e.conftest import confirmed, make_chat, texts
from tests.e2e.test_exports import ask, book, rows


def at(chat, when: str) -> None:  # type: ignore[no-untyped-def]
    """The clock moved on, no scheduled job run."""
    chat.container.clock.set(datetime.fromisoformat(when))


@pytest.fixture
def books(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """盒马 (a customer) on 30 days, 光明 (a supplier) 月结30天. 盒马 took croissants for ¥160 on 05-04 and ¥80 on
    05-20 and paid ¥100 on 05-20; 光明 brought milk for ¥120 on 05-04. The clock then stands at 06-10."""
    chat = make_chat(tmp_path, monkeypatch, clock="2026-05-04T10:00:00+08:00")
    assert "已把盒马的账期从 未设账期 改为 账期30天" in confirmed(chat, "zhou", "盒马账期30天")
    assert "已把光明乳业的账期从 未设账期 改为 月结30天" in confirmed(chat, "zhou", "光明月结")
    assert "已记录" in confirmed(chat, "amy", "盒马拿了可颂20个,每个8元")
    assert "已记录" in confirmed(chat, "amy", "收到光明牛奶2箱,每箱60")
    at(chat, "2026-05-20T10:00:00+08:00")
    assert "已记录" in confirmed(chat, "amy", "盒马拿了可颂10个,每个8元")
    assert "已记" in confirmed(chat, "zhou", "盒马付了100")
    at(chat, "2026-06-10T10:00:00+08:00")
    return chat


def test_terms_are_a_managers_asked_first_kept_exported_and_audited(books):
    assert texts(books.say("zhou", "盒马的账期改成月结60天")) == "把盒马的账期从 账期30天 改为 月结60天 吗?"
    assert texts(books.press("zhou", "取消")) == "已取消,没有记录任何变动。"
    partners = {p["code"]: p["payment_terms"] for p in books.send(export="partners")[0]["rows"]}
    assert partners == {"V01": "M30", "V02": "", "V03": "", "K01": "30"}
    changed = [a["detail"] for a in books.send(export="audit")[0]["rows"] if a["action"] == "partner_changed"]
    assert [(d["partner"], d["field"], d["old"], d["new"]) for d in changed] == [
        ("K01", "payment_terms", None, "30"), ("V01", "payment_terms", None, "M30")]
    assert "已把盒马的账期从 账期30天 改为 现结" in confirmed(books, "zhou", "盒马以后现结")
    assert texts(books.say("amy", "盒马账期60天")).startswith("你的角色没有这个权限。这件事要")                     # staff may not
    reply = texts(books.say("zhou", "盒马账期400天"))                              # nonsense: said, nothing changed
    assert "0–365天" in reply and "没有修改" in reply
    assert {p["code"]: p["payment_terms"] for p in books.send(export="partners")[0]["rows"]}["K01"] == "0"


def test_one_account_delivery_by_delivery_the_oldest_paid_first(books):
    assert texts(books.say("zhou", "盒马的货款什么时候到期")).splitlines() == [
        "📒 盒马(账期30天):欠 ¥140.00,2 笔未结清(最早的先结):",
        "· 05-04 可颂 20个:¥60.00(共 ¥160.00,已付一部分),⚠️ 06-03 到期,已逾期 7天",
        "· 05-20 可颂 10个:¥80.00,06-19 到期(还有 9天)",
        "其中逾期 ¥60.00。"]
    assert texts(books.say("zhou", "光明的账龄")).splitlines() == [
        "📒 光明乳业(月结30天):欠 ¥120.00,1 笔未结清(最早的先结):",
        "· 05-04 全脂牛奶 24升(2箱):¥120.00,06-30 到期(还有 20天)"]
    assert texts(books.say("zhou", "咖啡豆行的账期是多少")).splitlines() == [
        "📒 云南咖啡豆行(未设账期):没有未结的货款。",
        "还没约定账期:说「云南咖啡豆行账期30天」或「云南咖啡豆行月结」「云南咖啡豆行现结」。"]


def test_the_aging_who_is_overdue_and_what_falls_due(books):
    assert texts(books.say("zhou", "应收账龄")).splitlines() == [
        "📒 应收账龄(截至06-10):1 家共 ¥140.00",
        "未到期 ¥80.00 · 逾期1–30天 ¥60.00 · 31–60天 ¥0.00 · 61–90天 ¥0.00 · 90天以上 ¥0.00",
        "· 盒马(账期30天):欠 ¥140.00,逾期 ¥60.00,最久 7天",
        "(到期日按各家账期算;未设账期的按送货当天到期算)"]
    assert texts(books.say("zhou", "哪些客户逾期了")).splitlines() == [
        "⏰ 逾期未收的货款(截至06-10):1 家共 ¥60.00",
        "· 盒马(账期30天):逾期 ¥60.00,最久 7天(05-04 的货,06-03 到期),共欠 ¥140.00"]
    assert texts(books.say("zhou", "这周要付哪些货款")) == "📅 06-14 前没有到期要付的货款。"
    assert texts(books.say("zhou", "这个月要付哪些货款")).splitlines() == [
        "📅 06-30 前到期要付的货款:1 家共 ¥120.00", "· 光明乳业(月结30天):¥120.00", "  06-30 到期 ¥120.00"]
    assert texts(books.say("zhou", "哪些供应商的货款逾期了")) == "✅ 没有逾期未付的货款。"
    # a supplier without terms owing: its deliveries were due the day they came, and it is named apart
    assert "已记录" in confirmed(books, "amy", "收到咖啡豆行咖啡豆2包,每包100")
    at(books, "2026-06-15T10:00:00+08:00")
    aging = texts(books.say("zhou", "应付账龄")).splitlines()
    assert aging[1] == "未到期 ¥120.00 · 逾期1–30天 ¥200.00 · 31–60天 ¥0.00 · 61–90天 ¥0.00 · 90天以上 ¥0.00"
    assert "· 云南咖啡豆行(未设账期):欠 ¥200.00,最早是 06-10 的货,已 5天" in aging
    assert texts(books.say("zhou", "哪些供应商的货款逾期了")).splitlines() == [
        "✅ 没有逾期未付的货款。",
        "未设账期的:云南咖啡豆行 欠 ¥200.00(最早 06-10 的货,已 5天)。设一个,比如:云南咖啡豆行账期30天"]
    assert texts(books.say("amy", "应收账龄")).startswith("你的角色没有这个权限。这件事要")   # the accounts are a manager's


def test_the_account_and_the_list_of_debtors_say_what_is_overdue(books):
    assert texts(books.say("zhou", "盒马欠了多少钱")).splitlines()[-2:] == [
        "盒马累计:货款 ¥240.00,已收 ¥100.00,未收 ¥140.00。", "⏰ 其中逾期 ¥60.00,最久 7天(账期30天)。"]
    assert texts(books.say("zhou", "哪些客户还欠钱")).splitlines()[1] == \
        "· 盒马:欠 ¥140.00(货款 ¥240.00,已付 ¥100.00) ⏰ 其中逾期 ¥60.00,最久 7天(账期30天)。"
    paid = confirmed(books, "zhou", "盒马付了60")   # the overdue delivery paid off: nothing overdue any more
    assert paid.splitlines()[-1] == "盒马累计:货款 ¥240.00,已收 ¥160.00,未收 ¥80.00。"
    assert texts(books.say("zhou", "哪些客户逾期了")) == "✅ 没有逾期未收的货款。"


def test_a_sale_on_account_waits_for_a_manager_while_the_customer_is_overdue(books):
    before = books.stock()["XH:B09"]
    out = books.say("amy", "盒马拿了可颂5个,每个8元")
    assert texts(out, "amy") == ("销售 #1 暂停:盒马有逾期货款 ¥60.00,最久 7天(账期30天),已提交店长审核,批准后自动记录;"
                                 "现结的不受影响。")
    assert "盒马有逾期货款 ¥60.00" in texts(out, "zhou")
    assert books.stock()["XH:B09"] == before                      # nothing moved yet
    assert "已记录" in texts(books.press("zhou", "批准"))
    assert books.stock()["XH:B09"] == before - 5
    assert "已记录" in confirmed(books, "amy", "盒马拿了可颂1个,每个8元,现结")   # paid on the spot: not held
    assert books.stock()["XH:B09"] == before - 6
    order = books.say("amy", "盒马订可颂10个,明天提货")                           # an order waits as well
    assert "已提交店长审核:盒马有逾期货款 ¥60.00" in texts(order, "amy")
    assert "已记" in confirmed(books, "zhou", "盒马付了60")
    assert "已记录" in texts(books.say("amy", "盒马拿了可颂1个,每个8元"))         # paid up: no longer held


def test_the_owner_hears_each_delivery_gone_overdue_once_and_what_we_must_pay_soon(books):
    at(books, "2026-06-02T20:00:00+08:00")
    def told(when: str) -> list[str]:  # the owner's 账款提醒 pushed by the jobs up to then
        return [m["text"] for m in books.send(at=when) if m.get("to") == "owner" and "账款提醒" in m.get("text", "")]
    assert told("2026-06-03T12:00:00+08:00") == []                # due on 06-03: not overdue yet
    assert told("2026-06-04T12:00:00+08:00") == ["⏰ 账款提醒(06-04)\n新逾期的应收:\n"
                                                 "· 盒马:05-04 的货 ¥60.00,06-03 到期,已逾期 1天\n"
                                                 "问「哪些客户逾期了」「这周要付哪些货款」看全部。"]
    assert told("2026-06-05T12:00:00+08:00") == []                # told once
    at(books, "2026-06-26T20:00:00+08:00")
    (pushed,) = told("2026-06-27T12:00:00+08:00")                 # 光明's due on 06-30: three days ahead
    assert pushed.splitlines()[1:] == ["新逾期的应收:", "· 盒马:05-20 的货 ¥80.00,06-19 到期,已逾期 8天",
                                       "3天内到期的应付:", "· 光明乳业:05-04 的货 ¥120.00,06-30 到期",
                                       "问「哪些客户逾期了」「这周要付哪些货款」看全部。"]
    assert told("2026-06-28T12:00:00+08:00") == []
    assert all(m.get("to") != "zhou" or "账款提醒" not in m.get("text", "")
               for m in books.send(at="2026-06-29T12:00:00+08:00"))   # the owner's, not the store manager's


def test_a_rule_sends_the_overdue_and_what_falls_due_on_its_schedule(books):
    assert "每天 09:00 → 把【账款提醒】发给【老板娘】" in texts(books.say("owner", "每天早上9点把逾期账款发给我"))
    assert texts(books.press("owner", "确认")) == "规则 #1 已保存并生效。"
    pushed = [m["text"] for m in books.send(at="2026-06-11T09:30:00+08:00") if m.get("to") == "owner"]
    (report,) = [p for p in pushed if "逾期未收的货款" in p]
    assert report.splitlines() == ["⏰ 逾期未收的货款(截至06-11):1 家共 ¥60.00",
                                   "· 盒马(账期30天):逾期 ¥60.00,最久 8天(05-04 的货,06-03 到期),共欠 ¥140.00", "",
                                   "📅 06-18 前没有到期要付的货款。"]
    assert not [p for p in pushed if "账款提醒" in p]   # (its own schedule instead of the default job's)


def test_in_english(books):
    books.say("zhou", "switch to English")
    assert texts(books.say("zhou", "which customers are overdue")).splitlines() == [
        "⏰ Overdue receivables (as of 06-10): 1 customers, ¥60.00 in all",
        "· 盒马 (net 30 days): ¥60.00 overdue, the oldest by 7 days (goods of 05-04, due 06-03), ¥140.00 owed in all"]
    assert texts(books.say("zhou", "payables aging")).splitlines()[2] == \
        "· 光明乳业 (30 days after month end): owes ¥120.00, not due yet, next ¥120.00 on 06-30"
    assert texts(books.say("zhou", "盒马 cash on delivery")) == \
        "Change the payment terms of 盒马 from net 30 days to cash on delivery?"


def test_new_partners_with_terms_and_the_partners_import(books, tmp_path: Path):
    assert "账期30天" in texts(books.say("zhou", "新增客户王老板,信用额度5000,账期30天"))
    books.press("zhou", "确认")
    rows = {p["name"]: p for p in books.send(export="partners")[0]["rows"]}
    assert (rows["王老板"]["payment_terms"], rows["王老板"]["credit_limit"]) == ("30", "5000")
    f = tmp_path / "partners.csv"
    f.write_text("code,name,kind,payment_terms\nV09,李记,supplier,月结60\nK09,老街,customer,现结\n", encoding="utf-8")
    with books.container.uow() as uow:
        from adapters import importer
        importer.import_file(uow, "partners", f, now=datetime.fromisoformat("2026-06-10T10:00:00+08:00"))
        uow.commit()
    rows = {p["code"]: p["payment_terms"] for p in books.send(export="partners")[0]["rows"]}
    assert (rows["V09"], rows["K09"]) == ("M60", "0")
    f.write_text("code,name,kind,payment_terms\nV10,张记,supplier,next month\n", encoding="utf-8")
    with pytest.raises(importer.ImportError_, match="payment_terms"), books.container.uow() as uow:
        importer.import_file(uow, "partners", f, now=datetime.fromisoformat("2026-06-10T10:00:00+08:00"))
    assert "V10" not in {p["code"] for p in books.send(export="partners")[0]["rows"]}


def test_a_statement_of_one_partner_in_the_chat_and_as_a_file_to_send(books):
    assert "已记录" in confirmed(books, "amy", "盒马退回可颂2个")          # (06-10: at what it last paid, ¥8 each)
    assert "已记录" in confirmed(books, "amy", "盒马拿了牛奶1箱,每箱60元,现结")
    may = texts(books.say("zhou", "盒马5月的对账单")).splitlines()
    assert may == ["🧾 盒马对账单(05-01至05-31,账期30天)", "期初应收 ¥0.00",
                   "· 05-04 拿货 可颂 20个 +¥160.00 → 应收 ¥160.00", "· 05-20 拿货 可颂 10个 +¥80.00 → 应收 ¥240.00",
                   "· 05-20 收款 −¥100.00 → 应收 ¥140.00", "期末应收 ¥140.00(本期拿货 ¥240.00,退货 ¥0.00,收款 ¥100.00)"]
    june = texts(books.say("zhou", "盒马这个月的往来明细")).splitlines()
    assert june == ["🧾 盒马对账单(06-01至06-10,账期30天)", "期初应收 ¥140.00",
                    "· 06-10 退货 可颂 2个 −¥16.00 → 应收 ¥124.00",
                    "· 06-10 拿货 全脂牛奶 12升(1箱) +¥60.00 → 应收 ¥184.00",
                    "· 06-10 收款 −¥60.00 → 应收 ¥124.00",
                    "期末应收 ¥124.00(本期拿货 ¥60.00,退货 ¥16.00,收款 ¥60.00)",
                    "⏰ 其中逾期 ¥44.00,最久 7天(账期30天)。"]   # (the return and payments settle the oldest)
    out = ask(books, "zhou", "导出盒马5月的对账单")
    assert [m.text for m in out if m.file is not None][0].splitlines() == may   # the file comes with the statement
    (sheet,) = book(out).worksheets
    got = [(r["类型"] or r["日期"], r["增加"], r["减少"], r["余额"]) for r in rows(sheet)]
    assert got == [("期初", None, None, 0), ("拿货", 160, None, 160), ("拿货", 80, None, 240),
                   ("收款", None, 100, 140), ("合计", 240, 100, 140)]
    assert texts(books.say("zhou", "和光明对账")).splitlines() == ["🧾 光明乳业对账单(06-01至06-10,月结30天)",
                                                                  "这期间没有往来;应付 ¥120.00。"]
    assert texts(books.say("amy", "盒马的对账单")).startswith("你的角色没有这个权限。这件事要")


def test_what_was_owed_before_the_books_began(books):
    assert texts(books.say("zhou", "盒马期初欠款2000,是4月20日的")) == "💰 确认记一笔:盒马期初欠款 ¥2,000.00(04-20 的账)?"
    done = texts(books.press("zhou", "确认")).splitlines()
    assert done == ["💰 已记:盒马期初欠款 ¥2,000.00(04-20 的账)。", "盒马累计:货款 ¥2,240.00,已收 ¥100.00,未收 ¥2,140.00。",
                    "⏰ 其中逾期 ¥2,060.00,最久 21天(账期30天)。"]   # (the ¥100 paid settles the oldest: the opening)
    assert texts(books.say("zhou", "撤销")) == "↩️ 已撤销:盒马期初欠款 ¥2,000.00(04-20 的账)。\n" \
                                               "盒马累计:货款 ¥240.00,已收 ¥100.00,未收 ¥140.00。\n" \
                                               "⏰ 其中逾期 ¥60.00,最久 7天(账期30天)。"
    assert "已记" in confirmed(books, "zhou", "盒马以前欠我们2000,是4月20日的")
    assert texts(books.say("zhou", "盒马的账龄")).splitlines()[1] == \
        "· 04-20 期初欠款:¥1,900.00(共 ¥2,000.00,已付一部分),⚠️ 05-20 到期,已逾期 21天"
    assert "已记" in confirmed(books, "zhou", "我们期初欠光明3000")
    statement = texts(books.say("zhou", "和光明对账")).splitlines()
    assert statement[1:] == ["期初应付 ¥120.00", "· 06-10 期初欠款 +¥3,000.00 → 应付 ¥3,120.00",
                             "期末应付 ¥3,120.00(本期进货 ¥3,000.00,退货 ¥0.00,付款 ¥0.00)"]
    assert texts(books.say("zhou", "盒马期初欠款500,是7月1日的")) == \
        "期初欠款要记到今天或以前的日子,不能是「7月1日」。没有记录。"
    assert texts(books.say("amy", "盒马期初欠款500")).startswith("你的角色没有这个权限。这件事要")
    assert "账上应收 ¥0.00" in texts(books.say("amy", "日结:现金0"))   # an opening balance is no money taken


def test_opening_balances_import_and_export_and_importing_again_changes_nothing(books, tmp_path: Path):
    from adapters import importer
    f = tmp_path / "partners.csv"
    f.write_text("code,name,kind,opening_balance,opening_date\nK01,盒马,customer,3000,2026-04-30\n", encoding="utf-8")
    now = datetime.fromisoformat("2026-06-10T10:00:00+08:00")

    def load() -> None:
        with books.container.uow() as uow:
            importer.import_file(uow, "partners", f, now=now)
            uow.commit()

    load()
    row = next(p for p in books.send(export="partners")[0]["rows"] if p["code"] == "K01")
    assert (row["opening_balance"], row["opening_date"]) == ("3000", "2026-04-30")
    load()                                                   # the same file again: nothing new
    assert texts(books.say("zhou", "哪些客户还欠钱")).splitlines()[1].startswith("· 盒马:欠 ¥3,140.00")
    f.write_text("code,name,kind,opening_balance,opening_date\nK01,盒马,customer,2500,2026-04-30\n", encoding="utf-8")
    load()                                                   # another amount: it replaces the one before
    assert texts(books.say("zhou", "哪些客户还欠钱")).splitlines()[1].startswith("· 盒马:欠 ¥2,640.00")
    f.write_text("code,name,kind,opening_balance,opening_date\nK01,盒马,customer,2500,2026-07-30\n", encoding="utf-8")
    with pytest.raises(importer.ImportError_, match="opening_date is after today"):
        load()


def test_a_managers_to_do_names_the_customers_to_chase_and_the_suppliers_to_pay(books):
    todo = texts(books.say("zhou", "我该做什么")).splitlines()
    assert todo[-2:] == ["💳 逾期要催收的客户(1 家):", "  · 盒马 ¥60.00(最久逾期 7天)"]
    at(books, "2026-06-30T10:00:00+08:00")                       # 光明's delivery falls due today
    assert texts(books.say("zhou", "我该做什么")).splitlines()[-2:] == ["💸 今天之前到期要付的供应商(1 家):",
                                                                  "  · 光明乳业 ¥120.00(今天到期)"]
    assert "催收" not in texts(books.say("amy", "我该做什么"))   # (the accounts are a manager's)


def test_an_opening_balance_for_a_day_whose_books_are_closed_is_refused(books):
    confirmed(books, "owner", "结账到5月31日")
    assert texts(books.say("owner", "账结到哪天了")).startswith("📕 账结到 5月31日")
    books.say("zhou", "盒马期初欠款2000,是4月20日的")
    refused = texts(books.press("zhou", "确认"))
    assert "05-31" in refused and "没有" in refused, refused
    assert texts(books.say("zhou", "盒马欠了多少钱")).splitlines()[-2] == "盒马累计:货款 ¥240.00,已收 ¥100.00,未收 ¥140.00。"


def test_an_order_placed_before_the_customer_went_overdue_waits_when_it_grows(tmp_path: Path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, clock="2026-05-04T10:00:00+08:00")
    confirmed(chat, "zhou", "盒马账期30天")
    confirmed(chat, "amy", "盒马拿了可颂20个,每个8元")             # due 06-03
    assert "已登记客户订单 #1" in texts(chat.say("amy", "盒马订可颂10个,每个8元,6月20日提货"))
    at(chat, "2026-06-10T10:00:00+08:00")                           # ¥160 now 7 days overdue
    out = chat.say("amy", "订单1改成15个")
    assert "客户订单 #1 已提交店长审核" in texts(out, "amy")
    assert "盒马有逾期货款 ¥160.00,最久 7天" in texts(out, "zhou")
    [order] = [o for o in chat.export("orders") if o["kind"] == "sale"]
    assert order["status"] == "pending_approval"
    out = chat.say("amy", "订单1改成12个")                           # smaller: no new look (it waits already)
    assert "已提交店长审核" not in texts(out, "amy")
