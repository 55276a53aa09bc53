"""The network's work (domain/network.py): an invitation and its acceptance, each linked order's snapshot sent as its
transaction commits (``outbound``), and what other companies sent applied here, one message at a time, in order
(``apply_next``). Every message sent and applied is audited in the company's own sealed trail."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from domain import catalog, commands, errors, network, orders
from workflows import purchasing
from workflows.ports import UnitOfWork
from workflows.turns import JobTurn

PURCHASES = (orders.OrderKind.PURCHASE, orders.OrderKind.PURCHASE_REQUEST)
INVITE_VALID = timedelta(days=14)   # an invitation not accepted by then is asked for again
NET_USER = "network"   # who a change the network made is by (an order taken from a linked customer)


def outbound(uow: UnitOfWork, *, at: datetime) -> int:
    """As a transaction commits: each order it added or changed (or wrote moves against) whose partner is a linked
    company, its snapshot sent there when it differs from the one sent last (audited). How many were sent."""
    ids = uow.orders.touched | uow.stock.orders_written()
    links = {ln.partner: ln for ln in uow.network.links() if ln.status == "active" and ln.peer} if ids else {}
    if not links:
        return 0
    products: dict[str, catalog.Product] | None = None
    sent = 0
    for oid in sorted(ids):
        o = uow.orders.get(oid)
        link = links.get(o.partner) if o is not None else None
        if o is None or link is None or link.peer is None:
            continue
        if o.kind in PURCHASES:
            products = products if products is not None else {p.sku: p for p in uow.catalog.products()}
            kind, snap = "po", network.po_snapshot(o, products)
        elif o.kind == orders.OrderKind.SALE:
            kind, snap = "so", network.so_snapshot(o)
        else:
            continue
        subject = f"{kind}:{o.id}"
        if snap is None or uow.network.last_sent(link.peer, subject) == snap:
            continue
        uow.network.send(link.peer, kind=kind, subject=subject, payload=snap, at=at)
        uow.chat.audit(at=at, actor=NET_USER, action="network_sent",
                       detail={"to": link.peer, "kind": kind, "order": o.id, "status": snap["status"]})
        sent += 1
    return sent


def on_the_way(o: orders.Order) -> dict[str, Decimal]:
    """What a linked supplier said it shipped of our purchase order that we have not received yet, by product (empty:
    no word of a shipment, or all of it received)."""
    peer = o.meta.get("peer") or {}
    shipped = {k: Decimal(str(v)) for k, v in (peer.get("shipped") or {}).items()}
    out: dict[str, Decimal] = {}
    for ln in o.lines:
        left = min(ln.open_qty, shipped.get(ln.sku, Decimal(0)) - ln.received)
        if left > 0:
            out[ln.sku] = out.get(ln.sku, Decimal(0)) + left
    return out


def invite(uow: UnitOfWork, *, partner: str, user: catalog.User, now: datetime, raw: bytes) -> network.Link:
    """An invitation for that partner's company to link with us: its code, to give the partner (audited)."""
    p = purchasing.partner_of(uow, partner)
    if p is None:
        raise errors.NotFound(code="unknown_partner", partner=partner)
    was = uow.network.link(partner)
    if was is not None and was.status == "active":
        raise errors.InvalidState(code="network_linked", partner=p.name, company=uow.network.company(was.peer or ""))
    link = network.Link(partner=partner, status="invited", code=network.invite_code(raw))
    uow.network.put_link(link, at=now, by=user.username)
    uow.chat.audit(at=now, actor=user.username, action="network_invited", detail={"partner": partner, "code": link.code})
    return link


