"""Work orders (工单) in the chat: a routing on the recipe, an order planned with its materials checked, started
(materials issued to work in progress), its operations marked, made in part or finished, undone, cancelled; a
subcontractor's order and its charge; what it cannot do said, nothing changed."""
from __future__ import annotations

from tests.e2e.conftest import Chat, texts


def croissants(chat: Chat, *, ops: bool = True) -> None:
    chat.say("zhou", "可颂的配方:高筋面粉50克,黄油25克,鸡蛋半个")
    chat.press("zhou", "确认")
    if ops:
        chat.say("zhou", "可颂的工序:和面30分钟,发酵2小时,烤制20分钟")
        chat.press("zhou", "确认")


def held(chat: Chat, key: str) -> float:
    return chat.stock().get(key, 0.0)


def test_a_routing_is_a_managers_shown_first_and_kept_when_the_recipe_is_said_again(chat):
    croissants(chat, ops=False)
    assert texts(chat.say("amy", "可颂的工序:和面,烤制")).startswith("你的角色没有这个权限。这件事要")
    asked = texts(chat.say("zhou", "可颂的工序:和面30分钟,发酵1小时30分钟,烤制20分钟"))
    assert "没看懂工序里的「发酵1小时30分钟」" in asked   # (a time said in two parts: asked, nothing kept)
    asked = texts(chat.say("zhou", "可颂的工序:和面30分钟,发酵2小时,烤制20分钟"))
    assert "把可颂的工序设为:和面 30分钟 → 发酵 2小时 → 烤制 20分钟 吗?" in asked
    assert "已保存(配方第 2 版)" in texts(chat.press("zhou", "确认"))
    chat.say("zhou", "可颂的配方:高筋面粉60克,黄油25克,鸡蛋半个")   # the recipe changed: its routing stays
    chat.press("zhou", "确认")
    shown = texts(chat.say("amy", "可颂的工序"))
    assert "第 3 版" in shown and "高筋面粉 0.06kg" in shown and "工序:和面 30分钟 → 发酵 2小时 → 烤制 20分钟" in shown
    assert "没有配方" in texts(chat.say("zhou", "纸杯的工序:印刷,分装"))
    chat.say("zhou", "删除可颂的工序")
    chat.press("zhou", "确认")
    assert "工序" not in texts(chat.say("amy", "可颂的工序")).split("\n", 1)[1]


def test_a_work_order_goes_from_plan_through_its_operations_to_stock_and_its_lots_stay_joined(chat):
    croissants(chat)
    chat.say("zhou", "收到黄油2箱,批号HY0601")   # butter of a lot to follow into the croissants
    before = chat.stock()
    planned = texts(chat.say("amy", "开工单:明天做可颂100个"))
    assert "🛠️ 已建工单 #1 可颂 100个,在徐汇店,6月16日前完成。" in planned
    assert "工序:和面 30分钟 → 发酵 2小时 → 烤制 20分钟" in planned
    assert "· 黄油:要 2.5kg,现有 30kg(3箱) ✓ 够" in planned and "✅ 原料都够。" in planned
    assert chat.stock() == before   # planned: nothing moves
    assert "· #1 可颂 0/100个 · 待开工,6月16日前完成" in texts(chat.say("amy", "工单"))
    started = texts(chat.say("amy", "工单1开工"))
    assert "▶️ 工单 #1 可颂 100个 开工,领料到在制:高筋面粉 5kg、黄油 2.5kg、鸡蛋 50个(1板+20)" in started
    assert "下一道工序:和面 30分钟(剩余工序约 2小时50分钟)" in started
    after = chat.stock()
    assert (before["XH:B03"] - after["XH:B03"], before["XH:B06"] - after["XH:B06"]) == (5, 50)
    assert "现存:徐汇店 17.5kg(1箱+7.5)、徐汇店(在制) 2.5kg" in texts(chat.say("zhou", "追溯黄油批号HY0601"))
    assert "已经开工领过料了" in texts(chat.say("amy", "工单1开工"))   # twice: refused, nothing issued again
    assert chat.stock() == after
    assert "下一道工序:发酵 2小时" in texts(chat.say("amy", "工单1和面完成"))
    assert "没有「装盘」这道工序,它的工序是:和面、发酵、烤制" in texts(chat.say("amy", "工单1装盘完成"))
    assert "「和面」已经完成过了" in texts(chat.say("amy", "工单1和面完成"))
    assert "发酵、烤制 完成" in texts(chat.say("amy", "工单1烤制完成"))   # (发酵 done on the way)
    listed = texts(chat.say("amy", "在制品"))
    assert "· #1 可颂 0/100个 · 在制,6月16日前完成" in listed and "在制料:高筋面粉 5kg、黄油 2.5kg、鸡蛋 50个" in listed
    made = texts(chat.say("amy", "工单1完工,做了96个,报废4个"))
    assert "🏁 工单 #1 完工:可颂 96个 入库徐汇店(批次 20260615)。" in made
    assert "计划 100个,完成率 96%。" in made and "报废 4个" in made
    assert "用掉在制料:高筋面粉 5kg" in made
    assert held(chat, "XH:B09") == before["XH:B09"] + 96
    assert "没有在做的工单" in texts(chat.say("amy", "工单"))
    assert "已经结束" in texts(chat.say("amy", "工单1完工,做了5个"))   # closed: nothing more made
    assert held(chat, "XH:B09") == before["XH:B09"] + 96
    traced = texts(chat.say("zhou", "追溯可颂批号20260615"))
    assert "来源:06-15 徐汇店自制 96个" in traced and "原料:黄油 批次 HY0601,用了 2.5kg" in traced
    butter = texts(chat.say("zhou", "追溯黄油批号HY0601"))
    assert "可颂 批次 20260615" in butter   # made into the croissants
    assert "黄油用量 2.5kg" in texts(chat.say("amy", "今天黄油用了多少"))   # used at the store
    shown = texts(chat.say("amy", "工单1进度"))
    assert "工单 #1 可颂 100个 · 已完工" in shown and "✓和面 30分钟 → ✓发酵 2小时 → ✓烤制 20分钟" in shown
    assert "阿梅 完成 和面" in shown


