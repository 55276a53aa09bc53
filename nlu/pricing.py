"""A customer's price list said in the chat (王记按批发价 · 团餐是会员客户 · 王记改回零售价): which of the products' prices
it pays (``catalog.PRICE_TIERS``). The products' own tier prices are fields (可乐的批发价是4元 · 可乐会员价每箱90元)."""
from __future__ import annotations

import re
from decimal import Decimal

from domain import commands
from nlu import lexicon

_TIERS = {"批发": "wholesale", "会员": "member", "零售": ""}
_SAID = re.compile(r"(?:请|帮我)?(?:把|将|给)?(?P<who>[^,;]{1,20}?)(?:以后|今后|从现在起|从今天起)?(?:都|统一|一律)?"
                   r"(?:按|走|用|享受|享|执行|算|改成|改为|改按|改回|设为|设成|是)(?P<tier>批发|会员|零售)"
                   r"(?:价格?)?(?:客户|拿货|结算|算|供货|出货)?(?:客户)?了?")
HINT = re.compile(r"批发|会员|零售")


def tier(s: str, lex: lexicon.Lexicon) -> commands.Parsed | None:
    """王记按批发价 · 团餐是会员客户 · 王记改回零售价: the customer's price list, for a manager to confirm; None: not
    said of one customer."""
    m = _SAID.fullmatch(s)
    if m is None:
        return None
    code = lex.partner_named(m.group("who"))
    if code is None:
        return None   # (a supplier's is refused by the conversation: price lists are customers')
    return commands.Parsed(commands.SetPartner(code, "price_tier", Decimal(0), tier=_TIERS[m.group("tier")]))