def accept(uow: UnitOfWork, *, code: str, user: catalog.User, now: datetime) -> tuple[network.Link, str, bool]:
    """Another company's invitation accepted: it becomes our customer (it invited us as its supplier) or our supplier,
    the partner of that name we have or a new one; the link is active here at once and there when it hears of it.
    The link, the company's name and whether the partner is new."""
    found = uow.network.invited(network.normal_code(code), since=now - INVITE_VALID)
    if found is None:
        raise errors.NotFound(code="network_no_invite", code_said=code)
    peer, theirs, their_kind = found
    if peer == uow.network.code:
        raise errors.BadInput(code="network_self")
    name = uow.network.company(peer)
    if uow.network.link_to(peer) is not None:
        raise errors.InvalidState(code="network_linked", partner=name, company=name)
    link, new = _linked(uow, name=name, their_kind=their_kind, peer=peer, user=user, now=now)
    uow.network.send(peer, kind="link", subject=f"link:{theirs.code}", payload={"code": theirs.code, "status": "active"},
                     at=now)
    uow.chat.audit(at=now, actor=user.username, action="network_accepted",
                   detail={"company": peer, "partner": link.partner, "code": theirs.code})
    return link, name, new


def accept_remote(uow: UnitOfWork, *, code: str, server: str, user: catalog.User, now: datetime, raw: bytes) -> None:
    """An invitation from a company on another server (KG-ABCD-EFGH@https://…) accepted: our acceptance, with a new
    secret for the link (``raw``: 32 random bytes, the caller's), sent there; the link is made here when that
    server answers (``_link_news`` "joined"), or the managers hear why not ("refused")."""
    code = network.normal_code(code)
    same = next((ln for ln in uow.network.links() if ln.status == "active" and network.remote(ln.peer)
                 and network.server_of(ln.peer or "") == server), None)
    if same is not None:   # (one link a server: its company is linked already)
        raise errors.InvalidState(code="network_linked", partner=purchasing.partner_name(uow, same.partner),
                                  company=same.peer_name or server)
    uow.network.send(f"@{server}", kind="accept", subject=f"accept:{code}", at=now, payload={
        "code": code, "company": uow.network.company(uow.network.code), "secret": raw.hex(), "by": user.username})
    uow.chat.audit(at=now, actor=user.username, action="network_accepting", detail={"company": server, "code": code})


def _linked(uow: UnitOfWork, *, name: str, their_kind: str, peer: str, user: catalog.User, now: datetime,
            secret: str | None = None) -> tuple[network.Link, bool]:
    """Our link to a company that invited us as its ``their_kind`` (we become the other): the partner of its name,
    or a new one; its orders kept at the user's place (or the first). The link and whether the partner is new."""
    kind = "customer" if their_kind == "supplier" else "supplier"
    partners = uow.catalog.partners()
    ours = next((p for p in partners if p.kind.value == kind and name in p.names), None)
    if ours is None:   # (a company we have no partner for: added under its name, the next code of its kind)
        own = [p.code for p in partners if p.kind.value == kind]
        new = catalog.next_sku(own) if own else ("C01" if kind == "customer" else "S01")
        while any(p.code == new for p in partners):
            new = catalog.next_sku([*own, new])
            own.append(new)
        uow.catalog.set_partner(new, {"name": name, "kind": kind, "aliases": []}, new=True)
        uow.chat.audit(at=now, actor=user.username, action="partner_added", detail={"code": new, "name": name,
                                                                                    "kind": kind})
    where = user.location or next((loc.code for loc in uow.catalog.locations() if loc.kind.is_physical), None)
    link = network.Link(partner=ours.code if ours else new, status="active", peer=peer, location=where, secret=secret,
                        peer_name=name if network.remote(peer) else None)
    uow.network.put_link(link, at=now, by=user.username)
    return link, ours is None


def end(uow: UnitOfWork, *, partner: str, user: catalog.User, now: datetime) -> network.Link:
    """Our link with that partner's company ended (or our invitation withdrawn): nothing crosses any more; it hears."""
    was: network.Link | None = uow.network.link(partner)
    if was is None or was.status == "ended":
        raise errors.NotFound(code="network_no_link", partner=purchasing.partner_name(uow, partner))
    link = replace(was, status="ended", code=None)
    uow.network.put_link(link, at=now, by=user.username)
    if was.peer is not None:
        uow.network.send(was.peer, kind="link", subject=f"link:end:{partner}", payload={"status": "ended"}, at=now)
    uow.chat.audit(at=now, actor=user.username, action="network_ended", detail={"partner": partner, "company": was.peer})
    return link


