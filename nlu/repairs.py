"""Repairs said in the chat (domain/repairs.py): 王记送修蓝牙耳机,串号SN001,不出声 · 串号SN001返修,充不进电 (taken in) ·
维修单1寄给绿联 · SN001送厂 (sent) · 维修单1修好了 · SN001修好了,收费80 · 维修单1换新了,新串号SN009 · 维修单1修不好 (back) ·
维修单1取走了 · SN001客户取走了 (collected) · 维修单1 · SN001修到哪了 (one ticket) · 在修的 · 维修单 · 所有维修记录 (the list).
A running cost for repairs (交维修费500) names no ticket, no unit: never read here."""
from __future__ import annotations

import re

from domain import catalog, commands
from nlu import lexicon, numbers, scan

HINT = re.compile(r"维修|返修|送修|报修|来修|拿来修|修好|修不好|修不了|没法修|无法修|换新|换了新|送厂|返厂|寄修|在修|(?<!保)修到|寄给\S*修"
                  r"|取走|取回")
_ID = re.compile(r"(?:维修单|维修|返修|报修单?)\s*#?\s*(?P<id>\d{1,6})(?![\d.])")
_CODE = re.compile(r"(?<![a-z0-9])(?P<code>(?=[a-z-]*\d)(?=\S*[a-z])[a-z][a-z0-9-]{2,39}|\d{12,17})(?![a-z0-9])")
_NEW_CODE = re.compile(r"新(?:的)?(?:串号|串码|序列号|imei|sn)?\s*(?:是|为|:)?\s*(?P<code>[a-z0-9][a-z0-9-]{2,39})")
_UNREPAIRABLE = re.compile(r"修不好|修不了|没法修|无法修|不能修|修不到")
_REPLACED = re.compile(r"换新|换了(?:一)?(?:个|台|部|副|只)?新|换了一(?:个|台|部|副|只)")
_REPAIRED = re.compile(r"修好|修复|修回来|修完")
_BACK = re.compile(r"回来了|寄回来|送回来|返回了")
_SEND = re.compile(r"寄给|寄到|送到|送去|寄去|发给|发到|送给|交给|送厂|返厂|寄修|送修到|寄回(?:厂家|原厂|供应商)")
_COLLECT = re.compile(r"取走|取回|拿走|领走|已取|拿回去|取了")
_INTAKE = re.compile(r"送修|返修|报修|拿来修|来修|要修|坏了|维修")
_SHOW = re.compile(r"修到哪|维修进度|维修状态|修得怎么样|修好了吗|修好没|什么时候修好|进度")
_LIST = re.compile(r"在修|维修单|维修记录|维修列表|返修记录|送修记录|哪些(?:在)?修|维修中")
# units of our own stock counted, with no ticket, code or customer (耳机坏了一个,返厂 · 耳机返厂2个): a return, not a repair
_OUR_UNITS = re.compile(r"(?:\d+|[一两二三四五六七八九十])\s*[个副台部只件]")
_EVERY = re.compile(r"所有|全部|历史|以前")
_FEE = re.compile(rf"(?:收费|收了|维修费|收取|费用)\s*(?P<n>{numbers.NUMBER})\s*(?:元|块钱?)?")
_FILLER = re.compile(r"^(?:客户|顾客|的|了|请|帮|一下|这台|这部|这副|这个|说|,|\s)+|(?:了|的|吧|呢|,|\s)+$")


