"""A repair ticket's steps (domain/repairs.py): taken in, sent, back, collected; never a step it cannot take, each
step kept with its time and who took it."""
from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from domain import errors
from domain.repairs import Outcome, Repair, Status

AT = datetime(2026, 6, 15, 9, tzinfo=UTC)


def test_a_ticket_goes_through_its_steps_and_keeps_them():
    r = Repair(sku="A06", serial="SN001", id=1)
    r = r.to(Status.AT_SUPPLIER, at=AT, by="lz", supplier="S01")
    r = r.to(Status.READY, at=AT, by="cg", outcome=Outcome.REPLACED, new_serial="SN009", fee=Decimal(80))
    r = r.to(Status.RETURNED, at=AT, by="xm")
    assert (r.status, r.supplier, r.outcome, r.fee) == (Status.RETURNED, "S01", Outcome.REPLACED, Decimal(80))
    assert r.serials == ("SN001", "SN009")
    assert [s for _, s, _ in r.steps] == ["at_supplier", "ready", "returned"]
    assert Repair(sku="A06").to(Status.READY, at=AT, by="xm").outcome == Outcome.REPAIRED   # (mended at the shop)


@pytest.mark.parametrize(("steps", "then"), [
    ((Status.READY,), Status.AT_SUPPLIER),                      # back already: not sent again
    ((Status.READY, Status.RETURNED), Status.READY),            # collected: nothing more
    ((Status.AT_SUPPLIER,), Status.RETURNED),                   # at the supplier: not in the shop to collect
])
def test_a_step_it_cannot_take_is_refused(steps: tuple[Status, ...], then: Status):
    r = Repair(sku="A06", id=3)
    for s in steps:
        r = r.to(s, at=AT, by="xm")
    with pytest.raises(errors.InvalidState) as e:
        r.to(then, at=AT, by="xm")
    assert e.value.code == "repair_step"


def test_a_negative_fee_is_refused():
    with pytest.raises(errors.BadInput):
        Repair(sku="A06").to(Status.READY, at=AT, by="xm", fee=Decimal(-1))
