"""Work orders' stages, pure: operations marked in order, made in part or finished, what is held in progress and
the state worked out again after an undo."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from domain import bom, errors, ledger, orders, production

T = datetime(2026, 6, 15, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
RECIPE = bom.Recipe(sku="B09", yields=D(10), components=(bom.Component("B03", D("0.5")),), version=3,
                    operations=(bom.Operation("和面", D(30)), bom.Operation("发酵", D(120)), bom.Operation("烤制")))


def order() -> orders.Order:
    return production.new(sku="B09", qty=D(100), recipe=RECIPE, location="XH", at=T, by="amy")


def test_an_order_keeps_its_recipe_version_and_routing_and_marks_operations_in_order():
    o = order()
    assert (o.status, o.meta["recipe"], production.minutes_left(o)) == (orders.Status.OPEN, "recipe:B09:v3", D(150))
    o, marked = production.step_done(o, None, at=T, by="amy")
    assert [s.name for s in marked] == ["和面"] and production.next_step(o).name == "发酵"
    o, marked = production.step_done(o, "烤制", at=T, by="amy")   # the one before it done on the way
    assert [s.name for s in marked] == ["发酵", "烤制"] and production.next_step(o) is None
    back, unmarked = production.step_undone(o)   # 撤销 right after: that marking only
    assert [s.name for s in unmarked] == ["发酵", "烤制"] and production.next_step(back).name == "发酵"
    with pytest.raises(errors.NotFound):   # (the marking before it is no undo of this kind)
        production.step_undone(production.step_undone(back)[0])
    with pytest.raises(errors.InvalidState):
        production.step_done(o, "和面", at=T, by="amy")
    with pytest.raises(errors.BadInput):
        production.step_done(order(), "装盘", at=T, by="amy")
    with pytest.raises(errors.BadInput):   # a routing naming one step twice
        bom.Recipe(sku="B09", yields=D(1), components=RECIPE.components,
                   operations=(bom.Operation("烤制"), bom.Operation("烤制")))


def test_made_in_part_uses_its_share_and_finished_closes_whatever_the_yield():
    o = production.started(order(), at=T, by="amy", batch="s")
    assert production.used_share(o, D(40), final=False) == D("0.4")
    o = production.made(o, D(40), final=False, at=T, by="amy", batch="m1")
    assert (o.status, o.lines[0].received) == (orders.Status.PARTIAL, D(40))
    assert production.used_share(o, D(30), final=False) == D("0.5")   # 30 of the 60 left
    assert production.used_share(o, D(30), final=True) == 1
    done = production.made(o, D(50), final=True, at=T, by="amy", batch="m2")
    assert (done.status, done.lines[0].received, done.meta["closed"]) == (orders.Status.DONE, D(90), "m2")
    with pytest.raises(errors.InvalidState):
        production.made(done, D(1), final=True, at=T, by="amy", batch="m3")
    with pytest.raises(errors.InvalidState):   # started twice
        production.started(o, at=T, by="amy", batch="s2")


def test_what_is_held_and_the_state_after_an_undo_come_from_the_moves_that_stand():
    wip = production.wip("XH")
    assert production.wip_of(wip) == ("XH", None) and production.wip_of(production.wip("XH", "V01")) == ("XH", "V01")
    assert production.wip_of("XH") is None and production.wip_of("~CONSUMPTION") is None
    issue = ledger.Move(kind=ledger.MoveKind.ISSUE, sku="B03", qty=D(5), src="XH", dst=wip, at=T, lot="L1", batch="s")
    use = ledger.Move(kind=ledger.MoveKind.CONSUMPTION, sku="B03", qty=D(2), src=wip, dst="~CONSUMPTION", at=T,
                      lot="L1", batch="m1")
    made = ledger.Move(kind=ledger.MoveKind.PRODUCTION, sku="B09", qty=D(40), src="~PRODUCTION", dst="XH", at=T,
                       batch="m1")
    assert production.held([issue, use, made]) == {(wip, "B03", "L1"): D(3)}
    o = production.made(production.started(order(), at=T, by="amy", batch="s"), D(40), final=True, at=T, by="amy",
                        batch="m1")
    back = production.settled(o, [issue], "m1")   # the finishing write undone: in progress, nothing made
    assert (back.status, back.lines[0].received, "closed" in back.meta) == (orders.Status.PARTIAL, D(0), False)
    assert [e["what"] for e in back.meta["log"]] == ["planned", "start"]
    again = production.settled(back, [], "s")   # the start undone too: planned again
    assert (again.status, "issued" in again.meta) == (orders.Status.OPEN, False)
