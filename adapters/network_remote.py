"""The network between servers (domain/network.py): each company on its own server, its orders crossing over HTTP.

A message for a company on another server (its address ``<tenant>@<base URL>``) is kept in our table like any and
carried there by the **courier**, in the order sent, until that server has it: ``POST /network/inbox``, signed with
the link's secret (``X-Kuguan-Signature``: HMAC-SHA256 of the body). The other server keeps it once (its id here
says when it came twice) and applies it in turn as it would a message from a company beside it. Our acceptance of
an invitation goes to ``POST /network/accept`` with the code and a new secret; the answer (linked, or why not) is
kept for our own scheduler to apply. A server that cannot be reached is tried again on the next round, and nothing
behind its oldest undelivered message overtakes it.
"""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import replace
from datetime import datetime
from typing import Any

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from adapters.outbox.store import OutboxStore
from domain import network
from workflows import network as net

log = logging.getLogger(__name__)
SIGNATURE = "X-Kuguan-Signature"


class Courier:
    """Delivers what our company sent companies on other servers; ``deliver`` is one round (the server runs it every
    few seconds). With several replicas on PostgreSQL one delivers at a time (an advisory lock for the round), so
    no two carry a company's messages at once and none arrives before one sent earlier."""

    def __init__(self, uow: Any, clock: Any, *, tenant: str, base_url: str | None, engine: Any,
                 client: httpx.Client | None = None) -> None:
        self.uow, self.clock, self.tenant, self.base_url = uow, clock, tenant, base_url
        self.leads = OutboxStore(engine)
        self.client = client or httpx.Client(timeout=10.0)

    @property
    def me(self) -> str | None:
        return network.address(self.tenant, self.base_url) if self.base_url else None

    def deliver(self) -> int:
        """Every message waiting for another server, in order, until one server does not answer (the rest for it
        wait for the next round); nothing while another replica delivers. How many were delivered. A round with
        nothing waiting (most of them) reads once and takes no lock."""
        with self.uow(write=False) as u:
            if not u.network.outgoing():
                return 0
        lead = self.leads.try_lead(f"network:{self.tenant}")
        if lead is None:
            return 0
        try:
            return self._round()
        finally:
            self.leads.step_down(lead)

    def _round(self) -> int:
        with self.uow(write=False) as u:
            waiting = u.network.outgoing()
            links = {ln.peer: ln for ln in u.network.links() if ln.peer}
        # a key changed here and not yet told there: what goes before (and with) the news of it is signed with the
        # key the other server still has
        told = {}
        for msg in reversed(waiting):
            if msg.kind == "link" and msg.payload.get("status") == "rekey":
                told[msg.recipient] = msg.id
        down: set[str] = set()
        done = 0
        for msg in waiting:
            server = network.server_of(msg.recipient)
            if server in down:
                continue
            try:
                if msg.kind == "accept":
                    answer, result = self._accept(server, msg)
                else:
                    ln = links.get(msg.recipient)
                    key = (ln.secret_prev if msg.id <= told.get(msg.recipient, -1) else ln.secret) if ln else None
                    answer, result = None, self._post(server, msg, key)
            except httpx.HTTPError as exc:
                log.warning("network: %s not reached (%s); message %s waits", server, exc, msg.id)
                down.add(server)
                continue
            if result is None:   # (the server failed: tried again on the next round)
                down.add(server)
                continue
            with self.uow() as u:
                now = self.clock.now()
                u.network.delivered(msg.id, at=now, result=result)
                if answer is not None:
                    u.network.receive(at=now, remote_id=None, **answer)
                elif result.startswith("refused"):   # it will never take it: our managers hear, once
                    u.network.receive(sender=msg.recipient, kind="link", subject=f"undelivered:{msg.subject}",
                                      at=now, remote_id=None, payload={"status": "undelivered", "kind": msg.kind,
                                                                       "subject": msg.subject, "why": result})
                u.commit()
            done += 1
        return done

    def _accept(self, server: str, msg: Any) -> tuple[dict[str, Any], str | None]:
        """Our acceptance taken there: the answer (linked, or refused with why) to apply here."""
        p = msg.payload
        if self.me is None:   # (no address of ours to give: KUGUAN_PUBLIC_URL unset)
            return _answer(f"?@{server}", p, status="refused", why="network_no_address"), "refused"
        r = self.client.post(f"{server}/network/accept", json={"code": p["code"], "from": self.me,
                                                               "company": p["company"], "secret": p["secret"]})
        if r.status_code >= 500:
            return {}, None
        body = r.json() if r.headers.get("content-type", "").startswith("application/json") else {}
        if r.status_code != 200 or not body.get("tenant"):
            return _answer(f"?@{server}", p, status="refused", why=str(body.get("error") or r.status_code)), "refused"
        return _answer(network.address(str(body["tenant"]), server), p, status="joined",
                       company=str(body.get("company") or body["tenant"]), kind=str(body.get("kind") or "")), "joined"

    def _post(self, server: str, msg: Any, secret: str | None) -> str | None:
        """One message to its server's inbox, signed: "delivered", "refused:<status>" (it will never take it: not
        linked there any more, a bad signature), or None (try again)."""
        if not secret or self.me is None:
            return "refused:no_link"
        body = json.dumps({"from": self.me, "to": network.tenant_of(msg.recipient), "id": msg.id, "kind": msg.kind,
                           "subject": msg.subject, "payload": msg.payload,
                           "at": msg.at.isoformat() if msg.at else None}, ensure_ascii=False).encode()
        r = self.client.post(f"{server}/network/inbox", content=body, headers={
            "content-type": "application/json", SIGNATURE: network.signature(secret, body)})
        if r.status_code >= 500:
            return None
        return "delivered" if r.status_code == 200 else f"refused:{r.status_code}"