def rekey(uow: UnitOfWork, *, partner: str, user: catalog.User, now: datetime, raw: bytes) -> network.Link:
    """更换和张记的联网密钥: our link to that partner's company on another server signed with a new key from now on; the
    new key goes to it in order, signed with the old one, which both sides still take for ``network.REKEY_GRACE`` (the
    messages each sent before the other heard)."""
    was: network.Link | None = uow.network.link(partner)
    if was is None or was.status != "active" or not network.remote(was.peer) or not was.secret or was.peer is None:
        raise errors.NotFound(code="network_no_remote_link", partner=purchasing.partner_name(uow, partner))
    if any(m.recipient == was.peer and m.kind == "link" and m.payload.get("status") == "rekey"
           for m in uow.network.outgoing()):   # (its previous key would be lost: one change at a time)
        raise errors.BadInput(code="network_rekey_waiting", partner=purchasing.partner_name(uow, partner))
    link = was.with_key(raw.hex(), now=now)
    uow.network.put_link(link, at=now, by=user.username)
    uow.network.send(was.peer, kind="link", subject=f"link:rekey:{partner}", payload={"status": "rekey",
                                                                                     "secret": link.secret}, at=now)
    uow.chat.audit(at=now, actor=user.username, action="network_rekeyed", detail={"partner": partner,
                                                                                   "company": was.peer})
    return link


def rekeyed(uow: UnitOfWork, link: network.Link, secret: str, *, now: datetime) -> None:
    """The other server changed our link's key (its message, signed with the key it replaces): ours from now on, the
    old one still taken for ``network.REKEY_GRACE``. The same change told twice changes nothing."""
    if secret == link.secret:
        return
    uow.network.put_link(link.with_key(secret, now=now), at=now, by=NET_USER)
    uow.chat.audit(at=now, actor=NET_USER, action="network_rekeyed", detail={"partner": link.partner,
                                                                              "company": link.peer})


TRAIL = ("network_invited", "network_accepting", "network_accepted", "network_ended", "network_sent",
         "network_received", "network_rekeyed")


def trail_text(uow: UnitOfWork, t: Any, lang: str, *, partner: str | None, tz: Any, limit: int = 20) -> str:
    """网络往来记录: the newest cross-company actions from our sealed audit trail (with that partner's company only,
    when named), each with its place in the chain."""
    link = uow.network.link(partner) if partner else None
    if partner is not None and link is None:
        raise errors.NotFound(code="network_no_link", partner=purchasing.partner_name(uow, partner))
    rows = []
    names = {p.code: p.name for p in uow.catalog.partners()}   # (read once: a company's name once each, below)
    companies: dict[str, str] = {}
    for at, actor, action, d, seq in uow.chat.trail(TRAIL, limit=200):
        peer = d.get("to") or d.get("from") or d.get("company")
        if link is not None and d.get("partner") != partner and (link.peer is None or peer != link.peer):
            continue
        if peer and peer not in companies:
            companies[peer] = uow.network.company(peer)
        company = companies.get(peer, "") if peer else ""
        kind = d.get("kind", "link")
        way = "sent" if action == "network_sent" else "got"
        state = f"order_state.{'sale' if kind == 'so' else 'purchase'}.{d.get('status')}"
        status = str(t(state, lang)) if d.get("status") else ""
        what = str(t(f"net.log.{action}", lang, partner=names.get(d.get("partner") or "", d.get("partner") or ""),
                     company=company, code=d.get("code") or "",
                     order=d.get("order") or str(d.get("subject", "")).rsplit(":", 1)[-1],
                     kind=t(f"net.kind.{way}.{kind}", lang),
                     status=status if status != state else str(t(f"order_status.{d.get('status')}", lang)),
                     result=t(f"net.result.{str(d.get('result', '')).split(':')[0]}", lang)))
        who = "" if actor in (None, NET_USER) else f" {actor}"
        rows.append(f"{at.astimezone(tz):%m-%d %H:%M}{who} · {what}" + (f" 🔒#{seq}" if seq is not None else ""))
        if len(rows) >= limit:
            break
    if not rows:
        return str(t("net.log_none", lang))
    return "\n".join([str(t("net.log_head", lang, n=len(rows))), *rows])


