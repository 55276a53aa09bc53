"""Service hours without a store: what an hour counts as along a chain, families summed, stand-ins offered."""
from __future__ import annotations

from decimal import Decimal

from domain import catalog, services

D = Decimal


def svc(sku: str, capacity: str = "8", counts_as: str | None = None, factor: str | None = None) -> catalog.Product:
    return catalog.Product(sku=sku, name=sku, base_unit="小时", capacity=D(capacity), counts_as=counts_as,
                           counts_factor=D(factor) if factor else None)


PRODUCTS = {"LEAD": svc("LEAD", "4", "SENIOR", "1.5"), "SENIOR": svc("SENIOR", "8", "JUNIOR", "2"),
            "JUNIOR": svc("JUNIOR", "10"), "MASSAGE": svc("MASSAGE", "12")}


def test_an_hour_counts_along_its_chain_and_a_loop_stops() -> None:
    assert services.in_terms_of(PRODUCTS["LEAD"], PRODUCTS) == ("JUNIOR", D(3))   # 1.5 senior hours of 2 junior
    assert services.in_terms_of(PRODUCTS["JUNIOR"], PRODUCTS) == ("JUNIOR", D(1))
    loop = {"A": svc("A", counts_as="B", factor="2"), "B": svc("B", counts_as="A", factor="3")}
    assert services.in_terms_of(loop["A"], loop) == ("B", D(2))


def test_families_are_summed_in_their_common_hours_and_stand_ins_offered_in_the_asked_ones() -> None:
    loads = [services.Load("LEAD", D(4), D(4)), services.Load("SENIOR", D(10), D(8)), services.Load("JUNIOR", D(4), D(10)),
             services.Load("MASSAGE", D(0), D(12))]
    fam = services.family_load(loads, PRODUCTS)
    assert fam["JUNIOR"] == services.Load("JUNIOR", D(4 * 3 + 10 * 2 + 4), D(4 * 3 + 8 * 2 + 10))
    assert fam["MASSAGE"].share == 0 and services.Load("X", D(1), D(0)).share is None
    # the senior is 2 hours over: 6 junior hours free are 3 senior hours; the lead has none; massage is no family of it
    assert services.stand_ins("SENIOR", loads, PRODUCTS) == [("JUNIOR", D(6), D(3))]
    assert loads[1].over == 2 and loads[1].spare == 0