def test_made_in_part_undone_then_cancelled_gives_everything_back(chat):
    croissants(chat, ops=False)
    before = chat.stock()
    chat.say("amy", "开工单:可颂100个")
    part = texts(chat.say("amy", "工单1先交40个"))   # not started: started in the same write
    assert "开工,领料到在制" in part and "先交 可颂 40个 入库徐汇店" in part and "还有 60个 在制" in part
    assert "用掉在制料:高筋面粉 2kg、鸡蛋 20个、黄油 1kg" in part
    assert "在制料:高筋面粉 3kg、黄油 1.5kg、鸡蛋 30个(1板)" in texts(chat.say("amy", "工单"))
    assert "不能直接改数" in texts(chat.say("amy", "不对,是30个"))
    chat.say("amy", "撤销")   # the whole write: the 40 and their materials, and the start with them
    assert chat.stock() == before
    assert "· #1 可颂 0/100个 · 待开工" in texts(chat.say("amy", "工单"))
    chat.say("amy", "工单1开工")
    chat.say("amy", "工单1先交30个")
    chat.say("amy", "撤销")   # only the 30: the order is in progress again, holding all its materials
    assert "在制料:高筋面粉 5kg、黄油 2.5kg、鸡蛋 50个" in texts(chat.say("amy", "工单"))
    assert "没有找到工单 #1" in texts(chat.say("bo", "取消工单1"))   # another store's staff: not theirs to see
    cancelled = texts(chat.say("amy", "取消订单1"))   # (its number as any order's: still the work order)
    assert "🚫 工单 #1 可颂 100个 已取消。" in cancelled and "退料回徐汇店:" in cancelled
    assert chat.stock() == before
    assert "已经结束" in texts(chat.say("amy", "工单1开工"))


def test_a_subcontractors_order_sends_its_materials_and_bills_what_comes_back(chat):
    croissants(chat, ops=False)
    before = chat.stock()
    planned = texts(chat.say("zhou", "委外加工:让光明做可颂100个,加工费每个1.5元"))
    assert "🛠️ 已建工单 #1 可颂 100个(光明乳业外协),在徐汇店。" in planned and "加工费 ¥1.50/个,共 ¥150.00。" in planned
    sent = texts(chat.say("zhou", "工单1发料"))
    assert "📦 工单 #1 可颂 100个(光明乳业外协) 已发料给光明乳业:高筋面粉 5kg" in sent
    assert "· #1 可颂 0/100个(光明乳业外协) · 外协中" in texts(chat.say("zhou", "工单"))
    back = texts(chat.say("zhou", "工单1完工,收回98个"))
    assert "可颂 98个 入库徐汇店" in back and "🧾 应付光明乳业加工费 ¥147.00" in back
    assert held(chat, "XH:B09") == before["XH:B09"] + 98 and before["XH:B03"] - held(chat, "XH:B03") == 5
    chat.say("zhou", "付给光明100")
    assert "应付 ¥47.00" in texts(chat.press("zhou", "确认"))
    assert "供应商目录里没有「老李」" in texts(chat.say("zhou", "委外加工:让老李做可颂100个"))
    assert "不是供应商" in texts(chat.say("zhou", "委外加工:让盒马做可颂100个"))