# ---------------------------------------------------------------- what other companies sent
def apply_next(uow: UnitOfWork, box: Any, t: Any, *, now: datetime) -> bool:
    """The oldest message to us not applied yet, applied (its effects, who is told, and the message marked applied
    with its result, audited, in this transaction); False: none waiting."""
    msg = uow.network.next_message()
    if msg is None:
        return False
    link = uow.network.link_to(msg.sender)
    if msg.kind == "link":
        result = _link_news(uow, box, t, msg, now=now)
    elif link is None:
        result = "not_linked"   # (a company we are not linked with, or no longer: nothing of it is taken)
    elif msg.kind == "po":
        result = _their_purchase(uow, box, t, msg, link, now=now)
    elif msg.kind == "so":
        result = _their_sale(uow, box, t, msg, link, now=now)
    else:
        result = "unknown_kind"
    uow.network.applied(msg.id, at=now, result=result)
    uow.chat.audit(at=now, actor=NET_USER, action="network_received",
                   detail={"from": msg.sender, "kind": msg.kind, "subject": msg.subject, "result": result})
    return True


def mark_failed(uow: UnitOfWork, box: Any, t: Any, *, now: datetime, error: Exception) -> None:
    """The oldest message could not be applied (no place to keep an order, a broken payload): marked so and
    audited, never retried every second; the managers hear what it was and why."""
    msg = uow.network.next_message()
    if msg is None:
        return
    code = error.code if isinstance(error, errors.DomainError) else type(error).__name__
    uow.network.applied(msg.id, at=now, result=f"error:{code}")
    uow.chat.audit(at=now, actor=NET_USER, action="network_received",
                   detail={"from": msg.sender, "kind": msg.kind, "subject": msg.subject, "result": "error"})
    for u in purchasing.managers_of(uow, None):
        why = str(t(f"err.{code}", u.language)) if isinstance(error, errors.DomainError) else code
        box.push(u.username, str(t("net.failed", u.language, company=uow.network.company(msg.sender),
                                   kind=t(f"net.kind.got.{msg.kind}", u.language),
                                   order=msg.subject.rsplit(":", 1)[-1], why=why)))


def who(t: Any, lang: str, company: str, partner: str) -> str:
    """张记肉业, or 张记肉业(张记) when we call it by another name."""
    return company if company == partner else str(t("net.who", lang, company=company, partner=partner))


def _tell(uow: UnitOfWork, box: Any, t: Any, who: list[catalog.User], key: str, **kw: Any) -> None:
    for u in {u.username: u for u in who if u.active}.values():
        box.push(u.username, str(t(key, u.language, **kw)))


def _link_news(uow: UnitOfWork, box: Any, t: Any, msg: Any, *, now: datetime) -> str:
    status = msg.payload.get("status")
    company = uow.network.company(msg.sender)
    if status == "active":   # our invitation accepted (by a company on another server: its name said with it)
        mine = next((ln for ln in uow.network.links() if ln.code == msg.payload.get("code") and ln.status == "invited"),
                    None)
        if mine is None:
            return "no_invitation"
        if network.remote(msg.sender):
            company = str(msg.payload.get("company") or company)
            mine = replace(mine, peer_name=company)
        uow.network.put_link(replace(mine, status="active", peer=msg.sender, code=None), at=now, by=NET_USER)
        _tell(uow, box, t, purchasing.managers_of(uow, None), "net.linked", company=company,
              partner=purchasing.partner_name(uow, mine.partner))
        return "linked"
    if status in ("joined", "refused"):   # what a server we sent our acceptance to answered (the courier's word)
        return _joined(uow, box, t, msg, now=now)
    if status == "undelivered":   # a message another server would not take (not linked there any more): said once
        for u in purchasing.managers_of(uow, None):
            box.push(u.username, str(t("net.undelivered", u.language, company=company,
                                       kind=t(f"net.kind.sent.{msg.payload.get('kind')}", u.language),
                                       order=str(msg.payload.get("subject") or "").rsplit(":", 1)[-1])))
        return "undelivered"
    mine = uow.network.link_to(msg.sender)
    if status == "ended" and mine is not None:
        uow.network.put_link(replace(mine, status="ended"), at=now, by=NET_USER)
        for u in purchasing.managers_of(uow, None):
            box.push(u.username, str(t("net.ended", u.language, who=who(t, u.language, company,
                                                                         purchasing.partner_name(uow, mine.partner)))))
        return "ended"
    return "ignored"


