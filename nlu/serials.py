"""Serial numbers said in the chat: a product kept by serial (蓝牙耳机按串号管理 · 取消蓝牙耳机的串号管理), its warranty
(蓝牙耳机保修一年 · 蓝牙耳机不保修), one unit asked after (串号SN001 · 串号SN001保修到什么时候 · IMEI 861234567890123在哪),
and the units a receipt, sale, return, transfer or count names (收到蓝牙耳机2副,串号SN001、SN002): the message is read
without them (``listed``, ``counted``), then given them (``attach``). The scanner masks a list it meets, so its
digits are never quantities."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from domain import commands
from nlu import lexicon, scan

_WORD = r"(?:串号|串码|序列号|imei|sn码?)"
_ON = rf"(?:按|用|启用|开启|打开|开通){_WORD}(?:管理|登记)?|(?:要|需要|必须)(?:登记|记录?|录入?|扫)?{_WORD}|{_WORD}管理"
_OFF = rf"不(?:再)?(?:用|按|需要|要)(?:登记|记录?)?{_WORD}(?:管理|登记)?了?|(?:取消|关闭|停用){_WORD}(?:管理)?"
_SETTING = re.compile(rf"(?:取消|关闭|停用)(?P<what2>[^,;]{{1,20}}?)的{_WORD}管理"
                      rf"|(?:请|帮我)?(?:把|将|设置)?(?P<what>[^,;]{{1,20}}?)的?(?:(?P<on>{_ON})|(?P<off>{_OFF}))")
# a unit's code said with 这台 · 这部 (SN001这台在哪): a serial without its word
_BARE = re.compile(r"(?:请|帮我)?(?:查一?下|查查|看一?下|看看)?(?P<code>(?=[a-z-]*\d)[a-z0-9][a-z0-9-]{3,39})\s*"
                   r"(?=这台|这部|这只|这副|这件)")
# SN001在哪 · SN001卖给谁了: a code of letters and digits asked after as a unit is
_BARE_ASKED = re.compile(r"(?:请|帮我)?(?:查一?下|查查|看一?下|看看)?"
                         r"(?P<code>(?=[a-z0-9-]*[a-z])(?=[a-z-]*\d)[a-z0-9][a-z0-9-]{3,39})\s*"
                         r"(?=在哪|去哪|卖给谁|谁买的|什么时候(?:卖|进|到)|哪天(?:卖|进|到)|还在吗|在不在"
                         r"|(?:保修|质保)(?:期)?(?:到|至)?(?:什么时候|哪天|几号))")
_NO_WARRANTY = re.compile(r"(?:请|帮我)?(?:把|将)?(?P<what>[^,;]{1,20}?)的?(?:不保修|没有保修|不质保|没有质保|取消保修|保修期?取消)")
# what is left of a question about one unit once its serial is taken out: asking words, never a product's name
_ASKING = re.compile(r"(?:请|帮我|帮忙)?(?:查一?下|查查|查询|查|看一?下|看看)|这台|这部|这个|这件|这只|这副|那台|那部|"
                     r"在哪(?:里|儿)?|去哪了|去哪儿了|在不在|还在吗|卖给谁了?|谁买的|卖了没有?|卖出去了?吗|卖了吗|"
                     r"(?:是)?什么时候(?:卖|进|到)的|哪天(?:卖|进|到)的|(?:是)?哪来的|"
                     r"(?:保修|质保)(?:期)?(?:到|至)?(?:什么时候|哪天|几号|哪一天)?(?:为止|结束|到期)?|"
                     r"还在(?:保修|质保)期?内?吗?|过保了?吗?|"
                     r"的?(?:信息|记录|情况|状态|详情|历史|来历)|[?]|吗|呢|了|的")


def setting(s: str, lex: lexicon.Lexicon) -> commands.Parsed | commands.Clarify | None:
    """蓝牙耳机按串号管理 · 蓝牙耳机要登记串号 (kept by serial) · 蓝牙耳机不用串号了 · 取消蓝牙耳机的串号管理 (no longer) ·
    蓝牙耳机不保修 (its warranty cleared): the product's change for a manager to confirm; None: not said."""
    m = _SETTING.fullmatch(s)
    if m is not None:
        sku = _one_product(m.group("what") or m.group("what2") or "", lex)
        if sku is None:
            return commands.Clarify("set_one_product")
        return commands.Parsed(commands.SetProduct(sku, "serial", Decimal(0 if m.group("off") or m.group("what2")
                                                                          else 1)))
    m = _NO_WARRANTY.fullmatch(s)
    if m is not None:
        sku = _one_product(m.group("what"), lex)
        return commands.Parsed(commands.SetProduct(sku, "warranty_days", Decimal(0))) if sku else None
    return None


_FIXED = re.compile(r"不对|错了|应该是|应为|改成|改为|更正")


