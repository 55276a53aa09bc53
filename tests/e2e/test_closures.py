"""The days a store is closed (店休), from the chat: set by its manager (another store's or every store's by the owner),
shown first with what is booked on them, audited, asked about and listed by anyone; the forecast sells nothing on
them and reads a closed day behind it as a day the store would have sold."""
from datetime import date, datetime, timedelta
from decimal import Decimal

from adapters import forecast_port
from tests.e2e.conftest import make_chat, texts
from workflows import metrics

NOW = datetime.fromisoformat("2026-06-15T09:00:00+08:00")   # a Monday


def _sold(chat, days: int = 60, sku: str = "B01") -> None:  # type: ignore[no-untyped-def]
    with chat.container.uow() as u:
        u.history.upsert([{"day": (NOW.date() - timedelta(days=n)).isoformat(), "location": "XH", "sku": sku,
                           "qty": Decimal(10 + n % 3)} for n in range(1, days + 1)])
        u.commit()


def _forecast(chat, sku: str = "B01") -> dict[date, float]:  # type: ignore[no-untyped-def]
    with chat.container.uow(write=False) as u:
        snap = metrics.Snapshot(u, location="XH", product=u.catalog.product(sku), now=NOW,
                                forecaster=forecast_port.Forecaster())
        return {r["date"]: r["qty"] for r in snap.forecast_days(7)}


def test_a_closed_day_is_set_asked_about_listed_cleared_and_audited(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, clock=NOW.isoformat())
    chat.say("zhou", "6月20日中午有30人包场,要牛奶6升")
    chat.press("zhou", "确认")
    assert "你的角色没有这个权限" in texts(chat.say("amy", "6月20日店休"))
    asked = texts(chat.say("zhou", "6月20日店休"))
    assert asked.startswith("把徐汇店6月20日(周六)记为不营业(店休)吗?")
    assert "⚠️ 这几天还有预订或客户订单要提货:6月20日 1笔" in asked
    with chat.container.uow(write=False) as u:
        assert "closed" not in (u.catalog.settings().calendar or {})   # nothing before 确认
    assert "🔒 已记下:徐汇店6月20日(周六)不营业(店休)" in texts(chat.press("zhou", "确认"))
    assert texts(chat.say("zhou", "盒马订可颂20个,周六提货")).endswith(
        "⚠️ 6月20日徐汇店不营业(店休):客户能来吗?可以改个日子,或说「6月20日照常营业」。")
    assert "不营业" not in texts(chat.say("zhou", "盒马订可颂20个,周五提货"))
    chat.say("zhou", "每周一店休")
    chat.press("zhou", "确认")
    assert texts(chat.say("zhou", "6月29日上午10点有10人包场,要牛奶2升")).endswith("6月29日徐汇店不营业(每周固定休息):"
                                                                             "客户能来吗?可以改个日子,或说「6月29日照常营业」。")
    assert texts(chat.say("amy", "周六开门吗")) == "🔒 6月20日(周六)徐汇店不营业(店休)。"
    assert texts(chat.say("amy", "明天营业吗")) == "✅ 6月16日(周二)徐汇店照常营业。"
    assert texts(chat.say("amy", "6月22日开门吗")) == "🔒 6月22日(周一)徐汇店不营业(每周固定休息)。"
    assert texts(chat.say("amy", "哪天店休")) == "🔒 店休安排:\n· 每周一 徐汇店 每周固定休息\n· 6月20日(周六) 徐汇店 店休"
    assert texts(chat.say("zhou", "静安店6月25日店休")).startswith("只能给自己的门店记店休")
    assert texts(chat.say("zhou", "6月26日照常营业")) == "徐汇店6月26日(周五)没有记店休。"
    chat.say("zhou", "取消6月20日的店休")
    assert "✅ 徐汇店6月20日(周六)照常营业" in texts(chat.press("zhou", "确认"))
    chat.say("zhou", "每周一不休息了")
    chat.press("zhou", "确认")
    assert texts(chat.say("amy", "哪天店休")).startswith("没有记店休")
    with chat.container.uow(write=False) as u:
        cal = u.catalog.settings().calendar
        assert cal["closed"] == {} and cal["closed_weekly"] == {}
        assert [(a["action"], a["place"]) for a in u.chat.audits("calendar_closed")] == [
            ("clear", "XH"), ("clear", "XH"), ("set", "XH"), ("set", "XH")]