def _joined(uow: UnitOfWork, box: Any, t: Any, msg: Any, *, now: datetime) -> str:
    """Our acceptance of a company's invitation on another server, answered: linked (its name, and what it invited
    us as, said back), or refused (the code unknown or spent there, or the server not one of ours)."""
    p = msg.payload
    by = uow.catalog.user(str(p.get("by") or "")) or catalog.User(username=NET_USER, display_name=NET_USER,
                                                                  role=catalog.Role.MANAGER, location=None)
    told = [*purchasing.managers_of(uow, None), *([by] if by.username != NET_USER else [])]
    if p.get("status") == "refused":
        _tell(uow, box, t, told, "net.refused", server=network.server_of(msg.sender), code=p.get("code"))
        return "refused"
    company = str(p.get("company") or msg.sender)
    if uow.network.link_to(msg.sender) is not None:
        return "ignored"
    link, new = _linked(uow, name=company, their_kind=str(p.get("kind") or "supplier"), peer=msg.sender, user=by,
                        now=now, secret=str(p.get("secret") or ""))
    uow.chat.audit(at=now, actor=by.username, action="network_accepted",
                   detail={"company": msg.sender, "partner": link.partner, "code": p.get("code")})
    for u in {u.username: u for u in told if u.active}.values():
        box.push(u.username, accepted_text(uow, t, u.language, link, company=company, new=new))
    return "linked"


def accepted_text(uow: UnitOfWork, t: Any, lang: str, link: network.Link, *, company: str, new: bool) -> str:
    """✅ 已和老街餐饮连上库管网络:对方在我们这里是客户「老街餐饮」…: a link just made, as its side says it (the
    partner it is to us, new or not, and where its orders are kept)."""
    partner = purchasing.partner_of(uow, link.partner)
    kind = partner.kind.value if partner is not None else "customer"
    return str(t("net.accepted", lang, company=company, kind=t(f"export.partner_kind.{kind}", lang),
                 partner=partner.name if partner is not None else link.partner,
                 new=t("net.partner_new", lang) if new else "",
                 place=next((x.name for x in uow.catalog.locations() if x.code == link.location), link.location or "")))


def _items(uow: UnitOfWork, pairs: list[tuple[str, Decimal]]) -> str:
    products = {p.sku: p for p in uow.catalog.products()}
    return "、".join(f"{products[s].name if s in products else s} {q.normalize():f}{products[s].base_unit if s in products else ''}"
                    for s, q in pairs)


def reread(uow: UnitOfWork, box: Any, t: Any, *, now: datetime) -> int:
    """Our linked customers' purchase orders with lines we could not place, read again against our catalog as it is
    now (an alias or a product added since: 五花肉就是猪五花): the lines placed now join our order for it, or make
    the order it could not become; the managers told as for the order. How many were read again."""
    n = 0
    for link in uow.network.links():
        if link.status != "active" or link.peer is None:
            continue
        mine = {str((o.meta.get("network") or {}).get("po")): o for o in uow.orders.list(kinds=["sale"], partner=link.partner)
                if (o.meta.get("network") or {}).get("peer") == link.peer}
        for msg, result in uow.network.latest_received(link.peer, "po"):
            o = mine.get(str(msg.payload.get("po")))
            stuck = result == "unmatched" if o is None else \
                o.status.value in ("open", "partial") and bool(o.meta["network"].get("unmatched"))
            if stuck and _their_purchase(uow, box, t, msg, link, now=now, again=True) not in ("same", "unmatched"):
                n += 1
                uow.chat.audit(at=now, actor=NET_USER, action="network_reread",
                               detail={"from": msg.sender, "subject": msg.subject})
    return n