def asked(s: str, lex: lexicon.Lexicon, scanner: scan.Scanner) -> commands.Parsed | None:
    """串号SN001 · 查一下串号SN001 · IMEI 861234567890123在哪 · 串号SN001卖给谁了 · 串号SN001保修到什么时候 · 蓝牙耳机串号
    SN001还在保修期吗: that unit's history and warranty; None: no single serial asked after (a receipt or sale names its
    units with more words than these; 串号改成SN009 is a correction)."""
    m = scan.SERIAL_WORD.search(s) if _FIXED.search(s) is None else None
    alone = False
    if m is not None:
        codes, end = scanner.serial_codes(s, m.end())
    elif (bare := _BARE.match(s) or _BARE_ASKED.match(s)) is not None:
        m, codes, end = bare, [bare.group("code").upper()], bare.end()
        alone = bare.re is _BARE_ASKED
    else:
        return None
    if len(codes) != 1:
        return None
    rest = re.sub(r"[\s,.?!~:]+", "", _ASKING.sub(" ", s[:m.start()] + " " + s[end:]))
    sku = None
    if rest:
        sku = _one_product(rest, lex)
        if sku is None:
            return None
    return commands.Parsed(commands.TraceLot(sku=sku, lot=codes[0], serial=True, bare=alone))


def _one_product(name: str, lex: lexicon.Lexicon) -> str | None:
    found = lex.match_product(name.strip())
    return found.skus[0] if len(found.skus) == 1 and found.guess is None else None


def listed(s: str, scanner: scan.Scanner) -> tuple[tuple[str, ...], str] | None:
    """The serials a message lists (收到蓝牙耳机2副,串号SN001、SN002 · 卖了串号SN002的蓝牙耳机) and the message without
    them (and the 的 that joined them to the goods); None: none listed."""
    m = scan.SERIAL_WORD.search(s)
    if m is None:
        return None
    codes, end = scanner.serial_codes(s, m.end())
    if not codes:
        return None
    after = s[end:]
    return tuple(codes), (s[:m.start()].rstrip(" ,;") + ("," if after.strip(" ,;") and not after.startswith("的")
                                                          else "") + after.removeprefix("的").lstrip(" ,;")).strip()


_QUESTION = re.compile(r"多少|几|吗|什么|哪|怎么|[?]")
_UNITS = (commands.RecordMoves, commands.TransferStock, commands.CountStock)
# other writes whose units cannot be read from them (an order placed, a work order's steps, a batch)
_WRITES = (commands.Batch, commands.PlaceSale, commands.PlacePurchase, commands.WorkStep)


def counted(rest: str, codes: tuple[str, ...], scanner: scan.Scanner, now: datetime) -> str:
    """The message without its serials, with their count said after the one product it names when it says no
    quantity (卖了串号SN002的蓝牙耳机 → 卖了蓝牙耳机1副): as many units as serials."""
    if _QUESTION.search(rest):   # (蓝牙耳机还剩多少: a question, never a count of the units said)
        return rest
    a = scanner.analyse(rest, now)
    named = a.of("product")
    if len(named) != 1 or len(named[0].codes) != 1 or a.qtys or a.s != rest:
        return rest
    unit = scanner.lex.product(named[0].codes[0]).base_unit
    return f"{rest[:named[0].end]}{len(codes)}{unit}{rest[named[0].end:]}"


_FIX_ONLY = re.compile(r"(?:不对|错了|搞错了|记错了|更正|刚才的?|上一笔的?)*")


def corrected(s: str, rest: str, codes: tuple[str, ...]) -> commands.Parsed | None:
    """不对,串号是SN001、SN002、SN004 · 串号应该是SN004: the last write's units are these instead (``s`` the message,
    ``rest`` what is left once its serials are out); None when it says anything else."""
    if _FIXED.search(s) is None or not _FIX_ONLY.fullmatch(re.sub(r"[\s,.!~:;]+", "", rest)):
        return None
    return commands.Parsed(commands.Correct(qty=None, serials=codes))


def attach(heard: commands.Parsed | commands.Clarify, codes: tuple[str, ...]) -> commands.Parsed | commands.Clarify:
    """``heard`` (the message without its serials) with those units: a receipt, sale, return, transfer or count of one
    product; an order's receipt or collection (绿联的货到了,串号… · 王记的货提走了,串号…: the order's lines, the units
    given to its product kept by serial when they are read). Several products: asked which units are whose. Any other
    write is asked to be said as a move of those units, never done without them; a question as heard."""
    if isinstance(heard, commands.Parsed) and isinstance(heard.command, _UNITS) and heard.command.lines:
        cmd = heard.command
        if len(cmd.lines) > 1:   # 收到耳机2副、充电宝1个,串号…: whose units are which
            return commands.Clarify("serials_one_product")
        return replace(heard, command=replace(cmd, lines=(replace(cmd.lines[0], serials=codes),)))
    if isinstance(heard, commands.Parsed) and isinstance(heard.command, commands.ReceiveOrder):
        return replace(heard, command=replace(heard.command, serials=codes))   # (its lines: the order's)
    if isinstance(heard, commands.Clarify) and heard.reason == "collect_order":   # 王记的货提走了,串号…
        return replace(heard, serials=codes)
    if isinstance(heard, commands.Parsed) and isinstance(heard.command, _WRITES):
        return commands.Clarify("serials_with_moves")
    return heard