def _answer(sender: str, p: dict[str, Any], **payload: str) -> dict[str, Any]:
    return {"sender": sender, "kind": "link", "subject": f"link:{p.get('code')}",
            "payload": {"code": p.get("code"), "secret": p.get("secret"), "by": p.get("by"), **payload}}


def router(c: Any) -> APIRouter:
    """What another server's courier calls on ours (its company's acceptance, and the messages of a link)."""
    r = APIRouter()

    @r.post("/network/accept")
    def accept(body: dict[str, Any]) -> Any:
        """A company on another server accepts our invitation: the code must be one of ours, waiting; the link's
        secret is kept and its acceptance applied in turn (our managers hear it then)."""
        code, sender, secret = (str(body.get(k) or "") for k in ("code", "from", "secret"))
        if not network.remote(sender) or len(secret) < 32:
            return JSONResponse({"error": "bad_input"}, status_code=400)
        now = c.clock.now()
        with c.uow() as u:
            found = u.network.invited(network.normal_code(code), since=now - net.INVITE_VALID)
            if found is None or found[0] != c.tenant:
                return JSONResponse({"error": "network_no_invite"}, status_code=404)
            _, link, kind = found
            company = str(body.get("company") or network.tenant_of(sender))[:100]
            u.network.put_link(replace(link, secret=secret, peer_name=company), at=now, by=net.NET_USER)
            u.network.receive(sender=sender, kind="link", subject=f"link:{link.code}", at=now, remote_id=None,
                              payload={"code": link.code, "status": "active", "company": company})
            name = u.network.company(c.tenant)
            u.commit()
        return {"tenant": c.tenant, "company": name, "kind": kind}

    @r.post("/network/inbox")
    async def inbox(request: Request) -> Any:
        """A message from a company on another server we are linked with, kept once to be applied in turn: its
        signature must be the link's."""
        raw = await request.body()
        return await asyncio.to_thread(keep, raw, request.headers.get(SIGNATURE))

    def keep(raw: bytes, said: str | None) -> Any:
        try:
            body = json.loads(raw)
            sender, kind, subject = str(body["from"]), str(body["kind"]), str(body["subject"])
            payload, remote_id = dict(body["payload"]), int(body["id"])
            at = datetime.fromisoformat(body["at"]) if body.get("at") else None
        except (ValueError, KeyError, TypeError):
            return JSONResponse({"error": "bad_input"}, status_code=400)
        if body.get("to") != c.tenant or not network.remote(sender) or kind not in ("po", "so", "link"):
            return JSONResponse({"error": "not_here"}, status_code=404)
        status = payload.get("status") if kind == "link" else None
        if kind == "link" and status not in ("ended", "rekey"):   # (a link is made by /network/accept alone)
            return JSONResponse({"error": "bad_input"}, status_code=400)
        if status == "rekey" and len(str(payload.get("secret") or "")) < 32:
            return JSONResponse({"error": "bad_input"}, status_code=400)
        with c.uow() as u:
            now = c.clock.now()
            link = u.network.link_to(sender)
            if link is None or not link.signed(raw, said, now=now):
                return JSONResponse({"error": "not_linked"}, status_code=403)
            if status == "rekey":   # a new key, signed with the one it replaces: ours at once (what follows uses it)
                if not network.signed_by(link.secret, raw, said) and payload["secret"] != link.secret:
                    return JSONResponse({"error": "not_linked"}, status_code=403)
                net.rekeyed(u, link, str(payload["secret"]), now=now)
                u.commit()
                return {"ok": True}
            u.network.receive(sender=sender, kind=kind, subject=subject, payload=payload, remote_id=remote_id,
                              at=at or now)
            u.commit()
        return {"ok": True}

    return r
