"""The morning list's stock levels across a store: the service level holds for the store's products together,
with less stock left over than holding every product at it."""
from datetime import datetime, timedelta
from decimal import Decimal

import numpy as np

from adapters import forecast_port
from tests.e2e.conftest import confirmed, make_chat, texts
from workflows import metrics, reports

NOW = datetime.fromisoformat("2026-06-15T09:00:00+08:00")


def seeded(tmp_path, monkeypatch):
    """The demo's store XH with 200 days of sales of four products."""
    return seeded_chat(tmp_path, monkeypatch).container.uow


def seeded_chat(tmp_path, monkeypatch):
    """The chat on that store."""
    chat = make_chat(tmp_path, monkeypatch, clock=NOW.isoformat())
    uow = chat.container.uow
    rng = np.random.default_rng(2)
    with uow() as u:
        rows = []
        for n in range(1, 201):
            d = (NOW.date() - timedelta(days=n)).isoformat()
            for sku, qty in (("B09", 20 + rng.normal(0, 3)),                    # croissants: steady, small
                             ("B06", rng.lognormal(np.log(120), 0.8)),          # eggs: bulky, erratic
                             ("B01", 8 + rng.normal(0, 3)),
                             ("B02", rng.lognormal(1.0, 0.5) * (rng.random() < 0.4))):   # cream: now and then
                if qty > 0:
                    rows.append({"day": d, "location": "XH", "sku": sku, "qty": Decimal(f"{qty:.0f}")})
        u.history.upsert(rows)
        u.commit()
    return chat


def test_the_store_meets_its_service_level_with_less_stock_than_each_product_at_it(tmp_path, monkeypatch):
    uow = seeded(tmp_path, monkeypatch)
    with uow() as u:
        plan = reports.store_plan(u, location="XH", now=NOW, forecaster=forecast_port.Forecaster())

    demand = {snap.product.sku: 1 - period.cdf(Decimal(0)) for snap, _, _, period in plan}
    assert {sku for sku, p in demand.items() if p > 0} == {"B01", "B02", "B06", "B09"}   # the others never sold
    target = Decimal("0.05") * sum(demand.values(), Decimal(0))
    short = sum((option.short for _, _, option, _ in plan), Decimal(0))
    assert short <= target + Decimal("1e-9")
    alone_short, alone_left, left = Decimal(0), Decimal(0), Decimal(0)
    for _snap, sug, option, period in plan:
        floor = sug.on_hand + sug.on_order - sug.booked         # what the store has for the period already
        stock = max(period.quantile(Decimal("0.95")), floor)
        alone_short += 1 - period.cdf(stock)
        alone_left += period.expected_leftover(stock)
        left += option.leftover
    assert alone_short <= target + Decimal("1e-9")         # both meet the store's service level …
    assert left < alone_left                               # … the store plan with less stock left over
    level = {snap.product.sku: option.level for snap, _, option, _ in plan}
    assert level["B09"] > Decimal("0.95") > level["B06"]   # the cheap steady item high, the bulky erratic one lower
    for snap, sug, _option, period in plan:                # but none that sells below 80% for the others' sake
        if demand[snap.product.sku] > 0:
            assert period.cdf(sug.order_up_to - sug.booked) >= Decimal("0.8") - Decimal("1e-6")


def test_the_level_holds_over_the_stores_last_mornings_kept_in_the_database(tmp_path, monkeypatch):
    uow = seeded(tmp_path, monkeypatch)

    def morning():
        with uow() as u:
            plan = reports.store_plan(u, location="XH", now=NOW, forecaster=forecast_port.Forecaster())
            u.commit()
        with uow() as u:
            kept = u.history.replenish_days(location="XH", before="9999-12-31", n=400)
        return plan, kept

    first, kept = morning()
    assert len(kept) == 1 and Decimal(kept[0]["want"]) == sum((1 - p.cdf(Decimal(0)) for *_, p in first), Decimal(0))
    again, kept_again = morning()                      # the same morning run twice: one row, the same plan
    assert kept_again == kept
    assert [o.stock for _, _, o, _ in again] == [o.stock for _, _, o, _ in first]

    # 90 mornings before this one on which every product with demand was served from the shelf (and one long
    # forgotten): this morning may run shorter, the level holding over the 91 together, with less left over
    with uow() as u:
        for n in range(1, 91):
            day = (NOW.date() - timedelta(days=n)).isoformat()
            u.history.put_replenish_day(location="XH", day=day, data={"want": "3.5", "short": "0", "steps": []},
                                        keep_from="2000-01-01")
        u.history.put_replenish_day(location="XH", day=(NOW.date() - timedelta(days=400)).isoformat(),
                                    data={"want": "3.5", "short": "3.5", "steps": []}, keep_from="2000-01-01")
        u.commit()
    eased, kept = morning()
    assert len(kept) == 91 and kept[-1] == kept_again[0]      # the long-forgotten morning is gone, this one kept
    want = sum((1 - p.cdf(Decimal(0)) for *_, p in eased), Decimal(0))
    short = {name: sum((o.short for _, _, o, _ in plan), Decimal(0)) for name, plan in (("first", first),
                                                                                        ("eased", eased))}
    left = {name: sum((o.leftover for _, _, o, _ in plan), Decimal(0)) for name, plan in (("first", first),
                                                                                          ("eased", eased))}
    assert short["first"] <= Decimal("0.05") * want + Decimal("1e-9") < short["eased"]
    assert short["eased"] <= Decimal("0.05") * (want + 90 * Decimal("3.5"))
    assert left["eased"] < left["first"]
    for _snap, sug, _option, period in eased:       # still none that sells below 80% for the others' sake
        if period.cdf(Decimal(0)) < 1:
            assert period.cdf(sug.order_up_to - sug.booked) >= Decimal("0.8") - Decimal("1e-6")