def test_the_forecast_sells_nothing_on_a_closed_day_and_the_reply_and_prep_list_say_so(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, clock=NOW.isoformat())
    _sold(chat)
    before = _forecast(chat)
    assert before[date(2026, 6, 17)] > 8
    chat.say("zhou", "6月17日店休")
    chat.press("zhou", "确认")
    after = _forecast(chat)
    assert after[date(2026, 6, 17)] == 0
    assert all(abs(after[d] - before[d]) < 1e-9 for d in before if d != date(2026, 6, 17))   # the other days alone
    (reply,) = [m for m in chat.say("zhou", "牛奶未来一周预测") if m["to"] == "zhou"]
    wed = next(x for x in reply["text"].splitlines() if x.startswith("06-17"))
    assert wed.split()[2] == "0.0" and wed.endswith(" · 🔒不营业(店休)")
    chat.say("zhou", "今天店休")
    chat.press("zhou", "确认")
    assert "🔒 今天不营业(店休)" in texts(chat.say("zhou", "今日备货清单"))


def test_a_closed_day_behind_is_read_as_the_day_the_store_would_have_sold(tmp_path, monkeypatch):
    """Last Wednesday the store was shut and sold nothing: without the closure the forecast reads a dip (or every
    product off the shelf); marked closed, the history is as if it had opened."""
    chat = make_chat(tmp_path, monkeypatch, clock=NOW.isoformat())
    _sold(chat)
    usual = _forecast(chat)
    with chat.container.uow() as u:   # yesterday (Sunday): nothing sold, the shop was shut
        u.history.upsert([{"day": "2026-06-14", "location": "XH", "sku": "B01", "qty": Decimal(0)}])
        u.commit()
    dipped = _forecast(chat)
    chat.say("zhou", "昨天店休")
    chat.press("zhou", "确认")
    marked = _forecast(chat)
    tomorrow = date(2026, 6, 16)
    assert abs(marked[tomorrow] - usual[tomorrow]) < abs(dipped[tomorrow] - usual[tomorrow])
    assert abs(marked[tomorrow] - usual[tomorrow]) / usual[tomorrow] < 0.1


def test_the_owner_closes_every_store_and_a_manager_cannot_open_one_of_them(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, clock=NOW.isoformat())
    assert texts(chat.say("zhou", "所有门店6月20日放假")).startswith("只能给自己的门店记店休")
    boss = _owner(chat)
    assert "把全部门店6月20日(周六)记为不营业(放假)吗" in texts(chat.say(boss, "所有门店6月20日放假"))
    chat.press(boss, "确认")
    assert texts(chat.say("amy", "周六开门吗")) == "🔒 6月20日(周六)徐汇店不营业(放假)。"
    chat.say(boss, "静安店每周一店休")
    chat.press(boss, "确认")
    assert texts(chat.say(boss, "下周一开门吗")).splitlines() == ["✅ 6月22日(周一)徐汇店照常营业。",
                                                                  "🔒 6月22日(周一)静安店不营业(每周固定休息)。"]
    assert texts(chat.say("zhou", "6月20日照常营业")) == "6月20日(周六)是全部门店的店休,要老板来取消。"
    with chat.container.uow(write=False) as u:
        settings = u.catalog.settings().calendar
    assert not forecast_port.workday(date(2026, 6, 20), settings)   # (the scheduler's 工作日)
    assert forecast_port.workday(date(2026, 6, 18), settings)


def _owner(chat) -> str:  # type: ignore[no-untyped-def]
    with chat.container.uow(write=False) as u:
        return next(x.username for x in u.catalog.users() if x.role.value == "admin" and x.location is None)