def _their_purchase(uow: UnitOfWork, box: Any, t: Any, msg: Any, link: network.Link, *, now: datetime,
                    again: bool = False) -> str:
    """A linked customer's purchase order, as it stands: our order for it taken (new), changed, cancelled, or its
    receipt noted; the managers of the place it is kept at are told. ``again``: the last one read again against our
    catalog (``reread``), nothing told unless something new was placed."""
    snap = msg.payload
    company = uow.network.company(msg.sender)
    ours = next((o for o in uow.orders.list(kinds=["sale"], partner=link.partner)
                 if (o.meta.get("network") or {}).get("peer") == msg.sender and o.meta["network"].get("po") == snap.get("po")),
                None)
    who = purchasing.managers_of(uow, link.location)
    matched, unmatched = network.match(snap.get("lines", []), uow.catalog.products())
    due = datetime.fromisoformat(snap["due"]) if snap.get("due") else None
    missing = "、".join(f"{u['name']} {u['qty']}{u['unit']}" for u in unmatched)
    if ours is None:
        if snap.get("status") not in ("open", "partial"):
            return "not_open"
        if not matched:
            if not again:
                _tell(uow, box, t, who, "net.po_unmatched", company=company, po=snap.get("po"), items=missing)
            return "unmatched"
        lang = who[0].language if who else "zh_CN"
        turn = JobTurn(user=catalog.User(username=NET_USER, display_name=company, role=catalog.Role.MANAGER,
                                         location=link.location, language=lang), now=now, box=box, quiet=True)
        # (what the order says of itself: the managers hear the network's own words)
        oid = purchasing.take_order(uow, turn, commands.PlaceSale(
            lines=tuple(commands.Line(sku=m.sku, qty=m.qty) for m in matched), partner=link.partner,
            location=link.location, due=due), t=t)
        o = uow.orders.get(oid)
        assert o is not None
        short = purchasing.short_of_stock(uow, t, lang, location=link.location or "", lines=o.lines, now=now,
                                          due=due or now)   # (what the store lacks for it: said with it)
        uow.orders.save(replace(o, meta={**o.meta, "network": {
            "peer": msg.sender, "po": snap.get("po"), **_placed(matched, unmatched)}}))
        _tell(uow, box, t, who, "net.po_new", company=company, po=snap.get("po"), id=oid,
              items=_items(uow, [(m.sku, m.qty) for m in matched]), due=f"{due.astimezone(now.tzinfo):%m-%d}" if due else "-",
              missing=(str(t("net.missing", lang, items=missing)) if unmatched else "") + short)
        return f"taken:{oid}"
    if snap.get("status") == "done" and not ours.meta.get("peer_received"):   # it has everything it ordered
        ours = replace(ours, meta={**ours.meta, "peer_received": now.isoformat()})
        uow.orders.save(ours)
        _tell(uow, box, t, who, "net.po_received", company=company, po=snap.get("po"), id=ours.id)
        return "received"
    if ours.status.value in ("done", "cancelled", "rejected"):
        return "closed"
    if snap.get("status") == "cancelled":
        uow.orders.save(ours.to(orders.Status.CANCELLED, by=NET_USER))
        uow.chat.drop_bookings(ours.id or 0, at=ours.due)
        _tell(uow, box, t, who, "net.po_cancelled", company=company, po=snap.get("po"), id=ours.id)
        return "cancelled"
    want = {m.sku: m.qty for m in matched}
    lines = [replace(ln, qty=max(want.pop(ln.sku, ln.received), ln.received)) for ln in ours.lines]
    lines += [orders.OrderLine(sku=s, qty=q) for s, q in want.items()]   # (a product added to its order, or placed)
    # (what is placed and how each line is in its units, as of this snapshot: what our shipments are told back in)
    changed = replace(ours, lines=tuple(lines), due=due or ours.due,
                      meta={**ours.meta, "network": {**ours.meta["network"], **_placed(matched, unmatched)}})
    if changed.lines != ours.lines or changed.due != ours.due:
        _tell(uow, box, t, who, "net.po_reread" if again else "net.po_changed", company=company, po=snap.get("po"),
              id=ours.id, items=_items(uow, [(ln.sku, ln.qty) for ln in changed.lines]),
              due=f"{changed.due.astimezone(now.tzinfo):%m-%d}" if changed.due else "-",
              missing=str(t("net.missing", who[0].language if who else "zh_CN", items=missing)) if unmatched else "")
    if changed != ours:
        uow.orders.save(changed)
        return "changed"
    return "same"