def test_a_tenants_own_service_level_sets_how_short_the_store_may_run(tmp_path, monkeypatch):
    uow = seeded(tmp_path, monkeypatch)
    out = {}
    for level in ("0.95", "0.8", "0.99"):
        with uow() as u:
            row = u.catalog.tenant_row()
            row.settings = {**row.settings, "service_level": level}
            u.catalog.s.add(row)
            u.commit()
        with uow() as u:
            plan = reports.store_plan(u, location="XH", now=NOW, forecaster=forecast_port.Forecaster())
        want = sum((1 - p.cdf(Decimal(0)) for *_, p in plan), Decimal(0))
        short = sum((o.short for _, _, o, _ in plan), Decimal(0))
        assert short <= (1 - Decimal(level)) * want + Decimal("1e-9"), level
        out[level] = (short, sum((o.leftover for _, _, o, _ in plan), Decimal(0)),
                      min(p.cdf(s.order_up_to - s.booked) for _, s, _, p in plan if p.cdf(Decimal(0)) < 1))
    assert out["0.99"][0] < out["0.95"][0] < out["0.8"][0]       # shorter at a lower level …
    assert out["0.99"][1] > out["0.95"][1] > out["0.8"][1]       # … with less left over
    assert out["0.8"][2] >= Decimal("0.8") - Decimal("1e-6")     # and still no product that sells below 80%


def test_a_rules_order_quantity_follows_the_tenants_service_level_too(tmp_path, monkeypatch):
    uow = seeded(tmp_path, monkeypatch)
    ordered = {}
    for level in ("0.8", "0.99"):
        with uow() as u:
            row = u.catalog.tenant_row()
            row.settings = {**row.settings, "service_level": level}
            u.catalog.s.add(row)
            u.commit()
        with uow() as u:
            product = u.catalog.product("B06")
            snap = metrics.Snapshot(u, location="XH", product=product, now=NOW, forecaster=forecast_port.Forecaster())
            sug = reports.replenish(snap, product)
            ordered[level] = sug.order_up_to
    assert ordered["0.99"] > ordered["0.8"]


def test_the_prep_list_asked_for_in_the_chat_is_the_mornings_list_and_keeps_no_morning(tmp_path, monkeypatch):
    chat = seeded_chat(tmp_path, monkeypatch)
    uow = chat.container.uow
    out = chat.say("amy", "今日备货清单")
    (reply,) = [m["text"] for m in out if m["to"] == "amy"]
    with uow() as u:
        kept = u.history.replenish_days(location="XH", before="9999-12-31", n=400)
        lines = reports.suggestions(u, location="XH", now=NOW, forecaster=forecast_port.Forecaster(), keep=False)
    assert kept == []                                    # asked during the day: the store's mornings stay as they were
    assert reply.startswith("📋 徐汇店今日备货清单(06-15)")
    assert {"B06", "B09"} <= {p.sku for p, _, _ in lines}   # sold every day, little or nothing on the shelf
    for p, sug, _ in lines:                              # each product the morning job would list, with its reasons
        line = next(x for x in reply.splitlines() if x.startswith(f"· {p.name}:"))
        assert "现有" in line and "预测需求" in line and "安全库存" in line
        main, *why = line.split(" · ")                    # then what changed the quantity, if anything
        assert main.endswith(f"建议补 {reports.qty(p, sug.quantity)}")
        assert any(w.startswith("按整") for w in why) == ("rounded_to_pack" in sug.reasons and bool(p.packs))
        assert ("补到安全库存" in why) == ("below_safety_stock" in sug.reasons)
    assert len(reply.splitlines()) == 1 + len(lines)
    order = [next(p.sku for p, _, _ in lines if x.startswith(f"· {p.name}:")) for x in reply.splitlines()[1:]]
    covered = {p.sku: reports.cover(sug) for p, sug, _ in lines}
    assert [covered[sku] for sku in order] == sorted(covered.values())   # the least covered first
    other = chat.say("amy", "静安店今天要进什么货")      # another store, by name
    assert other[0]["text"].startswith("📋 静安店今日备货清单")
    chat.say("amy", "English")
    (english,) = [m["text"] for m in chat.say("amy", "备货清单") if m["to"] == "amy"]
    assert english.startswith("📋") and "prep list for today" in english and "→ order" in english
    chat.send(at="2026-06-16T07:05:00+08:00")           # the morning job keeps its morning as before
    with uow() as u:
        assert len(u.history.replenish_days(location="XH", before="9999-12-31", n=400)) == 1