def test_what_a_work_order_cannot_do_is_said_and_changes_nothing(chat):
    before = chat.stock()
    assert "还没有配方,开不了工单" in texts(chat.say("amy", "开工单:可颂100个"))
    croissants(chat, ops=False)
    assert "没有在做的工单" in texts(chat.say("amy", "工单开工"))
    assert "没有找到工单 #9" in texts(chat.say("amy", "工单9开工"))
    assert "像是多打了几个0,没有记录" in texts(chat.say("amy", "开工单:可颂1000000个"))
    chat.say("amy", "开工单:可颂100个")
    chat.say("amy", "开工单:可颂50个")
    assert "有几个工单:#1、#2" in texts(chat.say("amy", "工单完工"))
    assert "没有工序" in texts(chat.say("amy", "工单1下一道工序"))
    assert "开工单:可颂50个" not in texts(chat.say("amy", "工单"))
    assert chat.stock() == before


def test_a_message_delivered_twice_issues_once_and_english_is_complete(chat):
    croissants(chat)
    chat.say("amy", "开工单:可颂100个")
    before = chat.stock()
    first = texts(chat.send(user="amy", text="工单1开工", id="m-1"))
    again = texts(chat.send(user="amy", text="工单1开工", id="m-1"))
    assert first == again and before["XH:B03"] - chat.stock()["XH:B03"] == 5
    chat.say("amy", "switch to English")
    assert "Next operation: 发酵 2 h" in texts(chat.say("amy", "工单1和面完成"))
    listed = texts(chat.say("amy", "工单"))
    assert "1 work order(s) in progress at 徐汇店:" in listed and "in progress (next: 发酵)" in listed
    made = texts(chat.say("amy", "工单1完工,做了100个"))
    assert "🏁 Work order #1 finished: 可颂 100个 into stock at 徐汇店" in made and "Planned 100个: 100% made." in made


def test_the_prep_list_counts_what_work_orders_are_still_making(chat):
    chat.say("zhou", "做10个可颂要高筋面粉0.5公斤、黄油0.25公斤、鸡蛋5个")
    chat.press("zhou", "确认")
    chat.say("amy", "今天做了20个可颂")   # made ahead here: on the prep list to make
    chat.say("amy", "卖了可颂55个")
    assert "→ 建议按配方做 25个" in texts(chat.say("zhou", "今日备货清单"))
    chat.say("amy", "开工单:可颂20个")
    line = next(x for x in texts(chat.say("zhou", "今日备货清单")).splitlines() if "可颂" in x)
    assert "现有 5个,预定 0个,工单在做 20个" in line and "→ 建议按配方做 5个" in line, line
    chat.say("amy", "工单1先交8个")   # 8 of them made: 12 still to make
    line = next(x for x in texts(chat.say("zhou", "今日备货清单")).splitlines() if "可颂" in x)
    assert "现有 13个,预定 0个,工单在做 12个" in line and "→ 建议按配方做 5个" in line, line
    made = texts(chat.say("zhou", "今天要做什么"))
    assert "· 可颂 5个" in made and "🛠️ 在做的工单(上面的建议已扣除它们还要做的):#1 可颂 8/20个" in made


def test_goods_the_subcontractor_sends_back_go_against_its_work_order_and_it_may_be_closed_short(chat):
    croissants(chat, ops=False)
    assert texts(chat.say("amy", "委外加工:让光明做可颂100个")).startswith("你的角色没有这个权限。这件事要")   # (work bought: staff)
    chat.say("zhou", "委外加工:让光明做可颂100个,加工费每个1.5元")
    chat.say("zhou", "工单1发料")
    before = chat.stock()
    back = texts(chat.say("zhou", "光明送来可颂60个"))   # a receipt from it of what it makes: its work order's
    assert "📥 工单 #1 先交 可颂 60个" in back and "还有 40个 在制" in back and "应付光明乳业加工费 ¥90.00" in back
    assert chat.stock()["XH:B09"] - before["XH:B09"] == 60 and chat.stock()["XH:B03"] == before["XH:B03"]
    closed = texts(chat.say("zhou", "工单1结单"))   # nothing more will come: finished with what it made
    assert "🏁 工单 #1 结单:共做 可颂 60个。" in closed and "完成率 60%" in closed and "用掉在制料:高筋面粉 2kg" in closed
    bought = texts(chat.say("zhou", "收到光明的可颂5个"))   # no work order open: goods bought, as any receipt
    assert "已记录:徐汇店入库 可颂 5个(光明乳业)" in bought


