"""The ledger's hash chain (domain/chain.py) on SQLite and PostgreSQL: sealed at commit, verified, tamper found."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from adapters.db import repos
from adapters.db import tables as t
from domain import chain, commands, ledger
from tests.conftest import T0, concurrently
from workflows import inventory

D = Decimal


def write(factory, movement: str, *lines: tuple[str, str], username: str = "amy", batch: str = "b",
          method: str | None = None) -> None:
    with factory() as uow:
        a = inventory.Actor(user=uow.catalog.user(username), now=T0, message_id=None, batch=batch)
        cmd = commands.RecordMoves(movement=commands.Movement(movement),
                                   lines=tuple(commands.Line(sku=s, qty=D(q)) for s, q in lines), method=method)
        inventory.record(uow, inventory.plan(uow, cmd, actor=a), actor=a)
        uow.commit()


def verdict(factory, anchors=()):  # type: ignore[no-untyped-def]
    with factory(write=False) as uow:
        return uow.stock.verify_chain(anchors)


def sql(factory, stmt: str, **params) -> list:  # type: ignore[no-untyped-def]
    with factory() as uow:
        rows = uow.session.connection().execute(text(stmt), params).all() if stmt.lower().startswith("select") \
            else uow.session.connection().execute(text(stmt), params)
        uow.session.commit()
        return list(rows) if isinstance(rows, list) else []


# ---------------------------------------------------------------- the chain itself (no store)
def _move(**kw) -> ledger.Move:  # type: ignore[no-untyped-def]
    base = dict(kind=ledger.MoveKind.SALE, sku="B01", qty=D(2), src="XH", dst="v:customer", at=T0, batch="b1")
    return ledger.Move(**{**base, **kw})  # type: ignore[arg-type]


def test_every_sealed_field_changes_the_hash_and_scale_does_not():
    h = chain.link(chain.GENESIS, _move())
    # version 1's hash of this move, as sealed before a sale kept its payment method: a move without one still reads so
    assert h == "a621a39f438402fe298b7317fb5eb7f27009c99125bf4edf60dab780bbd89ce5"
    assert h == chain.link(chain.GENESIS, _move(qty=D("2.000000")))          # the same quantity, another spelling
    assert h == chain.link(chain.GENESIS, _move(at=T0.astimezone(__import__("zoneinfo").ZoneInfo("UTC"))))
    changed = [_move(qty=D("2.000001")), _move(sku="B02"), _move(src="JA"), _move(unit_price=D(5)),
               _move(unit_cost=D(1)), _move(partner="C01"), _move(actor="bo"), _move(at=T0 + timedelta(seconds=1)),
               _move(lot="A1"), _move(note="破损"), _move(reverses=3), _move(order_id=4), _move(message_id="m"),
               _move(batch="b2"), _move(kind=ledger.MoveKind.SCRAP), _move(method="wechat"), _move(method="cash")]
    assert len({chain.link(chain.GENESIS, m) for m in changed} | {h}) == len(changed) + 1
    assert chain.link("1" * 64, _move()) != h                                   # the past is part of it


def _sealed(moves: list[ledger.Move]) -> list[str]:
    hashes, prev = [], chain.GENESIS
    for m in moves:
        prev = chain.link(prev, m)
        hashes.append(prev)
    return hashes


def _walk(moves: list[ledger.Move], hashes: list[str], anchors=()) -> chain.Verdict:  # type: ignore[no-untyped-def]
    w = chain.Walker(anchors)
    for m, h in zip(moves, hashes, strict=True):
        w.step(m, h)
    return w.verdict(head_hash=hashes[-1], head_count=len(moves))


def test_a_walk_names_the_first_changed_move_and_anchors_catch_a_rewritten_chain():
    moves = [_move(qty=D(k + 1), id=k + 1) for k in range(5)]
    hashes = _sealed(moves)
    v = _walk(moves, hashes, [(3, chain.fingerprint(hashes[2]))])
    assert v.ok and v.count == 5 and v.anchors_ok == ((3, hashes[2][:12], True),)

    forged = [*moves[:1], replace(moves[1], qty=D(9)), *moves[2:]]     # the second move changed, hashes kept
    v = _walk(forged, hashes)
    assert not v.ok and v.broken is not None and (v.broken.position, v.broken.move_id) == (2, 2)

    # the forger recomputes every hash after it: each link holds, the fingerprint said earlier does not
    v = _walk(forged, _sealed(forged), [(3, chain.fingerprint(hashes[2]))])
    assert v.broken is None and v.head_ok and not v.ok and v.anchors_ok[0][2] is False


# ---------------------------------------------------------------- sealed by the store
def test_writes_are_sealed_in_order_and_verify(cafe):
    base = verdict(cafe)
    assert base.ok and base.count > 0            # the opening stock of the catalog import is sealed too
    write(cafe, "sale", ("B01", "2"), ("B09", "3"), batch="s1")
    write(cafe, "receipt", ("B03", "1.5"), batch="r1")
    with cafe() as uow:                           # a write rolled back leaves no trace in the chain
        a = inventory.Actor(user=uow.catalog.user("amy"), now=T0, message_id=None, batch="gone")
        cmd = commands.RecordMoves(movement=commands.Movement.SALE, lines=(commands.Line(sku="B01", qty=D(1)),))
        inventory.record(uow, inventory.plan(uow, cmd, actor=a), actor=a)
    v = verdict(cafe)
    assert v.ok and v.count == base.count + 3
    rows = sql(cafe, "SELECT seq, batch FROM move WHERE tenant_id = 1 ORDER BY id")
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    assert "gone" not in {r[1] for r in rows}
    with cafe(write=False) as uow:
        head = uow.session.get(t.LedgerHead, uow.tenant_id)
        assert head is not None and (head.count, head.hash) == (v.count, v.head)


@pytest.mark.parametrize("tamper", ["update", "delete", "reseal", "method"])
def test_tampering_with_a_sealed_move_is_found(cafe, tamper):
    for k in range(4):
        write(cafe, "sale", ("B01", "1"), batch=f"s{k}", method="cash")
    before = verdict(cafe)
    anchor = (before.count - 1, chain.fingerprint(
        sql(cafe, "SELECT chain FROM move WHERE seq = :s", s=before.count - 1)[0][0]))
    target = sql(cafe, "SELECT id, seq FROM move WHERE batch = 's1'")[0]
    if tamper == "update":
        sql(cafe, "UPDATE move SET qty = 0.5 WHERE id = :i", i=target[0])
        v = verdict(cafe)
        assert v.broken is not None and v.broken.position == target[1] and v.broken.move_id == target[0]
    elif tamper == "method":   # the cash said to be WeChat money, to cover a till short of cash
        sql(cafe, "UPDATE move SET method = 'wechat' WHERE id = :i", i=target[0])
        v = verdict(cafe)
        assert v.broken is not None and v.broken.position == target[1] and v.broken.move_id == target[0]
    elif tamper == "delete":
        sql(cafe, "DELETE FROM move WHERE id = :i", i=target[0])
        v = verdict(cafe)
        assert v.broken is not None and v.broken.position == target[1]     # the move after it no longer links
    else:
        # a forger who knows the algorithm changes a sale and reseals everything after it, the head included
        sql(cafe, "UPDATE move SET qty = 0.5, seq = NULL, chain = NULL WHERE seq >= :s", s=target[1])
        sql(cafe, "UPDATE ledger_head SET count = :c, hash = (SELECT chain FROM move WHERE seq = :c)",
            c=target[1] - 1)
        with cafe() as uow:      # what a forger with the code in hand would do: seal the changed rows again
            m = t.Move.__table__.c
            rows = uow.session.connection().execute(select(*m).where(m.seq.is_(None)).order_by(m.id)).all()
            uow.stock._unsealed = [repos.move_of(r) for r in rows]  # noqa: SLF001
            uow.commit()
        v = verdict(cafe, [anchor])
        assert v.broken is None and v.head_ok and v.count == before.count      # every link holds again …
        assert v.anchors_ok == ((anchor[0], anchor[1], False),)               # … the fingerprint said before does not
    assert not v.ok


def test_a_move_written_around_the_unit_of_work_stays_outside_the_chain_and_is_reported(cafe):
    # a row slipped into the table is never sealed by a later write, which would make the forgery look sealed
    sql(cafe, "INSERT INTO move (tenant_id, batch, kind, sku, qty, src, dst, lot, at, note) "
              "VALUES (1, 'raw', 'sale', 'B01', 1, 'XH', 'v:customer', '', :at, '')", at=T0.replace(tzinfo=None))
    v = verdict(cafe)
    assert v.unsealed == 1 and v.broken is None and not v.ok
    write(cafe, "sale", ("B01", "1"), batch="after")
    v = verdict(cafe)
    assert v.unsealed == 1 and v.broken is None and v.head_ok and not v.ok
    assert sql(cafe, "SELECT seq FROM move WHERE batch = 'raw'")[0][0] is None


def test_concurrent_writers_of_several_products_make_one_unbroken_chain(cafe):
    base = verdict(cafe).count
    def worker(n: int) -> None:
        for i in range(40):
            write(cafe, "sale", ("B08", "1"), (("B06", "1") if n % 2 else ("B01", "1")), batch=f"w{n}-{i}")

    concurrently(6, worker)
    v = verdict(cafe)
    assert v.ok and v.count == base + 6 * 40 * 2


def test_the_migrations_seal_the_moves_and_audits_written_before_the_chains(tmp_path):
    from adapters.db import migrate as migrations
    from adapters.db import uow as uows
    from tests.conftest import old_schema

    eng = old_schema(tmp_path, "d2e3f4a5b6c7")
    with uows.factory(eng, "default")() as uow:        # creates the tenant on the old schema
        uow.commit()
    with eng.begin() as c:
        for k in range(3):
            c.execute(text("INSERT INTO move (tenant_id, batch, kind, sku, qty, src, dst, lot, at, note) VALUES "
                           "(1, :b, 'receipt', 'B01', :q, 'v:supplier', 'XH', '', :at, '')"),
                      {"b": f"old{k}", "q": 1.25 * (k + 1), "at": T0.replace(tzinfo=None)})
            c.execute(text("INSERT INTO audit (tenant_id, at, actor, action, detail) VALUES (1, :at, 'zhou', 'x', :d)"),
                      {"at": T0.replace(tzinfo=None), "d": f'{{"k": {k}, "a": "新"}}'})
    migrations.upgrade(eng)
    f = uows.factory(eng, "default")
    v = verdict(f)
    assert v.ok and v.count == 3
    with f(write=False) as uow:
        a = uow.chat.verify_audits()
    assert a.ok and a.count == 3, a
    eng.dispose()


def test_the_moves_export_carries_every_seal_and_the_chain_can_be_checked_from_it_alone(cafe):
    from datetime import datetime

    from adapters import importer

    write(cafe, "sale", ("B01", "2.5"), ("B09", "3"), batch="s1")
    write(cafe, "sale", ("B09", "1"), batch="s2", method="wechat")   # (how it was paid: sealed, and exported)
    with cafe(write=False) as uow:
        rows = importer.export_rows(uow, "moves")
    assert [r["method"] for r in rows if r["batch"] == "s2"] == ["wechat"]
    prev = chain.GENESIS
    for r in sorted(rows, key=lambda r: r["seq"]):
        m = ledger.Move(kind=ledger.MoveKind(r["kind"]), sku=r["sku"], qty=D(r["qty"]), src=r["from"], dst=r["to"],
                        at=datetime.fromisoformat(r["at"]), lot=r["lot"] or "",
                        unit_cost=D(r["unit_cost"]) if r["unit_cost"] else None,
                        unit_price=D(r["unit_price"]) if r["unit_price"] else None, partner=r["partner"],
                        actor=r["actor"], message_id=r["message_id"], batch=r["batch"], reverses=r["reverses"],
                        order_id=r["order_id"], note=r["note"], method=r["method"])
        prev = chain.link(prev, m)
        assert prev == r["chain"], r
    assert [r["seq"] for r in sorted(rows, key=lambda r: r["seq"])] == list(range(1, len(rows) + 1))


def test_moves_rolled_back_before_the_unit_of_work_commits_are_never_sealed(cafe):
    # a message whose handling fails after its moves were written: rolled back, then its error reply is committed
    base = verdict(cafe).count
    with cafe() as uow:
        a = inventory.Actor(user=uow.catalog.user("amy"), now=T0, message_id=None, batch="failed")
        cmd = commands.RecordMoves(movement=commands.Movement.SALE, lines=(commands.Line(sku="B01", qty=D(1)),))
        inventory.record(uow, inventory.plan(uow, cmd, actor=a), actor=a)
        uow.rollback()
        uow.chat.add_message(to="amy", text="出错了", buttons=[], at=T0)
        uow.commit()
    write(cafe, "sale", ("B01", "1"), batch="after")
    v = verdict(cafe)
    assert v.ok and v.count == base + 1, v


def test_the_audit_trail_is_sealed_too_and_a_changed_or_rolled_back_entry_shows(cafe):
    from workflows import lots

    with cafe() as uow:
        uow.chat.audit(at=T0, actor="zhou", action="order_approved", detail={"order": 3, "by": "zhou", "n": 1.5})
        uow.chat.audit(at=T0, actor="zhou", action="product_changed", detail={"sku": "B01", "new": "65"})
        uow.commit()
    with cafe() as uow:                                                # rolled back: never sealed
        uow.chat.audit(at=T0, actor="zhou", action="gone", detail={})
        uow.rollback()
        uow.commit()
    with cafe(write=False) as uow:
        v = lots.verify(uow)
    assert v.ok and v.audit is not None and v.audit.count == 2, v
    sql(cafe, "UPDATE audit SET actor = 'amy' WHERE action = 'order_approved'")   # who approved, rewritten
    with cafe(write=False) as uow:
        v = lots.verify(uow)
    assert not v.ok and v.audit is not None and v.audit.broken is not None and v.audit.broken.position == 1, v
    assert v.broken is None                                            # the moves' chain is untouched


def test_two_suppliers_receipts_of_one_product_at_once_never_share_the_days_lot(cafe):
    def receive(n: int) -> None:
        with cafe() as uow:
            a = inventory.Actor(user=uow.catalog.user("amy"), now=T0, message_id=None, batch=f"r{n}")
            cmd = commands.RecordMoves(movement=commands.Movement.RECEIPT, partner=("V01", "V02")[n % 2],
                                       lines=(commands.Line(sku="B05", qty=D(1)),))
            inventory.record(uow, inventory.plan(uow, cmd, actor=a), actor=a)
            uow.commit()

    concurrently(6, receive)
    with cafe(write=False) as uow:
        lots = {(m.partner, m.lot) for m in uow.stock.moves(kinds=["receipt"]) if m.sku == "B05"}
    assert len(lots) == 2 and len({lot for _, lot in lots}) == 2, lots   # one lot per supplier, whoever came first


def test_the_lot_queries_agree_on_both_databases(cafe):
    from adapters.db import tables as tb
    from workflows import lots

    with cafe() as uow:
        for n, (partner, lot) in enumerate((("V01", "A1"), ("V02", "A2"))):
            a = inventory.Actor(user=uow.catalog.user("amy"), now=T0 + timedelta(hours=n), message_id=None, batch=f"r{n}")
            cmd = commands.RecordMoves(movement=commands.Movement.RECEIPT, partner=partner,
                                       lines=(commands.Line(sku="B01", qty=D(12), lot=lot),))
            inventory.record(uow, inventory.plan(uow, cmd, actor=a), actor=a)
        uow.catalog.s.add(tb.LotReading(tenant_id=uow.tenant_id, sku="B01", lot="A1", metric="temp_c", value=D("3.5"),
                                        at=T0, source="mqtt"))
        uow.commit()
    write(cafe, "sale", ("B01", "30"), batch="s1")           # FEFO across the opening stock and both lots
    with cafe(write=False) as uow:
        assert uow.stock.lot_skus("A1") == ["B01"]
        came = uow.stock.lots_of("B01")
        assert [(c[0], c[2], c[3]) for c in came] == [("A2", "V02", "receipt"), ("A1", "V01", "receipt")]
        assert came[0][1] == T0 + timedelta(hours=1)
        day = uow.stock.lots_came(T0 - timedelta(hours=9), T0 + timedelta(hours=15), location="XH")
        assert [(s, lot, p) for s, lot, _at, p in day] == [("B01", "A1", "V01"), ("B01", "A2", "V02")]
        assert uow.stock.lot_seals("B01", "A1") == (len(uow.stock.lot_moves("B01", "A1")), 0)
        assert uow.stock.lot_readings("B01", "A1")[0][:4] == ("temp_c", 1, D("3.5"), D("3.5"))
        tr = lots.trace_of(uow, "B01", "A1")
        assert tr.received == 12 and tr.remaining == 12 - tr.sold
    sql(cafe, "UPDATE move SET qty = 13 WHERE lot = 'A1' AND kind = 'receipt'")
    with cafe(write=False) as uow:
        assert uow.stock.lot_seals("B01", "A1")[1] == 1          # the changed receipt no longer agrees with its seal
