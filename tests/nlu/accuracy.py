"""Scoring the parser on labelled utterances: intent accuracy, slot and whole-command exact match."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from domain import commands, units
from nlu import context, parser, render
from tests.nlu import catalogs

DATA = Path(__file__).parent / "data"
MOVES = {m.value for m in commands.Movement}
SLOTS: dict[str, dict[str, Any]] = {
    **{m: {"location": None, "partner": None, "lines": [], "rest": False, "at": None, "lot": None, "expiry": None}
       for m in MOVES},
    "count": {"location": None, "lines": []},
    "batch": {"parts": []},
    "query": {"location": None, "skus": []},
    "transfer": {"source": None, "dest": None, "request": False, "lines": []},
    "purchase": {"partner": None, "location": None, "due": None, "lines": []},
    "sales_order": {"partner": None, "location": None, "due": None, "lines": []},
    "booking": {"at": None, "lines": []},
    "correct": {"qty": None, "unit": "", "sku": None, "location": None},
    "rule": {"render": None},
    "manage_rules": {"action": None, "rule_id": None},
    "forecast": {"sku": None, "days": 7, "start": None},
    "sales": {"by_store": False, "sku": None, "start": None, "end": None, "location": None, "money": False},
    "report": {"kind": "prep_list", "location": None, "sku": None},
    "orders": {"kind": None, "partner": None, "sku": None},
    "receive_order": {"partner": None, "sku": None, "location": None, "short": [], "exact": [], "amount": None},
    "cancel_order": {"order_id": None, "partner": None, "kind": None},
}


def examples() -> list[dict[str, Any]]:
    rows = []
    for name in ("utterances.jsonl", "hand.jsonl"):
        with (DATA / name).open(encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip() and not line.startswith("//")]
    return rows


def _lines(ls: tuple[commands.Line, ...]) -> list[list[str]]:
    out = []
    for ln in ls:
        row = [ln.sku, str(units.normalize(ln.qty))]
        if ln.unit_price is not None:
            row.append(str(units.normalize(ln.unit_price)))
        if ln.gift:   # (a receipt's goods given free)
            row.append("gift")
        out.append(row)
    return out


def _earlier(of: commands.Earlier | None) -> dict[str, Any]:
    """An earlier write a correction or an undoing names (昨天卖的可乐): its span, kinds and product."""
    if of is None:
        return {}
    return {"of": [of.start.strftime("%m-%d %H:%M"), of.end.strftime("%m-%d %H:%M"), list(of.kinds), of.sku]
            + ([of.partner] if of.partner else []) + (["last"] if of.last else [])
            + ([f"newest {of.newest}"] if of.newest else [])}


def describe(result: commands.Parsed | commands.Clarify, cat: context.Catalog) -> dict[str, Any]:
    """The comparable label of a parse result."""
    if isinstance(result, commands.Clarify):
        return {"intent": f"clarify:{result.reason}", "mention": result.mention,
                "candidates": list(result.candidates), "guesses": []} \
            | ({"serials": list(result.serials)} if result.serials else {}) \
            | ({"order_id": result.order_id} if result.order_id is not None else {})
    c = result.command
    if isinstance(c, commands.EachStore):   # (各店的报损 by a manager: the question's label, for every store)
        return describe(commands.Parsed(c.question, result.guesses), cat) | {"each_store": True}
    d: dict[str, Any] = {"guesses": sorted(g.kind for g in result.guesses)}
    if isinstance(c, commands.RecordMoves):
        d |= {"intent": c.movement.value, "location": c.location, "partner": c.partner, "lines": _lines(c.lines),
              "rest": c.rest, "at": c.at.strftime("%Y-%m-%d %H:%M") if c.at else None,
              "lot": c.lines[0].lot if c.lines else None,
              "expiry": c.lines[0].expiry.date().isoformat() if c.lines and c.lines[0].expiry else None,
              "paid": c.paid} | ({"expired": True} if c.expired else {}) | ({"sent_short": True} if c.sent_short else {}) \
            | ({"share": str(c.share.quantize(Decimal("0.0001")))} if c.share is not None else {}) \
            | ({"freight": str(c.freight), "freight_paid": c.freight_paid} if c.freight is not None else {}) \
            | ({"serials": list(c.lines[0].serials)} if c.lines and c.lines[0].serials else {}) \
            | ({"method": c.method} if c.method else {}) \
            | ({"paid_amount": str(c.paid_amount)} if c.paid_amount is not None else {}) \
            | ({"adjust": [c.adjust.kind.value, str(c.adjust.amount) if c.adjust.amount is not None else None]}
               if c.adjust is not None else {})
    elif isinstance(c, commands.RepairAction):
        d |= {"intent": f"repair:{c.action}", "id": c.repair_id, "serial": c.serial, "sku": c.sku, "partner": c.partner}
        d |= {k: v for k, v in (("fault", c.fault), ("outcome", c.outcome), ("new_serial", c.new_serial),
                                ("fee", str(c.fee) if c.fee is not None else ""), ("every", c.every)) if v}
    elif isinstance(c, commands.SetCommission):
        d |= {"intent": "set_commission", "scope": c.scope, "key": c.key,
              "rate": str(c.rate) if c.rate is not None else None,
              "per_unit": str(c.per_unit) if c.per_unit is not None else None}
    elif isinstance(c, commands.CommissionQuery):
        d |= {"intent": "commission", "first": c.first.isoformat() if c.first else None,
              "last": c.last.isoformat() if c.last else None, "who": c.user, "rules": c.rules} \
            | ({"sales": True} if c.sales else {})
    elif isinstance(c, commands.SetTarget):
        d |= {"intent": "set_target", "period": c.period, "start": c.start.isoformat() if c.start else None,
              "amount": str(c.amount) if c.amount is not None else None, "qty": c.qty, "location": c.location,
              "who": c.user, "goods": [c.goods, c.key]} | ({"number": c.number} if c.number is not None else {}) \
            | ({"margin": True} if c.margin else {})
    elif isinstance(c, commands.SetBudget):
        d |= {"intent": "set_budget", "period": c.period, "start": c.start.isoformat() if c.start else None,
              "amount": str(c.amount) if c.amount is not None else None, "location": c.location}
    elif isinstance(c, commands.BudgetQuery):
        d |= {"intent": "budget", "day": c.day.isoformat() if c.day else None, "location": c.location}
    elif isinstance(c, commands.TargetQuery):
        d |= {"intent": "targets", "day": c.day.isoformat() if c.day else None, "period": c.period,
              "location": c.location, "who": c.user, "goods": [c.goods, c.key] if c.goods else None, "rank": c.rank}
    elif isinstance(c, commands.SetPromotion):
        d |= {"intent": "set_promotion", "kind": c.kind, "scope": c.scope, "key": c.key,
              "first": c.first.isoformat(), "last": c.last.isoformat() if c.last else None, "location": c.location,
              "terms": [str(x) if x is not None else None
                        for x in (c.share, c.price, c.buy, c.free, c.threshold, c.off)] + [c.each],
              "hours": [f"{x:%H:%M}" if x is not None else None for x in (c.since, c.until)]}
    elif isinstance(c, commands.PriceTags):
        d |= {"intent": "price_tags", "skus": list(c.skus), "category": c.category, "promo": c.promo,
              "location": c.location}
    elif isinstance(c, commands.PromotionQuery):
        d |= {"intent": f"promotion_{c.action}", "number": c.number, "scope": c.scope, "key": c.key}
    elif isinstance(c, commands.DiscountLimit):
        d |= {"intent": "discount_limit", "share": str(c.share) if c.share is not None else None, "ask": c.ask}
    elif isinstance(c, commands.DiscountQuery):
        d |= {"intent": "discounts", "first": c.first.isoformat(), "last": c.last.isoformat(), "location": c.location}
    elif isinstance(c, commands.CountStock):
        d |= {"intent": "count", "location": c.location, "lines": _lines(c.lines)} | ({"surplus": True} if c.surplus else {}) \
            | ({"serials": list(c.lines[0].serials)} if c.lines and c.lines[0].serials else {}) \
            | ({"then_order": True} if c.then_order else {})
    elif isinstance(c, commands.Batch):
        d |= {"intent": "batch", "parts": [
            ["transfer", f"{p.source}>{p.dest}", _lines(p.lines)] if isinstance(p, commands.TransferStock)
            else [p.movement.value if isinstance(p, commands.RecordMoves) else "count", p.location, _lines(p.lines)]
            + ([p.partner] if isinstance(p, commands.RecordMoves) and p.partner else [])   # (其中1箱是团餐的)
            + (["surplus"] if isinstance(p, commands.CountStock) and p.surplus else [])   # (可颂多了3个)
            + (["rest"] if isinstance(p, commands.RecordMoves) and p.rest else [])   # (可颂卖剩3个,扔了)
            + ([f"method:{p.method}"] if isinstance(p, commands.RecordMoves) and p.method else [])   # (换…,补了60微信)
            + ([f"taken:{p.adjust.amount}"] if isinstance(p, commands.RecordMoves) and p.adjust is not None
               and p.adjust.kind == commands.AdjustKind.TAKEN else [])
            for p in c.parts]}
    elif isinstance(c, commands.QueryStock):
        d |= {"intent": "query", "location": c.location, "skus": list(c.skus)} \
            | ({"wanted": str(c.wanted)} if c.wanted is not None else {})
    elif isinstance(c, commands.TransferStock):
        d |= {"intent": "transfer", "source": c.source, "dest": c.dest, "request": c.request,
              "lines": _lines(c.lines)}
        if c.rest:   # (only when said: the labelled rows before it have no such key)
            d["rest"] = True
        if c.lines and c.lines[0].serials:
            d["serials"] = list(c.lines[0].serials)
    elif isinstance(c, commands.PlacePurchase):
        d |= {"intent": "purchase", "partner": c.partner, "location": c.location,
              "due": c.due.date().isoformat() if c.due else None, "lines": _lines(c.lines)}
    elif isinstance(c, commands.PlaceSale):
        d |= {"intent": "sales_order", "partner": c.partner, "location": c.location,
              "due": c.due.date().isoformat() if c.due else None, "lines": _lines(c.lines)} \
            | ({"deposit": str(c.deposit)} if c.deposit is not None else {}) \
            | ({"adjust": [c.adjust.kind.value, str(c.adjust.amount) if c.adjust.amount is not None else None]}
               if c.adjust is not None else {})
    elif isinstance(c, commands.RecordBooking):
        d |= {"intent": "booking", "at": c.at.strftime("%Y-%m-%d %H:%M"), "lines": _lines(c.lines)} \
            | ({"guests": c.guests} if c.guests is not None else {}) | ({} if c.lines else {"note": c.note})
    elif isinstance(c, commands.Correct):
        d |= {"intent": "correct", "qty": str(c.qty) if c.qty is not None else None, "unit": c.unit, "sku": c.sku,
              "location": c.location} | ({"delta": c.delta} if c.delta else {}) | _earlier(c.of) \
            | ({"partner": c.partner} if c.partner else {}) | ({"serials": list(c.serials)} if c.serials else {}) \
            | ({"method": c.method} if c.method else {}) \
            | ({"expiry": c.expiry.strftime("%Y-%m-%d")} if c.expiry else {}) \
            | ({"shelf_days": c.shelf_days} if c.shelf_days else {}) \
            | ({"produced": c.produced.strftime("%Y-%m-%d")} if c.produced else {}) \
            | ({"at": c.at.strftime("%Y-%m-%d %H:%M")} if c.at else {}) | ({"was": c.was} if c.was else {})
    elif isinstance(c, commands.Undo) and c.of is not None:   # (the last write's undo: its name alone, as before)
        d |= {"intent": "undo", "kinds": list(c.kinds)} | _earlier(c.of)
    elif isinstance(c, commands.AddRule):
        d |= {"intent": "rule", "render": render.render_rule(c.draft, cat)}
    elif isinstance(c, commands.ManageRules):
        d |= {"intent": "manage_rules", "action": c.action, "rule_id": c.rule_id} | ({"about": c.about} if c.about else {}) \
            | ({"cron": c.cron} if c.cron else {}) | ({"workdays": True} if c.workdays else {})
    elif isinstance(c, commands.Forecast):
        d |= {"intent": "forecast", "sku": c.sku, "days": c.days, "start": c.start.isoformat() if c.start else None}
    elif isinstance(c, commands.SalesQuery):
        d |= {"intent": "sales", "sku": c.sku, "start": c.start.isoformat(), "end": c.end.isoformat(),
              "location": c.location, "money": c.money, "by_store": c.by_store}
        if c.versus is not None:
            d["versus"] = c.versus.isoformat()
        if c.rank:
            d["rank"] = c.rank
        if c.also:
            d["also"] = list(c.also)
    elif isinstance(c, commands.PurchaseQuery):
        d |= {"intent": "purchases", "sku": c.sku, "start": c.start.isoformat(), "end": c.end.isoformat(),
              "location": c.location, "partner": c.partner} | ({"payable": True} if c.payable else {})
    elif isinstance(c, commands.CancelOrder):
        d |= {"intent": "cancel_order", "order_id": c.order_id, "partner": c.partner, "kind": c.kind, "latest": c.latest}
    elif isinstance(c, commands.ReceiveOrder):
        d |= {"intent": "receive_order", "partner": c.partner, "sku": c.sku, "location": c.location,
              "short": _lines(c.short), "exact": _lines(c.exact),
              "amount": f"{units.normalize(c.amount)}{c.amount_unit}" if c.amount is not None else None} \
            | ({"order_id": c.order_id} if c.order_id is not None else {}) \
            | ({"serials": list(c.serials)} if c.serials else {}) | ({"amount_short": True} if c.amount_short else {})
    elif isinstance(c, commands.OrderQuery):
        d |= {"intent": "orders", "kind": c.kind, "partner": c.partner, "sku": c.sku} \
            | ({"order_id": c.order_id} if c.order_id is not None else {}) | ({"mine": True} if c.mine else {}) \
            | ({"awaiting": True} if c.awaiting else {}) | ({"inbound": True} if c.inbound else {}) \
            | ({"due": f"{c.due_from}..{c.due_to}"} if c.due_from else {})
    elif isinstance(c, commands.AddPartner):
        d |= {"intent": "add_partner", "kind": c.kind, "name": c.name, "aliases": list(c.aliases),
              "credit_limit": str(c.credit_limit) if c.credit_limit is not None else None,
              "lead_time_days": c.lead_time_days} | ({"payment_terms": c.payment_terms} if c.payment_terms else {})
    elif isinstance(c, commands.MyRecords) and (c.who or c.store):
        d |= {"intent": "myrecords", "who": list(c.who), "store": c.store} | ({"tally": True} if c.tally else {})
        if c.kinds or c.sku or c.start:   # (今天谁报损了: whose writes of a kind, product, days)
            d |= {"kinds": list(c.kinds), "sku": c.sku, "start": str(c.start) if c.start else None,
                  "end": str(c.end) if c.end else None}
    elif isinstance(c, commands.LastCount):
        d |= {"intent": "last_count", "sku": c.sku, "location": c.location}
    elif isinstance(c, commands.LastMoved):
        d |= {"intent": f"last_moved:{c.kind}", "partner": c.partner, "sku": c.sku}
    elif isinstance(c, commands.Todo):
        d |= {"intent": "todo"}
    elif isinstance(c, commands.EventDays):
        d |= {"intent": f"events_{c.action}", "days": [str(x) for x in c.days], "name": c.name}
    elif isinstance(c, commands.CustomerPrice):
        d |= {"intent": f"customer_price_{c.action}", "partner": c.partner, "sku": c.sku,
              "price": str(c.price) if c.price is not None else None} \
            | ({"delta": str(c.delta)} if c.delta is not None else {})
    elif isinstance(c, commands.SupplierScore):
        d |= {"intent": "supplier_score", "partner": c.partner, "start": c.start and str(c.start),
              "end": c.end and str(c.end)}
    elif isinstance(c, commands.Closure):
        d |= {"intent": f"closure_{c.action}", "days": [str(x) for x in c.days], "location": c.location}
        if c.weekdays:
            d["weekdays"] = list(c.weekdays)
        if c.name:
            d["name"] = c.name
    elif isinstance(c, commands.CatalogGaps):
        d |= {"intent": "catalog_gaps", "field": c.field}
    elif isinstance(c, commands.StockCard):
        d |= {"intent": "stock_card", "sku": c.sku, "start": str(c.start), "end": str(c.end), "location": c.location}
    elif isinstance(c, commands.Relay):
        d |= {"intent": "relay", "to": list(c.to), "message": c.text}
    elif isinstance(c, commands.StartCount):
        d |= {"intent": "count_sheet", "category": c.category, "location": c.location}
    elif isinstance(c, commands.FinishCount):
        d |= {"intent": "count_done"}
    elif isinstance(c, commands.RecordPayment) and c.opening:
        d |= {"intent": "opening_balance", "partner": c.partner, "amount": str(c.amount),
              "day": c.day.isoformat() if c.day else None}
    elif isinstance(c, commands.RecordPayment):
        d |= {"intent": "refund" if c.refund else "payment", "partner": c.partner, "amount": str(c.amount)} \
            | ({"all_owed": True} if c.all_owed else {}) | ({"bonus": str(c.bonus)} if c.bonus is not None else {}) \
            | ({"method": c.method} if c.method else {}) \
            | ({"goods_of": f"{c.start.isoformat()}..{c.end.isoformat()}"} if c.start and c.end else {}) \
            | ({"share": str(c.share)} if c.share is not None else {})
    elif isinstance(c, commands.VoidPayment):
        d |= {"intent": "void_payment", "payment_id": c.payment_id}
    elif isinstance(c, commands.Bookings):
        d |= {"intent": "bookings", "start": c.start.isoformat(), "end": c.end.isoformat(), "location": c.location,
              "cancel": c.cancel} | ({"who": c.who} if c.who else {}) \
            | ({"move_to": c.move_to.strftime("%Y-%m-%d %H:%M"), "move_day": c.move_day, "move_time": c.move_time}
               if c.move_to else {}) \
            | ({"guests": c.guests} if c.guests is not None else {}) \
            | ({"at": c.at.strftime("%Y-%m-%d %H:%M")} if c.at is not None else {}) \
            | ({"move_minutes": c.move_minutes} if c.move_minutes is not None else {})
    elif isinstance(c, commands.OwedQuery):
        d |= {"intent": "owed", "kind": c.kind} | ({"view": c.view} if c.view != "balance" else {}) \
            | ({"partner": c.partner} if c.partner else {}) | ({"until": c.until.isoformat()} if c.until else {}) \
            | ({"start": c.start.isoformat()} if c.start else {})
    elif isinstance(c, commands.RecordInvoice):
        d |= {"intent": "invoice", "partner": c.partner, "amount": str(c.amount),
              "month": c.month.isoformat() if c.month else None} | ({"code": c.code} if c.code else {})
    elif isinstance(c, commands.InvoiceQuery):
        d |= {"intent": "invoices", "kind": c.kind, "month": c.month.isoformat() if c.month else None,
              "partner": c.partner}
    elif isinstance(c, commands.VoidInvoice):
        d |= {"intent": "void_invoice", "invoice_id": c.invoice_id}
    elif isinstance(c, commands.MakeQuote):
        d |= {"intent": "quote", "partner": c.partner, "lines": _lines(c.lines), "days": c.days} \
            | ({"revises": c.revises} if c.revises is not None else {})
    elif isinstance(c, commands.QuoteAction):
        d |= {"intent": f"quote:{c.action}", "id": c.quote_id, "partner": c.partner,
              "due": c.due.date().isoformat() if c.due else None}
    elif isinstance(c, commands.RecordExpense):
        d |= {"intent": "expense", "amount": str(c.amount), "category": c.category, "note": c.note,
              "day": c.day.isoformat() if c.day else None, "location": c.location} \
            | ({"method": c.method} if c.method else {})
    elif isinstance(c, commands.ExpenseQuery):
        d |= {"intent": "expenses", "start": c.start.isoformat(), "end": c.end.isoformat(), "category": c.category,
              "location": c.location} | ({"goods": True} if c.goods else {})
    elif isinstance(c, commands.TraceLot):
        d |= {"intent": "trace_lot", "sku": c.sku, "lot": c.lot, "day": c.day.isoformat() if c.day else None,
              "recall": c.recall, "code": c.code} | ({"partner": c.partner} if c.partner else {}) \
            | ({"serial": True} if c.serial else {})
    elif isinstance(c, commands.LedgerCheck):
        d |= {"intent": "ledger_check", "anchor": list(c.anchor) if c.anchor else None}
    elif isinstance(c, commands.StaffQuery):
        d |= {"intent": "staff", "location": c.location, "role": c.role, "who": c.username}
    elif isinstance(c, commands.Utilization):
        d |= {"intent": "utilization", "start": c.start.isoformat(), "end": c.end.isoformat(), "sku": c.sku}
    elif isinstance(c, commands.PlanMaterials):
        d |= {"intent": "plan_materials", "lines": _lines(c.lines), "location": c.location,
              "due": c.due.strftime("%Y-%m-%d %H:%M") if c.due else None}
    elif isinstance(c, commands.Network):
        d |= {"intent": f"network_{c.action}", "partner": c.partner, "code": c.code}
        if c.server:   # (an invitation from another server)
            d["server"] = c.server
    elif isinstance(c, commands.SetOperations):
        d |= {"intent": "set_operations", "sku": c.sku,
              "steps": [[x.name, str(x.minutes) if x.minutes is not None else None,
                         *([x.center, str(x.per)] if x.per is not None else [x.center] if x.center else [])]
                        for x in c.steps]}
    elif isinstance(c, commands.WorkCenter):
        d |= {"intent": "work_center", "center": c.center, "hours": str(c.hours) if c.hours is not None else None}
    elif isinstance(c, commands.CenterLoad):
        d |= {"intent": "center_load", "start": c.start.isoformat(), "end": c.end.isoformat(), "center": c.center}
    elif isinstance(c, commands.MakeOrder):
        d |= {"intent": "work_order", "lines": [[c.sku, str(c.qty)]], "location": c.location, "partner": c.partner,
              "fee": str(c.fee) if c.fee is not None else None, "due": c.due.strftime("%Y-%m-%d %H:%M") if c.due else None}
    elif isinstance(c, commands.WorkStep):
        d |= {"intent": f"work_{c.action}", "order_id": c.order_id, "op": c.op,
              "qty": str(c.qty) if c.qty is not None else None, "final": c.final,
              "scrap": str(c.scrap) if c.scrap is not None else None}
        if c.lines:   # (补料 · 退料: the materials said)
            d["lines"] = _lines(c.lines)
        if c.back:    # (余料退回)
            d["back"] = True
    elif isinstance(c, commands.WorkOrders):
        d |= {"intent": "work_orders", "order_id": c.order_id}
    elif isinstance(c, commands.SetSubstitute):
        d |= {"intent": "set_substitute", "sku": c.sku, "component": c.component, "substitute": c.substitute,
              "ratio": str(c.ratio) if c.ratio is not None else None}
    elif isinstance(c, commands.SetRecipe):
        d |= {"intent": "set_recipe", "sku": c.sku, "yields": str(c.yields), "lines": _lines(c.lines)}
    elif isinstance(c, commands.SetUser):
        said = {"location": c.location, "role": c.role, "active": c.active}
        d |= {"intent": "set_user", "who": c.username, **{k: v for k, v in said.items() if v is not None}}
    elif isinstance(c, commands.RetireProduct):
        d |= {"intent": "retire_product", "sku": c.sku, "active": c.active}
    elif isinstance(c, commands.ShipTransfer):
        d |= {"intent": "ship_transfer", "order_id": c.order_id, "dest": c.dest, "sku": c.sku}
    elif isinstance(c, commands.MovesQuery):
        d |= {"intent": f"moves:{c.kind}", "start": c.start.isoformat(), "end": c.end.isoformat(), "sku": c.sku,
              "location": c.location}
    elif isinstance(c, commands.AmendOrder):
        d |= {"intent": "amend_order", "sku": c.sku, "qty": str(c.qty), "order_id": c.order_id, "partner": c.partner} \
            | ({"due": c.due.strftime("%Y-%m-%d %H:%M")} if c.due else {}) | ({"more": _lines(c.more)} if c.more else {}) \
            | ({"shift_days": c.shift_days} if c.shift_days else {})
    elif isinstance(c, commands.ProductField):
        d |= {"intent": "product_field", "sku": c.sku, "field": c.field}
    elif isinstance(c, commands.SetProduct):
        d |= {"intent": "set_product", "sku": c.sku, "field": c.field, "value": str(c.value)} \
            | ({"location": c.location} if c.location else {})
    elif isinstance(c, commands.SetPack):
        d |= {"intent": "set_pack", "sku": c.sku, "pack": c.pack, "size": str(c.size)}
    elif isinstance(c, commands.PlaceMany):
        d |= {"intent": "purchases_many", "orders": [[o.partner, o.location, o.due.date().isoformat() if o.due else None,
                                                      _lines(o.lines)] for o in c.orders]}
    elif isinstance(c, commands.ScaleSafety):
        d |= {"intent": "scale_safety", "pct": str(c.pct), "skus": list(c.skus), "category": c.category,
              "location": c.location}
    elif isinstance(c, commands.SetProducts):
        d |= {"intent": "set_products", "changes": [[x.sku, x.field, str(x.value)] for x in c.changes]}
    elif isinstance(c, commands.SetPartner):
        d |= {"intent": "set_partner", "partner": c.partner, "field": c.field, "value": str(c.value)} \
            | ({"monthly": True} if c.monthly else {}) | ({"tier": c.tier} if c.field == "price_tier" else {}) \
            | ({"contact": c.text, "phone": c.phone} if c.field == "contact" else {})
    elif isinstance(c, commands.PartnerCard):
        d |= {"intent": "partner_card", "partner": c.partner}
    elif isinstance(c, commands.StockInfo):
        d |= {"intent": f"info:{c.kind}", "skus": list(c.skus), "location": c.location, "days": c.days} \
            | ({"partner": c.partner} if c.partner else {})
    elif isinstance(c, commands.TillCount):
        d |= {"intent": "till", "methods": [[k, str(v)] for k, v in c.methods],
              "start": c.start.isoformat() if c.start else None, "end": c.end.isoformat() if c.end else None,
              "location": c.location} | ({"asked": c.asked} if c.asked else {})
    elif isinstance(c, commands.CloseBooks):
        d |= {"intent": f"books:{c.action}", "through": c.through.isoformat() if c.through else None}
    elif isinstance(c, commands.StockBook):
        d |= {"intent": "stockbook", "start": c.start.isoformat(), "end": c.end.isoformat(), "location": c.location,
              "skus": list(c.skus)}
    elif isinstance(c, commands.Export):
        d |= {"intent": f"export:{c.kind}", "start": c.start.isoformat() if c.start else None,
              "end": c.end.isoformat() if c.end else None, "location": c.location, "skus": list(c.skus)} \
            | ({"partner": c.partner} if c.partner else {}) | ({"order_id": c.order_id} if c.order_id else {})
    elif isinstance(c, commands.SupplierUpdate):
        d |= {"intent": "supplier_update", "partner": c.partner, "order_id": c.order_id, "note": c.note} \
            | ({"eta": c.eta.strftime("%Y-%m-%d %H:%M")} if c.eta else {})
    elif isinstance(c, commands.Decide):
        d |= {"intent": "decide", "approve": c.approve, "order_id": c.order_id} \
            | ({"reason": c.reason} if c.reason else {}) | ({"every": True} if c.every else {})
    elif isinstance(c, commands.AddAlias):
        d |= {"intent": "add_alias", "sku": c.sku, "alias": c.alias}
    elif isinstance(c, commands.RepeatPurchase):
        d |= {"intent": "repeat_purchase", "partner": c.partner} | ({"skus": list(c.skus)} if c.skus else {})
    elif isinstance(c, commands.CustomerQuery):
        d |= {"intent": "customer_account", "partner": c.partner, "start": c.start.isoformat(),
              "end": c.end.isoformat(), "sku": c.sku}
    elif isinstance(c, commands.AddProduct):
        d |= {"intent": "add_product", "name": c.name, "base_unit": c.base_unit,
              "packs": [[k, str(v)] for k, v in c.packs], "unit_price": str(c.unit_price) if c.unit_price else None,
              "unit_cost": str(c.unit_cost) if c.unit_cost else None, "shelf_life_days": c.shelf_life_days,
              "category": c.category}
    elif isinstance(c, commands.Report):
        d |= {"intent": "report", "kind": c.kind, "location": c.location, "sku": c.sku} | ({"days": c.days} if c.days else {}) \
            | ({"order": True, "partner": c.partner} if c.order else {"partner": c.partner} if c.partner else {}) \
            | ({"qty": str(c.qty)} if c.qty is not None else {})
    else:
        d |= {"intent": type(c).__name__.lower().replace("smalltalk", "smalltalk")}
    return d


@dataclass
class Score:
    n: int = 0
    intent: int = 0
    slots: int = 0
    whole: int = 0
    failures: list[str] = field(default_factory=list)

    def pct(self, k: int) -> float:
        return 100.0 * k / self.n if self.n else 0.0


def score(rows: list[dict[str, Any]]) -> Score:
    parsers: dict[str, parser.Parser] = {}
    s = Score()
    for row in rows:
        cat = catalogs.load(row["catalog"])
        p = parsers.setdefault(row["catalog"], parser.Parser(cat))
        got = describe(p.parse(row["text"], speaker=catalogs.speaker(cat, row["user"])), cat)
        s.n += 1
        intent_ok = got["intent"] == row["intent"]
        expected = dict(SLOTS.get(row["intent"], {}))
        expected |= {k: v for k, v in row.items() if k not in ("catalog", "user", "text", "intent", "guesses")}
        slots_ok = intent_ok and all(got.get(k) == v for k, v in expected.items())
        whole_ok = slots_ok and got["guesses"] == sorted(row.get("guesses", []))
        s.intent += intent_ok
        s.slots += slots_ok
        s.whole += whole_ok
        if not whole_ok:
            s.failures.append(f"{row['text']!r}: expected {row} got {got}")
    return s