def test_a_subcontractors_goods_said_with_others_go_to_its_work_order_and_the_rest_is_bought_in_one_write(chat):
    croissants(chat, ops=False)
    chat.say("zhou", "委外加工:让光明做可颂100个,加工费每个1.5元")
    chat.say("zhou", "工单1发料")
    before = chat.stock()
    asked = texts(chat.say("zhou", "收到光明的可颂60个、牛奶2箱"))   # one receipt of two lines: each goes its way
    assert "光明乳业交回 可颂 60个(工单 #1 的成品,不算采购)" in asked and "徐汇店入库 全脂牛奶 24升(2箱)(光明乳业)" in asked
    assert chat.stock() == before   # asked first, nothing written
    done = texts(chat.press("zhou", "确认"))
    assert "📥 工单 #1 先交 可颂 60个" in done and "应付光明乳业加工费 ¥90.00" in done
    after = chat.stock()
    assert after["XH:B09"] - before["XH:B09"] == 60 and after["XH:B01"] - before["XH:B01"] == 24
    assert "#1 可颂 60/100个" in texts(chat.say("zhou", "工单"))
    chat.say("zhou", "撤销")   # one write: both parts go back, and the work order with them
    assert chat.stock() == before and "#1 可颂 0/100个" in texts(chat.say("zhou", "工单"))
    mixed = texts(chat.say("zhou", "光明送来可颂40个,碎了2个"))   # two kinds (a Batch): the goods are still its work's
    assert "光明乳业交回 可颂 40个(工单 #1 的成品,不算采购)" in mixed
    chat.press("zhou", "确认")
    assert chat.stock()["XH:B09"] - before["XH:B09"] == 38 and "#1 可颂 40/100个" in texts(chat.say("zhou", "工单"))


def test_a_subcontractor_sees_its_work_orders_and_our_materials_it_holds_never_a_price(tmp_path, monkeypatch):
    from tests.conftest import DEMO
    from tests.e2e.conftest import make_chat
    demo = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    for said in ("新增菜品红烧牛腩,单位份,售价48", "一份红烧牛腩用牛腩半斤、土豆200克"):
        demo.say("liu", said)
        demo.press("liu", "确认")
    demo.say("liu", "委外加工:让张记做红烧牛腩40份,加工费每份5元,周五交货")
    assert "外协工单 #1 加工 红烧牛腩 40份,已交回 0份,交货 06-19;在贵司的料:(还没有发料)" in texts(demo.say("zhangji", "订单"))
    demo.say("liu", "工单1发料")
    demo.say("liu", "张记送来红烧牛腩10份")
    seen = texts(demo.say("zhangji", "订单"))
    assert "外协工单 #1 加工 红烧牛腩 40份,已交回 10份,交货 06-19;在贵司的料:牛腩 15斤、土豆 6公斤" in seen
    assert "¥" not in seen and "5元" not in seen and "48" not in seen


def test_the_stocks_value_says_what_work_orders_hold_in_progress_at_cost(chat):
    croissants(chat, ops=False)
    for said in ("高筋面粉进价改成8", "黄油进价改成60"):
        chat.say("zhou", said)
        chat.press("zhou", "确认")
    chat.say("amy", "开工单:可颂100个")
    assert "在制品" not in texts(chat.say("zhou", "库存值多少钱"))   # planned: nothing issued yet
    chat.say("amy", "工单1开工")
    valued = texts(chat.say("zhou", "库存值多少钱"))
    assert "· 高筋面粉 95kg(3袋+20):¥760.00" in valued
    assert "🛠️ 另有在制品(工单 #1)按成本 ¥190.00,不在上面的库存里。" in valued   # 5 kg × 8 + 2.5 kg × 60


