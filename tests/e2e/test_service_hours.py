"""Service hours as inventory (a studio's consultants): bookable hours a day, one service's hour counted in
another's, appointments checked against what a day can take, and utilization; never bought or listed to order."""
from __future__ import annotations

from tests.e2e.conftest import texts


def studio(chat) -> None:  # type: ignore[no-untyped-def]
    for said in ("新增商品高级顾问,单位小时,售价600", "新增商品初级顾问,单位小时,售价300", "高级顾问每天可约8小时",
                 "初级顾问每天可约10小时", "1小时高级顾问=2小时初级顾问"):
        chat.say("zhou", said)
        chat.press("zhou", "确认")


def test_appointments_are_checked_against_the_days_hours_and_a_stand_in_is_offered_in_its_own_hours(chat):
    studio(chat)
    first = texts(chat.say("amy", "周六下午2点王总约了高级顾问6小时"))
    assert "已登记预定:06-20 14:00 高级顾问 6小时" in first and "📅 6月20日高级顾问已约 6/8小时,还空 2小时" in first
    chat.say("amy", "周六上午9点约了初级顾问4小时")
    over = texts(chat.say("amy", "周六下午4点预约高级顾问3小时"))   # past what the day takes: asked first
    assert "⚠️ 6月20日高级顾问已约 9小时,超过每天可约的 8小时(多了 1小时)" in over
    assert "当天还有空的:初级顾问 6小时(折合高级顾问 3小时)" in over   # 6 junior hours = 3 senior
    assert "还要登记「高级顾问 3小时」吗?" in over and "已登记" not in over
    assert "6/56小时" in texts(chat.say("amy", "这周顾问的利用率"))      # (the question dropped: not booked)
    chat.say("amy", "周六下午4点预约高级顾问3小时")
    assert "已登记预定:06-20 16:00 高级顾问 3小时" in texts(chat.press("amy", "确认"))
    week = texts(chat.say("amy", "这周顾问的利用率"))
    assert "📊 服务利用率(徐汇店 6月15日–6月21日):" in week
    assert "· 高级顾问:已约 9/56小时(16%),最满 6月20日 9/8" in week
    assert "· 初级顾问:已约 4/70小时(6%),最满 6月20日 4/10" in week
    # together in junior hours: 9 × 2 + 4 = 22 of 8 × 2 × 7 + 70 = 182
    assert "· 高级顾问、初级顾问合计(按初级顾问计):已约 22/182小时(12%)" in week
    day = texts(chat.say("amy", "周六高级顾问约满了吗"))
    assert "· 高级顾问:已约 9/8小时(112%),⚠️ 超约 1小时" in day and "初级顾问" not in day


def test_services_are_never_goods_and_bad_settings_change_nothing(chat):
    studio(chat)
    chat.say("amy", "明天上午10点预约初级顾问2小时")
    assert "初级顾问" not in texts(chat.say("zhou", "今日备货清单"))   # hours are booked, never ordered
    assert "可颂按个计,不是按小时计的服务,没有改动" in texts(chat.say("zhou", "可颂每天可约8小时"))
    assert "不能折合成它自己" in texts(chat.say("zhou", "1小时高级顾问=2小时高级顾问"))
    assert "没有这个权限" in texts(chat.say("amy", "初级顾问每天可约12小时"))
    assert "(按初级顾问计)" in texts(chat.say("zhou", "这周的利用率"))
    chat.say("zhou", "switch to English")
    said = texts(chat.say("zhou", "明天初级顾问约满了吗"))
    assert "📊 Service utilization (徐汇店, 06-16):" in said and "· 初级顾问: 2/10 小时 booked (20%)" in said


def test_hours_given_are_sold_never_stocked_and_what_is_left_is_the_days_bookable_hours(chat):
    studio(chat)
    chat.say("amy", "今天下午3点约了高级顾问2小时")
    given = texts(chat.say("amy", "今天做了3小时高级顾问"))   # was: made into stock (生产入库 … 现有 3小时)
    assert given == "✅ 已记录:徐汇店销售 高级顾问 3小时", given
    sold = texts(chat.say("amy", "卖了初级顾问2小时"))        # was: asked first, its "stock" going below zero
    assert sold == "✅ 已记录:徐汇店销售 初级顾问 2小时", sold
    moves = [(m["kind"], float(m["qty"])) for m in chat.export("moves") if m["kind"] in ("sale", "production")]
    assert moves == [("sale", 3.0), ("sale", 2.0)], moves
    assert "💰 销售额约 ¥2,400.00" in texts(chat.say("zhou", "今天卖了多少钱"))   # 3 × 600 + 2 × 300
    left = texts(chat.say("amy", "高级顾问还有多少"))          # was: -3小时, a receipt said to be missing
    assert left == "📅 6月15日徐汇店高级顾问已约 2/8小时,还空 6小时", left
    assert "顾问" not in texts(chat.say("amy", "库存"))           # (the stock overview: goods only)


def test_hours_given_beside_goods_used_warn_of_the_goods_alone(chat):
    studio(chat)
    asked = texts(chat.say("amy", "今天做了2小时高级顾问,用了牛奶100升"))   # (36 litres of milk on the shelf)
    assert "全脂牛奶库存只有" in asked and "高级顾问库存只有" not in asked, asked
    assert "· 徐汇店销售 高级顾问 2小时" in asked