def said(s: str, lex: lexicon.Lexicon) -> commands.Parsed | commands.Clarify | None:
    """The repair step said, or the tickets asked after; None: no ticket, no unit and no repair word of its own."""
    m = _ID.search(s)
    # (维修单1 · 报修单2 · 维修#3: a ticket's number; 维修1 alone may be anything)
    rid = int(m.group("id")) if m is not None and re.search(r"单|#", m.group(0)) else None
    rest = s[:m.start()] + " " + s[m.end():] if rid is not None and m is not None else s
    new = _NEW_CODE.search(rest) if _REPLACED.search(rest) else None
    if new is not None:
        rest = rest[:new.start()] + " " + rest[new.end():]
    code_at = scan.SERIAL_WORD.search(rest)
    code = _CODE.search(rest, code_at.end() if code_at else 0)
    serial = code.group("code").upper() if code is not None else ""
    if code is not None:
        rest = rest[:(code_at.start() if code_at and code_at.end() <= code.start() else code.start())] + " " \
            + rest[code.end():]
    fee = _FEE.search(rest)
    found = lex.scan(rest, [True] * len(rest))
    products = [e for e in found if e.kind == "product" and len(e.codes) == 1]
    partners = [e for e in found if e.kind == "partner" and len(e.codes) == 1]
    sku = products[0].codes[0] if products else None
    named = rid is not None or bool(serial)
    K = catalog.PartnerKind
    def partner(kind: catalog.PartnerKind) -> str | None:
        return next((e.codes[0] for e in partners if lex.partners[e.codes[0]].kind == kind), None)
    if named and _UNREPAIRABLE.search(rest):
        return _act("back", rid, serial, outcome="unrepairable", fee=fee)
    if named and _REPLACED.search(rest):
        return _act("back", rid, serial, outcome="replaced", new_serial=new.group("code").upper() if new else "",
                    fee=fee)
    if named and _SHOW.search(rest):
        return _act("show", rid, serial)
    if named and (_REPAIRED.search(rest) or _BACK.search(rest) and not _SEND.search(rest)):
        return _act("back", rid, serial, outcome="repaired", fee=fee)
    supplier = partner(K.SUPPLIER)
    # (把串号SN001的耳机发给东门店: a transfer; a unit sent for repair goes to a supplier, or to the works)
    if named and _SEND.search(rest) and (rid is not None or supplier or re.search(r"厂|修", rest)):
        return commands.Parsed(commands.RepairAction("send", rid, serial, partner=supplier))
    # (王记的货取走了,串号SN004: an order collected)
    if named and _COLLECT.search(rest) and (rid is not None or not re.search(r"货|订单|提", rest)):
        return _act("collect", rid, serial, fee=fee)
    if rid is None and _INTAKE.search(rest) and (serial or sku) and not _LIST.search(rest.replace("维修", "", 1)
                                                                                    if "维修单" not in rest else rest) \
            and (serial or partner(K.CUSTOMER) or not _OUR_UNITS.search(rest)):   # (耳机坏了2个,返厂: stock sent back)
        fault = _fault(s, rest, found)
        return commands.Parsed(commands.RepairAction("intake", None, serial, sku=sku, partner=partner(K.CUSTOMER),
                                                     fault=fault))
    if named and (rid is not None or re.search(r"(?<!保)修", rest)):   # (王记的货取走了,串号SN004: no repair, an order's units)
        return _act("show", rid, serial)
    if _LIST.search(rest) and not products and not re.search(r"费|花了|付了|交了", rest):
        return commands.Parsed(commands.RepairAction("list", every=bool(_EVERY.search(rest))))
    return None


def _act(action: str, rid: int | None, serial: str, *, outcome: str = "", new_serial: str = "",
         fee: re.Match[str] | None = None) -> commands.Parsed:
    amount = numbers.value(fee.group("n")) if fee is not None else None
    return commands.Parsed(commands.RepairAction(action, rid, serial, outcome=outcome, new_serial=new_serial,
                                                 fee=amount))


def _fault(s: str, rest: str, found: list[lexicon.Span]) -> str:
    """What is wrong with it, as said (不出声 · 充不进电): the clauses that are neither the unit nor who brought it."""
    clauses = [c for c in re.split(r"[,;,;。]", rest) if c.strip()]
    named = {rest[e.start:e.end] for e in found if e.kind in ("product", "partner")}
    out = []
    for c in clauses:
        if any(n in c for n in named) or _INTAKE.search(c) and len(_INTAKE.sub("", c).strip()) < 2:
            body = c
            for n in named:
                body = body.replace(n, " ")
            body = _INTAKE.sub(" ", body)
            body = _FILLER.sub("", body.strip())
            if len(body) >= 2:
                out.append(body.strip())
            continue
        body = _FILLER.sub("", c.strip())
        if body:
            out.append(body)
    return ",".join(out)[:200]