def test_undo_right_after_marking_an_operation_takes_the_mark_back_not_the_write_before_it(chat):
    croissants(chat)
    chat.say("amy", "开工单:可颂100个")
    chat.say("amy", "工单1开工")
    issued = chat.stock()
    chat.say("amy", "工单1发酵完成")   # 和面 marked on the way
    assert "↩️ 工单 #1:和面、发酵 改回未完成。" in texts(chat.say("amy", "撤销"))
    assert chat.stock() == issued   # the materials stay issued
    assert "在制(下一道:和面)" in texts(chat.say("amy", "工单"))
    chat.say("amy", "撤销")   # now the write before it: the start
    assert "· #1 可颂 0/100个 · 待开工" in texts(chat.say("amy", "工单"))


def test_work_centers_carry_the_operations_of_the_work_orders_due_each_day_against_their_hours(chat):
    croissants(chat, ops=False)
    chat.say("zhou", "可颂的工序:和面30分钟(和面机),发酵2小时,烤制3小时(烤箱)")
    assert "烤制 3小时(烤箱)" in texts(chat.press("zhou", "确认"))
    assert texts(chat.say("amy", "烤箱每天可用8小时")).startswith("你的角色没有这个权限。这件事要")
    assert "把徐汇店的烤箱设为每天可用 8 小时吗?" in texts(chat.say("zhou", "烤箱每天可用8小时"))
    assert "✅ 徐汇店的烤箱每天可用 8 小时。" in texts(chat.press("zhou", "确认"))
    for _ in range(2):
        assert "⚠️" not in texts(chat.say("amy", "开工单:明天做可颂100个"))
    third = texts(chat.say("amy", "开工单:明天做可颂100个"))   # 3 × 3 hours of the oven on one day
    assert "⚠️ 6月16日烤箱已排 9 小时,每天可用 8 小时,超了 1 小时" in third
    assert "· 高筋面粉:要 5kg,现有 100kg(4袋),其中其他工单要用 10kg ✓ 够" in third   # two planned before it
    load = texts(chat.say("amy", "这周的产能负荷"))
    assert "· 6月16日:和面机 1.5小时(没设每天可用多久)、⚠️ 烤箱 9/8小时(超了)" in load
    chat.say("amy", "工单1烤制完成")   # an operation done no longer loads its center
    assert "· 6月16日:烤箱 6/8小时" in texts(chat.say("amy", "明天烤箱排满了吗"))
    assert "这几天烤箱都没有排工单" in texts(chat.say("amy", "下周烤箱的负荷"))


def test_what_a_work_order_made_costs_its_materials_share_and_the_charge_and_becomes_the_products_cost(chat):
    croissants(chat, ops=False)
    for said in ("高筋面粉进价改成8", "黄油进价改成60", "鸡蛋进价改成0.8"):   # 0.4 + 1.5 + 0.4 = ¥2.30 a croissant
        chat.say("zhou", said)
        chat.press("zhou", "确认")
    chat.say("zhou", "开工单:可颂50个")
    made = texts(chat.say("zhou", "工单1完工,做了45个,报废5个"))   # the scrapped ones' materials: on the good ones
    assert "💰 成本 ¥2.56/个(材料 ¥2.56)" in made                     # 50 × 2.30 / 45
    assert "进价 ¥2.56/个(近期生产的实际成本)" in texts(chat.say("zhou", "可颂进价多少"))
    chat.say("zhou", "委外加工:让光明做可颂100个,加工费每个1.5元")
    chat.say("zhou", "工单2发料")
    back = texts(chat.say("zhou", "光明送来可颂60个"))
    assert "💰 成本 ¥3.80/个(材料 ¥2.30 + 加工费 ¥1.50)" in back and "应付光明乳业加工费 ¥90.00" in back
    assert "进价 ¥3.27/个(近期生产的实际成本)" in texts(chat.say("zhou", "可颂进价多少"))   # (115 + 60 × 3.80) / 105
    assert "应付 ¥90.00" in texts(chat.say("zhou", "光明欠多少钱"))   # its charge, never our materials
    chat.say("zhou", "switch to English")
    chat.say("zhou", "撤销")
    again = texts(chat.say("zhou", "光明送来可颂60个"))
    assert "💰 cost ¥3.80/个 (materials ¥2.30 + processing fee ¥1.50)" in again


