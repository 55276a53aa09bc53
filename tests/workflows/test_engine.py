import json
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from domain import codec, commands, rules
from workflows import engine, jobs

D = Decimal
TZ = ZoneInfo("Asia/Shanghai")


def vars_(**values):
    return lambda name, params: values[name] if not params else values[f"{name}_{'_'.join(map(str, params.values()))}"]


def below(threshold):
    return rules.Group(mode="all", items=(rules.Condition(var="on_hand", op="lt", value=D(threshold)),))


def test_all_needs_every_condition_and_any_needs_one():
    g = rules.Group(mode="all", items=(rules.Condition("on_hand", "lt", D(10)), rules.Condition("booked", "gt", D(0),
                                                                                                 {"hours": 24})))
    assert engine.evaluate(g, vars_(on_hand=D(5), booked_24=D(3)))
    assert not engine.evaluate(g, vars_(on_hand=D(5), booked_24=D(0)))
    assert engine.evaluate(rules.Group("any", g.items), vars_(on_hand=D(50), booked_24=D(3)))


def test_a_condition_can_compare_two_variables_and_a_percentage_of_one():
    c = rules.Condition("on_hand", "lt_var", "safety_stock")
    assert engine.check(c, vars_(on_hand=D(3), safety_stock=D(5)))
    pct = rules.Condition("sales_std", "gt_var_pct", {"var": "sales_mean", "pct": 35}, {"days": 7})
    assert engine.check(pct, vars_(sales_std_7=D(4), sales_mean_7=D(10)))
    assert not engine.check(pct, vars_(sales_std_7=D(3), sales_mean_7=D(10)))


def test_an_alert_fires_once_per_episode_with_hysteresis():
    g, active, fired = below(10), False, 0
    for level in [12, 9, 8, 9.9, 10.2, 9.5, 11, 9]:   # 10.2 is inside the 5% band; 11 re-arms
        get = vars_(on_hand=D(str(level)))
        fire, active = engine.edge(now_true=engine.evaluate(g, get),
                                   still_true=engine.evaluate(g, get, slack=jobs.SLACK), active=active)
        fired += fire
    assert fired == 2


def test_cron_fire_times_are_local_and_in_order():
    start = datetime(2026, 6, 15, 9, tzinfo=TZ)
    end = datetime(2026, 6, 17, 9, tzinfo=TZ)
    times = list(jobs.fire_times("30 6 * * *", tz="Asia/Shanghai", start=start, end=end))
    assert [t.isoformat() for t in times] == ["2026-06-16T06:30:00+08:00", "2026-06-17T06:30:00+08:00"]


def test_commands_survive_a_json_round_trip():
    cmd = commands.RecordMoves(movement=commands.Movement.SALE, partner="K01",
                               lines=(commands.Line(sku="B09", qty=D("2.5"), unit_price=D("0.8")),))
    assert codec.load(codec.dump(cmd)) == cmd
    draft = rules.RuleDraft(text="x", trigger=rules.Trigger("schedule", "0 7 * * *"), scope=rules.Scope(skus=("A",)),
                            conditions=below(5), actions=(rules.Action("notify", {"to": ["sun"]}),))
    assert codec.load(codec.dump(draft)) == draft
    assert rules.draft_from_dict(json.loads(json.dumps(draft.to_dict()))).actions == draft.actions