def test_someone_without_a_store_gets_every_store_s_list_or_the_one_named(tmp_path, monkeypatch):
    chat = seeded_chat(tmp_path, monkeypatch)
    out = chat.say("owner", "今日备货清单")              # the owner has no store of her own: every store's
    assert out[0]["text"].startswith("📋 徐汇店") and "📋 静安店" in out[0]["text"], out
    only = chat.say("owner", "徐汇店备货清单")[0]["text"]
    assert only.startswith("📋 徐汇店") and "静安店" not in only


def test_the_prep_list_s_button_makes_its_purchase_requests_once_for_a_manager_to_approve(tmp_path, monkeypatch):
    chat = seeded_chat(tmp_path, monkeypatch)
    staff = chat.say("amy", "今日备货清单")
    assert staff[0]["buttons"] == []                     # staff may not purchase: the list without the button
    (listed,) = [m for m in chat.say("zhou", "今日备货清单") if m["to"] == "zhou"]
    assert listed["buttons"] == [["按清单生成采购申请"]]
    to_order = [x for x in listed["text"].splitlines()[1:]]
    out = chat.press("zhou", "按清单生成采购申请")
    made = [o for o in chat.export("orders") if o["kind"] == "purchase_request"]
    assert len(to_order) == 2 and len(made) == 1           # neither has a supplier: one request holds both
    assert made[0]["status"] == "pending_approval" and len(made[0]["lines"]) == 2
    assert f"已生成 1 张采购申请 #{made[0]['id']}" in texts(out, "zhou")
    (ask,) = [m for m in out if m["to"] == "zhou" and "按备货清单提交采购申请" in m["text"]]
    assert ask["text"].splitlines()[0].endswith("(徐汇店,向未定供应商):") and ask["buttons"] == [["批准", "驳回"]]
    for line in to_order:                                # the request orders what the list said, with its reasons
        name, qty = line[2: line.index(":")], line.rsplit("建议补 ", 1)[1]
        assert any(x.startswith(f"· {name}:") and x.endswith(f"建议补 {qty}") for x in ask["text"].splitlines())
    chat.press("zhou", "批准")                             # the approval flow takes it from there
    assert [o["status"] != "pending_approval" for o in chat.export("orders") if o["kind"] == "purchase_request"] == [True]
    chat.say("zhou", "今日备货清单")                       # asked again and pressed: nothing twice
    again = chat.press("zhou", "按清单生成采购申请")
    assert "没有新的采购申请" in texts(again, "zhou")
    assert len([o for o in chat.export("orders") if o["kind"] == "purchase_request"]) == 1


def test_the_prep_lists_requests_are_one_per_supplier(tmp_path, monkeypatch):
    chat = seeded_chat(tmp_path, monkeypatch)
    for said in ("可颂的供应商改成光明", "鸡蛋的供应商改成金龙鱼"):
        assert "已把" in confirmed(chat, "zhou", said), said
    chat.say("zhou", "今日备货清单")
    out = chat.press("zhou", "按清单生成采购申请")
    made = {o["partner"]: [ln["sku"] for ln in o["lines"]] for o in chat.export("orders") if o["kind"] == "purchase_request"}
    assert made == {"V01": ["B09"], "V02": ["B06"]}
    heads = sorted(m["text"].splitlines()[0] for m in out if m["to"] == "zhou" and "按备货清单提交采购申请" in m["text"])
    assert sorted(h[h.index("(") + 1:] for h in heads) == ["徐汇店,向光明乳业):", "徐汇店,向金龙鱼粮油):"]
    assert "已把" in confirmed(chat, "zhou", "鸡蛋的供应商改成光明")       # the same supplier: one request, two lines
    for o in chat.export("orders"):                         # (the requests made above, rejected, free their goods)
        assert "驳回" in texts(chat.say("zhou", f"驳回#{o['id']}")), o
    chat.say("zhou", "今日备货清单")
    chat.press("zhou", "按清单生成采购申请")
    pending = [o for o in chat.export("orders") if o["kind"] == "purchase_request" and o["status"] == "pending_approval"]
    assert [(o["partner"], sorted(ln["sku"] for ln in o["lines"])) for o in pending] == [("V01", ["B06", "B09"])]


def test_the_morning_prep_list_carries_the_same_button(tmp_path, monkeypatch):
    chat = seeded_chat(tmp_path, monkeypatch)
    out = chat.send(at="2026-06-16T07:01:00+08:00")
    (morning,) = [m for m in out if m["to"] == "zhou" and "徐汇店今日备货清单" in m["text"]]
    assert morning["buttons"] == [["按清单生成采购申请"]]
    made = chat.press("zhou", "按清单生成采购申请")      # the last list with buttons: 徐汇店's
    assert "已生成" in texts(made, "zhou")
    assert sum(len(o["lines"]) for o in chat.export("orders") if o["kind"] == "purchase_request") == len(
        morning["text"].splitlines()) - 1