def test_appointments_are_listed_by_day_or_client_cancelled_by_client_and_free_hours_asked(chat):
    studio(chat)
    booked = texts(chat.say("zhou", "明天下午3点约了高级顾问2小时,客户张女士"))   # was: not understood (the client after)
    assert booked.startswith("已登记预定:06-16 15:00 高级顾问 2小时"), booked
    chat.say("zhou", "明天上午10点王先生约了初级顾问1小时")
    day = texts(chat.say("amy", "明天的预约"))                                      # was: not understood
    assert day.splitlines()[1:] == ["· 06-16 10:00 王先生:初级顾问 1小时", "· 06-16 15:00 张女士:高级顾问 2小时"], day
    assert texts(chat.say("amy", "明天有几个预约")) == day               # (有几个: no client named)
    hers = texts(chat.say("amy", "张女士的预约"))
    assert "张女士" in hers.splitlines()[0] and hers.splitlines()[1:] == ["· 06-16 15:00 张女士:高级顾问 2小时"], hers
    free = texts(chat.say("amy", "明天高级顾问还有空吗"))
    assert free.splitlines()[1] == "· 高级顾问:已约 2/8小时(25%),还空 6小时", free
    asked = texts(chat.say("zhou", "取消张女士的预约"))   # hers alone (was: every booking of the week)
    assert asked.splitlines()[1:] == ["· 06-16 15:00 张女士:高级顾问 2小时"], asked
    chat.press("zhou", "确认")
    assert texts(chat.say("amy", "明天的预约")).splitlines()[1:] == ["· 06-16 10:00 王先生:初级顾问 1小时"]
    assert "还空 8小时" in texts(chat.say("amy", "明天高级顾问还能约吗"))
    chat.say("amy", "今天做了3小时高级顾问")
    given = texts(chat.say("amy", "今天高级顾问做了几个小时"))   # was: 没有产量记录 (hours given are sold)
    assert "3小时" in given and "卖" in given, given


def test_a_services_recipe_uses_its_goods_as_the_hours_are_given(tmp_path, monkeypatch):
    """每小时理疗用精油0.1瓶: a service's recipe per hour (before: 理疗的数量是多少?); each hour given then uses its oil."""
    from tests.conftest import ROOT
    from tests.e2e.conftest import make_chat

    studio_ = make_chat(tmp_path, monkeypatch, catalog=ROOT / "tests" / "nlu" / "fixtures" / "studio")
    asked = texts(studio_.say("lin", "每小时理疗用精油0.1瓶"))
    assert asked.startswith("把理疗的配方设为:每 1小时 用 精油 0.1瓶吗?"), asked
    studio_.press("lin", "确认")
    studio_.say("lin", "收到精油5瓶")
    given = texts(studio_.say("lin", "今天做了理疗2小时"))
    assert given.endswith("用掉:精油 0.2瓶"), given
    assert studio_.stock()["SD:G01"] == 4.8 and studio_.stock().get("SD:S03", 0) == 0   # (the hours never stocked)


def test_an_appointment_without_its_hours_asks_how_long(chat):
    """给王总约周六下午2点高级顾问 · 王总约了周六下午2点的高级顾问: how long, asked; the answer books it (before: not
    understood). Nothing is booked until it is said."""
    studio(chat)
    asked = texts(chat.say("amy", "给王总约周六下午2点高级顾问"))
    assert asked == "高级顾问约多长时间?回复时长即可,例如:1小时、1.5小时"
    assert "0/8小时" in texts(chat.say("amy", "周六高级顾问约满了吗"))   # (the question dropped: nothing booked)
    chat.say("amy", "王总约了周六下午2点的高级顾问")
    booked = texts(chat.say("amy", "1.5小时"))
    assert "已登记预定:06-20 14:00 高级顾问 1.5小时" in booked and "已约 1.5/8小时" in booked
    assert "06-20 14:00 王总:高级顾问 1.5小时" in texts(chat.say("amy", "王总的预约"))


def test_hours_said_as_people_say_them_a_no_show_and_a_rise_in_the_price(tmp_path, monkeypatch):
    """一个半小时 · 6个小时 · 半个钟头 are hours (before: 单位不对); 理疗用了精油1瓶 uses the oil for the service (before:
    理疗的数量是多少?); 张女士没来 calls off her booking today, asked first; 理疗涨价到220 is our price, the service
    having no cost (before: its cost)."""
    from tests.conftest import ROOT
    from tests.e2e.conftest import make_chat

    studio_ = make_chat(tmp_path, monkeypatch, catalog=ROOT / "tests" / "nlu" / "fixtures" / "studio")
    assert texts(studio_.say("lin", "理疗做了一个半小时")).startswith("✅ 已记录:静安工作室销售 理疗 1.5小时")
    assert texts(studio_.say("lin", "高级顾问做了半个钟头")).startswith("✅ 已记录:静安工作室销售 高级顾问 0.5小时")
    studio_.say("lin", "收到精油5瓶")
    assert texts(studio_.say("lin", "理疗用了精油1瓶")).startswith("✅ 已记录:静安工作室领用/消耗 精油 1瓶")
    assert studio_.stock()["SD:G01"] == 4
    studio_.say("lin", "给张女士约今天下午3点理疗2个小时")
    studio_.say("lin", "给王总约明天下午3点理疗2小时")
    asked = texts(studio_.say("lin", "张女士没来"))
    assert asked.startswith("取消这 1 场预定吗?") and "06-15 15:00 张女士:理疗 2小时" in asked, asked
    assert texts(studio_.press("lin", "确认")).startswith("✅ 已取消 1 场预定")
    left = studio_.export("bookings")
    assert [(b["note"], b["qty"]) for b in left] == [("王总", "2")], left   # (tomorrow's stays)
    assert "王总没有预定" in texts(studio_.say("lin", "王总没来"))            # (none today)
    assert "售价从 ¥200.00/小时 改为 ¥220.00/小时" in texts(studio_.say("lin", "理疗涨价到220"))
    studio_.press("lin", "确认")
    assert texts(studio_.say("lin", "理疗多少钱")) == "💰 理疗:售价 ¥220.00/小时"   # (no 还没有进价: never bought)