def test_materials_go_to_a_work_order_beyond_its_recipe_and_come_back_what_it_did_not_use(chat):
    croissants(chat, ops=False)
    chat.say("amy", "开工单:可颂100个")
    assert "还没开工领料" in texts(chat.say("amy", "工单1补料:黄油1公斤"))   # nothing issued yet: nothing to add to
    chat.say("amy", "工单1开工")   # 5 kg flour, 2.5 kg butter, 50 eggs
    start = chat.stock()
    assert "➕ 工单 #1 补料到在制:黄油 1kg" in texts(chat.say("amy", "工单1补料:黄油1公斤"))
    assert held(chat, "XH:B07") == start["XH:B07"] - 1
    refused = texts(chat.say("amy", "工单1退料:高筋面粉6公斤"))
    assert refused == "工单 #1 在制的高筋面粉只有 5kg,退不了 6kg。没有修改。" and chat.stock()["XH:B03"] == start["XH:B03"]
    assert "退哪些料、各多少" in texts(chat.say("amy", "工单1退料"))
    assert "↩️ 工单 #1 退料回徐汇店:高筋面粉 1kg" in texts(chat.say("amy", "工单1退料:面粉1公斤"))
    shown = texts(chat.say("amy", "工单1进度"))
    assert "在制料:高筋面粉 4kg、黄油 3.5kg、鸡蛋 50个" in shown and "补料" in shown and "退料" in shown
    chat.say("amy", "工单1先交40个")   # 40 of the 100: 40% of what it holds used
    before = chat.stock()
    done = texts(chat.say("amy", "工单1完工,做了20个,报废5个,余料退回"))   # 25 of the 60 left: the rest goes back
    assert "用掉在制料:高筋面粉 1kg、鸡蛋 12.5个、黄油 0.875kg" in done
    assert "退料回徐汇店:高筋面粉 1.4kg、鸡蛋 17.5个、黄油 1.225kg" in done and "完成率 60%" in done
    after = chat.stock()
    assert round(after["XH:B03"] - before["XH:B03"], 6) == 1.4 and after["XH:B09"] - before["XH:B09"] == 20
    assert "工单退料 高筋面粉 1.4kg" in texts(chat.say("amy", "撤销"))   # taken back whole: it is in progress again
    assert chat.stock() == before and "#1 可颂 40/100个" in texts(chat.say("amy", "工单"))
    closed = texts(chat.say("amy", "工单1结单,剩下的料退回仓库"))   # nothing more made: all it holds goes back
    assert "🏁 工单 #1 结单:共做 可颂 40个。" in closed and "退料回徐汇店:高筋面粉 2.4kg、鸡蛋 30个(1板)、黄油 2.1kg" in closed
    assert round(chat.stock()["XH:B03"] - before["XH:B03"], 6) == 2.4
    assert "已经结束" in texts(chat.say("amy", "工单1退料:黄油1公斤"))


def test_an_operation_timed_per_batch_takes_as_many_batches_as_the_order_needs(chat):
    croissants(chat, ops=False)
    asked = texts(chat.say("zhou", "可颂的工序:和面30分钟,烤制每炉50个20分钟(烤箱),包装20分钟/100个"))
    assert "和面 30分钟 → 烤制 每50个 20分钟(烤箱) → 包装 每100个 20分钟" in asked
    assert "已保存(配方第 2 版)" in texts(chat.press("zhou", "确认"))
    assert "是每多少的时间" in texts(chat.say("zhou", "可颂的工序:烤制每炉20分钟"))   # a batch of how many: asked
    chat.say("zhou", "烤箱每天可用1小时")
    chat.press("zhou", "确认")
    planned = texts(chat.say("zhou", "开工单:明天做可颂120个"))   # 3 trays (the last a part one), 2 packing runs
    assert "工序:和面 30分钟 → 烤制 1小时(烤箱) → 包装 40分钟" in planned and "超了" not in planned
    over = texts(chat.say("zhou", "开工单:明天做可颂50个"))   # one tray more: 80 minutes of a 60-minute oven
    assert "⚠️ 6月16日烤箱已排 1.3 小时,每天可用 1 小时,超了 0.3 小时" in over
    assert "工序:和面 30分钟 → 烤制 20分钟(烤箱) → 包装 20分钟" in over
    chat.say("zhou", "可颂的配方:高筋面粉60克,黄油25克,鸡蛋半个")   # the recipe said again keeps its batches
    chat.press("zhou", "确认")
    assert "烤制 每50个 20分钟(烤箱)" in texts(chat.say("zhou", "可颂的工序"))
