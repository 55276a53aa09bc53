"""A partner's contact (联系人 · 电话) said or asked in the chat: 张记的联系人是王师傅 · 张记电话13800138000 · 张记的联系人
王师傅,电话13800138000 (kept, a manager's, asked first); 张记的电话多少 · 张记的联系方式 · 怎么联系张记 · 团餐的资料 ·
张记的交货期多久 (its card: what the books hold of it)."""
from __future__ import annotations

import re
from decimal import Decimal

from domain import commands
from nlu import lexicon

HINT = re.compile(r"电话|手机|联系|资料|信息|档案|交货期")
_PHONE_WORD = r"(?:联系电话|电话号码|手机号码?|电话|手机)"
_PHONE = r"(?P<phone>\+?\d[\d\- ]{0,18}\d?)"
_PERSON = r"(?P<person>[^,,;;\s\d:]{1,8}?)"
# 的联系人是王师傅,电话13800138000 · 电话是138-0013-8000 · 的联系人王师傅
_SET = re.compile(rf"(?:的)?(?:(?:联系人|负责人|对接人)(?:是|:|叫)?{_PERSON}(?:[,,\s]*(?:的)?)?)?"
                  rf"(?:{_PHONE_WORD}(?:是|:|号码是)?\s*{_PHONE})?")
# 的电话多少 · 的联系方式 · 的资料 · 的交货期多久 · 电话是多少 · 怎么联系 (said before: 怎么联系张记)
_ASK = re.compile(rf"(?:的)?(?:{_PHONE_WORD}|联系方式|联系人|资料|信息|档案|交货期|交货时间)(?:是)?(?:多少|几号|是谁|是什么|多久|几天)?"
                  r"[?吗呢]*|怎么联系")
_ASK_BEFORE = re.compile(r"(?:怎么|如何)(?:联系|找到?)")


def said(s: str, lex: lexicon.Lexicon) -> commands.Parsed | commands.Clarify | None:
    """The contact kept or the card asked for; None: neither (one partner named first, nothing else)."""
    body = s.strip(" ?!.。")
    lead = _ASK_BEFORE.match(body)
    if lead is not None:
        body = body[lead.end():]
    found = [e for e in lex.scan(body, [True] * len(body)) if e.kind == "partner" and len(e.codes) == 1]
    if len(found) != 1 or found[0].start != 0:
        return None
    code, rest = found[0].codes[0], body[found[0].end:]
    if lead is not None:
        return commands.Parsed(commands.PartnerCard(code)) if not rest.strip(" 的?") else None
    if _ASK.fullmatch(rest):
        return commands.Parsed(commands.PartnerCard(code))
    m = _SET.fullmatch(rest)
    if m is None or not (m.group("person") or m.group("phone")):
        return None
    if m.group("person") and re.search(r"多少|是谁|什么|哪|吗", m.group("person")):
        return None
    phone = re.sub(r"[\s-]", "", m.group("phone") or "")
    if phone and not 7 <= len(phone.lstrip("+")) <= 15:
        return commands.Clarify("bad_phone", detail=m.group("phone"))
    return commands.Parsed(commands.SetPartner(code, "contact", Decimal(0), text=m.group("person") or "", phone=phone))