def _placed(matched: list[network.Matched], unmatched: list[dict[str, str]]) -> dict[str, Any]:
    """What of a customer's order we placed, each line with its product there and its units per one of ours, and
    what we could not: kept on our order for it."""
    return {"unmatched": unmatched,
            "lines": [{"sku": m.sku, "peer_sku": m.peer_sku, "factor": str(m.factor)} for m in matched]}


def _their_sale(uow: UnitOfWork, box: Any, t: Any, msg: Any, link: network.Link, *, now: datetime) -> str:
    """A linked supplier's order for our purchase order, as it stands: accepted, what it shipped, or cancelled; kept
    on our purchase order (its state as the supplier's own words would set it) and told to whoever placed it and the
    store's managers. Nothing is received here until the store says the goods came."""
    snap = msg.payload
    o = uow.orders.get(int(snap.get("po") or 0))
    if o is None or o.kind not in PURCHASES or o.partner != link.partner:
        return "no_order"
    company = uow.network.company(msg.sender)
    peer = dict(o.meta.get("peer") or {})
    shipped = {ln["sku"]: Decimal(str(ln["shipped"])) for ln in snap.get("lines", [])}
    before = {k: Decimal(v) for k, v in (peer.get("shipped") or {}).items()}
    meta = {**o.meta, "peer": {"so": snap.get("so"), "status": snap.get("status"),
                               "shipped": {k: str(v) for k, v in shipped.items()},
                               "unmatched": list(snap.get("unmatched") or [])}}
    creator = uow.catalog.user(o.created_by) if o.created_by else None
    who = [*purchasing.managers_of(uow, o.location), *([creator] if creator is not None else [])]
    result = "same"
    status = snap.get("status")
    if status == "pending_approval" and not peer:   # taken, but waiting for their own approval (our credit)
        _tell(uow, box, t, who, "net.so_held", company=company, po=o.id, so=snap.get("so"))
        result = "held"
    elif status in ("open", "partial", "done") and not o.meta.get("acknowledged_at"):   # first word of it: taken
        meta["acknowledged_at"] = now.isoformat()
        _tell(uow, box, t, who, "net.so_taken", company=company, po=o.id, so=snap.get("so"),
              missing=str(t("net.they_miss", who[0].language if who else "zh_CN",
                            items="、".join(snap.get("unmatched") or []))) if snap.get("unmatched") else "")
        result = "taken"
    elif o.meta.get("acknowledged_at"):   # lines it could not place before and can now (its catalog learnt them)
        placed = [n for n in peer.get("unmatched") or [] if n not in (snap.get("unmatched") or [])]
        if placed:
            _tell(uow, box, t, who, "net.so_placed", company=company, po=o.id, items="、".join(placed))
            result = "placed"
    more = [(s, q - before.get(s, Decimal(0))) for s, q in shipped.items() if q > before.get(s, Decimal(0))]
    if more:
        meta["shipped_at"] = now.isoformat()
        _tell(uow, box, t, who, "net.so_shipped", company=company, po=o.id, items=_items(uow, more))
        result = "shipped"
    if status in ("cancelled", "rejected") and peer.get("status") not in ("cancelled", "rejected"):
        _tell(uow, box, t, who, "net.so_cancelled", company=company, po=o.id)
        result = "cancelled"
    uow.orders.save(replace(o, meta=meta))
    return result
