"""The channel-neutral conversation: (incoming message or button press) -> replies and pushes.

One incoming message is one unit of work: the message id claim, the write, the pending draft
and the stored bot messages commit together, so a message is never recorded twice. Rules and
alerts run on the events after the commit.
"""
from __future__ import annotations

import asyncio
import logging
import re
import secrets
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from bot import books, calendar_days, cashup, photos, prices, ranking, replies, weekdays, workorders
from bot import serials as serial_units
from bot.messages import Attachment, Button, Incoming, Outgoing, from_notice, media_in, media_of
from domain import (
    accounts,
    bom,
    catalog,
    codec,
    commands,
    errors,
    events,
    ledger,
    orders,
    production,
    serials,
    services,
    units,
)
from domain import network as network_d
from nlu import context, delivery, numbers
from workflows import (
    appointments,
    budgets,
    commissions,
    discounts,
    dues,
    exports,
    inventory,
    lots,
    metrics,
    mrp,
    network,
    promotions,
    purchasing,
    reports,
    spoilage,
    stockage,
    stockbook,
    wording,
)
from workflows import expenses as costs
from workflows import invoices as bills
from workflows import pricetags as tags
from workflows import production as work
from workflows import quotes as offers
from workflows import repairs as fix
from workflows import targets as goals
from workflows.ports import Clock, UnitOfWork, UowFactory

PENDING_TTL = timedelta(minutes=10)
EARLIER_MAX = 6   # earlier writes the words could mean, listed to pick from; more: asked to say more
RECENT = timedelta(minutes=30)   # a follow-up (又卖了2个) continues a write this recent
PAYMENT_UNDO = timedelta(days=1)   # 撤销 reaches the user's last payment, cost or invoice (asked first) this recent
COUNT_SESSION = timedelta(hours=12)   # a count sheet stays open this long at most (盘点结束 closes it)
log = logging.getLogger(__name__)
YES = {"确认", "是", "是的", "对", "好", "好的", "ok", "OK", "确定", "yes", "y", "嗯"}
# English · switch to english · /lang en · 用英文 · 英文模式 · 切换中文 · 说中文
LANGUAGE_SWITCH = re.compile(r"^/lang(?:uage)?\s*(?P<code>en|zh)$|^(?:/lang(?:uage)?\s*|(?:please\s+)?(?:switch|change)\s+"
                             r"(?:the\s+)?(?:language\s+)?to\s+|(?:in|speak|use)\s+|(?:切换|切换到|换成|改成|改用|用|说|使用)\s*)?"
                             r"(?P<lang>english|chinese|中文|汉语|英文|英语)(?:\s*(?:please|模式|版|界面|回复|吧))?[!.。]*$")
LANGUAGES = {"english": "en", "en": "en", "英文": "en", "英语": "en",
             "chinese": "zh_CN", "zh": "zh_CN", "中文": "zh_CN", "汉语": "zh_CN"}
NO = {"取消", "不要", "算了", "否", "no", "n", "cancel"}
# a pack replied to a price taken per base unit (箱 · 每箱 · 是每箱的价钱 · 按箱算 · 每箱60 · 一箱65元)
_PER_PACK = re.compile(r"(?:是|按|要)?(?:单价|价格|价钱)?(?:是|按)?(?:每|一)?(?P<pack>[^\d\s,.]{1,2}?)"
                       r"(?P<n>\d{1,7}(?:\.\d{1,4})?)?(?:元|块钱?)?(?:的)?(?:价钱|价格|单价|价)?(?:算|计)?(?:的)?(?:吧|啊|呢)?")
_UNDO_BARE = re.compile(r"(?:撤销|撤回|撤掉|删掉|删除|不记了|别记了|undo)(?:吧|了|一下)?[。.!！~]*")
# asked of someone without a home store, each store's answer (the owner's 可乐还能卖几天: every store's)
_EACH_STORE = ("prep_list", "cover", "why", "make_list")
# said by someone without a home store, asked which store first (a button each)
_WHERE_ASKED = (commands.LastCount, commands.StockCard, commands.TillCount, commands.StartCount, commands.CenterLoad,
                commands.Utilization, commands.RecordBooking)
# the drafts made of lines of goods (a write, a transfer, a count, an order): said back, or corrected, line by line
_LINED = (commands.RecordMoves, commands.TransferStock, commands.CountStock, commands.PlacePurchase, commands.PlaceSale)


class Parser(Protocol):
    """The NLU's shape (nlu.parser.Parser)."""
    def parse(self, text: str, *, speaker: context.Speaker) -> commands.Parsed | commands.Clarify: ...
    def parse_answer(self, text: str, *, pending: commands.Clarify,
                     speaker: context.Speaker) -> commands.Parsed | commands.Clarify | None: ...
    def parse_supplier(self, text: str, *, speaker: context.Speaker) -> commands.SupplierUpdate | None: ...


EventSink = Callable[[list[events.Event]], list[Any]]


@dataclass
class Turn:
    """What one incoming message produced, collected while its unit of work is open."""
    user: catalog.User
    now: datetime
    message_id: str | None
    out: list[Outgoing] = field(default_factory=list)
    events: list[events.Event] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.user.language

    def reply(self, text: str, buttons: Any = None, image: bytes | None = None, file: Attachment | None = None) -> None:
        self.out.append(Outgoing(to=self.user.username, text=text, buttons=_buttons(buttons), image=image, file=file))

    def push(self, to: str, text: str, buttons: Any = None) -> None:
        self.out.append(Outgoing(to=to, text=text, buttons=_buttons(buttons)))


SENT_WINDOW = timedelta(days=2)   # how far back a transfer the receiving side reports may have been recorded


def _awaiting(uow: UnitOfWork, here: str | None, *, partner: str | None, sku: str | None,
              kinds: tuple[str, ...] = ("purchase", "purchase_request")) -> list[Any]:
    """The open purchase orders (and approved requests; ``kinds`` ("sale",): customers' orders to collect) at ``here``
    (everywhere: None), of ``partner`` and still awaiting ``sku`` when given, oldest first."""
    return [o for o in uow.orders.list(kinds=list(kinds), statuses=["open", "partial"])
            if (here is None or o.location == here) and (partner is None or o.partner == partner)
            and (sku is None or any(ln.sku == sku and ln.open_qty > 0 for ln in o.lines))]


def _paid(uow: UnitOfWork, sku: str) -> Decimal | None:
    """What a product cost per base unit lately (metrics.unit_cost: its receipts, else the catalog's cost)."""
    product = uow.catalog.product(sku)
    return metrics.unit_cost(uow, product)[0] if product is not None else None


def _incoming_transfer(uow: UnitOfWork, here: str | None, sku: str, *, source: str | None = None) -> int | None:
    """The oldest transfer of ``sku`` on its way to ``here`` (approved or shipped; from ``source`` when given)."""
    ids = [o.id or 0 for o in uow.orders.list(kinds=["transfer"], statuses=["open", "shipped"])
           if o.location == here and (source is None or o.source == source) and any(ln.sku == sku for ln in o.lines)]
    return min(ids) if ids else None


def _pack_sizes_differ(was: catalog.Product, now: catalog.Product, qty: Decimal) -> bool:
    """Whether ``qty`` of ``was`` may have been said in a pack ``now`` also has, of another size (面粉2袋 is 50 kg:
    2袋 of sugar at 5 kg are not): the same base quantity may then be the wrong one, and is asked for."""
    return any(name in now.packs and now.packs[name] != size and size > 0 and qty % size == 0
               for name, size in was.packs.items())


def _in_shared_packs(was: catalog.Product, now: catalog.Product, qty: Decimal) -> Decimal | None:
    """``qty`` of ``was`` in ``now``'s base units where it is a whole number of a pack both products come in (24 升
    of milk are 2箱: 24 盒 of cream at 12 a case), the largest such pack; None where there is none."""
    for name, size in sorted(was.packs.items(), key=lambda kv: -kv[1]):
        if name in now.packs and size > 0 and qty % size == 0:
            return qty / size * now.packs[name]
    return None


def _store_asked(cmd: commands.Command) -> bool:
    """A question or write that is a store's own, said without a store (上次盘点是什么时候 · 今天的日结 · 开始盘点 ·
    订可乐 by the owner): which store is asked first."""
    if isinstance(cmd, commands.Report):
        return cmd.order and cmd.location is None
    if isinstance(cmd, commands.TillCount) and cmd.asked:
        return False   # (今天微信收了多少 by the owner: each store's)
    return isinstance(cmd, _WHERE_ASKED) and cmd.location is None


def _po(location: str, supplier: str | None) -> str:
    """The prep list's button: the store's purchase requests (po:NS), of one supplier's goods when it was asked of it
    (给张记下单: po:NS:S01)."""
    return f"po:{location}" + (f":{supplier}" if supplier else "")


def _buttons(rows: Any) -> list[list[Button]]:
    """Buttons from Button objects or (label, data) pairs (what workflows produce)."""
    return [[b if isinstance(b, Button) else Button(b[0], b[1]) for b in row] for row in rows or []]


class Conversation:
    def __init__(self, *, tenant: str, uow: UowFactory, clock: Clock, t: Any,
                 parser_factory: Callable[[context.Catalog], Parser], on_events: EventSink | None = None,
                 forecast_chart: Callable[..., tuple[str, bytes | None]] | None = None,
                 report: Callable[..., tuple[str, int | Decimal]] | None = None,
                 reorder: Callable[..., list[int]] | None = None,
                 spreadsheet: Callable[[exports.Workbook], bytes] | None = None,
                 lot_code: Callable[[str, str], tuple[str, bytes]] | None = None,
                 lot_labels: Callable[[list[tuple[str, str, str]]], bytes] | None = None,
                 photo_reader: Callable[[bytes], list[delivery.Token]] | None = None,
                 line_chart: Callable[..., bytes] | None = None,
                 price_tags: Callable[[list[tags.Tag]], bytes] | None = None,
                 server_url: str | None = None) -> None:
        self.tenant = tenant
        self.uow = uow
        self.clock = clock
        self.t = t
        self.parser_factory = parser_factory
        self.on_events = on_events
        self.forecast_chart = forecast_chart
        self.report = report   # (uow, kind=, location=, now=, lang=) → the report's text, products to order
        self.reorder = reorder  # (uow, turn, location=) → ids of the purchase requests the prep list's button made
        self.spreadsheet = spreadsheet   # a workbook → the bytes of its .xlsx file
        self.lot_code = lot_code   # (sku, lot) → the lot's public page and a PNG of its QR code
        self.lot_labels = lot_labels   # [(sku, lot, caption)] → a PNG sheet of QR labels to print
        self.photo_reader = photo_reader   # a photo → the words on it (OCR on this machine), None: photos not read
        self.line_chart = line_chart   # ({name: [(when, value)]}, title=, unit=) → a PNG, a line per name
        self.price_tags = price_tags   # [tag] → a PNG sheet of shelf price tags to print
        self.server_url = server_url   # where other servers reach ours (the network's invitations say it), None: unset
        self._catalog: context.Catalog | None = None
        self._parser: Parser | None = None
        self._version = -1
        # master data a manager changes from the chat, each shown and asked before it is done
        self._master_changes: dict[type, Callable[..., None]] = {
            commands.SetProduct: self._set_product, commands.SetProducts: self._set_products,
            commands.SetRecipe: self._set_recipe, commands.SetSubstitute: self._set_substitute,
            commands.SetOperations: self._set_operations, commands.WorkCenter: self._set_center,
            commands.SetPack: self._set_pack, commands.AddProduct: self._add_product,
            commands.AddPartner: self._add_partner, commands.SetPartner: self._set_partner,
            commands.ScaleSafety: self._scale_safety}

    # ------------------------------------------------------------ entry points
    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        scan = await asyncio.to_thread(self._scan, incoming) if incoming.image is not None else None
        return self.handle_sync(incoming, scan=scan)

    def _scan(self, incoming: Incoming) -> list[delivery.Token] | errors.DomainError | None:
        """The words on a photo, read before the message's unit of work opens (a second or two of OCR holds no
        lock); not for a sender who may not record, nor for a message already answered."""
        if incoming.image is None or self.photo_reader is None:
            return None
        with self.uow(write=False) as uow:
            user = uow.catalog.user(incoming.username) if incoming.username else None
            if user is None or not user.active or not user.can("record"):
                return None
            if incoming.message_id and uow.chat.answers_to(f"{incoming.channel}:{incoming.message_id}"):
                return None
        try:
            return self.photo_reader(incoming.image)
        except errors.DomainError as exc:   # not a picture, too big: said to the sender, nothing recorded
            return exc

    def handle_sync(self, incoming: Incoming, *, scan: list[delivery.Token] | errors.DomainError | None = None
                    ) -> list[Outgoing]:
        if incoming.image is not None and scan is None:
            scan = self._scan(incoming)
        now = self.clock.now()
        with self.uow() as uow:
            user = uow.catalog.user(incoming.username) if incoming.username else None
            if user is None:
                if incoming.text.strip().startswith("/start"):
                    return [Outgoing(to=incoming.chat_id, text=self.t("invite_bad"))]
                return [Outgoing(to=incoming.chat_id, text=self.t("unregistered"))]
            if not user.active:   # (left: 小王离职了) nothing they send is read or kept
                return [Outgoing(to=incoming.chat_id, text=self.t("account_disabled", user.language))]
            source = f"{incoming.channel}:{incoming.message_id}" if incoming.message_id else None
            if source and not uow.chat.claim_message(incoming.channel, incoming.message_id, now):
                # handled before: nothing is recorded again, but the same answers are returned, so a
                # redelivery after a crash between our commit and the outbox still gets its reply
                return [replace(media_in(m.media), to=m.to, text=m.text, id=m.id,
                                buttons=[[Button(lab, data) for lab, data in row] for row in m.buttons or []])
                        for m in uow.chat.answers_to(source)]
            turn = Turn(user=user, now=now, message_id=incoming.message_id)
            year = wording.THIS_YEAR.set(now.year)   # (a span of another year is written with its year)
            try:
                if incoming.press is not None:
                    self._press(uow, turn, incoming)
                elif incoming.image is not None:
                    self._photo(uow, turn, incoming.image, scan, incoming.text)
                else:
                    self._text(uow, turn, incoming.text)
            except Exception as exc:  # noqa: BLE001 - nothing half-done is kept; the user hears why
                uow.rollback()
                if not isinstance(exc, errors.DomainError):
                    log.exception("message %s from %s failed", incoming.message_id, user.username)
                    exc = errors.DomainError(code="internal")
                turn.out = [Outgoing(to=user.username, text=self._error(exc, turn))]
                turn.events = []
                if incoming.message_id:
                    uow.chat.claim_message(incoming.channel, incoming.message_id, now)
            finally:
                wording.THIS_YEAR.reset(year)
            self._store(uow, turn.out, now, source=source, speaker=user.username)
            uow.commit()
        out = turn.out
        if turn.events and self.on_events is not None:
            out += [from_notice(n) for n in self.on_events(turn.events)]
        return out

    def _store(self, uow: UnitOfWork, out: list[Outgoing], now: datetime, *, source: str | None, speaker: str) -> None:
        """Every message is kept (the web chat's history; buttons resolve against their message); none goes to
        someone who left."""
        gone = uow.catalog.departed(m.to for m in out if m.to != speaker)   # (the speaker is here: they got in)
        out[:] = [m for m in out if m.to not in gone]
        for m in out:
            m.id = uow.chat.add_message(to=m.to, text=m.text, source=source, media=media_of(m),
                                        buttons=[[[b.label, b.data] for b in row] for row in m.buttons], at=now)

    def _error(self, exc: errors.DomainError, turn: Turn) -> str:
        params = {k: self._name_of(v) if k == "sku" else v for k, v in exc.params.items()}
        if exc.code == "not_allowed" and params.get("needs"):   # 你的角色没有这个权限。这件事要店长或管理员来做(你是店员)
            roles = [str(self.t(f"role.{r}", turn.lang)) for r in str(params["needs"]).split(",")]
            either = str(self.t("err.or", turn.lang))
            return str(self.t("err.not_allowed_needs", turn.lang, role=self.t(f"role.{params['role']}", turn.lang),
                              needs=(str(self.t("err.list_sep", turn.lang)).join(roles[:-1]) + either + roles[-1])
                              if len(roles) > 1 else roles[0]))
        return str(self.t(f"err.{exc.code}", turn.lang, **params))

    def _name_of(self, sku: Any) -> str:
        cat = self._catalog
        if cat:
            for p in cat.products:
                if p.sku == sku:
                    return p.name
        return str(sku)

    # ------------------------------------------------------------ text
    def parser(self, uow: UnitOfWork) -> tuple[Parser, context.Catalog]:
        """The NLU for the current catalog; rebuilt only when the catalog's version changed."""
        version = uow.catalog.version()
        if self._parser is None or self._catalog is None or version != self._version:
            cat = context.Catalog(products=tuple(uow.catalog.products()), locations=tuple(uow.catalog.locations()),
                                  partners=tuple(uow.catalog.partners()), users=tuple(uow.catalog.users(everyone=True)),
                                  synonyms=uow.catalog.synonyms())
            if self._parser is None or cat != self._catalog:
                self._parser = self.parser_factory(cat)
            self._catalog, self._version = cat, version
        return self._parser, self._catalog

    def _text(self, uow: UnitOfWork, turn: Turn, text: str) -> None:
        text = (text or "").strip()
        if not text:
            turn.reply(self.t("empty", turn.lang))
            return
        parser, _ = self.parser(uow)
        pending = uow.chat.pending(turn.user.username, turn.now)
        topic = pending.payload if pending is not None and pending.kind == "topic" else None
        pending = None if topic is not None else pending   # (a product just asked about is no question awaiting)
        speaker = context.Speaker(user=turn.user, now=turn.now, recent=lambda: self._recent(uow, turn, topic),
                                  paid=lambda sku: _paid(uow, sku))
        if text.startswith("/start"):
            turn.reply(self.t("already_registered", turn.lang, name=turn.user.display_name))
            return
        if turn.user.role == catalog.Role.SUPPLIER:  # partners see their own orders' status, never our prices
            update = parser.parse_supplier(text, speaker=speaker)   # 订单1已发货 · 明天上午送到: said to the store
            if update is not None:
                purchasing.supplier_update(uow, turn, update, t=self.t)
                return
            turn.reply(replies.supplier_orders(self.t, turn.lang, uow, partner=turn.user.partner, now=turn.now)
                       + self.t("supplier_hint", turn.lang))
            return
        switch = LANGUAGE_SWITCH.match(text.lower().strip())
        if switch is not None:
            lang = LANGUAGES[switch.group("lang") or switch.group("code")]
            uow.catalog.set_language(turn.user.username, lang)
            turn.user = replace(turn.user, language=lang)
            turn.reply(self.t("language_set", lang))
            return
        if pending is not None:
            listed = pending.payload.get("batches") if pending.kind == "confirm" else None
            if listed:   # 撤销昨天的 → 1. … 2. … → 2 · 第一个 · 最后那笔: the one typed, as if pressed
                if _ALL_OF_THEM.fullmatch(text.strip().rstrip("。.!！~")) and isinstance(
                        codec.load(pending.payload["cmd"]), commands.Undo):   # 全部 · 都撤销: each of them
                    uow.chat.clear_pending(turn.user.username)
                    self._undo_all(uow, turn, listed)
                    return
                pick = _picked(text, len(listed))
                if pick is not None and pick >= 0:
                    uow.chat.clear_pending(turn.user.username)
                    self._earlier(uow, turn, replace(codec.load(pending.payload["cmd"]), batch=listed[pick]),
                                  confirmed=True)
                    return
                if text in YES or pick is not None:   # 确认, or a number not listed: which one is asked, the list kept
                    turn.reply(self.t("earlier.pick", turn.lang, n=len(listed)))
                    return
            if pending.kind == "confirm" and text in YES:
                self._confirm(uow, turn, pending.payload)
                return
            meant = self._unit_meant(pending.payload, text) if pending.kind == "confirm" else None
            if meant is not None:   # 苹果3 → "按斤计,要记录吗?" → 箱: three cases
                uow.chat.clear_pending(turn.user.username)
                cmd, still = meant
                if still:   # 豆腐3,西红柿2 → 板: the tofu in boards, the tomatoes still asked
                    self._ask(uow, turn, cmd, self.t("doubt.ask", turn.lang, summary=replies.summary(
                        self.t, turn.lang, cmd, self._catalog, user=turn.user)).lstrip(), unit_of=still)
                else:
                    self.execute(uow, turn, cmd)
                return
            fixed = self._pending_fixed(parser, pending.payload, text, turn) if pending.kind == "confirm" else None
            if isinstance(fixed, str):   # a correction that fits no one line of the draft: asked, the draft kept
                turn.reply(self.t("correct_draft_which", turn.lang, items=fixed, first=fixed.split("、")[0]))
                return
            if fixed is not None:   # 收到高筋面份2袋 → 要记录…吗? → 不对,是3袋: the draft asked about, not the last write
                uow.chat.clear_pending(turn.user.username)
                unsure = self._price_still_unsure(fixed, pending.payload)
                if unsure:   # (收到牛奶2箱,单价60 → 不对,是3箱: the price's unit is still to be said)
                    self._ask(uow, turn, fixed, replies.guesses(self.t, turn.lang, unsure, self._catalog) + self.t(
                        "doubt.ask", turn.lang, summary=replies.summary(self.t, turn.lang, fixed, self._catalog,
                                                                        user=turn.user)),
                              price_of=_price_unsure(fixed, unsure))
                    return
                self.execute(uow, turn, fixed)
                return
            if text in NO:
                uow.chat.clear_pending(turn.user.username)
                turn.reply(self.t("cancelled", turn.lang))
                return
            if pending.kind == "confirm" and _UNDO_BARE.fullmatch(text) \
                    and not isinstance(codec.load(pending.payload["cmd"]), commands.Undo):
                # 收到咖啡豆1箱 → 要记录…吗? → 撤销: the draft asked about is dropped, never the write before it
                uow.chat.clear_pending(turn.user.username)
                turn.reply(self.t("cancelled_not_undone", turn.lang))
                return
            if pending.kind == "clarify":
                clarify = codec.load(pending.payload["clarify"])
                answer = parser.parse_answer(text, pending=clarify, speaker=speaker)
                if answer is not None:
                    uow.chat.clear_pending(turn.user.username)
                    self._parsed(uow, turn, answer)
                    return
        if text in NO:
            turn.reply(self.t("nothing_pending", turn.lang))
            return
        result = parser.parse(text, speaker=speaker)
        keep = isinstance(result, commands.Clarify) and topic is not None and "order" in topic
        if (pending is not None or topic is not None) and not keep:   # (a misread change keeps its order in view)
            uow.chat.clear_pending(turn.user.username)
        if pending is not None and pending.kind == "confirm":   # 收到高筋面份2袋 → (no 确认) → 卖了可颂3个: said
            dropped = codec.load(pending.payload["cmd"])
            parts = dropped.parts if isinstance(dropped, commands.Batch) else (dropped,)
            said = "; ".join(replies.summary(self.t, turn.lang, p, self._catalog, user=turn.user) for p in parts
                             if isinstance(p, _LINED))
            turn.reply(self.t("pending_dropped", turn.lang, summary=said) if said
                       else self.t("pending_dropped_other", turn.lang))
        self._parsed(uow, turn, result, text)

    def _photo(self, uow: UnitOfWork, turn: Turn, image: bytes,
               scan: list[delivery.Token] | errors.DomainError | None, caption: str = "") -> None:
        """A delivery note's photo: what it says, checked, and the receipt it makes, asked first."""
        self._require(turn.user, "record")
        if isinstance(scan, errors.DomainError):
            raise scan
        if scan is None:   # this server reads no photos
            turn.reply(self.t("photo.off", turn.lang))
            return
        note = delivery.read(scan)
        if not note.rows:
            turn.reply(self.t("photo.nothing", turn.lang, seen="\n".join(note.text[:8]) or "—"))
            return
        parser, cat = self.parser(uow)
        note, renamed = delivery.mended(note, {n for p in cat.products for n in (p.name, *p.aliases)})
        key = photos.digest(image)
        partner = photos.partner_of(cat, note.supplier) or photos.partner_of(cat, caption)   # (张记的: said with it)
        content = photos.content_of(note)
        before = photos.recorded_before(uow, key, note.number, partner.code if partner else None, content)
        if before:   # the same picture, the supplier's note of that number, or the same goods unnumbered: once only
            first = before[-1]
            who = uow.catalog.user(first.actor)
            same = not note.number and not any(f"照片 {key}" in m.note for m in before)
            turn.reply(self.t("photo.again_same" if same else "photo.again", turn.lang, note=note.number or key,
                              who=who.display_name if who else first.actor,
                              at=first.at.astimezone(turn.now.tzinfo).strftime("%m-%d %H:%M")),
                       [[Button(self.t("btn.undo", turn.lang), f"undo:{first.batch}")]]
                       if first.actor == turn.user.username else None)
            return
        named = partner.name if partner else ""   # (the catalog's name of the supplier, when it is one of ours)
        remarks = [self.t("photo.renamed", turn.lang, was=was, now=now) for was, now in renamed]
        if note.supplier and partner is None:
            remarks.append(self.t("photo.supplier_unknown", turn.lang, supplier=note.supplier))
        place = photos.place_of(cat, note.customer)
        day, why = photos.day_said(note.day, turn.now.date())
        if why is not None and note.day is not None:
            remarks.append(self.t(why, turn.lang, day=note.day.isoformat()))
        text = delivery.sentence(note, supplier=named, day=day,
                                 place=place.name if place is not None and place.code != turn.user.location else "")
        result = parser.parse(text, speaker=context.Speaker(user=turn.user, now=turn.now))
        if isinstance(result, commands.Parsed) and isinstance(result.command, commands.RecordMoves) \
                and result.command.movement == commands.Movement.RECEIPT:
            cmd = replace(photos.priced(result.command, note), note=photos.note_of(note.number, key, content))
            remarks += photos.price_changes(self.t, turn.lang, uow, cmd, cat)
            here = cmd.location or turn.user.location   # (none: the owner is asked which store first)
            remarks += photos.against_orders(self.t, turn.lang, _awaiting(uow, here, partner=cmd.partner, sku=None)
                                             if cmd.partner and here else [], cmd, cat)
            said = photos.reading(self.t, turn.lang, note, supplier=named, remarks=remarks)
            if here is None:   # which store is asked first: what was read is shown now, the receipt asked after
                turn.reply(said)
                self.execute(uow, turn, cmd, guesses=result.guesses)
                return
            self.execute(uow, turn, cmd, guesses=(commands.Guess("photo", said, ""), *result.guesses))
            return
        # read, but no receipt to record as it stands: what was read, then what stops it
        turn.reply(photos.reading(self.t, turn.lang, note, supplier=named, remarks=remarks))
        if isinstance(result, commands.Clarify):
            self._clarify(uow, turn, result)

    def _parsed(self, uow: UnitOfWork, turn: Turn, result: commands.Parsed | commands.Clarify,
                text: str = "") -> None:
        session = self._count_session(uow, turn) if isinstance(result, commands.Clarify) and text \
            and result.reason in ("not_understood", "orphan_qty", "which_move") else None
        if session is not None:   # 可乐45 雪碧20 during a count: counted, at the sheet's place
            parser, _ = self.parser(uow)
            counted = parser.parse(f"盘点:{text}", speaker=context.Speaker(user=turn.user, now=turn.now))
            if isinstance(counted, commands.Parsed) and isinstance(counted.command, commands.CountStock):
                # (the sheet shows each product in its base unit: 可乐45 is 45瓶, not asked, so the next line typed
                # never drops it while it waits for 确认)
                result = replace(counted, command=replace(counted.command,
                                                          location=counted.command.location or str(session["location"])),
                                 guesses=tuple(g for g in counted.guesses if g.kind != "assumed_unit"))
            elif isinstance(counted, commands.Clarify) and counted.reason != "not_understood":
                result = counted
        if isinstance(result, commands.Clarify):
            ordered = self._awaited(uow, turn, result)
            if ordered is not None:   # 奶油到了 with cream on order: that order's receipt, asked first
                self._require(turn.user, "record")
                self._receive_order(uow, turn, ordered)
                return
            if self._collected(uow, turn, result):   # 盒马提货了 · 盒马的纸杯提走了: its order, asked first
                return
            self._clarify(uow, turn, result)
            return
        self.execute(uow, turn, result.command, guesses=result.guesses)

    def _clarify(self, uow: UnitOfWork, turn: Turn, c: commands.Clarify) -> None:
        text, buttons = replies.clarify(self.t, turn.lang, c, self._catalog)
        resumable = c.reason in ("ambiguous_product", "missing_qty", "missing_unit", "unit_mismatch", "unknown_location",
                                 "orphan_qty", "which_move", "unpaid_how", "paid_how", "booking_time")
        if resumable:
            uow.chat.set_pending(turn.user.username, kind="clarify", payload={"clarify": codec.dump(c)},
                                 expires_at=turn.now + PENDING_TTL)
        turn.reply(text, buttons)

    # ------------------------------------------------------------ commands
    def execute(self, uow: UnitOfWork, turn: Turn, cmd: commands.Command, *,
                guesses: tuple[commands.Guess, ...] = (), confirmed: bool = False) -> None:
        user = turn.user
        if isinstance(cmd, commands.PlaceSale) and cmd.location is None and user.location is None:
            # 盒马要可颂100个 said by the owner: from where the customer's last order came (asked when it has none)
            cmd = replace(cmd, location=uow.orders.last_location("sale", cmd.partner))
        if user.location is None and (_store_asked(cmd) or (   # said by someone without a home store: which?
                isinstance(cmd, commands.RecordMoves | commands.CountStock | commands.PlaceSale)
                and cmd.location is None and user.can("record"))):   # (上次盘点是什么时候 · 今天的日结 · 收到…)
            places = tuple(loc.code for loc in (self._catalog.locations if self._catalog else ()) if loc.kind.is_physical)
            self._clarify(uow, turn, commands.Clarify("unknown_location", candidates=places, partial=cmd,
                                                      detail="location"))
            return
        self._not_retired(uow, cmd)
        if isinstance(cmd, commands.RecordMoves | commands.TransferStock | commands.CountStock):
            self._require(user, "record")
            if isinstance(cmd, commands.RecordMoves | commands.TransferStock) and cmd.rest:
                # 可颂卖完了 · 土豆全部调到福田店: what is on hand, shown first
                whole = self._on_hand_lines(uow, turn, cmd)
                if whole is not None:
                    doubts = replies.guesses(self.t, turn.lang, guesses, self._catalog)
                    share = cmd.share if isinstance(cmd, commands.RecordMoves) else None
                    self._ask(uow, turn, whole, doubts + self.t(
                        "rest.ask" if share is None else "rest.ask_share", turn.lang,
                        pct=f"{share * 100:.0f}" if share is not None else "", summary=replies.summary(
                            self.t, turn.lang, whole, self._catalog, user=turn.user)))
                return
            if isinstance(cmd, commands.TransferStock) and cmd.request:
                purchasing.request_transfer(uow, turn, cmd, t=self.t)
                return
            if isinstance(cmd, commands.RecordMoves) and cmd.expired:   # 把过期的都报损: the lots past their date, shown
                expired = self._expired_lines(uow, turn, cmd)
                if expired is not None:
                    self._ask(uow, turn, expired, self.t("expired.ask", turn.lang, summary=replies.summary(
                        self.t, turn.lang, expired, self._catalog, user=turn.user)))
                return
            if isinstance(cmd, commands.RecordMoves):   # 优惠20元: at what was taken (a sale under its list: said so)
                cmd = inventory.settled(uow, cmd, user=user, now=turn.now)
                if not confirmed and purchasing.discount_hold(uow, turn, cmd, t=self.t):   # beyond the limit
                    return
            if isinstance(cmd, commands.RecordMoves) and not confirmed and (   # (paid in full: no credit taken)
                    not cmd.paid or cmd.paid_amount is not None):
                if purchasing.credit_hold(uow, turn, cmd, t=self.t):
                    return
            if isinstance(cmd, commands.TransferStock) and cmd.arrived and not confirmed \
                    and self._already_sent(uow, turn, cmd):
                return
            if (isinstance(cmd, commands.CountStock) and not confirmed and guesses
                    and all(g.kind == "gone" for g in guesses)):   # 可颂没了 when the books say 0 already
                here = inventory.home(user, cmd.location)
                if all(uow.stock.on_hand(here, ln.sku) == 0 for ln in cmd.lines):
                    turn.reply(self.t("gone.already", turn.lang, location=replies.loc_name(here, self._catalog),
                                      items="、".join(self._name_of(ln.sku) for ln in cmd.lines)))
                    return
            back, rest = work.returns(uow, cmd, user=user) if isinstance(cmd, commands.RecordMoves) else ([], cmd)
            if len(back) == 1 and rest is None:   # 光明送回可颂480个: its work order's goods, never goods bought
                self._work_step(uow, turn, back[0], confirmed=confirmed)
                return
            if back:   # 收到光明的可颂60个、牛奶2箱: the work order's part and the goods bought, shown, then one write
                self._write_all(uow, turn, commands.Batch((*back, *([rest] if rest is not None else []))),
                                guesses=guesses, confirmed=confirmed)
                return
            came = self._came_short(uow, turn, cmd) if isinstance(cmd, commands.RecordMoves) \
                and cmd.movement == commands.Movement.SCRAP and cmd.partner and not cmd.came_short_from else None
            if came is not None and isinstance(cmd, commands.RecordMoves):   # 张记送来的牛腩少了2斤 after its receipt
                self._redo(uow, turn, came[1], came[0], lead=self.t(
                    "came_short.lead", turn.lang, partner=replies.partner_name(cmd.partner, self._catalog) or "",
                    items=replies.items(cmd.lines, self._catalog)) + "\n")
                return
            if came is None and isinstance(cmd, commands.RecordMoves) and cmd.sent_short:   # (no delivery of it)
                turn.reply(self.t("came_short.none", turn.lang, partner=replies.partner_name(cmd.partner, self._catalog)
                                  or "", items=replies.items(cmd.lines, self._catalog)))
                return
            recorded = self._write(uow, turn, cmd, guesses=guesses, confirmed=confirmed)
            if isinstance(cmd, commands.CountStock) and cmd.then_order and len(cmd.lines) == 1 \
                    and recorded:   # (recorded, not asked first)
                # 黄油只剩1块了,要订: what to order now, offered as the order (or why none is needed)
                self.execute(uow, turn, commands.Report(kind="why", sku=cmd.lines[0].sku, order=True,
                                                        location=cmd.location))
        elif isinstance(cmd, commands.Batch):
            self._require(user, "record")
            self._write_all(uow, turn, cmd, guesses=guesses, confirmed=confirmed)
        elif isinstance(cmd, commands.EachStore):   # 各店的报损 · 每个店的库存: each store's answer in turn
            for loc in reports.stores(uow, None):
                self.execute(uow, turn, replace(cmd.question, location=loc), guesses=guesses)
        elif isinstance(cmd, commands.QueryStock):
            self._require(user, "query")
            turn.reply(replies.stock(self.t, turn.lang, uow, cmd, user=user, now=turn.now, cat=self._catalog))
            if len(cmd.skus) == 1:   # 可乐还剩多少 → 卖了3瓶
                self._topic(uow, turn, "sku", cmd.skus[0])
        elif isinstance(cmd, commands.PlanMaterials):   # 做可颂500个,原料够不够: nothing recorded, orders offered
            self._require(user, "query")
            self._materials(uow, turn, cmd)
        elif isinstance(cmd, commands.PlaceMany):   # the plan's shortfalls, confirmed: an order to each supplier
            for order in cmd.orders:
                self.execute(uow, turn, order, confirmed=True)
        elif isinstance(cmd, commands.PlacePurchase | commands.PlaceSale):   # an order to a supplier, or a customer's
            # staff without the right to buy may still ask: their purchase waits for a manager (purchasing.place)
            self._require(user, "record")
            if isinstance(cmd, commands.PlaceSale) and cmd.deposit is not None:   # (money taken: as a payment is)
                self._require(user, "approve")
            if guesses and not confirmed:
                self._ask(uow, turn, cmd, replies.guesses(self.t, turn.lang, guesses, self._catalog)
                          + (self.t("doubt.ask", turn.lang, summary=replies.summary(
                              self.t, turn.lang, cmd, self._catalog, user=turn.user))
                             if isinstance(cmd, commands.PlacePurchase) else ""),
                          price_of=_price_unsure(cmd, guesses))
                return
            if isinstance(cmd, commands.PlacePurchase):
                self._order_topic(uow, turn, purchasing.place(uow, turn, cmd, t=self.t))
            else:
                self._order_topic(uow, turn, purchasing.take_order(uow, turn, cmd, t=self.t))
        elif isinstance(cmd, commands.Undo) and cmd.of is not None:   # 撤销昨天收的牛奶: that write, found
            self._earlier(uow, turn, cmd, confirmed=confirmed)
        elif isinstance(cmd, commands.Undo) and cmd.batch is not None and confirmed:   # (an old one, asked first)
            self._undo(uow, turn, cmd.batch)
        elif isinstance(cmd, commands.Undo):
            last = uow.stock.last_batch(user.username)
            written = _batch_time(last, turn.now.tzinfo) if last is not None else None
            money = None if cmd.kinds else self._last_money(uow, turn)
            if money is not None and (written is None or money[0] > written):   # 团餐付了300, 收款明细, then 撤销
                self._ask(uow, turn, money[1], self.t("undo_payment_ask", turn.lang,
                                                      when=f"{money[0].astimezone(turn.now.tzinfo):%m-%d %H:%M}",
                                                      what=money[2]))
                return
            kinds = {m.kind.value for m in uow.stock.batch(last)} if last and cmd.kinds else set()
            if cmd.kinds and last and not kinds & set(cmd.kinds):   # 撤销刚才那笔入库 when the last was a sale
                said = replies.moves_summary(uow.stock.batch(last), self._catalog, self.t, turn.lang)
                kind = f"{self.t(f'move_kind.{next(iter(kinds))}', turn.lang)} " if len(kinds) == 1 else ""
                turn.reply(self.t("undo_not_that_kind", turn.lang, summary=kind + said))
                return
            earlier = uow.stock.last_batch(user.username) if uow.stock.last_was_undo(user.username) else None
            if earlier is not None:   # 撤销 twice: the second may be a repeat, so reaching further back asks first
                turn.reply(self.t("undo_earlier", turn.lang,
                                  summary=replies.moves_summary(uow.stock.batch(earlier), self._catalog, self.t,
                                                                 turn.lang)),
                           [[Button(self.t("btn.undo_earlier", turn.lang), f"undo:{earlier}"),
                             Button(self.t("btn.keep", turn.lang), "keep:")]])
                return
            when = _batch_time(last, turn.now.tzinfo)
            acted = uow.chat.last_action_at(user.username) if last is not None and when is not None else None
            # not a slip just made (an old write, or something else changed since it: a price, a rule): asked first
            if last is not None and when is not None and (turn.now - when > RECENT or (
                    acted is not None and acted >= when + timedelta(seconds=1))):
                self._ask(uow, turn, replace(cmd, batch=last), self.t(
                    "undo_old" if turn.now - when > RECENT else "undo_after_other", turn.lang,
                    when=f"{when:%m-%d %H:%M}",
                    summary=replies.moves_summary(uow.stock.batch(last), self._catalog, self.t, turn.lang)))
                return
            self._undo(uow, turn)
        elif isinstance(cmd, commands.Correct) and cmd.of is not None:   # 把昨天卖的可乐改成3箱: that write, found
            self._earlier(uow, turn, cmd, confirmed=confirmed)
        elif isinstance(cmd, commands.Correct):
            batch = uow.stock.last_batch(user.username)
            if batch is None:
                raise errors.NotFound(code="nothing_to_undo")
            self._redo(uow, turn, self._corrected(uow, turn, cmd, uow.stock.batch(batch)), batch)
        elif isinstance(cmd, commands.AddRule):
            self._require(user, "rules")
            existing = uow.rules.get(cmd.rule_id) if cmd.rule_id is not None else None
            if cmd.rule_id is not None and (existing is None or (existing.owner != user.username
                                                                 and user.role != catalog.Role.ADMIN)):
                turn.reply(self.t("rule_not_found", turn.lang, id=cmd.rule_id))
                return
            if not confirmed:
                text = self.t("rule_confirm", turn.lang, rule=replies.render_rule(self.t, turn.lang, cmd.draft, self._catalog))
                self._ask(uow, turn, cmd, text)
                return
            if existing is not None:
                uow.rules.update(existing, text=cmd.draft.text, spec=cmd.draft.to_dict(), at=turn.now)
                uow.rules.reset_alerts(f"rule:{existing.number}")
                turn.reply(self.t("rule_updated", turn.lang, id=existing.number, version=existing.version))
                return
            rid = uow.rules.add(owner=user.username, text=cmd.draft.text, spec=cmd.draft.to_dict(), at=turn.now)
            turn.reply(self.t("rule_saved", turn.lang, id=rid))
        elif isinstance(cmd, commands.ManageRules):
            self._require(user, "rules")
            turn.reply(replies.manage_rules(self.t, turn.lang, uow, cmd, user=user, now=turn.now, catalog=self._catalog))
        elif isinstance(cmd, commands.RecordBooking):
            self._require(user, "record")
            here = inventory.home(user, cmd.location)
            if not cmd.lines:   # 明天晚上6点有个20人的包桌: the table, kept; its goods may follow (…的包桌要酸菜10袋)
                uow.chat.add_booking(location=here, sku=commands.NO_GOODS, qty=Decimal(cmd.guests or 0), at=cmd.at,
                                     note=cmd.note, by=user.username)
                turn.reply(self.t("booking.table_saved", turn.lang, at=cmd.at.strftime("%m-%d %H:%M"), note=cmd.note)
                           + reports.closed_note(uow, self.t, turn.lang, location=here, when=cmd.at, tz=turn.now.tzinfo))
                return
            # the goods of a table booked then (明天晚上6点的包桌要酸菜10袋): that booking's, under its words
            tables = [b for b in uow.chat.bookings(start=cmd.at, end=cmd.at + timedelta(minutes=1), location=here)
                      if b.sku == commands.NO_GOODS]
            if tables:
                cmd = replace(cmd, note=tables[0].note)
            offered = appointments.services_of(uow)
            booked = {ln.sku for ln in cmd.lines} & set(offered)
            ahead: list[services.Load] = []
            if booked:   # an appointment: that day's hours of each service with this one in
                day = cmd.at.astimezone(turn.now.tzinfo).date()
                loads = appointments.span_loads(uow, location=here, start=day, end=day, tz=turn.now.tzinfo,
                                                offered=offered)[0][day]
                ahead = [replace(ld, booked=ld.booked + sum((ln.qty for ln in cmd.lines if ln.sku == ld.sku), Decimal(0)))
                         for ld in loads]
            theirs = [ld for ld in ahead if ld.sku in booked]
            if any(ld.over > 0 for ld in theirs) and not confirmed:   # past what the day can take: asked first
                self._ask(uow, turn, cmd, replies.day_load(self.t, turn.lang, theirs, ahead, offered, self._catalog,
                                                           day=cmd.at).lstrip()
                          + self.t("service.ask", turn.lang, items=replies.items(cmd.lines, self._catalog)))
                return
            if tables:
                uow.chat.drop_booking_ids([b.id for b in tables[:1] if b.id is not None])
            for ln in cmd.lines:
                uow.chat.add_booking(location=here, sku=ln.sku, qty=ln.qty, at=cmd.at, note=cmd.note, by=user.username)
                turn.events.append(events.Booked(location=here, sku=ln.sku, at=turn.now))
            text = self.t("booking.goods_added" if tables else "booking_saved", turn.lang,
                          at=cmd.at.strftime("%m-%d %H:%M"), items=replies.items(cmd.lines, self._catalog), note=cmd.note)
            if cmd.note and not tables and not any(replies.pname(self._catalog, ln.sku) in cmd.note for ln in cmd.lines):
                text += self.t("booking.for", turn.lang, note=cmd.note)   # (王总 · 20桌 · 婚宴: whom or what it is for)
            text += replies.day_load(self.t, turn.lang, theirs, ahead, offered, self._catalog, day=cmd.at)
            turn.reply(text + reports.closed_note(uow, self.t, turn.lang, location=here, when=cmd.at, tz=turn.now.tzinfo))
        elif isinstance(cmd, commands.Network):   # 邀请张记加入库管网络 · 接受邀请 KG-… · 断开和张记的联网 · 库管网络
            self._require(user, "approve")
            self._network(uow, turn, cmd)
        elif isinstance(cmd, commands.MakeOrder):   # 开工单:明天做可颂500个 · 委外加工:让李记做可颂500个
            self._require(user, "purchase" if cmd.partner else "record")   # (a subcontractor's work is bought)
            self._work_order(uow, turn, cmd)
        elif isinstance(cmd, commands.WorkStep):   # 工单1开工 · 工单1和面完成 · 工单1完工,做了480个 · 取消工单1
            self._require(user, "record")
            self._work_step(uow, turn, cmd, confirmed=confirmed)
        elif isinstance(cmd, commands.CenterLoad):   # 这周烤箱的负荷 · 明天烤箱排满了吗
            self._require(user, "query")
            here = inventory.home(user, cmd.location)
            turn.reply(workorders.center_load(
                self.t, turn.lang, work.loads(uow, here, start=cmd.start, end=cmd.end, today=turn.now.date(),
                                                  tz=turn.now.tzinfo),
                work.centers(uow, here), center=cmd.center, where=replies.loc_name(here, self._catalog)))
        elif isinstance(cmd, commands.WorkOrders):   # 工单 · 在制品 · 工单1进度
            self._require(user, "query")
            self._work_orders(uow, turn, cmd)
        elif isinstance(cmd, commands.Utilization):   # 这周顾问的利用率 · 明天高级顾问约满了吗
            self._require(user, "query")
            here = inventory.home(user, cmd.location)
            days, offered = appointments.span_loads(uow, location=here, start=cmd.start, end=cmd.end,
                                                    tz=turn.now.tzinfo)
            turn.reply(replies.utilization(self.t, turn.lang, days, offered, self._catalog, sku=cmd.sku,
                                           where=replies.loc_name(here, self._catalog)))
        elif isinstance(cmd, commands.Forecast):
            self._require(user, "query")
            if self.forecast_chart is None:
                turn.reply(self.t("forecast_unavailable", turn.lang))
                return
            text, png = self.forecast_chart(uow, sku=cmd.sku, days=cmd.days, start=cmd.start,
                                            location=cmd.location or user.location, now=turn.now, lang=turn.lang)
            turn.reply(text, image=png)
        elif isinstance(cmd, commands.ReceiveOrder):
            self._require(user, "record")
            self._receive_order(uow, turn, cmd)
        elif isinstance(cmd, commands.RecordPayment):   # 团餐付了3000 · 付给张记5000: asked first, then kept
            self._require(user, _money_role(uow, cmd.partner))
            if cmd.refund:   # 退给王记500 · 王记的定金退了: out of what it paid ahead, never more
                cmd = purchasing.refundable(uow, cmd)
                if cmd.amount <= 0:
                    turn.reply(self.t("payment.nothing_to_refund", turn.lang) + "\n"
                               + purchasing.account_line(uow, self.t, turn.lang, cmd.partner, now=turn.now))
                    return
            period = ""
            if cmd.all_owed:   # 张记的货款结清了: the balance as it stands now
                owed = dues.balance(uow, cmd.partner)[2]
                span = ""
                if cmd.start is not None and cmd.end is not None:   # 张记这个月的货款付了: that period's goods at most
                    span = reports.days_text(self.t, turn.lang, cmd.start, cmd.end)
                    period = self.t("payment.goods_of", turn.lang, span=span)
                    owed = dues.period_owed(uow, cmd.partner, cmd.start, cmd.end, turn.now.tzinfo)
                if owed <= 0:
                    turn.reply((self.t("payment.none_of", turn.lang, span=span) + "\n" if span else "")
                               + purchasing.account_line(uow, self.t, turn.lang, cmd.partner, now=turn.now))
                    return
                if cmd.share is not None:   # 张记的钱付了一半: that share of it, to the fen
                    owed = (owed * cmd.share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
                cmd = replace(cmd, amount=owed, all_owed=False, share=None)   # (a period's: kept saying so, its goods paid)
            if cmd.opening:   # 团餐期初欠款5000: what was owed before the books began, a manager's
                self._require(user, "approve")
            if not confirmed:
                self._ask(uow, turn, cmd, self.t("payment.confirm", turn.lang, what=purchasing.payment_words(
                    uow, self.t, turn.lang, cmd.partner, cmd.amount,
                    opening=(cmd.day or turn.now.date()) if cmd.opening else None, refund=cmd.refund,
                    bonus=cmd.bonus, method=None if cmd.opening else cmd.method) + period))
                return
            self._topic(uow, turn, "payment", purchasing.record_payment(uow, turn, cmd, t=self.t))   # (撤销 next)
        elif isinstance(cmd, commands.VoidPayment):
            self._require(user, "record")
            purchasing.void_payment(uow, turn, cmd, t=self.t)
        elif isinstance(cmd, commands.MakeQuote):   # 给王记报价:苹果数据线100根12元: kept, its sheet sent to forward
            self._require(user, "record")
            if guesses and not confirmed:
                self._ask(uow, turn, cmd, replies.guesses(self.t, turn.lang, guesses, self._catalog))
                return
            q = offers.make(uow, turn, cmd, t=self.t)
            self._sheet(uow, turn, commands.Export("quote", order_id=q.id), (
                self.t("quote.revised", turn.lang, id=q.id) if cmd.revises is not None else "")
                + offers.text(uow, self.t, turn.lang, q, now=turn.now))
        elif isinstance(cmd, commands.QuoteAction):   # 报价1转订单 · 王记的报价单 · 报价1
            self._require(user, "record")
            if cmd.action == "order":
                self._order_topic(uow, turn, offers.order(uow, turn, cmd, t=self.t))
            elif cmd.action == "file":
                q = offers.get(uow, cmd.quote_id)
                self._sheet(uow, turn, commands.Export("quote", order_id=q.id), offers.text(uow, self.t, turn.lang, q,
                                                                                              now=turn.now))
            else:
                turn.reply(offers.listed(uow, self.t, turn.lang, cmd.partner, now=turn.now))
        elif isinstance(cmd, commands.RecordExpense):   # 交房租5000: asked first, then kept (money: not a clerk's)
            self._require(user, "purchase")
            if not confirmed:
                self._ask(uow, turn, cmd, costs.asked_words(self.t, turn.lang, uow, cmd, user.location))
                return
            self._topic(uow, turn, "expense", costs.record(uow, turn, cmd, t=self.t))   # (撤销 next: this cost)
        elif isinstance(cmd, commands.VoidExpense):
            self._require(user, "purchase")
            costs.void(uow, turn, cmd, t=self.t)
        elif isinstance(cmd, commands.RecordInvoice):   # 张记开了发票3200: asked first, then held against the goods
            self._require(user, _money_role(uow, cmd.partner))   # (ours to a customer: a manager's, as its payments)
            if not confirmed:
                self._ask(uow, turn, cmd, self.t("invoice.confirm", turn.lang, what=bills.asked_words(
                    uow, self.t, turn.lang, cmd, today=turn.now.date())))
                return
            self._topic(uow, turn, "invoice", bills.record(uow, turn, cmd, t=self.t))   # (撤销 next: this invoice)
        elif isinstance(cmd, commands.VoidInvoice):
            self._require(user, "purchase")
            bills.void(uow, turn, cmd, t=self.t)
        elif isinstance(cmd, commands.RepairAction):   # 王记送修蓝牙耳机,串号SN001 · 维修单1修好了 · 在修的
            self._require(user, "record")
            if cmd.action == "intake":
                fix.intake(uow, turn, cmd, t=self.t)
            elif cmd.action in ("send", "back", "collect"):
                fix.step(uow, turn, cmd, t=self.t)
            elif cmd.action == "show":
                turn.reply(fix.show(uow, self.t, turn.lang, cmd, tz=turn.now.tzinfo))
            else:
                turn.reply(fix.listing(uow, self.t, turn.lang, cmd, tz=turn.now.tzinfo))
        elif isinstance(cmd, commands.SetCommission):   # 蓝牙耳机每副提成10元: a manager's
            self._require(user, "approve")
            commissions.set_rule(uow, turn, cmd, t=self.t)
        elif isinstance(cmd, commands.SetPromotion):   # 手机壳买二送一,到周日: a manager's, shown first
            promotions.set_promotion(uow, turn, cmd, t=self.t, confirmed=confirmed,
                                     ask=lambda text: self._ask(uow, turn, cmd, text))
        elif isinstance(cmd, commands.PromotionQuery):   # 有什么促销 · 结束促销1 · 促销1效果怎么样
            promotions.answer(uow, turn, cmd, t=self.t)
        elif isinstance(cmd, commands.PriceTags):   # 打印价签 · 手机壳的价签 · 打印促销价签
            self._require(user, "query")
            shelf = cmd.location or user.location   # (the owner's, without one: every store's promotions)
            found, n = tags.tags(uow, self.t, turn.lang, cmd, location=shelf, now=turn.now)
            if not found:
                turn.reply(self.t("tags.none_promo" if cmd.promo else "tags.none", turn.lang))
            elif self.price_tags is None:
                turn.reply(self.t("trace.code_off", turn.lang))
            else:
                turn.reply(self.t("tags.sheet", turn.lang, n=len(found), more=self.t(
                    "tags.more", turn.lang, n=n - len(found)) if n > len(found) else "",
                    place=replies.loc_name(shelf, self._catalog) if shelf else self.t("promo.every_store", turn.lang)),
                    image=self.price_tags(found))
        elif isinstance(cmd, commands.SetTarget):   # 本月销售目标10万 · 小美这个月目标2万: a manager's
            self._require(user, "approve")
            goals.set_target(uow, turn, cmd, t=self.t)
        elif isinstance(cmd, commands.SetBudget):   # 本月采购预算5万 · 取消采购预算: a manager's
            self._require(user, "approve")
            budgets.set_budget(uow, turn, cmd, t=self.t)
        elif isinstance(cmd, commands.BudgetQuery):   # 采购预算还剩多少
            self._require(user, "query")
            turn.reply(budgets.answer(uow, self.t, turn.lang, cmd, user=user, now=turn.now))
        elif isinstance(cmd, commands.TargetQuery):   # 目标完成得怎么样 · 我的目标 · 业绩排行
            self._require(user, "record")
            turn.reply(goals.answer(uow, self.t, turn.lang, cmd, user=user, now=turn.now))
        elif isinstance(cmd, commands.CommissionQuery):   # 这个月的提成: a clerk's own, a manager's store's
            self._require(user, "record")
            turn.reply(commissions.answer(uow, self.t, turn.lang, cmd, user=user, now=turn.now))
        elif isinstance(cmd, commands.DiscountQuery):   # 这个月优惠了多少: a clerk's own, a manager's store's
            self._require(user, "record")
            turn.reply(discounts.answer(uow, self.t, turn.lang, cmd, user=user, now=turn.now))
        elif isinstance(cmd, commands.DiscountLimit):   # 店员最多优惠10% (a manager's) · 优惠上限是多少 (anyone's)
            self._require(user, "query" if cmd.ask else "approve")
            discounts.set_limit(uow, turn, cmd, t=self.t)
        elif isinstance(cmd, commands.InvoiceQuery):   # 5月的发票核对 · 哪些供应商没开发票
            self._require(user, "purchase")
            turn.reply(bills.answer(uow, self.t, turn.lang, cmd, now=turn.now))
        elif isinstance(cmd, commands.ExpenseQuery):   # 这个月的费用: the store's (everywhere, for the owner)
            self._require(user, "purchase")
            turn.reply(replies.spending(self.t, turn.lang, uow, cmd, user=user, location=cmd.location or user.location,
                                        now=turn.now, cat=self._catalog) if cmd.goods else
                       costs.answer(uow, self.t, turn.lang, cmd, location=cmd.location or user.location,
                                    tz=turn.now.tzinfo))
        elif isinstance(cmd, commands.Relay):   # 通知陈采购:牛腩快没了: passed on now, as said
            self._require(user, "query")
            gone = [x.display_name for u in cmd.to if (x := uow.catalog.user(u)) is not None and not x.active]
            if gone:   # 告诉小王明天别来了, 小王 having left: said, nobody told
                raise errors.InvalidState(code="user_gone", user="、".join(gone))
            people = [u for u in reports.recipients(uow, list(cmd.to), location=user.location) if u != user.username]
            if not people:
                turn.reply(self.t("relay.nobody", turn.lang))
                return
            for u in people:
                person = uow.catalog.user(u)
                turn.push(u, self.t("relay.message", person.language if person else turn.lang, who=user.display_name,
                                    text=cmd.text))
            turn.reply(self.t("relay.done", turn.lang, names="、".join(
                (x.display_name if (x := uow.catalog.user(u)) else u) for u in people)))
        elif isinstance(cmd, commands.StartCount):
            self._require(user, "record")
            self._start_count(uow, turn, cmd)
        elif isinstance(cmd, commands.FinishCount):
            self._require(user, "record")
            self._finish_count(uow, turn)
        elif isinstance(cmd, commands.ShipTransfer):
            self._require(user, "record")
            self._ship_transfer(uow, turn, cmd)
        elif isinstance(cmd, commands.CancelOrder):
            self._require(user, "record")
            if cmd.undo and cmd.order_id is not None:   # 撤销 right after cancelling it: the order back as it was
                again = purchasing.reopen(uow, turn, cmd.order_id)
                turn.reply(self.t("reopen.done", turn.lang, kind=self.t(f"orders.kind.{again.kind.value}", turn.lang),
                                  id=again.id, order=purchasing.describe(uow, again),
                                  status=replies.status_word(self.t, turn.lang, again)))
                return
            if cmd.order_id is not None and production.is_work_order(uow.orders.get(cmd.order_id)):   # 取消订单5
                self._work_step(uow, turn, commands.WorkStep("cancel", order_id=cmd.order_id), confirmed=confirmed)
                return
            dropped_id = purchasing.cancel(uow, turn, cmd, t=self.t)
            if dropped_id is not None:
                self._just_cancelled(uow, turn, dropped_id)
        elif isinstance(cmd, commands.OrderQuery) and cmd.awaiting:   # 有什么要我审批的: each with its buttons
            self._require(user, "approve")
            waiting = self._awaiting_me(uow, user)
            text = replies.orders_listed(self.t, turn.lang, waiting, now=turn.now, cat=self._catalog,
                                         head="orders.awaiting_head", none="decide.none")
            turn.reply(text, [[Button(f"{self.t('btn.approve', turn.lang)} #{o.id}", f"ap:{o.id}"),
                               Button(f"{self.t('btn.reject', turn.lang)} #{o.id}", f"rj:{o.id}")] for o in waiting[:5]])
        elif isinstance(cmd, commands.OrderQuery) and cmd.mine:   # 我的申请批了吗: the speaker's, whatever their state
            self._require(user, "query")
            mine = sorted(uow.orders.list(created_by=user.username, since=turn.now - timedelta(days=14)),
                          key=lambda o: -(o.id or 0))
            turn.reply(replies.orders_listed(self.t, turn.lang, mine, now=turn.now, cat=self._catalog,
                                             head="orders.mine_head", none="orders.mine_none"))
        elif isinstance(cmd, commands.OrderQuery):
            self._require(user, "query")
            turn.reply(replies.open_orders(self.t, turn.lang, uow, cmd, user=user, now=turn.now, cat=self._catalog))
        elif isinstance(cmd, commands.AmendOrder):
            self._require(user, "record")
            self._order_topic(uow, turn, purchasing.amend(uow, turn, cmd, t=self.t))
        elif isinstance(cmd, commands.ProductField):   # 螺丝的安全库存是多少
            self._require(user, "query")
            product = uow.catalog.product(cmd.sku)
            if product is None:
                raise errors.NotFound(code="unknown_sku", sku=cmd.sku)
            if cmd.field == "can_make":   # 还能做多少杯拿铁: what each ingredient held makes, the least of them
                turn.reply(replies.can_make(self.t, turn.lang, uow, product, here=inventory.home(user, None),
                                            cat=self._catalog))
                return
            if cmd.field == "recipe":   # 可颂的配方: what goes into it, per how much
                recipe = uow.recipes.current(cmd.sku)
                turn.reply(self.t("recipe.show", turn.lang, product=product.name, version=recipe.version,
                                  said=replies.recipe_words(self.t, turn.lang, recipe, self._catalog))
                           + replies.recipe_cost(self.t, turn.lang, uow, product)
                           + ("\n" + self.t("work.ops", turn.lang, ops=workorders.routing(
                               self.t, turn.lang, recipe.operations, product.base_unit))
                              if recipe.operations else "")
                           if recipe else self.t("recipe.none", turn.lang, product=product.name))
                return
            if cmd.field == "substitutes":   # 黄油没有了用什么代替: in each recipe it goes into, what stands in for it
                uses = [(r, c) for r in uow.recipes.all_current().values() for c in r.components if c.sku == cmd.sku]
                turn.reply(self.t("substitute.list", turn.lang, component=product.name, items="\n".join(
                    self.t("substitute.in", turn.lang, product=self._name_of(r.sku), subs=self.t("recipe.or", turn.lang)
                           .join(f"{self._name_of(x.sku)} {replies.qty_text(self._catalog, x.sku, x.qty)}"
                                 for x in c.substitutes) or self.t("substitute.nothing", turn.lang)) for r, c in uses))
                           if uses else self.t("substitute.unused", turn.lang, component=product.name))
                return
            shown = self.t("field.show", turn.lang, product=product.name, field=self.t(f"field.{cmd.field}", turn.lang),
                           value=replies.field_value(self.t, turn.lang, product, cmd.field,
                                                     getattr(product, cmd.field, None), self._catalog))
            if cmd.field == "safety_stock":   # the stores with their own (南山店可乐的安全库存改成100瓶)
                own = {loc: items[cmd.sku] for loc, items in ((uow.catalog.tenant_row().settings or {}).get(
                    metrics.STORE_SAFETY) or {}).items() if cmd.sku in items}
                if own:
                    shown += "\n" + self.t("field.store_safety", turn.lang, items="、".join(
                        f"{replies.loc_name(loc, self._catalog)} {replies.qty_text(self._catalog, cmd.sku, Decimal(str(q)))}"
                        for loc, q in sorted(own.items())))
            turn.reply(shown)
        elif type(cmd) in self._master_changes:   # the catalog and partners a manager changes: asked, then done
            self._require(user, "approve")
            self._master_changes[type(cmd)](uow, turn, cmd, confirmed=confirmed)
        elif isinstance(cmd, commands.SupplierUpdate):   # 张记说牛腩明天送不了: its word, kept on its open order
            self._require(user, "record")
            purchasing.supplier_update(uow, turn, cmd, t=self.t)
        elif isinstance(cmd, commands.Decide):
            self._require(user, "approve")
            mine = self._awaiting_me(uow, user)
            if cmd.order_id is not None:
                mine = [o for o in mine if o.id == cmd.order_id]
            if not mine or (len(mine) > 1 and not cmd.every):   # none awaiting, or several: which (buttons still work)
                turn.reply(self.t("decide.which" if mine else "decide.none", turn.lang,
                                  ids="、".join(f"#{o.id}" for o in mine), first=mine[0].id if mine else ""))
                return
            for o in mine:   # (全部同意: each in turn, as its button would)
                if o.kind.value == "transfer" and cmd.approve:   # 同意1 for a transfer asked of us: as its button
                    purchasing.workflow_button(uow, turn, "tr", str(o.id), t=self.t)
                else:
                    purchasing.decide(uow, turn, order_id=o.id or 0, approve=cmd.approve, t=self.t,
                                      release=lambda c, who: self._release(uow, turn, c, who), reason=cmd.reason)
        elif isinstance(cmd, commands.Bookings):
            self._require(user, "record" if cmd.cancel else "query")
            self._bookings(uow, turn, cmd, confirmed=confirmed)
        elif isinstance(cmd, commands.RetireProduct):
            self._require(user, "approve")
            self._retire(uow, turn, cmd, confirmed=confirmed)
        elif isinstance(cmd, commands.AddAlias):
            self._require(user, "approve")
            product = uow.catalog.product(cmd.sku)
            if product is None:
                raise errors.NotFound(code="unknown_sku", sku=cmd.sku)
            if not confirmed:
                self._ask(uow, turn, cmd, self.t("alias.ask", turn.lang, alias=cmd.alias, product=product.name))
                return
            uow.catalog.set_product(cmd.sku, {"aliases": list(dict.fromkeys([*product.aliases, cmd.alias]))})
            uow.chat.audit(at=turn.now, actor=user.username, action="alias_added",
                           detail={"sku": cmd.sku, "alias": cmd.alias})
            turn.reply(self.t("alias.done", turn.lang, alias=cmd.alias, product=product.name))
            network.reread(uow, turn, self.t, now=turn.now)   # (a linked customer's line it names: placed now)
        elif isinstance(cmd, commands.MyRecords):
            by_self = cmd.who == (user.username,)
            if by_self and not (cmd.kinds or cmd.sku):   # 小王的记录, said by 小王: his own
                cmd = commands.MyRecords(limit=cmd.limit)
            # (others' records: a manager's; whose receipts or write-offs those were at one's own store, as its stock
            # card shows them: anyone's who may ask)
            own_store = cmd.store and not cmd.tally and bool(cmd.kinds or cmd.sku) and user.location is not None
            self._require(user, "approve" if (cmd.who and not by_self) or (cmd.store and not own_store) else "query")
            people = list(cmd.who) or ([u.username for u in uow.catalog.users()
                                        if (user.location is None or u.location == user.location)
                                        and u.partner is None] if cmd.store else [])   # (a supplier's login: not ours)
            if any((x := uow.catalog.user(u)) is not None and user.location is not None and x.location != user.location
                   for u in cmd.who):   # another store's people: their own manager's
                raise errors.NotAllowed(code="not_allowed", role=user.role.value)
            if cmd.tally:   # 今天谁没记账: each person's writes today, those with none named
                turn.reply(replies.tally(self.t, turn.lang, uow, people=people, now=turn.now,
                                         where=replies.loc_name(user.location, self._catalog)))
                return
            if cmd.kinds or cmd.sku:   # 今天谁报损了 · 牛腩是谁报损的: whose writes those were
                turn.reply(replies.records_of(self.t, turn.lang, uow, actors=people, kinds=cmd.kinds, sku=cmd.sku,
                                              days=(cmd.start, cmd.end) if cmd.start and cmd.end else None,
                                              limit=cmd.limit, tz=turn.now.tzinfo, cat=self._catalog))
                return
            turn.reply(replies.my_records(self.t, turn.lang, uow, user=user, limit=cmd.limit, tz=turn.now.tzinfo,
                                          cat=self._catalog, actors=people))
        elif isinstance(cmd, commands.RepeatPurchase):
            self._require(user, "record")
            self._repeat_purchase(uow, turn, cmd)
        elif isinstance(cmd, commands.StockInfo) and cmd.kind == "at_risk":   # 哪些卖不完会过期: each store's
            self._require(user, "query")
            turn.reply("\n\n".join(spoilage.text(uow, self.t, turn.lang, location=loc, now=turn.now, skus=cmd.skus)
                                   for loc in reports.stores(uow, cmd.location or user.location)))
        elif isinstance(cmd, commands.StockInfo) and cmd.kind == "stock_age":   # 库龄分析 · 哪些货压了很久: each store's
            self._require(user, "query")
            turn.reply("\n\n".join(stockage.text(uow, self.t, turn.lang, location=loc, today=turn.now.date(),
                                                  tz=turn.now.tzinfo, skus=cmd.skus)
                                   for loc in reports.stores(uow, cmd.location or user.location)))
        elif isinstance(cmd, commands.StockInfo) and cmd.kind == "compare":   # 哪个供应商最便宜 · 供应商比价
            self._require(user, "query")
            turn.reply(prices.compare(self.t, turn.lang, uow, cmd, now=turn.now, cat=self._catalog))
        elif isinstance(cmd, commands.StockInfo) and cmd.kind == "price_history":   # 牛腩的进价走势: and its chart
            self._require(user, "query")
            text, series = prices.history(self.t, turn.lang, uow, cmd, now=turn.now, cat=self._catalog)
            points = sum(len(v) for v in series.values())
            turn.reply(text, image=self.line_chart(series, title=self.t("prices.title", turn.lang, product=self._name_of(
                cmd.skus[0])), unit=f"¥/{replies.base_unit(self._catalog, cmd.skus[0])}")
                if self.line_chart is not None and points > 1 else None)
        elif isinstance(cmd, commands.StockInfo):
            self._require(user, "query")
            turn.reply(replies.stock_info(self.t, turn.lang, uow, cmd, user=user, now=turn.now, cat=self._catalog))
        elif isinstance(cmd, commands.Export):
            self._require(user, "approve" if cmd.kind in ("accounts", "statement", "commission")   # (managers')
                          else "purchase" if cmd.kind == "received" else "query")        # (what goods cost)
            self._sheet(uow, turn, cmd)
        elif isinstance(cmd, commands.StockBook):   # 本月进销存: the asker's store, else every place together
            self._require(user, "query")
            turn.reply(stockbook.text(uow, self.t, turn.lang, location=cmd.location or user.location, first=cmd.start,
                                      last=cmd.end, now=turn.now, skus=cmd.skus))
        elif isinstance(cmd, commands.SalesQuery) and cmd.rank.startswith("abc"):   # ABC分类 · 哪些是A类商品
            self._require(user, "query")
            turn.reply(ranking.abc(self.t, turn.lang, uow, cmd, location=cmd.location or user.location, now=turn.now,
                                   cat=self._catalog))
        elif isinstance(cmd, commands.SalesQuery) and cmd.rank == "weekday":   # 周几卖得最多
            self._require(user, "query")
            turn.reply(weekdays.by_weekday(self.t, turn.lang, uow, cmd, location=cmd.location or user.location,
                                           now=turn.now, cat=self._catalog))
        elif isinstance(cmd, commands.SalesQuery):
            self._require(user, "query")
            turn.reply(replies.sales(self.t, turn.lang, uow, cmd, user=user, now=turn.now, cat=self._catalog))
        elif isinstance(cmd, commands.PartnerCard):   # 张记的电话多少 · 团餐的资料: what the books hold of it
            self._require(user, "query")
            turn.reply(purchasing.partner_card(uow, self.t, turn.lang, cmd.partner, tz=turn.now.tzinfo,
                                               money=user.can("approve") or user.can("purchase")))
        elif isinstance(cmd, commands.LastMoved):   # 张记上次送货是什么时候 · 可乐多久没卖了
            self._require(user, "query")
            turn.reply(stockbook.last_moved(uow, self.t, turn.lang, kind=cmd.kind, partner=cmd.partner, sku=cmd.sku,
                                            location=None if user.role == catalog.Role.ADMIN else user.location,
                                            now=turn.now))
        elif isinstance(cmd, commands.LastCount):   # 上次盘点是什么时候 · 牛腩多久没盘了 · 今天要盘点吗
            self._require(user, "query")
            turn.reply(replies.last_count(self.t, turn.lang, uow, location=inventory.home(user, cmd.location),
                                          sku=cmd.sku, now=turn.now, cat=self._catalog))
        elif isinstance(cmd, commands.Todo):   # 我该做什么 · 有什么待办: what waits for the speaker today
            self._require(user, "query")
            turn.reply(self.todo_for(uow, user, turn.now))
        elif isinstance(cmd, commands.EventDays):   # 6月20日店庆 · 取消周六的活动 · 最近有什么活动
            calendar_days.event_days(self.t, uow, turn, cmd, confirmed=confirmed,
                                     ask=lambda text: self._ask(uow, turn, cmd, text))
        elif isinstance(cmd, commands.TillCount) and cmd.asked:   # 今天微信收了多少 · 收款明细 (the owner: each store's)
            self._require(user, "query")
            assert cmd.start is not None and cmd.end is not None
            shops = reports.stores(uow, None) if cmd.location is None and user.location is None \
                else [inventory.home(user, cmd.location)]
            turn.reply("\n\n".join(cashup.drawer_report(
                uow, self.t, turn.lang, location=loc, day=cmd.end, now=turn.now,
                where=replies.loc_name(loc, self._catalog)) if cmd.asked == "drawer" else cashup.method_report(
                uow, self.t, turn.lang, location=loc, first=cmd.start, last=cmd.end, now=turn.now,
                where=replies.loc_name(loc, self._catalog), method=cmd.asked) for loc in shops))
        elif isinstance(cmd, commands.TillCount):   # 日结:现金3000,微信5200 · 今天的日结
            here = inventory.home(user, cmd.location)
            where = replies.loc_name(here, self._catalog)
            assert cmd.start is not None and cmd.end is not None
            if cmd.methods:
                self._require(user, "record")
                turn.reply(cashup.record(uow, self.t, turn.lang, location=here, day=cmd.start, methods=list(cmd.methods),
                                       user=user, now=turn.now, where=where))
            else:
                self._require(user, "query")
                turn.reply(cashup.report(uow, self.t, turn.lang, location=here, first=cmd.start, last=cmd.end,
                                       now=turn.now, where=where))
        elif isinstance(cmd, commands.CloseBooks):   # 结账到5月31日 · 月结 · 反结账 · 账结到哪天了
            books.close_books(self.t, uow, turn, cmd, confirmed=confirmed, ask=lambda text: self._ask(uow, turn, cmd, text))
        elif isinstance(cmd, commands.Closure):   # 6月20日店休 · 每周一店休 · 明天开门吗 · 哪天店休
            calendar_days.closure(self.t, uow, turn, cmd, cat=self._catalog, confirmed=confirmed,
                                  ask=lambda text: self._ask(uow, turn, cmd, text))
        elif isinstance(cmd, commands.CustomerPrice):   # 团餐的可乐按4.5元一瓶 · 团餐的价格表
            self._customer_price(uow, turn, cmd, confirmed=confirmed)
        elif isinstance(cmd, commands.SupplierScore):   # 哪些供应商经常晚送 · 张记送货准时吗
            self._require(user, "purchase")
            turn.reply(replies.supplier_score(self.t, turn.lang, uow, cmd, now=turn.now, cat=self._catalog))
        elif isinstance(cmd, commands.CatalogGaps):   # 哪些商品没有售价: what the catalog still lacks
            self._require(user, "query")
            turn.reply(replies.catalog_gaps(self.t, turn.lang, uow.catalog.products(), cmd.field))
        elif isinstance(cmd, commands.StockCard):   # 牛腩的进出记录 · 今天的进出明细
            self._require(user, "query")
            turn.reply(replies.stock_card(self.t, turn.lang, uow, cmd, user=user, now=turn.now, cat=self._catalog))
        elif isinstance(cmd, commands.MovesQuery):
            self._require(user, "query")
            turn.reply(replies.moves_total(self.t, turn.lang, uow, cmd, user=user, now=turn.now, cat=self._catalog))
        elif isinstance(cmd, commands.CustomerQuery):
            self._require(user, "query")
            turn.reply(replies.customer_account(self.t, turn.lang, uow, cmd, now=turn.now, cat=self._catalog)
                       if cmd.partner else
                       replies.customers_ranked(self.t, turn.lang, uow, cmd, now=turn.now, cat=self._catalog))
        elif isinstance(cmd, commands.PurchaseQuery):
            self._require(user, "query")
            turn.reply(replies.purchases(self.t, turn.lang, uow, cmd, user=user, now=turn.now, cat=self._catalog))
        elif isinstance(cmd, commands.Report) and cmd.kind == "recipes":   # 菜品毛利: each recipe's cost and margin
            self._require(user, "query")
            turn.reply(replies.recipe_margins(self.t, turn.lang, uow, cat=self._catalog))
        elif isinstance(cmd, commands.Report):
            self._require(user, "query")
            if self.report is None:
                turn.reply(self.t("report_unavailable", turn.lang))
                return
            if cmd.kind in _EACH_STORE and not cmd.order and cmd.location is None and user.location is None:
                self._each_store(uow, turn, cmd)   # the owner's 今日备货清单 · 可乐还能卖几天: every store's
                return
            # (哪些货一周没动了 asked by someone without a store: every store's)
            everywhere = cmd.kind in ("slow", "turnover", "evening_summary", "stock_report", "sales_week", "anomalies")
            here = (cmd.location or user.location or "") if everywhere else inventory.home(user, cmd.location)
            text, to_order = self.report(uow, kind=cmd.kind, location=here, now=turn.now, lang=turn.lang, sku=cmd.sku,
                                         days=cmd.days, user=user.username, partner=cmd.partner, qty=cmd.qty)
            if cmd.order and cmd.sku is not None:   # 订可乐: the suggestion offered as the order
                if to_order > 0 and user.can("record"):
                    order = commands.PlacePurchase(lines=(commands.Line(sku=cmd.sku, qty=Decimal(to_order)),),
                                                   partner=cmd.partner, location=here)
                    self._ask(uow, turn, order, f"{text}\n" + self.t("why.order_ask", turn.lang, summary=replies.summary(
                        self.t, turn.lang, order, self._catalog, user=user)))
                else:
                    turn.reply(f"{text}\n" + self.t("why.order_how", turn.lang, product=self._name_of(cmd.sku)))
                return
            buttons = [[Button(self.t("btn.request_purchases", turn.lang), _po(here, cmd.partner))]] \
                if cmd.kind == "prep_list" and to_order and self.reorder is not None and user.can("purchase") else None
            turn.reply(text, buttons)
        elif isinstance(cmd, commands.OwedQuery):   # 哪些客户还欠钱 · 应付账款 · 应收账龄 · 逾期: the accounts, a manager's
            self._require(user, "approve")
            if cmd.view == "statement" and cmd.partner and cmd.start and cmd.until:   # 团餐这个月的往来明细 · 和张记对账
                turn.reply(dues.statement_text(uow, self.t, turn.lang, cmd.partner, first=cmd.start, last=cmd.until,
                                               today=turn.now.date(), tz=turn.now.tzinfo))
                return
            turn.reply(replies.owed(self.t, turn.lang, uow, cmd, now=turn.now, cat=self._catalog) if cmd.view == "balance"
                       else dues.answer(uow, self.t, turn.lang, kind=cmd.kind, view=cmd.view, code=cmd.partner,
                                        until=cmd.until, today=turn.now.date(), tz=turn.now.tzinfo))
        elif isinstance(cmd, commands.TraceLot):   # 追溯牛奶批号A123 · 召回… · 溯源码 (customers' names: not for staff)
            self._require(user, "query" if cmd.serial else "record" if cmd.code else "purchase")
            self._trace_lot(uow, turn, cmd)
        elif isinstance(cmd, commands.LedgerCheck):   # 账本校验: every move's seal recomputed (a manager's)
            self._require(user, "approve")
            turn.reply(replies.ledger_check(self.t, turn.lang, lots.verify(uow, [cmd.anchor] if cmd.anchor else [])))
        elif isinstance(cmd, commands.StaffQuery):   # 南山店有哪些人 · 小王是哪个店的
            self._require(user, "query")
            turn.reply(replies.staff(self.t, turn.lang, uow, cmd, user=user, cat=self._catalog))
        elif isinstance(cmd, commands.SetUser):
            self._require(user, "invite")
            self._set_user(uow, turn, cmd, confirmed=confirmed)
        elif isinstance(cmd, commands.Invite):
            self._require(user, "invite")
            code = purchasing.invite(uow, turn, cmd)
            turn.reply(self.t("invite_created", turn.lang, name=cmd.name, role=self.t(f"role.{cmd.role}", turn.lang),
                              code=code))
        elif isinstance(cmd, commands.Help):
            turn.reply(self.t("help", turn.lang))
        elif isinstance(cmd, commands.SmallTalk):
            turn.reply(self.t(f"smalltalk.{cmd.kind}", turn.lang, name=user.display_name))
        else:  # pragma: no cover - exhaustive over Command
            turn.reply(self.t("not_understood", turn.lang))

    def _each_store(self, uow: UnitOfWork, turn: Turn, cmd: commands.Report) -> None:
        """今日备货清单 · 哪个店最缺货 · 可乐还能卖几天 · 可乐该订多少 · 今天要做什么 asked by someone without a store
        (the owner): each store's answer, one after another; a prep list with a purchase-request button for each
        store that has something to order."""
        assert self.report is not None
        texts: list[str] = []
        rows: list[list[Button]] = []
        for loc in uow.catalog.locations():
            if loc.kind != catalog.LocationKind.STORE:
                continue
            text, to_order = self.report(uow, kind=cmd.kind, location=loc.code, now=turn.now, lang=turn.lang,
                                         sku=cmd.sku, days=cmd.days, user=turn.user.username, partner=cmd.partner,
                                         qty=cmd.qty)
            texts.append(text)
            if cmd.kind == "prep_list" and to_order and self.reorder is not None and turn.user.can("purchase"):
                rows.append([Button(self.t("btn.request_purchases_at", turn.lang, location=loc.name),
                                    _po(loc.code, cmd.partner))])
        turn.reply("\n\n".join(texts) or self.t("report_unavailable", turn.lang), rows or None)

    def _require(self, user: catalog.User, permission: str) -> None:
        user.require(permission)

    def _trace_lot(self, uow: UnitOfWork, turn: Turn, cmd: commands.TraceLot) -> None:
        """The lot said (or the one lot of the product that came in that day, or the one product with a lot of that
        code): its trace, its recall or its QR code. Otherwise the lots to choose from, a button each."""
        tz = turn.now.tzinfo
        sku, lot = cmd.sku, cmd.lot
        flags = ("r" if cmd.recall else "") + ("c" if cmd.code else "")   # (what a lot's button goes on to do)
        if lot is not None and sku is None:   # 批号A123去哪了: the product that has it
            skus = uow.stock.lot_skus(lot)
            if len(skus) != 1:
                turn.reply(self.t(("serial.none" if cmd.serial else "trace.no_such_lot") if not skus
                                  else "serial.which_product" if cmd.serial else "trace.which_product", turn.lang, lot=lot,
                                  products="、".join(self._name_of(x) for x in skus),
                                  example=self._name_of(skus[0]) if skus else ""))
                return
            sku = skus[0]
        if cmd.bare and sku is not None and lot is not None and not getattr(uow.catalog.product(sku), "serial", True):
            self._require(turn.user, "purchase")   # AB123在哪 of a lot of milk: the lot's trace, as 追溯批号AB123 is
            cmd = replace(cmd, serial=False)
        if cmd.serial and sku is not None and lot is not None:   # 串号SN001: that unit, and its warranty
            turn.reply(serial_units.history(self.t, turn.lang, uow, sku, lot, cat=self._catalog, tz=turn.now.tzinfo or UTC,
                                            today=turn.now.date(), names=turn.user.can("purchase")))
            return
        if sku is None and lot is None and cmd.day is not None and cmd.code:   # 打印今天的溯源码: a sheet of labels
            self._labels(uow, turn, cmd.day)
            return
        if sku is None and lot is None:   # 这批的溯源码 right after 收到牛奶2箱: the lots the speaker's last write made
            last = uow.stock.last_batch(turn.user.username)
            came = sorted({(m.sku, m.lot) for m in (uow.stock.batch(last) if last else [])
                           if m.kind in (ledger.MoveKind.RECEIPT, ledger.MoveKind.PRODUCTION) and m.lot})
            if len(came) == 1:
                sku, lot = came[0]
            elif came:
                turn.reply(self.t("trace.which_lot", turn.lang), [[Button(f"{self._name_of(s)} {code}",
                                                                          f"lot:{s}:{code}:{flags}")] for s, code in came])
                return
        if sku is None:
            turn.reply(self.t("trace.say_which", turn.lang))
            return
        if lot is None:
            choices = uow.stock.lots_of(sku, limit=30 if cmd.day or cmd.partner else 8)
            if cmd.day is not None or cmd.partner is not None:   # 15号那批 · 张记送的那批: the lots of that day, supplier
                choices = [x for x in choices if (cmd.day is None or x[1].astimezone(tz).date() == cmd.day)
                           and (cmd.partner is None or x[2] == cmd.partner)][:8]
            if len(choices) != 1:
                buttons = [[Button(f"{x[0]}", f"lot:{sku}:{x[0]}:{flags}")] for x in choices]
                turn.reply(replies.lot_choices(self.t, turn.lang, sku, choices, cat=self._catalog, tz=tz, day=cmd.day,
                                               partner=cmd.partner), buttons or None)
                return
            lot = choices[0][0]
        self._show_lot(uow, turn, sku, lot, recall=cmd.recall, code=cmd.code)

    def _sheet(self, uow: UnitOfWork, turn: Turn, cmd: commands.Export, said: str | None = None) -> None:
        """The workbook ``cmd`` asks for, sent with ``said`` (a quotation's text), else with its own words; where no
        spreadsheet can be made, ``said`` alone, or that none can be."""
        if self.spreadsheet is None:
            turn.reply(said or self.t("export.unavailable", turn.lang))
            return
        book = exports.build(uow, self.t, turn.lang, cmd, user=turn.user, now=turn.now)
        turn.reply(said or book.summary, file=None if book.empty else Attachment(book.filename, self.spreadsheet(book)))

    def _labels(self, uow: UnitOfWork, turn: Turn, day: Any) -> None:
        """打印今天的溯源码: every lot that came in at the speaker's store that day (everywhere for the owner), a sheet
        of QR labels to print, each captioned with its product, lot, day and supplier."""
        tz = turn.now.tzinfo
        start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
        came = uow.stock.lots_came(start, start + timedelta(days=1), location=turn.user.location)
        where = replies.loc_name(turn.user.location, self._catalog) if turn.user.location else ""
        if not came:
            turn.reply(self.t("trace.labels_none", turn.lang, day=day.strftime("%m-%d"), location=where))
            return
        if self.lot_labels is None:
            turn.reply(self.t("trace.code_off", turn.lang))
            return
        png = self.lot_labels([(s, code, f"{self._name_of(s)} {code} {at.astimezone(tz):%m-%d} "
                                          f"{replies.partner_name(p, self._catalog)}".strip())
                               for s, code, at, p in came[:60]])
        turn.reply(self.t("trace.labels", turn.lang, n=min(len(came), 60), day=day.strftime("%m-%d"), location=where),
                   image=png)

    def _show_lot(self, uow: UnitOfWork, turn: Turn, sku: str, lot: str, *, recall: bool, code: bool) -> None:
        if code:
            if not uow.stock.lot_moves(sku, lot):
                turn.reply(self.t("trace.no_such_lot", turn.lang, lot=lot))
            elif self.lot_code is None:
                turn.reply(self.t("trace.code_off", turn.lang))
            else:
                url, png = self.lot_code(sku, lot)
                turn.reply(self.t("trace.code", turn.lang, product=self._name_of(sku), lot=lot, url=url), image=png)
            return
        tr = lots.trace_of(uow, sku, lot)
        if tr.empty:
            turn.reply(self.t("trace.no_such_lot", turn.lang, lot=lot))
            return
        derived = lots.made_from_it(uow, tr) if recall else []
        # what a recall pulls: the lot, and what was made from it, wherever it still is
        left = [(t.sku, t.lot, loc, q) for t in (tr, *derived) for loc, q in t.here
                if q > 0 and not loc.startswith("~")]   # (a work order's: pulled from the line, it says where)
        offered = recall and bool(left) and turn.user.can("approve")
        text = replies.lot_trace(self.t, turn.lang, tr, cat=self._catalog, tz=turn.now.tzinfo, recall=recall,
                                 readings=uow.stock.lot_readings(sku, lot), seals=uow.stock.lot_seals(sku, lot),
                                 derived=derived, offered=offered)
        if offered:   # pulled from every place at once, once confirmed
            pull = commands.Batch(tuple(commands.RecordMoves(
                movement=commands.Movement.SCRAP, location=loc, note=self.t("trace.recall_note", turn.lang, lot=lot),
                lines=(commands.Line(sku=s, qty=q, lot=code),)) for s, code, loc, q in left))
            self._ask(uow, turn, pull, text + "\n\n" + self.t("trace.recall_ask", turn.lang, lot=lot, where="、".join(
                f"{replies.loc_name(loc, self._catalog)} {self._name_of(s) + ' ' if derived else ''}"
                f"{replies.qty_text(self._catalog, s, q)}" for s, _code, loc, q in left)))
            return
        turn.reply(text)

    def _receive_order(self, uow: UnitOfWork, turn: Turn, cmd: commands.ReceiveOrder) -> None:
        """光明的货到了: the receipt of what the oldest open purchase order at the user's store (of that supplier,
        with that product) still awaits, asked before it is written (a different quantity is said as a receipt)."""
        if cmd.order_id is not None:   # 采购单#3的货到了: that one (wherever it goes: the receipt is there)
            named = uow.orders.get(cmd.order_id)
            if named is not None and named.kind.value == "transfer":   # 调拨单#2到了 · 福田的牛腩到了
                self._transfer_arrived(uow, turn, named)
                return
            if named is None or named.kind.value not in ("purchase", "purchase_request"):
                raise errors.NotFound(code="order_not_found", id=cmd.order_id)
            if named.status.value not in ("open", "partial"):
                raise errors.InvalidState(code="order_not_receivable", id=named.id,
                                          status=self.t(f"order_status.{named.status.value}", turn.lang))
            found = [named]
        else:
            if cmd.partner is None and cmd.sku is None and cmd.amount is None and not cmd.short and not cmd.exact:
                coming = self._transfers(uow, turn.user, status="shipped", at_dest=True)
                if len(coming) == 1:   # 收到了 with a transfer on its way here: that one, by its button
                    self._transfer_arrived(uow, turn, coming[0])
                    return
            found = _awaiting(uow, cmd.location or turn.user.location, partner=cmd.partner, sku=cmd.sku)
        if not found:
            what = replies.orders_what(self.t, turn.lang, "purchase", sku=cmd.sku, partner=cmd.partner,
                                       cat=self._catalog)
            turn.reply(self.t("orders.none", turn.lang, what=what) + self.t("receive_order.say_qty", turn.lang))
            return
        o = found[0]
        if cmd.amount is not None:   # 咖啡豆行只送来了4箱: of the order's only product still awaited
            said_line = self._amount_line(uow, o, cmd)   # (订单1到了,少了2斤: what did not come of it)
            cmd = replace(cmd, short=(said_line,)) if cmd.amount_short else replace(cmd, exact=(said_line,))
        said = {ln.sku for ln in (*cmd.short, *cmd.exact)}
        if said - {ln.sku for ln in o.lines if ln.open_qty > 0}:   # 牛奶少了一箱 on an order without milk
            raise errors.BadInput(code="short_not_on_order", id=o.id)
        came: dict[str, Decimal] = {ln.sku: ln.open_qty for ln in o.lines if ln.open_qty > 0}
        on_way = network.on_the_way(o)
        if on_way:   # a linked supplier said what it sent: that came, the rest stays on order
            came = on_way
        for ln in cmd.short:   # what did not come stays on order
            if ln.qty > came[ln.sku]:
                raise errors.BadInput(code="short_too_much", id=o.id)
            came[ln.sku] -= ln.qty
        for ln in cmd.exact:
            came[ln.sku] = ln.qty
        lines = tuple(commands.Line(sku=ln.sku, qty=came[ln.sku], unit_price=cmd.unit_price
                                    if cmd.unit_price is not None and ln.sku == cmd.sku else ln.unit_price)
                      for ln in o.lines if came.get(ln.sku, 0) > 0 and (cmd.sku is None or ln.sku == cmd.sku or said))
        receipt = self._order_units(uow, turn, commands.RecordMoves(
            movement=commands.Movement.RECEIPT, lines=lines, location=o.location, partner=o.partner, order_id=o.id),
            o, cmd.serials)
        self._ask(uow, turn, receipt, self.t("receive_order.ask", turn.lang, id=o.id,
                                             summary=replies.summary(self.t, turn.lang, receipt, self._catalog,
                                                                     user=turn.user),
                                             more=self.t("receive_order.more", turn.lang, n=len(found) - 1)
                                             if len(found) > 1 else ""))

    def _already_sent(self, uow: UnitOfWork, turn: Turn, cmd: commands.TransferStock) -> bool:
        """福田店收到南山店的土豆20公斤 when 南山店's staff recorded that transfer in the last two days: said, and not
        recorded twice (True). A transfer the speaker recorded, or one undone, does not count."""
        home = turn.user.location
        src, dst = cmd.source or home, cmd.dest or home
        moves = uow.stock.moves(since=turn.now - SENT_WINDOW, kinds=[ledger.MoveKind.TRANSFER_OUT.value,
                                                                     ledger.MoveKind.TRANSFER_IN.value])
        sent: dict[str, list[ledger.Move]] = {}
        for m in uow.stock.standing(moves):
            if m.actor != turn.user.username:
                sent.setdefault(m.batch, []).append(m)
        for batch in sent.values():
            outs = {m.sku: m for m in batch if m.kind == ledger.MoveKind.TRANSFER_OUT and m.src == src}
            ins = {m.sku for m in batch if m.kind == ledger.MoveKind.TRANSFER_IN and m.dst == dst}
            got = {sku: sum((m.qty for m in batch if m.kind == ledger.MoveKind.TRANSFER_OUT and m.sku == sku),
                            Decimal(0)) for sku in outs}
            if cmd.lines and all(ln.sku in ins and got.get(ln.sku) == ln.qty for ln in cmd.lines):
                first = next(iter(outs.values()))
                who = uow.catalog.user(first.actor) if first.actor else None
                turn.reply(self.t("transfer.already", turn.lang, who=who.display_name if who else first.actor or "",
                                  at=f"{first.at.astimezone(turn.now.tzinfo):%m-%d %H:%M}",
                                  summary=replies.summary(self.t, turn.lang, replace(cmd, source=src, dest=dst),
                                                          self._catalog, user=turn.user)))
                return True
        return False

    def _collected(self, uow: UnitOfWork, turn: Turn, c: commands.Clarify) -> bool:
        """A customer taking its goods without a quantity (盒马提货了 · 盒马的纸杯提走了): what its oldest open order still
        awaits (of that product), shown and recorded as a sale once confirmed. False when the message is not that."""
        p = c.partial
        if c.reason not in ("missing_qty", "collect_order") or not isinstance(p, commands.RecordMoves) or p.lines \
                or p.movement != commands.Movement.SALE or not (p.partner or c.order_id) or p.at is not None:
            return False
        sku = c.mention or None
        if c.order_id is not None:   # 订单2提走了: that one, wherever it ships from
            named = uow.orders.get(c.order_id)
            if named is None:
                raise errors.NotFound(code="order_not_found", id=c.order_id)
            if named.kind != orders.OrderKind.SALE:   # (a purchase order's number: said what it is)
                raise errors.BadInput(code="order_not_customers", id=named.id,
                                      kind=self.t(f"orders.kind.{named.kind.value}", turn.lang))
            if named.status.value not in ("open", "partial"):
                raise errors.InvalidState(code="order_not_collectable", id=named.id,
                                          status=self.t(f"order_status.{named.status.value}", turn.lang))
            found = [named]
        else:
            found = _awaiting(uow, p.location or turn.user.location, partner=p.partner, sku=sku, kinds=("sale",))
        if not found:
            if c.reason == "missing_qty":
                return False   # 盒马拿走纸杯 with nothing on order: how many is asked
            what = replies.orders_what(self.t, turn.lang, "sale", sku=sku, partner=p.partner, cat=self._catalog)
            turn.reply(self.t("orders.none", turn.lang, what=what))
            return True
        self._require(turn.user, "record")
        o = found[0]
        lines = tuple(commands.Line(sku=ln.sku, qty=ln.open_qty, unit_price=ln.unit_price) for ln in o.lines
                      if ln.open_qty > 0 and (sku is None or ln.sku == sku))
        sale = self._order_units(uow, turn, commands.RecordMoves(
            movement=commands.Movement.SALE, lines=lines, location=o.location, partner=o.partner), o, c.serials)
        short = self._negative(inventory.plan(uow, sale, actor=self._actor(turn, sale)).shortfalls, turn.lang)
        self._ask(uow, turn, sale, (short.rstrip() + "\n" if short else "") + self.t(   # (beyond the stock: said)
            "collect_order.ask", turn.lang, id=o.id,
            summary=replies.summary(self.t, turn.lang, sale, self._catalog, user=turn.user),
            more=self.t("collect_order.more", turn.lang, n=len(found) - 1) if len(found) > 1 else ""))
        return True

    def _order_units(self, uow: UnitOfWork, turn: Turn, moves: commands.RecordMoves, o: Any,
                     codes: tuple[str, ...]) -> commands.RecordMoves:
        """An order's receipt or collection with the units said (绿联的货到了,串号…) on its line kept by serial,
        checked before it is asked (each unit where it must be, as many as the line's quantity); refused when a line
        kept by serial comes without them. Goods not kept by serial, none said: as they are."""
        kept = {ln.sku for ln in moves.lines if uow.catalog.kept_by_serial(ln.sku)}
        if not codes and not kept:
            return moves
        kind = "sale" if o.kind.value == "sale" else "purchase"
        moves = replace(moves, lines=serials.of_order(moves.lines, codes, kept, order_id=o.id, kind=kind,
                                                      partner=self._partner_name(o.partner, uow)))
        inventory.plan(uow, moves, actor=self._actor(turn, moves))   # (refused here, not at 确认)
        return moves

    @staticmethod
    def _amount_line(uow: UnitOfWork, o: Any, cmd: commands.ReceiveOrder) -> commands.Line:
        """What came of the order said by its amount alone, as a line of its only product still awaited."""
        open_ = [ln for ln in o.lines if ln.open_qty > 0]
        if len(open_) != 1:
            raise errors.BadInput(code="receive_which_product", id=o.id)
        p = uow.catalog.product(open_[0].sku)
        assert p is not None and cmd.amount is not None
        if not p.accepts(cmd.amount_unit):
            raise errors.UnitMismatch(unit=cmd.amount_unit, base_unit=p.base_unit)
        return commands.Line(sku=p.sku, qty=p.to_base(cmd.amount, cmd.amount_unit), unit=cmd.amount_unit,
                             raw_qty=cmd.amount)

    def _awaited(self, uow: UnitOfWork, turn: Turn, c: commands.Clarify) -> commands.ReceiveOrder | None:
        """A receipt of one product without its quantity (奶油到了 · 光明的牛奶到了) that an open purchase order at the
        store still awaits: that order's receipt. None otherwise (the quantity is asked)."""
        p = c.partial
        if c.reason == "missing_qty" and isinstance(p, commands.TransferStock) and not p.lines and not p.request \
                and p.dest in (None, turn.user.location):   # 福田的牛腩到了 · 昨天调的可乐到了: its transfer
            oid = _incoming_transfer(uow, turn.user.location, c.mention, source=p.source)
            if oid is None and turn.user.location:   # 仓库送的牛腩到了 when the warehouse recorded it come already
                self._came_already(uow, turn, here=turn.user.location, sku=c.mention, source=p.source)
            return commands.ReceiveOrder(order_id=oid) if oid is not None else None
        if c.reason != "missing_qty" or not isinstance(p, commands.RecordMoves) or p.lines \
                or p.movement != commands.Movement.RECEIPT or p.at is not None:
            return None
        here = p.location or turn.user.location
        waiting = _awaiting(uow, here, partner=p.partner, sku=c.mention)
        if waiting:
            return commands.ReceiveOrder(partner=p.partner, sku=c.mention, location=p.location, unit_price=c.unit_price)
        oid = _incoming_transfer(uow, here, c.mention) if p.partner is None else None
        return commands.ReceiveOrder(order_id=oid) if oid is not None else None

    def _came_already(self, uow: UnitOfWork, turn: Turn, *, here: str, sku: str, source: str | None) -> None:
        """A transfer said to have come (仓库送的牛腩到了) that nothing is on its way for: when the sender recorded
        it come already in the last two days (给南山店送了牛腩2箱), said so; nothing is recorded twice."""
        since = turn.now - timedelta(days=2)
        came = [m for m in uow.stock.standing(uow.stock.moves_at(here, since=since, sku=sku))
                if m.kind == ledger.MoveKind.TRANSFER_IN and m.dst == here]
        out = [x for x in uow.stock.batches_moves(m.batch for m in came)   # (the senders' side, read at once)
               if x.kind == ledger.MoveKind.TRANSFER_OUT and x.sku == sku]
        for m in reversed(came):
            sent = [x for x in out if x.batch == m.batch]
            if sent and (source is None or sent[0].src == source):
                who = uow.catalog.user(m.actor) if m.actor else None
                raise errors.BadInput(code="transfer_in_already", product=self._name_of(sku),
                                      qty=replies.qty_text(self._catalog, sku, m.qty),
                                      source=replies.loc_name(sent[0].src, self._catalog),
                                      location=replies.loc_name(here, self._catalog),
                                      at=m.at.astimezone(turn.now.tzinfo).strftime("%m-%d %H:%M"),
                                      who=who.display_name if who is not None else (m.actor or ""))

    def _start_count(self, uow: UnitOfWork, turn: Turn, cmd: commands.StartCount) -> None:
        """开始盘点 · 盘点饮料: the store's products (of the category) that it holds or should hold, with what the books
        say; the session is kept (audited) so bare lines count until 盘点结束."""
        here = inventory.home(turn.user, cmd.location)
        if here is None:
            raise errors.BadInput(code="no_location")
        held: dict[str, Decimal] = {}
        lots: dict[str, list[str]] = {}
        for loc, sku, lot, q, _exp in uow.stock.all_levels():
            if loc == here:
                held[sku] = held.get(sku, Decimal(0)) + q
                if q != 0:
                    lots.setdefault(sku, []).append(lot or "")
        sheet = [p for p in uow.catalog.products() if (cmd.category is None or p.category == cmd.category)
                 and (held.get(p.sku, Decimal(0)) != 0 or (p.safety_stock > 0 and p.active))]
        if not sheet:
            turn.reply(self.t("count_sheet.empty", turn.lang, location=replies.loc_name(here, self._catalog)))
            return
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="count_started",
                       detail={"user": turn.user.username, "location": here, "skus": [p.sku for p in sheet],
                               "category": cmd.category, "at": turn.now.isoformat()})
        def by_serial(p: catalog.Product) -> str:   # (goods kept by serial: the units the books hold, to tick off)
            codes = sorted(lots.get(p.sku, []))
            if not p.serial or not codes or not all(codes):
                return ""
            return str(self.t("count_sheet.serials", turn.lang, codes="、".join(codes[:serials.SHOWN])
                              + ("…" if len(codes) > serials.SHOWN else "")))
        lines = [self.t("count_sheet.line", turn.lang, product=p.name,
                        qty=replies.qty_text(self._catalog, p.sku, held.get(p.sku, Decimal(0)))) + by_serial(p)
                 for p in sheet]
        turn.reply("\n".join([self.t("count_sheet.head", turn.lang, location=replies.loc_name(here, self._catalog),
                                      what=cmd.category or self.t("count_sheet.all", turn.lang), n=len(sheet)),
                              *lines, self.t("count_sheet.how", turn.lang)]))

    def _count_session(self, uow: UnitOfWork, turn: Turn) -> dict[str, Any] | None:
        """The user's count sheet still open (started in the last 12 hours, not finished), or None."""
        started = next((a for a in uow.chat.audits("count_started", limit=50) if a.get("user") == turn.user.username),
                       None)
        if started is None or turn.now - datetime.fromisoformat(str(started["at"])) > COUNT_SESSION:
            return None
        done = {a.get("session") for a in uow.chat.audits("count_finished", limit=50)
                if a.get("user") == turn.user.username}
        return None if started["at"] in done else started

    def _finish_count(self, uow: UnitOfWork, turn: Turn) -> None:
        """盘点结束: what of the sheet was counted since it began, what was not (its books stand), and the differences
        found, at recent cost."""
        session = self._count_session(uow, turn)
        if session is None:
            turn.reply(self.t("count_sheet.none", turn.lang))
            return
        here, since = str(session["location"]), datetime.fromisoformat(str(session["at"]))
        moves = uow.stock.standing(m for m in uow.stock.moves(since=since, kinds=[ledger.MoveKind.COUNT_ADJUSTMENT.value])
                                   if m.actor == turn.user.username and here in (m.src, m.dst))
        diff: dict[str, Decimal] = {}
        for m in moves:
            diff[m.sku] = diff.get(m.sku, Decimal(0)) + (m.qty if m.dst == here else -m.qty)
        counted = self._counted_since(uow, turn, here, since)
        sheet = [str(s) for s in session.get("skus") or []]
        missed = [s for s in sheet if s not in counted]
        products = [p for p in uow.catalog.products() if p.sku in diff]
        costs = metrics.unit_costs(uow, products)
        value = sum(((costs.get(s) or Decimal(0)) * q for s, q in diff.items()), Decimal(0))
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="count_finished",
                       detail={"user": turn.user.username, "session": session["at"], "counted": len(counted),
                               "missed": missed})
        out = [self.t("count_sheet.done", turn.lang, location=replies.loc_name(here, self._catalog),
                      counted=len([s for s in sheet if s in counted]), n=len(sheet))]
        out += [self.t("count_sheet.diff", turn.lang, product=self._name_of(s),
                       qty=("+" if q > 0 else "-") + replies.qty_text(self._catalog, s, abs(q))) for s, q in diff.items() if q]
        if diff:   # the net of surplus and shortage, at recent cost
            out.append(self.t("count_sheet.loss" if value < 0 else "count_sheet.gain", turn.lang,
                              value=reports.money(abs(value))))
        if missed:
            out.append(self.t("count_sheet.missed", turn.lang, items="、".join(self._name_of(s) for s in missed[:20])))
        turn.reply("\n".join(str(x) for x in out))

    @staticmethod
    def _counted_since(uow: UnitOfWork, turn: Turn, here: str, since: datetime) -> set[str]:
        """The products the user counted at ``here`` since then (a count that found the books right moves nothing,
        so the audit of each count is read, not the ledger)."""
        return {str(s) for a in uow.chat.audits("count_recorded", limit=200)
                if a.get("user") == turn.user.username and a.get("location") == here
                and datetime.fromisoformat(str(a["at"])) >= since for s in a.get("skus") or []}

    @staticmethod
    def _awaiting_me(uow: UnitOfWork, user: catalog.User) -> list[Any]:
        """The orders waiting for this user's decision: a store's for its managers, every one for the owner; a
        transfer asked of a place, for the managers of the place that would send it."""
        return [o for o in uow.orders.list(kinds=["purchase", "purchase_request", "sale", "transfer"],
                                           statuses=["pending_approval"])
                if user.role == catalog.Role.ADMIN
                or user.username in {m.username for m in purchasing.managers_of(
                    uow, o.source if o.kind.value == "transfer" else o.location)}]

    @staticmethod
    def _transfers(uow: UnitOfWork, user: catalog.User, *, status: str, at_dest: bool) -> list[Any]:
        """The transfers in ``status`` that come to (``at_dest``) or leave the user's store (every store's for a user
        without one)."""
        here = user.location
        return [o for o in uow.orders.list(kinds=["transfer"], statuses=[status])
                if here is None or (o.location if at_dest else o.source) == here]

    def _ship_transfer(self, uow: UnitOfWork, turn: Turn, cmd: commands.ShipTransfer) -> None:
        """发货了 · 调拨单2已发货: the transfer this store is to send, with its ship button (pressed, the goods go into
        transit and the receiving store is asked to confirm them)."""
        ready = self._transfers(uow, turn.user, status="open", at_dest=False)
        if cmd.order_id is not None:
            ready = [o for o in ready if o.id == cmd.order_id]
        if cmd.dest is not None:   # 南山店要的土豆发了: that store's (with that product)
            ready = [o for o in ready if o.location == cmd.dest
                     and (cmd.sku is None or any(ln.sku == cmd.sku for ln in o.lines))]
        if len(ready) != 1:
            turn.reply(self.t("ship_transfer.which" if ready else "ship_transfer.none", turn.lang,
                              ids="、".join(f"#{o.id}" for o in ready), id=cmd.order_id or ""))
            return
        o = ready[0]
        turn.reply(self.t("transfer_to_ship", turn.lang, id=o.id, order=purchasing.describe(uow, o)),
                   [[Button(self.t("btn.ship", turn.lang), f"sh:{o.id}")]])

    def _transfer_arrived(self, uow: UnitOfWork, turn: Turn, o: Any) -> None:
        """A transfer said to have come: once shipped, its receipt button (what was shipped is received); before,
        where it is."""
        desc = purchasing.describe(uow, o)
        if o.status.value == "shipped":
            turn.reply(self.t("transfer_arrived.ask", turn.lang, id=o.id, order=desc),
                       [[Button(self.t("btn.receive", turn.lang), f"rv:{o.id}")]])
        elif o.status.value in ("done", "cancelled", "rejected"):
            turn.reply(self.t("transfer_arrived.closed", turn.lang, id=o.id, order=desc,
                              status=replies.status_word(self.t, turn.lang, o)))
        else:
            turn.reply(self.t("transfer_arrived.not_yet", turn.lang, id=o.id, order=desc,
                              status=replies.status_word(self.t, turn.lang, o)))

    def _expired_lines(self, uow: UnitOfWork, turn: Turn, cmd: commands.RecordMoves) -> commands.RecordMoves | None:
        """过期的牛奶扔了: the write-off of every lot of those products (every product, none named) at the store that
        is past its date, a line per lot; None, with a reply, when there is none."""
        here = inventory.home(turn.user, cmd.location)
        named = {ln.sku for ln in cmd.lines}
        lines = tuple(commands.Line(sku=sku, qty=q, lot=lot) for loc, sku, lot, q, exp in uow.stock.all_levels()
                      if loc == here and q > 0 and exp is not None and exp <= turn.now and (not named or sku in named))
        if not lines:
            turn.reply(self.t("expired.none", turn.lang, location=replies.loc_name(here, self._catalog),
                              items="、".join(self._name_of(s) for s in named) or self.t("expired.anything", turn.lang)))
            return None
        return replace(cmd, lines=lines, expired=False)

    def _on_hand_lines(self, uow: UnitOfWork, turn: Turn, cmd: commands.RecordMoves | commands.TransferStock, *,
                       before: dict[tuple[str, str], Decimal] | None = None
                       ) -> commands.RecordMoves | commands.TransferStock | None:
        """可颂卖完了 · 牛奶用光了 · 土豆全部调到福田店: the command with each line's quantity what the store (a
        transfer's source) has of it (None, with a reply, when it has none of any); ``before``: what parts said before
        it in the same message change of it first."""
        here = inventory.home(turn.user, cmd.source if isinstance(cmd, commands.TransferStock) else cmd.location)
        lines = []
        share = cmd.share if isinstance(cmd, commands.RecordMoves) else None
        for ln in cmd.lines:
            have = uow.stock.on_hand(here, ln.sku) + (before or {}).get((here, ln.sku), Decimal(0))
            qty = have - ln.qty   # (可颂卖剩3个: what was kept stays)
            if share is not None:   # 番茄坏了一半: that share of it (whole ones of a stock held in whole ones)
                qty = have * share
                qty = qty.to_integral_value(ROUND_HALF_UP) if have == have.to_integral_value() and qty >= 1 \
                    else units.normalize(qty.quantize(Decimal("0.001"), ROUND_HALF_UP))
            if qty > 0:
                lines.append(replace(ln, qty=qty, unit="", raw_qty=None))
            elif ln.qty > 0 and len(cmd.lines) == 1:   # 可颂卖剩50个 with 40 on the books: nothing to sell; a count?
                turn.reply(self.t("rest.kept_more", turn.lang, location=replies.loc_name(here, self._catalog),
                                  product=self._name_of(ln.sku), have=replies.qty_text(self._catalog, ln.sku, have),
                                  kept=replies.qty_text(self._catalog, ln.sku, ln.qty)))
                return None
        if not lines:
            turn.reply(self.t("rest.none", turn.lang, location=replies.loc_name(here, self._catalog),
                              items="、".join(self._name_of(ln.sku) for ln in cmd.lines)))
            return None
        if isinstance(cmd, commands.TransferStock):
            return replace(cmd, lines=tuple(lines), source=here, rest=False)
        return replace(cmd, lines=tuple(lines), location=here, rest=False, share=None)

    def _ask(self, uow: UnitOfWork, turn: Turn, cmd: commands.Command, text: str, *,
             unit_of: list[int] | None = None, price_of: list[int] | None = None) -> None:
        """Ask before ``cmd`` is done (确认 / 取消); ``unit_of``: its lines whose unit was assumed (苹果3 read as 3斤),
        so a reply of a unit (箱) says what was meant; ``price_of``: its lines whose price was taken per base unit
        though said of packs (牛奶2箱,单价60), so a reply of the pack (箱 · 每箱) prices them per pack."""
        token = secrets.token_hex(4)
        payload: dict[str, Any] = {"cmd": codec.dump(cmd), "token": token}
        if unit_of:
            payload["unit_of"] = unit_of
        if price_of:
            payload["price_of"] = price_of
        uow.chat.set_pending(turn.user.username, kind="confirm", payload=payload, expires_at=turn.now + PENDING_TTL)
        turn.reply(text, [[Button(self.t("btn.confirm", turn.lang), f"ok:{token}"),
                           Button(self.t("btn.cancel", turn.lang), f"no:{token}")]])

    def _unit_meant(self, payload: dict[str, Any], text: str) -> tuple[commands.Command, list[int]] | None:
        """The pending write with its assumed units replaced by the unit replied (箱 · 是箱 · 按箱: every line read in
        the base unit that comes in it) and the lines still assumed, or None when the reply is no such unit. A
        price taken per base unit (``price_of``) and the pack replied (箱 · 每箱 · 是每箱的价钱): priced per pack."""
        said = re.sub(r"^(?:是|按|要|单位是?)|(?:吧|啊|的)$", "", text.strip(" ,.!"))
        products = {p.sku: p for p in (self._catalog.products if self._catalog else ())}
        priced = set(payload.get("price_of") or [])
        per = _PER_PACK.fullmatch(text.strip(" ,.!。?？")) if priced else None
        if per is not None:   # 箱 · 每箱 · 是每箱的价钱 · 按箱算 · 每箱60 (the price said again, or another) · 升
            cmd = codec.load(payload["cmd"])
            pack = per.group("pack")
            size = {i: Decimal(1) if pack == p.base_unit else p.packs[pack] for i in priced if i < len(cmd.lines)
                    and cmd.lines[i].unit_price is not None and (p := products.get(cmd.lines[i].sku)) is not None
                    and (pack in p.packs or pack == p.base_unit)}
            if size:
                value = Decimal(per.group("n")) if per.group("n") else None
                return replace(cmd, lines=tuple(
                    replace(ln, unit_price=units.normalize((value if value is not None else ln.unit_price) / size[i]))
                    if i in size and ln.unit_price is not None else ln
                    for i, ln in enumerate(cmd.lines))), sorted(set(payload.get("unit_of") or []))
        assumed = set(payload.get("unit_of") or [])
        if not assumed or not said or len(said) > 3:
            return None
        cmd = codec.load(payload["cmd"])
        fits = {i for i in assumed if i < len(cmd.lines) and cmd.lines[i].sku in products
                and products[cmd.lines[i].sku].accepts(said)}
        if not fits:
            return None
        return replace(cmd, lines=tuple(
            replace(ln, qty=units.normalize(products[ln.sku].to_base(ln.qty, said))) if i in fits else ln
            for i, ln in enumerate(cmd.lines))), sorted(assumed - fits)

    def _bookings(self, uow: UnitOfWork, turn: Turn, cmd: commands.Bookings, *, confirmed: bool) -> None:
        """明天的预定有哪些: the store's bookings on those days, by time; 取消明天的包桌: those said in the chat (a
        customer's order books its own, called off with the order) taken off once confirmed, audited; 张女士改到后天
        下午4点: those moved there once confirmed, audited (a day alone keeps each one's time; a time alone its day);
        张女士改成3个人: how many are coming to those, once confirmed, audited (a table's row holds them; the words say
        them)."""
        here = cmd.location or turn.user.location
        start, end = replies.day_bounds(cmd.start, cmd.end, turn.now.tzinfo)
        changes = cmd.cancel or cmd.move_to is not None or cmd.move_minutes is not None or cmd.guests is not None
        rows = sorted((b for b in uow.chat.bookings(start=max(start, turn.now) if changes else start, end=end,
                                                      location=here)
                       if (not changes or b.order_id is None) and cmd.who in b.note   # (张女士的预约: hers)
                       and (cmd.at is None or b.at == cmd.at)),   # (明天晚上6点的包桌: that one)
                      key=lambda b: (b.at, b.id or 0))
        if cmd.move_minutes is not None and rows:   # 王总的理疗推迟一小时: the next day's of them, not every one ahead
            rows = [b for b in rows if b.at.astimezone(turn.now.tzinfo).date()
                    == rows[0].at.astimezone(turn.now.tzinfo).date()]
        span = reports.days_text(self.t, turn.lang, cmd.start, cmd.end) + (f" {cmd.who}" if cmd.who else "")
        where = replies.loc_name(here, self._catalog) if here else self.t("all_locations", turn.lang)
        if not rows:
            turn.reply(self.t("bookings.none", turn.lang, location=where, span=span))
            return
        tz = turn.now.tzinfo
        moved_to = {b.id: self._moved(b.at.astimezone(tz), cmd) for b in rows} \
            if cmd.move_to is not None or cmd.move_minutes is not None else {}
        noted = {b.id: services.with_guests(b.note, cmd.guests) for b in rows} if cmd.guests is not None else {}

        def listing(at_of: dict[Any, datetime], note_of: dict[Any, str] | None = None) -> str:
            groups: dict[tuple[datetime, str, str], list[Any]] = {}
            for b in rows:
                groups.setdefault((at_of.get(b.id) or b.at, (note_of or {}).get(b.id, b.note), b.location), []).append(b)
            return "\n".join(self.t("bookings.line", turn.lang, at=f"{at.astimezone(tz):%m-%d %H:%M}", note=note or "",
                                     place="" if here else f"({replies.loc_name(loc, self._catalog)})",
                                     items="、".join(f"{self._name_of(b.sku)} {replies.qty_text(self._catalog, b.sku, b.qty)}"
                                                    for b in bs if b.sku != commands.NO_GOODS)
                                     or self.t("bookings.no_goods", turn.lang))
                              for (at, note, loc), bs in groups.items())

        n = len({(b.at, b.note, b.location) for b in rows})
        listed = listing({})
        if not changes:
            turn.reply(self.t("bookings.head", turn.lang, location=where, span=span, n=n) + "\n" + listed)
            return
        if moved_to and min(moved_to.values()) <= turn.now:
            raise errors.BadInput(code="booking_move_past", at=f"{min(moved_to.values()):%m-%d %H:%M}")
        if cmd.guests is not None:
            self._guests_changed(uow, turn, cmd, rows, listing({}, noted), listed, n, noted, confirmed=confirmed)
            return
        if not confirmed:
            ask = self.t("bookings.cancel_ask", turn.lang, n=n) if cmd.cancel else \
                self.t("bookings.move_ask", turn.lang, n=n) + "\n" + listing(moved_to) \
                + self._moved_load(uow, turn, rows, moved_to, here) + "\n" + self.t("bookings.move_from", turn.lang)
            self._ask(uow, turn, cmd, ask + "\n" + listed)
            return
        if cmd.cancel:
            uow.chat.drop_booking_ids([b.id for b in rows if b.id is not None])
        else:
            for b in rows:
                uow.chat.change_booking(b.id, at=moved_to[b.id])
        uow.chat.audit(at=turn.now, actor=turn.user.username,
                       action="bookings_cancelled" if cmd.cancel else "bookings_moved",
                       detail={"ids": [b.id for b in rows], "location": here}
                       | ({} if cmd.cancel else {"to": {str(k): v.isoformat() for k, v in moved_to.items()}}))
        for b in rows:
            if b.sku != commands.NO_GOODS:   # (a table booked with no goods took none)
                turn.events.append(events.Booked(location=b.location, sku=b.sku, at=turn.now))
        if cmd.cancel:
            turn.reply(self.t("bookings.cancelled", turn.lang, n=n) + "\n" + listed)
            return
        first = min(moved_to.values())
        turn.reply(self.t("bookings.moved", turn.lang, n=n) + "\n" + listing(moved_to)
                   + reports.closed_note(uow, self.t, turn.lang, location=here, when=first, tz=tz))

    def _guests_changed(self, uow: UnitOfWork, turn: Turn, cmd: commands.Bookings, rows: list[Any], after: str,
                        before: str, n: int, noted: dict[Any, str], *, confirmed: bool) -> None:
        """张女士改成3个人: the bookings as they would read, asked first; then each one's words say the guests now, and a
        table's row holds them (its goods, if any, stay as they were: said so), audited."""
        assert cmd.guests is not None
        if n > 1:   # (how many come is one booking's: never all of a day's set alike)
            raise errors.BadInput(code="bookings_guests_which", n=n, listed=before, span=reports.days_text(
                self.t, turn.lang, cmd.start, cmd.end) + (f" {cmd.who}" if cmd.who else ""))
        if not confirmed:
            self._ask(uow, turn, cmd, self.t("bookings.guests_ask", turn.lang, n=n, guests=cmd.guests) + "\n" + after
                      + "\n" + self.t("bookings.move_from", turn.lang) + "\n" + before)
            return
        for b in rows:
            uow.chat.change_booking(b.id, note=noted[b.id],
                                    qty=Decimal(cmd.guests) if b.sku == commands.NO_GOODS else None)
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="bookings_guests",
                       detail={"ids": [b.id for b in rows], "guests": cmd.guests,
                               "was": {str(b.id): b.note for b in rows}})
        goods = any(b.sku != commands.NO_GOODS for b in rows)
        turn.reply(self.t("bookings.guests_changed", turn.lang, n=n) + "\n" + after
                   + ("\n" + self.t("bookings.guests_goods", turn.lang) if goods else ""))

    def _moved_load(self, uow: UnitOfWork, turn: Turn, rows: list[Any], moved_to: dict[Any, datetime],
                    here: str | None) -> str:
        """Appointments about to move: their new day's hours against what each service can take, as if moved (those
        already on that day counted once), so that a day it would overfill is seen before confirming."""
        offered = appointments.services_of(uow)
        booked = {b.sku for b in rows} & set(offered)
        if not booked or not here:
            return ""
        tz = turn.now.tzinfo
        first = min(moved_to.values())
        day = first.astimezone(tz).date()
        loads = appointments.span_loads(uow, location=here, start=day, end=day, tz=tz, offered=offered)[0][day]
        coming = {sku: sum((Decimal(b.qty) for b in rows if b.sku == sku and b.at.astimezone(tz).date() != day),
                           Decimal(0)) for sku in booked}
        ahead = [replace(ld, booked=ld.booked + coming.get(ld.sku, Decimal(0))) for ld in loads]
        return replies.day_load(self.t, turn.lang, [ld for ld in ahead if ld.sku in booked], ahead, offered,
                                self._catalog, day=first)

    @staticmethod
    def _moved(at: datetime, cmd: commands.Bookings) -> datetime:
        """Where a booking at ``at`` goes: the day and time said, or the day said at its time, or its day at the
        time said; or as much later (or earlier) as said."""
        if cmd.move_minutes is not None:
            return at + timedelta(minutes=cmd.move_minutes)
        to = cmd.move_to
        assert to is not None
        if cmd.move_day and cmd.move_time:
            return to
        if cmd.move_day:
            return at.replace(year=to.year, month=to.month, day=to.day)
        return at.replace(hour=to.hour, minute=to.minute, second=0, microsecond=0)

    # what may still happen to a retired product: its stock counted, written off, used up, sent back or moved
    _RETIRED_MAY = (commands.Movement.SCRAP, commands.Movement.CONSUMPTION, commands.Movement.RETURN_TO_SUPPLIER,
                    commands.Movement.CUSTOMER_RETURN)

    def _not_retired(self, uow: UnitOfWork, cmd: commands.Command) -> None:
        """A retired product is no longer bought, received, sold, made or ordered (its stock may still be counted,
        written off, used, returned or moved): refused, naming it."""
        if isinstance(cmd, commands.Batch):
            for part in cmd.parts:
                self._not_retired(uow, part)
            return
        if isinstance(cmd, commands.RecordMoves) and cmd.movement in self._RETIRED_MAY \
                or not isinstance(cmd, commands.RecordMoves | commands.PlacePurchase | commands.PlaceSale):
            return
        for ln in cmd.lines:
            p = uow.catalog.product(ln.sku)
            if p is not None and not p.active:
                raise errors.BadInput(code="product_retired", product=p.name)

    def _retire(self, uow: UnitOfWork, turn: Turn, cmd: commands.RetireProduct, *, confirmed: bool) -> None:
        """酸菜下架 (asked first, with what is still on hand: it stays on the books) · 恢复酸菜: kept on the product, audited;
        a retired product is still understood by name (its stock may be counted, written off or returned) but no longer
        received, sold or ordered (``_not_retired``), planned, reordered or alerted on."""
        product = uow.catalog.product(cmd.sku)
        if product is None:
            raise errors.NotFound(code="unknown_sku", sku=cmd.sku)
        if product.active == cmd.active:
            turn.reply(self.t("retire.already_active" if cmd.active else "retire.already", turn.lang, product=product.name))
            return
        if not confirmed:
            held = [(loc.name, q) for loc in uow.catalog.locations() if loc.kind.is_physical
                    and (q := uow.stock.on_hand(loc.code, cmd.sku)) != 0]
            left = "、".join(f"{n} {replies.qty_text(self._catalog, cmd.sku, q)}" for n, q in held)
            key = "retire.ask_restore" if cmd.active else "retire.ask_held" if held else "retire.ask"
            self._ask(uow, turn, cmd, self.t(key, turn.lang, product=product.name, held=left))
            return
        uow.catalog.set_product(cmd.sku, {"active": cmd.active})
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="product_restored" if cmd.active else "product_retired",
                       detail={"sku": cmd.sku})
        turn.reply(self.t("retire.restored" if cmd.active else "retire.done", turn.lang, product=product.name))

    def _set_user(self, uow: UnitOfWork, turn: Turn, cmd: commands.SetUser, *, confirmed: bool) -> None:
        """小王调到福田店了 · 小王离职了 · 恢复小王的账号 · 把小王升为店长: asked first, then kept on the person and
        audited. A manager changes the store or account of their own store's staff and purchasers; a role only the
        owner (an admin); nobody changes their own. Whoever left can no longer write or be told anything (their
        records stay); whoever is moved, promoted or back hears it."""
        who = uow.catalog.user(cmd.username)
        if who is None:
            raise errors.NotFound(code="unknown_user", user=cmd.username)
        me = turn.user
        if who.username == me.username:
            raise errors.BadInput(code="user_self")
        admin = me.can("admin")
        if not admin and (cmd.role is not None or who.role not in (catalog.Role.STAFF, catalog.Role.PURCHASER)
                          or who.location != me.location):
            raise errors.NotAllowed(code="user_not_yours", user=who.display_name)
        if cmd.role == catalog.Role.ADMIN.value or (who.partner is not None and cmd.active is None):
            raise errors.BadInput(code="user_role", user=who.display_name, role=self.t(f"role.{cmd.role}", turn.lang)
                                  if cmd.role else self.t("role.supplier", turn.lang))
        where = replies.loc_name(who.location, self._catalog) if who.location else ""
        old: Any
        new: Any
        if cmd.location is not None:
            field, old, new = "location", who.location, cmd.location
            said = {"where": replies.loc_name(cmd.location, self._catalog)}
        elif cmd.role is not None:
            field, old, new = "role", who.role.value, cmd.role
            said = {"role": self.t(f"role.{cmd.role}", turn.lang)}
        else:
            field, old, new = "active", who.active, bool(cmd.active)
            said = {}
        key = {"location": "moved", "role": "role"}.get(field) or ("back" if new else "left")
        params = {"user": who.display_name, "was": f"{where}{self.t(f'role.{who.role.value}', turn.lang)}", **said}
        if old == new:
            turn.reply(self.t(f"staff.already_{key}", turn.lang, **params))
            return
        if not confirmed:
            self._ask(uow, turn, cmd, self.t(f"staff.ask_{key}", turn.lang, **params))
            return
        uow.catalog.set_user(who.username, {field: new})
        uow.chat.audit(at=turn.now, actor=me.username, action="user_changed",
                       detail={"user": who.username, "field": field, "old": old, "new": new})
        if field == "active" and not new:
            uow.chat.clear_pending(who.username)
        else:
            turn.push(who.username, self.t(f"staff.told_{key}", who.language, by=me.display_name,
                                           **{**params, **({"role": self.t(f"role.{cmd.role}", who.language)}
                                                           if cmd.role else {})}))
        turn.reply(self.t(f"staff.done_{key}", turn.lang, **params))

    def _price_still_unsure(self, cmd: commands.Command, payload: dict[str, Any]) -> tuple[commands.Guess, ...]:
        """The ``price_unit`` guesses of a corrected draft's lines whose price's unit was asked and not yet said."""
        products = {p.sku: p for p in (self._catalog.products if self._catalog else ())}
        held = getattr(cmd, "lines", ())
        return tuple(commands.Guess("price_unit", ln.mention or p.name, f"{p.base_unit}|{ln.unit}")
                     for i in payload.get("price_of") or [] if i < len(held)
                     and (p := products.get((ln := held[i]).sku)) is not None and ln.unit in p.packs)

    def _pending_fixed(self, parser: Parser, payload: dict[str, Any], text: str,
                       turn: Turn) -> commands.Command | str | None:
        """The draft awaiting 确认 with the quantity a correction of it says (不对,是3袋 · 雪碧应该是2箱); None when the
        reply is no correction of it; the draft's products (to ask which) when it is a correction that fits no one
        line: a correction naming no product fits a draft of one product only."""
        cmd = codec.load(payload["cmd"])
        held = getattr(cmd, "lines", None)
        if not held or not isinstance(cmd, _LINED):
            return None
        skus = tuple(dict.fromkeys(ln.sku for ln in held))
        speaker = context.Speaker(user=turn.user, now=turn.now,
                                  recent=lambda: context.Recent(movement="draft", skus=skus))
        said = parser.parse(text, speaker=speaker)
        if not isinstance(said, commands.Parsed) or not isinstance(said.command, commands.Correct) \
                or said.command.of is not None:   # (把昨天卖的可乐改成3箱: a write of its own day, not the draft)
            return None
        fix = said.command
        sku = fix.sku or (skus[0] if len(skus) == 1 else None)
        product = next((p for p in (self._catalog.products if self._catalog else ()) if p.sku == sku), None)
        which = "、".join(self._name_of(s) for s in skus)
        if fix.qty is None or fix.delta or fix.location is not None or product is None or sku not in skus \
                or sum(ln.sku == sku for ln in held) > 1:   # (the same product twice in the draft: which line?)
            return which
        try:
            qty = product.to_base(fix.qty, fix.unit)
        except errors.DomainError:
            return which
        if qty <= 0:
            return which
        return replace(cmd, lines=tuple(replace(ln, qty=qty) if ln.sku == sku else ln for ln in held))

    def _confirm(self, uow: UnitOfWork, turn: Turn, payload: dict[str, Any]) -> None:
        uow.chat.clear_pending(turn.user.username)
        cmd = codec.load(payload["cmd"])
        self.execute(uow, turn, cmd, confirmed=True)

    def _write(self, uow: UnitOfWork, turn: Turn, cmd: commands.Command, *, guesses: tuple[commands.Guess, ...],
               confirmed: bool) -> bool:
        """The write recorded (True), or shown first to confirm (False)."""
        actor = self._actor(turn, cmd)
        cmd = inventory.short_of_order(uow, cmd, turn.user)   # (牛腩到了48斤,少了2斤 with 50 on order: 48 came)
        cmd, estimated = purchasing.costed(uow, cmd)   # (收到张记牛腩50斤,现结: paid at the cost it is kept at)
        plan = inventory.plan(uow, cmd, actor=actor, force=confirmed)
        below = self._below_cost(uow, cmd)   # 卖了可乐2箱,每瓶2元 with cola costing ¥2.50: a typo, or a loss to see
        if not confirmed:
            doubts = replies.guesses(self.t, turn.lang, guesses, self._catalog)
            if isinstance(cmd, commands.RecordMoves) and photos.made_from_photo(cmd.note) \
                    and not any(g.kind == "photo" for g in guesses):   # (its store picked first: still asked)
                doubts += self.t("photo.confirm", turn.lang)
            big, absurd = self._unusual(uow, cmd, turn.user)
            if absurd and not turn.user.can("approve"):   # a typo's worth of zeros: staff may not wave it through
                raise errors.BadInput(code="absurd_qty", items="、".join(self._name_of(s) for s in absurd))
            if absurd:
                doubts += self.t("doubt.absurd_qty", turn.lang, items="、".join(self._name_of(s) for s in absurd))
            elif big:
                doubts += self.t("doubt.big_qty", turn.lang, items="、".join(self._name_of(s) for s in big))
            doubts += self._negative(plan.shortfalls, turn.lang)
            if isinstance(cmd, commands.RecordMoves) and cmd.movement in (commands.Movement.RECEIPT,
                                                                          commands.Movement.PRODUCTION):
                stale = [ln for ln in cmd.lines if ln.expiry is not None and ln.expiry < turn.now]
                if stale:   # 收到牛腩50斤,保质期到昨天: goods past their date on arrival (a typo, or goods to refuse)
                    doubts += self.t("doubt.expired", turn.lang, items="、".join(dict.fromkeys(
                        self._name_of(ln.sku) for ln in stale)), date=min(
                        ln.expiry for ln in stale if ln.expiry is not None).astimezone(turn.now.tzinfo).strftime("%m-%d"))
            if below:   # (asked first)
                doubts += self.t("doubt.below_cost", turn.lang, items=self._below_words(turn.lang, below))
            above = self._above_agreed(uow, cmd, turn.lang)
            if above:   # 收到张记的牛腩50斤,单价35 with ¥30 agreed: a typo, or a price to take up with it
                doubts += self.t("doubt.above_agreed", turn.lang, items=above)
            if doubts:
                assumed = {g.mention for g in guesses if g.kind == "assumed_unit"}
                self._ask(uow, turn, cmd, doubts + self.t("doubt.ask", turn.lang,
                                                          summary=replies.summary(self.t, turn.lang, cmd, self._catalog,
                                                                                  user=turn.user)),
                          unit_of=[i for i, ln in enumerate(getattr(cmd, "lines", ())) if ln.mention in assumed],
                          price_of=_price_unsure(cmd, guesses))
                return False
        turn.events += inventory.record(uow, plan, actor=actor, t=self.t, push=turn.push)
        if below and not turn.user.can("approve"):   # sold below cost by someone else than a manager: managers hear
            here = inventory.home(turn.user, getattr(cmd, "location", None))
            loss = sum(((cost - price) * qty for _, qty, price, cost in below), Decimal(0))
            for m in purchasing.managers_of(uow, here):
                turn.push(m.username, self.t("below_cost.told", m.language, who=turn.user.display_name,
                                             place=replies.loc_name(here, self._catalog),
                                             items=self._below_words(m.language, below), loss=reports.money(loss)))
        if isinstance(cmd, commands.RecordMoves) and cmd.came_short_from:   # the sending place hears of it
            here = inventory.home(turn.user, cmd.location)
            for m in purchasing.managers_of(uow, cmd.came_short_from):
                if m.username != turn.user.username:
                    turn.push(m.username, self.t("transfer_short.told", m.language, who=turn.user.display_name,
                                                 place=replies.loc_name(here, self._catalog),
                                                 source=replies.loc_name(cmd.came_short_from, self._catalog),
                                                 items=replies.items(cmd.lines, self._catalog)))
        if isinstance(cmd, commands.CountStock):   # what was counted, even where the books were right (no move)
            uow.chat.audit(at=turn.now, actor=turn.user.username, action="count_recorded",
                           detail={"user": turn.user.username, "location": inventory.home(turn.user, cmd.location),
                                   "skus": [ln.sku for ln in cmd.lines], "at": turn.now.isoformat(), "batch": actor.batch,
                                   "qty": {ln.sku: str(ln.qty) for ln in cmd.lines}})
        text = self.t("recorded", turn.lang, summary=replies.summary(self.t, turn.lang, cmd, self._catalog,
                                                                       user=turn.user))
        text += replies.by_recipe(self.t, turn.lang, plan.moves, self._catalog)
        text += replies.substituted(self.t, turn.lang, plan.substituted, self._catalog)
        text += replies.after_levels(self.t, turn.lang, uow, cmd, user=turn.user, catalog=self._catalog)
        text += replies.order_progress(self.t, turn.lang, uow, plan.order_receipts, self._catalog)
        payee = _payee(cmd)
        if payee is not None and isinstance(cmd, commands.RecordMoves):   # 付了现金: its payment
            text += "\n" + purchasing.paid_on_the_spot(
                uow, turn, actor.batch, payee, t=self.t, estimated=estimated, **_spot_terms(cmd))
        if isinstance(cmd, commands.RecordMoves) and cmd.freight is not None:   # 运费50: in the lots' costs
            text += replies.landed(self.t, turn.lang, cmd, plan.landed, self._catalog)
            if cmd.freight_paid and cmd.partner is not None and cmd.freight > 0:   # 运费已付: not owed with the goods
                text += "\n" + purchasing.freight_apart(uow, turn, actor.batch, cmd.partner, cmd.freight, t=self.t)
        turn.reply(text, [[Button(self.t("btn.undo", turn.lang), f"undo:{actor.batch}")]])
        return True

    def _negative(self, shortfalls: list[Any], lang: str) -> str:
        """What a write would take below zero, each place and product with what it has and what is asked."""
        return "".join(self.t("doubt.negative", lang, product=self._name_of(s.sku),
                              location=replies.loc_name(s.location, self._catalog),
                              available=replies.qty_text(self._catalog, s.sku, s.available),
                              requested=replies.qty_text(self._catalog, s.sku, s.requested)) for s in shortfalls)

    def _write_all(self, uow: UnitOfWork, turn: Turn, cmd: commands.Batch, *, guesses: tuple[commands.Guess, ...],
                   confirmed: bool) -> None:
        """Several writes from one message (收到鸡蛋3板,碎了5个): shown together and asked once, then recorded in
        order under one batch, so one 撤销 takes them all back. A part said of everything on hand (可颂卖完了,牛奶用完了)
        is shown with what the store has; one of which it has none is said and left out. A subcontractor's goods
        received (收到光明的可颂60个) are its work order's, made (``work.returns``), never bought."""
        cmd = commands.Batch(tuple(x for p in cmd.parts for x in self._returned(uow, turn, p)))
        from_stock = any(isinstance(p, commands.RecordMoves | commands.TransferStock) and p.rest for p in cmd.parts)
        if from_stock:   # (早上卖了可颂3个,下午卖完了: what is left after the parts before it)
            whole: list[commands.RecordMoves | commands.CountStock | commands.TransferStock | commands.WorkStep | None] = []
            before: dict[tuple[str, str], Decimal] = {}
            for p in cmd.parts:
                w = self._on_hand_lines(uow, turn, p, before=before) \
                    if isinstance(p, commands.RecordMoves | commands.TransferStock) and p.rest else p
                whole.append(w)
                if w is not None and not isinstance(w, commands.WorkStep):
                    for m in inventory.plan(uow, w, actor=self._actor(turn, w), force=True).moves:
                        for loc, sign in ((m.src, -1), (m.dst, 1)):
                            before[(loc, m.sku)] = before.get((loc, m.sku), Decimal(0)) + sign * m.qty
            kept = tuple(p for p in whole if p is not None)
            if not kept or any(w is None and isinstance(p, commands.RecordMoves) and any(ln.qty > 0 for ln in p.lines)
                               for p, w in zip(cmd.parts, whole, strict=True)):
                return   # (可颂卖剩50个,扔了 with 40 on the books: said why, nothing of it recorded)
            cmd, confirmed = commands.Batch(kept), False   # quantities read from stock: always shown first
        # (卖了蓝牙耳机1副,优惠20元,送了1个手机壳: the sale shown at what was taken)
        cmd = commands.Batch(tuple(inventory.settled(uow, p, user=turn.user, now=turn.now)
                                   if isinstance(p, commands.RecordMoves) else p
                                   for p in cmd.parts))
        summaries = [replies.summary(self.t, turn.lang, part, self._catalog, user=turn.user) for part in cmd.parts]
        beyond = next((b for p in cmd.parts if isinstance(p, commands.RecordMoves)
                       and (b := purchasing.beyond_limit(uow, turn.user, p)) is not None), None)
        if beyond is not None:   # (a manager approves a sale on its own: never one slipped into a batch)
            raise errors.NotAllowed(code="discount_in_batch", pct=f"{beyond[0] * 100:.1f}",
                                    limit=wording.share(beyond[1]))
        held = next((p for p in cmd.parts if isinstance(p, commands.RecordMoves) and p.partner
                     and (not p.paid or p.paid_amount is not None) and purchasing.needs_credit_review(uow, p, turn.now)),
                    None) if not confirmed else None   # (read before it is shown, not again at 确认)
        if held is not None:   # (团餐拿了…,散客买了… with 团餐 over its limit: its sale alone, reviewed)
            raise errors.NotAllowed(code="credit_in_batch", partner=replies.partner_name(held.partner, self._catalog)
                                    or "")
        if not confirmed:
            doubts = replies.guesses(self.t, turn.lang, guesses, self._catalog)
            net: dict[tuple[str, str], Decimal] = {}   # what the parts together take from each place (卖了…,又卖了…)
            for part in cmd.parts:
                if isinstance(part, commands.WorkStep):
                    continue   # (what it uses is already in its work in progress)
                for m in inventory.plan(uow, part, actor=self._actor(turn, part), force=True).moves:
                    for loc, sign in ((m.src, -1), (m.dst, 1)):
                        if not loc.startswith("~"):
                            net[(loc, m.sku)] = net.get((loc, m.sku), Decimal(0)) + sign * m.qty
            services = {p.sku for p in (self._catalog.products if self._catalog else ()) if p.is_service}
            for (loc, sku), change in net.items():
                have = uow.stock.on_hand(loc, sku) if change < 0 and sku not in services else Decimal(0)
                if change < 0 and have + change < 0 and sku not in services:   # (hours: booked, never short)
                    doubts += self.t("doubt.negative", turn.lang, product=self._name_of(sku),
                                     location=replies.loc_name(loc, self._catalog),
                                     available=replies.qty_text(self._catalog, sku, have),
                                     requested=replies.qty_text(self._catalog, sku, -change))
            # (早上收了可乐2箱,下午收了1箱: one kind of write at two times, nothing in doubt: recorded as one would be)
            moves = [p for p in cmd.parts if isinstance(p, commands.RecordMoves)]
            one_kind = len(moves) == len(cmd.parts) and len({(p.movement, p.location, p.partner) for p in moves}) == 1
            if doubts or not one_kind or from_stock:
                self._ask(uow, turn, cmd, (doubts.rstrip() + "\n" if doubts else "") + self.t(
                    "batch.ask", turn.lang, summary="\n".join(f"· {s}" for s in summaries)))
                return
        batch = _batch(turn.now)
        receipts: list[tuple[int, str, Decimal]] = []
        made: list[ledger.Move] = []
        stood_in: list[tuple[str, str, Decimal]] = []
        worked = ""
        for part in cmd.parts:
            actor = replace(self._actor(turn, part), batch=batch)
            if isinstance(part, commands.WorkStep):
                o = work.find(uow, part, user=turn.user)
                worked += "\n" + self._work_done(uow, turn, part, o, work.make(
                    uow, o, part.qty, final=part.final, scrap=None, actor=actor, force=True), actor)
                continue
            plan = inventory.plan(uow, part, actor=actor, force=True)
            turn.events += inventory.record(uow, plan, actor=actor, t=self.t, push=turn.push)
            receipts += plan.order_receipts
            made += plan.moves
            stood_in += plan.substituted
        text = self.t("recorded", turn.lang, summary="; ".join(summaries)) + worked
        text += replies.by_recipe(self.t, turn.lang, made, self._catalog)
        text += replies.substituted(self.t, turn.lang, stood_in, self._catalog)
        text += replies.after_levels(self.t, turn.lang, uow, *cmd.parts, user=turn.user, catalog=self._catalog)
        text += replies.order_progress(self.t, turn.lang, uow, receipts, self._catalog)
        turn.reply(text, [[Button(self.t("btn.undo", turn.lang), f"undo:{batch}")]])

    def _set_recipe(self, uow: UnitOfWork, turn: Turn, cmd: commands.SetRecipe, *, confirmed: bool) -> None:
        """可颂的配方:面粉50克,黄油25克: shown with the one it replaces, kept as the product's next version once
        confirmed (audited); 删除可颂的配方: taken away. What was made by an earlier version keeps its version."""
        product = uow.catalog.product(cmd.sku)
        if product is None:
            raise errors.NotFound(code="unknown_sku", sku=cmd.sku)
        was = uow.recipes.current(cmd.sku)
        kept = {c.sku: c for c in was.components} if was is not None else {}
        said_now = {ln.sku for ln in cmd.lines}
        # an ingredient said again keeps its substitutes (at the same rate to it; none now an ingredient itself)
        new = bom.Recipe(sku=cmd.sku, yields=cmd.yields, components=tuple(
            bom.Component(sku=ln.sku, qty=ln.qty, substitutes=tuple(
                bom.Component(x.sku, units.normalize(ln.qty * x.qty / kept[ln.sku].qty))
                for x in (kept[ln.sku].substitutes if ln.sku in kept else ()) if x.sku not in said_now | {cmd.sku}))
            for ln in cmd.lines), operations=was.operations if was is not None else ()) if cmd.lines else None
        if new is None and was is None:
            turn.reply(self.t("recipe.none", turn.lang, product=product.name))
            return
        said = replies.recipe_words(self.t, turn.lang, new, self._catalog) if new else ""
        if not confirmed:
            before = self.t("recipe.was", turn.lang, said=replies.recipe_words(self.t, turn.lang, was, self._catalog)) \
                if was else ""
            self._ask(uow, turn, cmd, self.t("recipe.ask" if new else "recipe.ask_gone", turn.lang,
                                             product=product.name, said=said, was=before))
            return
        version = uow.recipes.add(new, sku=cmd.sku, at=turn.now, actor=turn.user.username)
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="recipe_set",
                       detail={"sku": cmd.sku, "version": version, "yields": str(cmd.yields),
                               "components": [[ln.sku, str(ln.qty)] for ln in cmd.lines]})
        turn.reply(self.t("recipe.done" if new else "recipe.gone", turn.lang, product=product.name, version=version))

    def _materials(self, uow: UnitOfWork, turn: Turn, cmd: commands.PlanMaterials, *, head: str = "",
                   computed: tuple[bom.Explosion, list[mrp.Row]] | None = None) -> None:
        """A production plan's bought ingredients against the store's stock and orders (MRP); what is short is
        offered as an order to each supplier (a staff's: purchase requests, as any). ``head``, ``computed``: a work
        order's, said first, and its requirements worked out already."""
        here = inventory.home(turn.user, cmd.location)
        bare = [ln.sku for ln in cmd.lines if uow.recipes.current(ln.sku) is None]
        if bare:
            turn.reply(self.t("mrp.no_recipe", turn.lang, items="、".join(self._name_of(s) for s in bare)))
            return
        by = cmd.due or turn.now
        plan, rows = computed or mrp.requirements(uow, location=here, wanted=[(ln.sku, ln.qty) for ln in cmd.lines],
                                                  by=by)
        text = head + replies.materials(self.t, turn.lang, cmd, plan, rows, self._catalog, here=here, by=by,
                                        now=turn.now)
        suppliers: dict[str | None, list[commands.Line]] = {}
        for r in rows:
            if r.order > 0:
                suppliers.setdefault(r.supplier, []).append(commands.Line(sku=r.sku, qty=r.order))
        if not suppliers or not turn.user.can("record"):
            turn.reply(text)
            return
        orders = tuple(commands.PlacePurchase(lines=tuple(lines), partner=partner, location=here,
                                              due=by if by.date() > turn.now.date() else None)   # (needed by then)
                       for partner, lines in suppliers.items())
        self._ask(uow, turn, commands.PlaceMany(orders), text + self.t("mrp.ask", turn.lang, n=len(orders)))

    def _set_operations(self, uow: UnitOfWork, turn: Turn, cmd: commands.SetOperations, *, confirmed: bool) -> None:
        """可颂的工序:和面30分钟,发酵2小时,烤制20分钟: the recipe with that routing (none: taken off), shown and kept
        as the product's next version once confirmed (audited). Work orders planned before keep theirs."""
        product = uow.catalog.product(cmd.sku)
        if product is None:
            raise errors.NotFound(code="unknown_sku", sku=cmd.sku)
        was = uow.recipes.current(cmd.sku)
        if was is None:
            turn.reply(self.t("ops.no_recipe", turn.lang, product=product.name))
            return
        if not cmd.steps and not was.operations:
            turn.reply(self.t("ops.none", turn.lang, product=product.name))
            return
        new = replace(was, operations=tuple(bom.Operation(s.name, s.minutes, s.center, s.per) for s in cmd.steps))
        said = workorders.routing(self.t, turn.lang, new.operations, product.base_unit)
        if not confirmed:
            was_said = self.t("ops.was", turn.lang, ops=workorders.routing(self.t, turn.lang, was.operations,
                                                                           product.base_unit)) \
                if was.operations else ""
            self._ask(uow, turn, cmd, self.t("ops.ask" if cmd.steps else "ops.ask_gone", turn.lang,
                                             product=product.name, ops=said, was=was_said))
            return
        version = uow.recipes.add(new, sku=cmd.sku, at=turn.now, actor=turn.user.username)
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="recipe_set",
                       detail={"sku": cmd.sku, "version": version,
                               "operations": [op.stored() for op in new.operations]})
        turn.reply(self.t("ops.done" if cmd.steps else "ops.gone", turn.lang, product=product.name, version=version,
                          ops=said))

    def _set_center(self, uow: UnitOfWork, turn: Turn, cmd: commands.WorkCenter, *, confirmed: bool) -> None:
        """烤箱每天可用8小时: a work center's hours a day at the store, asked first and kept (audited)."""
        here = inventory.home(turn.user, cmd.location)
        known = work.centers(uow, here)
        place = replies.loc_name(here, self._catalog)
        if cmd.hours is None:
            turn.reply(self.t("center.show", turn.lang, place=place, center=cmd.center,
                              hours=replies.N(known[cmd.center])) if cmd.center in known
                       else self.t("center.none", turn.lang, place=place, center=cmd.center))
            return
        if not confirmed:
            was = self.t("center.was", turn.lang, hours=replies.N(known[cmd.center])) if cmd.center in known else ""
            self._ask(uow, turn, cmd, self.t("center.ask", turn.lang, place=place, center=cmd.center,
                                             hours=replies.N(cmd.hours), was=was))
            return
        uow.catalog.set_location_setting(here, work.CENTERS, {**{k: str(v) for k, v in known.items()},
                                                              cmd.center: str(cmd.hours)})
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="work_center_set",
                       detail={"location": here, "center": cmd.center, "hours": str(cmd.hours)})
        turn.reply(self.t("center.done", turn.lang, place=place, center=cmd.center, hours=replies.N(cmd.hours)))

    def _network(self, uow: UnitOfWork, turn: Turn, cmd: commands.Network) -> None:
        """Links with other companies on this server: an invitation's code to give a partner, one accepted, one ended,
        or the list of them (what each link does for our orders)."""
        user, lang = turn.user, turn.lang
        if cmd.action == "invite" and cmd.partner is not None:
            link = network.invite(uow, partner=cmd.partner, user=user, now=turn.now, raw=secrets.token_bytes(8))
            # (with our server's address, for a company on another server: KG-ABCD-EFGH@https://…)
            turn.reply(self.t("net.invited", lang, partner=self._partner_name(cmd.partner),
                              code=f"{link.code}@{self.server_url}" if self.server_url else link.code))
        elif cmd.action == "accept" and cmd.code is not None and cmd.server is not None:   # another server's
            if not self.server_url:
                raise errors.BadInput(code="network_no_address")
            network.accept_remote(uow, code=cmd.code, server=cmd.server, user=user, now=turn.now,
                                  raw=secrets.token_bytes(32))
            turn.reply(self.t("net.accepting", lang, server=cmd.server))
        elif cmd.action == "accept" and cmd.code is not None:
            link, company, new = network.accept(uow, code=cmd.code, user=user, now=turn.now)
            turn.reply(network.accepted_text(uow, self.t, lang, link, company=company, new=new))
        elif cmd.action == "end" and cmd.partner is not None:
            link = network.end(uow, partner=cmd.partner, user=user, now=turn.now)
            name = self._partner_name(cmd.partner)
            turn.reply(self.t("net.ended_here", lang, who=network.who(self.t, lang, uow.network.company(link.peer), name)
                              if link.peer else name))
        elif cmd.action == "rekey" and cmd.partner is not None:   # 更换和张记的联网密钥 (a link to another server)
            network.rekey(uow, partner=cmd.partner, user=user, now=turn.now, raw=secrets.token_bytes(32))
            turn.reply(self.t("net.rekeyed", lang, partner=self._partner_name(cmd.partner)))
        elif cmd.action == "log":   # 网络往来记录: what crossed, newest first, as the audit trail keeps it
            turn.reply(network.trail_text(uow, self.t, lang, partner=cmd.partner, tz=turn.now.tzinfo))
        else:
            links = uow.network.links()
            turn.reply("\n".join([self.t("net.list_head", lang, n=len(links)), *(
                self.t("net.list_line", lang, partner=self._partner_name(ln.partner, uow),
                       status=self.t(f"net.status.{ln.status}", lang, code=ln.code or ""),
                       company=(uow.network.company(ln.peer) if ln.peer else "") + (self.t(
                           "net.on_server", lang, server=network_d.server_of(ln.peer or "")) if network_d.remote(ln.peer)
                           else "")) for ln in links)])
                       if links else self.t("net.list_none", lang))

    def _customer_price(self, uow: UnitOfWork, turn: Turn, cmd: commands.CustomerPrice, *, confirmed: bool) -> None:
        """A customer's own prices: listed (anyone who records), or set or taken away by a manager, shown first
        against the catalog's price and audited. Its sales and orders that say no price are at it from then on."""
        lang, name = turn.lang, self._partner_name(cmd.partner)
        agreed = inventory.customer_prices(uow, cmd.partner)
        partner = purchasing.partner_of(uow, cmd.partner)
        supplier = partner is not None and partner.kind == catalog.PartnerKind.SUPPLIER   # (张记的牛腩按30元一斤: what we pay)
        key = "sprice" if supplier else "cprice"
        if cmd.action == "list":
            self._require(turn.user, "record")
            turn.reply(replies.customer_prices(self.t, lang, agreed, partner=name, cat=self._catalog, supplier=supplier,
                                               tier=partner.price_tier if partner is not None else None,
                                               code=cmd.partner))
            return
        self._require(turn.user, "purchase" if supplier else "approve")
        sku = cmd.sku
        assert sku is not None
        product = self._name_of(sku)
        list_price = replies.cost_of(self._catalog, sku) if supplier else replies.price_of(self._catalog, sku)
        if cmd.action == "clear" and sku not in agreed:
            turn.reply(self.t(f"{key}.none_there", lang, partner=name, product=product))
            return
        moved = ""
        if cmd.delta is not None:   # 张记的牛腩涨了3块: from what it charges now, said first
            cmd, moved = self._price_moved(uow, turn, cmd, agreed)
        price = replies.money_per(self._catalog, sku, cmd.price) if cmd.price is not None else ""
        if not confirmed:
            self._ask(uow, turn, cmd, moved + self.t(f"{key}.ask_{cmd.action}", lang, partner=name, product=product,
                                                     price=price, list=list_price))
            return
        inventory.set_customer_price(uow, cmd.partner, sku, cmd.price if cmd.action == "set" else None)
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="customer_price",
                       detail={"partner": cmd.partner, "sku": sku,
                               "price": str(cmd.price) if cmd.price is not None else None})
        turn.reply(self.t(f"{key}.done_{cmd.action}", lang, partner=name, product=product, price=price,
                          list=list_price))

    def _price_moved(self, uow: UnitOfWork, turn: Turn, cmd: commands.CustomerPrice,
                     agreed: dict[str, Decimal]) -> tuple[commands.CustomerPrice, str]:
        """张记的牛腩涨了3块: the supplier's price of the product moved by that much from what we pay it now (the price
        agreed with it, else what its last delivery of it cost, else the catalog's cost), and the line saying so."""
        assert cmd.sku is not None and cmd.delta is not None
        sku, basis = cmd.sku, "agreed"
        was = agreed.get(sku)
        if was is None:
            basis = "last"
            came = uow.stock.standing(m for m in uow.stock.moves(kinds=["receipt"], partner=cmd.partner)
                                      if m.sku == sku and m.unit_cost is not None)
            was = max(came, key=lambda m: (m.at, m.id or 0)).unit_cost if came else None
        if was is None:
            basis, was = "catalog", next((p.unit_cost for p in uow.catalog.products() if p.sku == sku), None)
        name, product = self._partner_name(cmd.partner), self._name_of(sku)
        if was is None:
            raise errors.BadInput(code="sprice_moved_no_base", partner=name, product=product)
        new = units.normalize(was + cmd.delta)
        if new <= 0:
            raise errors.BadInput(code="sprice_moved_below_zero", product=product, delta=reports.money(-cmd.delta),
                                  was=replies.money_per(self._catalog, sku, was))
        line = self.t("sprice.moved", turn.lang, product=product, basis=self.t(f"sprice.basis_{basis}", turn.lang),
                      was=replies.money_per(self._catalog, sku, was), price=replies.money_per(self._catalog, sku, new))
        return replace(cmd, price=new, delta=None), f"{line}\n"

    def _partner_name(self, code: str, uow: UnitOfWork | None = None) -> str:
        """A partner's name (one just added by this message: read from the store, the catalog cached before it)."""
        name = replies.partner_name(code, self._catalog)
        return purchasing.partner_name(uow, code) if name == code and uow is not None else name

    def _work_order(self, uow: UnitOfWork, turn: Turn, cmd: commands.MakeOrder) -> None:
        """A planned work order, then its materials against the store's stock (what is short offered as orders, as
        for a plan's materials)."""
        _, absurd = self._unusual(uow, commands.RecordMoves(movement=commands.Movement.PRODUCTION, lines=(
            commands.Line(sku=cmd.sku, qty=cmd.qty),), location=cmd.location), turn.user)
        if absurd and not turn.user.can("approve"):   # (100000 for 100: a typo's zeros; a manager may plan it)
            raise errors.BadInput(code="absurd_qty", items=self._name_of(cmd.sku))
        actor = self._actor(turn, cmd)
        o, plan, rows = work.create(uow, cmd, actor=actor)
        turn.events.append(events.OrderChanged(order_id=o.id or 0, kind=o.kind.value, status=o.status.value,
                                               at=turn.now))
        head = workorders.planned(self.t, turn.lang, o, self._catalog, now=turn.now) + "\n"
        day = max((o.due or turn.now).astimezone(turn.now.tzinfo).date(), turn.now.date())
        uses = set(production.center_minutes(o))
        if uses:   # what its day's work centers now carry, past their hours
            head += workorders.over_capacity(self.t, turn.lang, work.loads(uow, o.location or "", start=day, end=day,
                                                                          today=turn.now.date(), tz=turn.now.tzinfo)[day],
                                             work.centers(uow, o.location or ""), day=day, mine=uses)
        self._materials(uow, turn, commands.PlanMaterials(lines=(commands.Line(sku=cmd.sku, qty=cmd.qty),),
                                                          location=o.location, due=cmd.due),
                        head=head, computed=(plan, rows))

    def _work_step(self, uow: UnitOfWork, turn: Turn, cmd: commands.WorkStep, *, confirmed: bool) -> None:
        """A work order started, an operation done, made (in part or finished) or cancelled: one write, undone by
        撤销 as any; starting with materials short under the warn policy is asked first."""
        o = work.find(uow, cmd, user=turn.user)
        if cmd.action == "cancel" and o.created_by != turn.user.username and not turn.user.can("approve"):
            raise errors.NotAllowed(code="cancel_not_allowed", id=o.id)
        actor = self._actor(turn, cmd)
        if cmd.action in ("op", "unop"):
            done = work.step(uow, o, cmd.op, actor=actor, undo=cmd.action == "unop")
            if cmd.action == "unop":
                turn.reply(self.t("work.op_undone", turn.lang, id=o.id, ops="、".join(s.name for s in done.marked))
                           + workorders.next_op(self.t, turn.lang, done.order))
                return
            turn.reply(workorders.stepped(self.t, turn.lang, done.order, done.marked))
            self._topic(uow, turn, "work_op", o.id)   # (撤销 next: this mark)
            return
        if cmd.action == "cancel":
            done = work.cancel(uow, o, actor=actor)
        elif cmd.action in ("issue", "return"):
            done = work.adjust(uow, o, cmd.action, cmd.lines, actor=actor, force=confirmed)
        elif cmd.action == "start":
            done = work.start(uow, o, actor=actor, force=confirmed)
        else:
            made = uow.catalog.product(production.product(o).sku)
            qty = made.to_base(cmd.qty, cmd.unit) if cmd.qty is not None and cmd.unit and made is not None else cmd.qty
            if cmd.scrap is not None and cmd.scrap_unit and made is not None:
                cmd = replace(cmd, scrap=made.to_base(cmd.scrap, cmd.scrap_unit), scrap_unit=None)
            if qty is not None and qty > 100 * production.product(o).qty:   # (a typo's worth of zeros)
                raise errors.BadInput(code="absurd_qty", items=self._name_of(production.product(o).sku))
            done = work.make(uow, o, qty, final=cmd.final, scrap=cmd.scrap, actor=actor, force=confirmed,
                             back=cmd.back)
        if done.plan.shortfalls and not confirmed:
            self._ask(uow, turn, replace(cmd, order_id=o.id), self._negative(done.plan.shortfalls, turn.lang)
                      + self.t("work.ask_short", turn.lang, title=workorders.title(self.t, turn.lang, o, self._catalog)))
            return
        text = self._work_done(uow, turn, cmd, o, done, actor)
        turn.reply(text, [[Button(self.t("btn.undo", turn.lang), f"undo:{actor.batch}")]] if done.plan.moves else None)
        if cmd.action == "cancel" and not done.plan.moves:   # (nothing moved: 撤销 next takes the cancellation back)
            self._just_cancelled(uow, turn, o.id or 0)

    def till_for(self, uow: UnitOfWork, user: catalog.User, now: datetime, period: str | None = None) -> str:
        """The cash-ups of ``period`` (today unless said) at ``user``'s store, every store for one without: a rule's
        每天晚上10点把日结发给我 · 每周一把上周的日结发给我."""
        first, last = reports.period_days(period, now.date())
        cat = self.parser(uow)[1]
        return "\n\n".join(cashup.report(uow, self.t, user.language, location=loc, first=first, last=last, now=now,
                                         where=replies.loc_name(loc, cat)) for loc in reports.stores(uow, user.location))

    def targets_for(self, uow: UnitOfWork, user: catalog.User, now: datetime) -> str:
        """The sales targets ``user`` may see, how far each has come: a rule's 每天晚上9点把目标进度发给我."""
        return goals.answer(uow, self.t, user.language, commands.TargetQuery(), user=user, now=now)

    def todo_for(self, uow: UnitOfWork, user: catalog.User, now: datetime) -> str:
        """What waits for ``user`` today at their store (every store for one without): orders for their decision
        (a manager's), goods due in and customers' pickups due by today, transfers to send and to take in, work
        orders due by today (or with no day). 我该做什么 in the chat, and a rule's 每天早上8点把待办发给我."""
        here, tz, today = user.location, now.tzinfo, now.date()
        cat = self.parser(uow)[1]

        def due(o: orders.Order) -> bool:
            return o.due is not None and o.due.astimezone(tz).date() <= today

        def ours(o: orders.Order, at: str | None) -> bool:
            return here is None or at == here

        open_ = uow.orders.list(kinds=["purchase", "sale"], statuses=["open", "partial", "shipped"])
        sections = [
            ("todo.approve", self._awaiting_me(uow, user) if user.can("approve") else []),
            ("todo.coming", [o for o in open_ if o.kind.value == "purchase" and ours(o, o.location) and due(o)]),
            ("todo.pickup", [o for o in open_ if o.kind.value == "sale" and ours(o, o.location) and due(o)]),
            ("todo.send", self._transfers(uow, user, status="open", at_dest=False)),
            ("todo.take_in", self._transfers(uow, user, status="shipped", at_dest=True)),
            ("todo.work", [o for o in work.open_at(uow, here) if o.due is None or due(o)])]
        money = dues.todo_lines(uow, self.t, user.language, today=today, tz=tz) if user.can("approve") else []
        return replies.todo(self.t, user.language, sections, now=now, cat=cat, money=money,
                            where=replies.loc_name(here, cat) if here else self.t("work.everywhere", user.language))

    @staticmethod
    def _just_cancelled(uow: UnitOfWork, turn: Turn, order_id: int) -> None:
        """An order cancelled without a move: 撤销 in the next minutes takes the cancellation back, never a write
        before it."""
        Conversation._topic(uow, turn, "cancelled", order_id)

    def _work_done(self, uow: UnitOfWork, turn: Turn, cmd: commands.WorkStep, o: orders.Order, done: work.Done,
                   actor: inventory.Actor) -> str:
        """A work order's step written (its moves, the order saved) and audited; what to say of it."""
        turn.events += work.record(uow, done, actor=actor)
        uow.chat.audit(at=turn.now, actor=turn.user.username, action=f"work_order_{cmd.action}",
                       detail={"order": o.id, "batch": actor.batch, "qty": str(cmd.qty) if cmd.qty else None})
        text = workorders.written(self.t, turn.lang, cmd.action, o, done, self._catalog, scrap=cmd.scrap)
        text += replies.by_recipe(self.t, turn.lang, [m for m in done.plan.moves if m.kind != ledger.MoveKind.ISSUE
                                                      and m.order_id is None], self._catalog)
        return text + replies.substituted(self.t, turn.lang, done.plan.substituted, self._catalog)

    def _returned(self, uow: UnitOfWork, turn: Turn, part: Any) -> list[Any]:
        """A part of a message's writes, with a subcontractor's goods received taken as its work orders' (made)."""
        if not isinstance(part, commands.RecordMoves):
            return [part]
        back, rest = work.returns(uow, part, user=turn.user)
        return [*back, *([rest] if rest is not None else [])]

    def _work_orders(self, uow: UnitOfWork, turn: Turn, cmd: commands.WorkOrders) -> None:
        """工单 · 在制品: the store's work orders not finished; 工单1进度: that one."""
        if cmd.order_id is not None:
            o = work.find(uow, commands.WorkStep("show", order_id=cmd.order_id), user=turn.user)
            held = work.holding(uow, [o]).get(o.id or 0, {})
            turn.reply(workorders.detail(self.t, turn.lang, o, held, self._catalog, now=turn.now))
            return
        here = cmd.location or turn.user.location
        rows = work.open_at(uow, here)
        turn.reply(workorders.listing(self.t, turn.lang, rows, work.holding(uow, rows), self._catalog, now=turn.now,
                                      where=replies.loc_name(here, self._catalog) if here else
                                      self.t("work.everywhere", turn.lang)))

    def _set_substitute(self, uow: UnitOfWork, turn: Turn, cmd: commands.SetSubstitute, *, confirmed: bool) -> None:
        """可颂的黄油可以用人造黄油代替: the recipe with that stand-in for the component (or without it), shown and kept
        as the product's next version once confirmed (audited)."""
        product, part, sub = (uow.catalog.product(k) for k in (cmd.sku, cmd.component, cmd.substitute))
        if product is None or part is None or sub is None:
            raise errors.NotFound(code="unknown_sku", sku=cmd.sku)
        was = uow.recipes.current(cmd.sku)
        c = was.component(cmd.component) if was is not None else None
        if was is None or c is None:
            turn.reply(self.t("substitute.not_in", turn.lang, product=product.name, component=part.name))
            return
        if cmd.ratio is None and all(x.sku != cmd.substitute for x in c.substitutes):
            turn.reply(self.t("substitute.none", turn.lang, product=product.name, component=part.name, sub=sub.name))
            return
        if cmd.ratio is not None and sub.base_unit != part.base_unit and cmd.ratio == 1 \
                and all(x.sku != cmd.substitute for x in c.substitutes):
            # (黄油 kg, 人造黄油 块: one for one means nothing): its amount must be said, per the component's
            raise errors.BadInput(code="substitute_units", component=part.name, sub=sub.name, unit=part.base_unit,
                                  sub_unit=sub.base_unit)
        kept = c.with_substitute(None if cmd.ratio is None else bom.Component(cmd.substitute, c.qty * cmd.ratio),
                                 drop=cmd.substitute)
        new = replace(was, components=tuple(kept if x.sku == c.sku else x for x in was.components))
        said = replies.recipe_words(self.t, turn.lang, new, self._catalog)
        if not confirmed:
            self._ask(uow, turn, cmd, self.t("recipe.ask", turn.lang, product=product.name, said=said, was=self.t(
                "recipe.was", turn.lang, said=replies.recipe_words(self.t, turn.lang, was, self._catalog))))
            return
        version = uow.recipes.add(new, sku=cmd.sku, at=turn.now, actor=turn.user.username)
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="recipe_set",
                       detail={"sku": cmd.sku, "version": version, "yields": str(new.yields),
                               "components": [[x.sku, str(x.qty), [[y.sku, str(y.qty)] for y in x.substitutes]]
                                              for x in new.components]})
        turn.reply(self.t("recipe.done", turn.lang, product=product.name, version=version))

    def _set_product(self, uow: UnitOfWork, turn: Turn, cmd: commands.SetProduct, *, confirmed: bool) -> None:
        """A product's safety stock, price, cost, shelf life, minimum order, lead time or supplier, shown old → new and
        changed once confirmed (audited)."""
        product = uow.catalog.product(cmd.sku)
        if product is None:
            turn.reply(self.t("not_understood", turn.lang))
            return
        if cmd.field == "name":   # 牛腩改名叫牛腩肉: a name no other product goes by; the old one stays an alias
            self._rename(uow, turn, product, str(cmd.value), confirmed=confirmed, cmd=cmd)
            return
        if cmd.location is not None and cmd.field == "safety_stock":   # 南山店可乐的安全库存改成50瓶: that store's
            self._store_safety(uow, turn, cmd, product, confirmed=confirmed)
            return
        old = getattr(product, cmd.field)
        if cmd.field == "storage_temp" and old:   # 温度不能超过6度: the other bound kept (2~ and ~6 make 2~6)
            (lo, _, hi), (was_lo, _, was_hi) = str(cmd.value).partition("~"), str(old).partition("~")
            cmd = replace(cmd, value=f"{lo or was_lo}~{hi or was_hi}")
        shown = {k: replies.field_value(self.t, turn.lang, product, cmd.field, v, self._catalog)
                 for k, v in (("old", old), ("new", cmd.value))}
        values = _field_values(cmd.field, cmd.value)
        if cmd.field in ("capacity", "counts") and product.base_unit not in services.HOURS:   # (可乐每天8小时)
            raise errors.BadInput(code="not_hours", product=product.name, unit=product.base_unit)
        if cmd.field == "counts" and values["counts_as"] == cmd.sku:
            raise errors.BadInput(code="counts_itself", product=product.name)
        if cmd.field == "storage_temp" and None not in (values["temp_min"], values["temp_max"]) \
                and values["temp_min"] > values["temp_max"]:   # (不低于8度 on a range of at most 6)
            raise errors.BadInput(code="temp_range", lo=str(values["temp_min"]), hi=str(values["temp_max"]))
        held = sum((uow.stock.on_hand(x.code, cmd.sku) for x in uow.catalog.locations() if x.kind.is_physical),
                   Decimal(0)) if cmd.field == "serial" and cmd.value and not old else Decimal(0)
        self._change(uow, turn, cmd, name=product.name, shown=shown, confirmed=confirmed,
                     apply=lambda: uow.catalog.set_product(cmd.sku, values), action="product_changed",
                     detail={"sku": cmd.sku, "field": cmd.field, "old": None if old is None else str(old),
                             "new": str(cmd.value)},
                     # (蓝牙耳机按串号管理 with 3副 on hand: their serials are said by counting them)
                     note=self.t("serial.count_hint", turn.lang, product=product.name, unit=product.base_unit,
                                 qty=replies.qty_text(self._catalog, cmd.sku, held)) if held > 0 else "")

    def _store_safety(self, uow: UnitOfWork, turn: Turn, cmd: commands.SetProduct, product: catalog.Product, *,
                      confirmed: bool) -> None:
        """One store's safety stock of a product (the other stores keep the product's): its manager's, or the
        owner's; shown old → new, changed once confirmed, audited."""
        here = str(cmd.location)
        if turn.user.location != here:
            turn.user.require("admin")
        settings = uow.catalog.tenant_row().settings or {}
        old = metrics.store_safety(settings, here, product)
        own = cmd.value != ""   # ("": back to the product's, 南山店可乐的安全库存恢复默认)
        if not own and cmd.sku not in (settings.get(metrics.STORE_SAFETY) or {}).get(here, {}):
            turn.reply(self.t("store_safety.none", turn.lang, location=replies.loc_name(here, self._catalog),
                              product=product.name))
            return
        new = Decimal(str(cmd.value)) if own else product.safety_stock
        shown = {k: replies.field_value(self.t, turn.lang, product, "safety_stock", v, self._catalog)
                 for k, v in (("old", old), ("new", new))}
        self._change(uow, turn, cmd, name=f"{replies.loc_name(here, self._catalog)}{product.name}", shown=shown,
                     confirmed=confirmed,
                     apply=lambda: inventory.set_store_safety(uow, here, cmd.sku, new if own else None),
                     action="product_changed", detail={"sku": cmd.sku, "field": "safety_stock", "location": here,
                                                       "old": str(old), "new": str(new) if own else "product's"})

    def _rename(self, uow: UnitOfWork, turn: Turn, product: catalog.Product, name: str, *, confirmed: bool,
                cmd: commands.SetProduct) -> None:
        """A product's new name, shown old → new and changed once confirmed (audited); what it was called stays one of
        its aliases, so messages in the old words still find it. A name another product goes by is refused."""
        if any(name in p.names for p in uow.catalog.products() if p.sku != product.sku):
            raise errors.BadInput(code="name_taken", name=name)
        if name == product.name:
            turn.reply(self.t("rename.same", turn.lang, name=name))
            return
        words = {"old": product.name, "new": name}
        if not confirmed:
            self._ask(uow, turn, cmd, self.t("rename.ask", turn.lang, **words))
            return
        aliases = [a for a in dict.fromkeys([*product.aliases, product.name]) if a != name]
        uow.catalog.set_product(product.sku, {"name": name, "aliases": aliases})
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="product_renamed",
                       detail={"sku": product.sku, "old": product.name, "new": name})
        turn.reply(self.t("rename.done", turn.lang, **words))

    def _set_products(self, uow: UnitOfWork, turn: Turn, cmd: commands.SetProducts, *, confirmed: bool) -> None:
        """One field of several products (可乐和雪碧的售价都改成5块): each shown old → new, all changed together once
        confirmed, each audited."""
        rows = []
        for change in cmd.changes:
            product = uow.catalog.product(change.sku)
            if product is None:
                raise errors.NotFound(code="unknown_sku", sku=change.sku)
            old = getattr(product, change.field)
            rows.append((change, old, self.t("set_products.line", turn.lang, product=product.name, **{
                k: replies.field_value(self.t, turn.lang, product, change.field, v, self._catalog)
                for k, v in (("old", old), ("new", change.value))})))
        field = self.t(f"field.{cmd.changes[0].field}", turn.lang)
        listed = "\n".join(str(line) for *_, line in rows)
        if not confirmed:
            self._ask(uow, turn, cmd, self.t("set_products.ask", turn.lang, field=field, n=len(rows)) + "\n" + listed)
            return
        for change, old, _line in rows:
            uow.catalog.set_product(change.sku, {change.field: _stored(change.field, change.value)})
            uow.chat.audit(at=turn.now, actor=turn.user.username, action="product_changed",
                           detail={"sku": change.sku, "field": change.field, "old": None if old is None else str(old),
                                   "new": str(change.value)})
        turn.reply(self.t("set_products.done", turn.lang, field=field, n=len(rows)) + "\n" + listed)

    def _scale_safety(self, uow: UnitOfWork, turn: Turn, cmd: commands.ScaleSafety, *, confirmed: bool) -> None:
        """把南山店的安全库存都调高10%: each product's safety stock (that store's own, else the product's) by that
        share, rounded to what its base unit counts in, shown old → new (the first of many) and changed together once
        confirmed, each audited. Products without one stay without."""
        here = cmd.location
        if here is not None and turn.user.location != here:
            turn.user.require("admin")   # (another store's own: the owner's to change, as one product's is)
        settings = uow.catalog.tenant_row().settings or {}
        chosen = [p for p in uow.catalog.products() if p.active and p.base_unit not in services.HOURS
                  and (p.sku in cmd.skus if cmd.skus else cmd.category is None or p.category == cmd.category)]
        rows = []
        for p in sorted(chosen, key=lambda p: p.sku):
            old = metrics.store_safety(settings, here, p)
            if old > 0:
                rows.append((p, old, _scaled(p, old, cmd.pct)))
        words = {"where": replies.loc_name(here, self._catalog) if here else "",
                 "what": cmd.category or "、".join(self._name_of(s) for s in cmd.skus),
                 "dir": self.t("scale_safety.up" if cmd.pct > 0 else "scale_safety.down", turn.lang),
                 "pct": f"{abs(cmd.pct).normalize():f}", "n": len(rows)}
        if not rows:
            turn.reply(self.t("scale_safety.none", turn.lang, **words))
            return
        shown = [self.t("set_products.line", turn.lang, product=p.name, **{
            k: replies.field_value(self.t, turn.lang, p, "safety_stock", v, self._catalog)
            for k, v in (("old", old), ("new", new))}) for p, old, new in rows]
        listed = "\n".join(str(x) for x in shown[:_SHOWN]) + (
            "\n" + self.t("scale_safety.more", turn.lang, n=len(shown) - _SHOWN) if len(shown) > _SHOWN else "")
        skipped = len(chosen) - len(rows)
        listed += "\n" + self.t("scale_safety.skipped", turn.lang, n=skipped) if skipped else ""
        if not confirmed:
            self._ask(uow, turn, cmd, self.t("scale_safety.ask", turn.lang, **words) + "\n" + listed)
            return
        if here is not None:   # (the store's own, written together)
            inventory.set_store_safeties(uow, here, {p.sku: new for p, _, new in rows})
        for p, old, new in rows:
            if here is None:
                uow.catalog.set_product(p.sku, {"safety_stock": new})
            uow.chat.audit(at=turn.now, actor=turn.user.username, action="product_changed",
                           detail={"sku": p.sku, "field": "safety_stock", "old": str(old), "new": str(new),
                                   "pct": str(cmd.pct)} | ({"location": here} if here else {}))
        turn.reply(self.t("scale_safety.done", turn.lang, **words) + "\n" + listed)

    def _set_pack(self, uow: UnitOfWork, turn: Turn, cmd: commands.SetPack, *, confirmed: bool) -> None:
        """可乐一提6瓶 · 可乐一箱改成12瓶: a pack added or resized, shown old → new, changed once confirmed (audited); one
        named like a unit everyone knows with another size (公斤=3斤) is refused."""
        product = uow.catalog.product(cmd.sku)
        if product is None:
            raise errors.NotFound(code="unknown_sku", sku=cmd.sku)
        if units.pack_redefines(product.base_unit, [(cmd.pack, cmd.size)]) is not None:
            raise errors.BadInput(code="pack_redefines", pack=cmd.pack)
        old = product.packs.get(cmd.pack)
        words = {"product": product.name, "pack": cmd.pack, "unit": product.base_unit, "new": units.normalize(cmd.size),
                 "old": units.normalize(old) if old is not None else ""}
        if old == cmd.size:
            turn.reply(self.t("pack.same", turn.lang, **words))
            return
        if not confirmed:
            self._ask(uow, turn, cmd, self.t("pack.ask_change" if old is not None else "pack.ask_add", turn.lang, **words))
            return
        packs = {**product.packs, cmd.pack: cmd.size}
        uow.catalog.set_product(cmd.sku, {"packs": {k: str(units.normalize(v)) for k, v in packs.items()}})
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="pack_set",
                       detail={"sku": cmd.sku, "pack": cmd.pack, "old": None if old is None else str(old),
                               "new": str(cmd.size)})
        turn.reply(self.t("pack.done", turn.lang, **words))

    def _repeat_purchase(self, uow: UnitOfWork, turn: Turn, cmd: commands.RepeatPurchase) -> None:
        """再订一次上周的货: the latest purchase for the user's store (of the supplier named) placed again once confirmed,
        as an order or, for staff, a request for a manager (the same path as one said in full)."""
        here = turn.user.location
        found = [o for o in uow.orders.list(kinds=["purchase", "purchase_request"])
                 if o.status.value not in ("rejected", "cancelled") and (here is None or o.location == here)
                 and (cmd.partner is None or o.partner == cmd.partner)]
        if cmd.skus:
            self._repeat_lines(uow, turn, cmd, found)
            return
        if not found:
            turn.reply(self.t("repeat_order.none", turn.lang,
                              partner=replies.partner_name(cmd.partner, self._catalog) or ""))
            return
        last = max(found, key=lambda o: o.id or 0)
        again = commands.PlacePurchase(lines=tuple(commands.Line(sku=ln.sku, qty=ln.qty, unit_price=ln.unit_price)
                                                   for ln in last.lines), partner=last.partner, location=last.location)
        self._ask(uow, turn, again, self.t("repeat_order.ask", turn.lang, id=last.id, summary=replies.summary(
            self.t, turn.lang, again, self._catalog, user=turn.user)))

    def _repeat_lines(self, uow: UnitOfWork, turn: Turn, cmd: commands.RepeatPurchase,
                      found: list[orders.Order]) -> None:
        """订牛腩,跟上次一样: each product's line of its latest order (``found``: the store's, newest last) again, from
        the supplier it came from at its price; one order a supplier, shown first. A product never ordered here is
        named, and nothing is ordered."""
        latest: dict[str, tuple[orders.Order, orders.OrderLine]] = {}   # sku → (order, its line)
        for o in sorted(found, key=lambda o: o.id or 0):
            for ln in o.lines:
                if ln.sku in cmd.skus:
                    latest[ln.sku] = (o, ln)
        never = [s for s in cmd.skus if s not in latest]
        if never:
            turn.reply(self.t("repeat_order.none_of", turn.lang, items="、".join(self._name_of(s) for s in never),
                              partner=self.t("repeat_order.from", turn.lang, partner=replies.partner_name(
                                  cmd.partner, self._catalog)) if cmd.partner else ""))
            return
        suppliers: dict[tuple[str | None, str | None], list[commands.Line]] = {}
        ids: list[int] = []
        for sku in cmd.skus:
            o, ln = latest[sku]
            suppliers.setdefault((o.partner, o.location), []).append(
                commands.Line(sku=sku, qty=ln.qty, unit_price=ln.unit_price))
            if o.id is not None and o.id not in ids:
                ids.append(o.id)
        orders = tuple(commands.PlacePurchase(lines=tuple(lines), partner=partner, location=loc)
                       for (partner, loc), lines in suppliers.items())
        summary = "\n".join(replies.summary(self.t, turn.lang, o, self._catalog, user=turn.user) for o in orders)
        again: commands.Command = orders[0] if len(orders) == 1 else commands.PlaceMany(orders)
        self._ask(uow, turn, again, self.t("repeat_order.ask_lines", turn.lang, ids="、".join(f"#{i}" for i in sorted(ids)),
                                           summary=summary))

    def _add_product(self, uow: UnitOfWork, turn: Turn, cmd: commands.AddProduct, *, confirmed: bool) -> None:
        """A product added from the chat: shown with the SKU it gets, added once confirmed (audited); the parser
        knows it from the next message on (the catalog's version moved)."""
        products = uow.catalog.products()
        if any(cmd.name in p.names for p in products):
            raise errors.BadInput(code="product_exists", name=cmd.name)
        clash = units.pack_redefines(cmd.base_unit, cmd.packs)
        if clash is not None:   # (箱=20 for 斤 is a pack; 公斤=2 would redefine a unit everyone knows)
            raise errors.BadInput(code="pack_is_a_unit", unit=clash)
        sku = catalog.next_sku(p.sku for p in products)
        shown = replies.new_product(self.t, turn.lang, cmd, sku=sku)
        if not confirmed:
            self._ask(uow, turn, cmd, self.t("add_product.ask", turn.lang, product=shown))
            return
        uow.catalog.put_product(catalog.Product(
            sku=sku, name=cmd.name, base_unit=cmd.base_unit, packs=dict(cmd.packs), category=cmd.category,
            shelf_life_days=cmd.shelf_life_days, unit_price=cmd.unit_price, unit_cost=cmd.unit_cost), new=True)
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="product_added",
                       detail={"sku": sku, "name": cmd.name, "base_unit": cmd.base_unit})
        turn.reply(self.t("add_product.done", turn.lang, product=shown))
        network.reread(uow, turn, self.t, now=turn.now)

    def _add_partner(self, uow: UnitOfWork, turn: Turn, cmd: commands.AddPartner, *, confirmed: bool) -> None:
        """A customer or supplier added from the chat: shown with the code it gets, added once confirmed (audited)."""
        partners = uow.catalog.partners()
        if any(cmd.name in p.names or any(a in p.names for a in cmd.aliases) for p in partners):
            raise errors.BadInput(code="partner_exists", name=cmd.name)
        own = [p.code for p in partners if p.kind.value == cmd.kind]
        code = catalog.next_sku(own) if own else ("C01" if cmd.kind == "customer" else "S01")
        while any(p.code == code for p in partners):   # (a code the other kind took)
            code = catalog.next_sku([*own, code])
            own.append(code)
        parts = [str(self.t(f"export.partner_kind.{cmd.kind}", turn.lang)), f"【{cmd.name}】({code})"]
        if cmd.aliases:
            parts.append(str(self.t("add_partner.aliases", turn.lang, aliases="、".join(cmd.aliases))))
        if cmd.credit_limit is not None:
            parts.append(str(self.t("add_partner.credit", turn.lang, limit=reports.money(cmd.credit_limit))))
        if cmd.lead_time_days is not None:
            parts.append(str(self.t("add_partner.lead", turn.lang, days=cmd.lead_time_days)))
        if cmd.payment_terms is not None:
            parts.append(dues.terms_words(self.t, turn.lang, accounts.Terms.parse(cmd.payment_terms)))
        shown = " ".join(parts)
        if not confirmed:
            self._ask(uow, turn, cmd, self.t("add_partner.ask", turn.lang, partner=shown))
            return
        uow.catalog.set_partner(code, {"name": cmd.name, "kind": cmd.kind, "aliases": list(cmd.aliases),
                                       "credit_limit": cmd.credit_limit, "lead_time_days": cmd.lead_time_days,
                                       "payment_terms": cmd.payment_terms}, new=True)
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="partner_added",
                       detail={"code": code, "name": cmd.name, "kind": cmd.kind})
        turn.reply(self.t("add_partner.done", turn.lang, partner=shown))

    def _change(self, uow: UnitOfWork, turn: Turn, cmd: commands.SetProduct | commands.SetPartner, *, name: str,
                shown: dict[str, str], confirmed: bool, apply: Callable[[], None], action: str,
                detail: dict[str, Any], note: str = "") -> None:
        """Master data changed by a manager: asked old → new first, then changed and audited (``note``: what follows
        from it, said both times)."""
        words = {"product": name, "field": self.t(f"field.{cmd.field}", turn.lang), **shown}
        if not confirmed:
            self._ask(uow, turn, cmd, self.t("set_product.ask", turn.lang, **words) + (f"\n{note}" if note else ""))
            return
        apply()
        uow.chat.audit(at=turn.now, actor=turn.user.username, action=action, detail=detail)
        turn.reply(self.t("set_product.done", turn.lang, **words) + (f"\n{note}" if note else ""))

    def _set_partner(self, uow: UnitOfWork, turn: Turn, cmd: commands.SetPartner, *, confirmed: bool) -> None:
        """A supplier's lead time or a customer's credit limit, shown old → new and changed once confirmed (audited)."""
        partner = purchasing.partner_of(uow, cmd.partner)
        if partner is None:
            turn.reply(self.t("not_understood", turn.lang))
            return
        if cmd.field == "contact":   # 张记的联系人是王师傅,电话13800138000: whom to reach and the number
            values = {"contact": cmd.text or partner.contact, "phone": cmd.phone or partner.phone}
            shown = {k: " ".join(x for x in (c, p) if x) or str(self.t("field.unset", turn.lang))
                     for k, (c, p) in (("old", (partner.contact, partner.phone)),
                                       ("new", (values["contact"], values["phone"])))}
            self._change(uow, turn, cmd, name=partner.name, shown=shown, confirmed=confirmed,
                         apply=lambda: uow.catalog.set_partner(cmd.partner, values), action="partner_changed",
                         detail={"partner": cmd.partner, "field": "contact", "old": shown["old"], "new": shown["new"]})
            return
        old = getattr(partner, cmd.field)
        value: Any
        if cmd.field == "price_tier":   # 王记按批发价 · 王记改回零售价: which of the products' prices it pays
            if partner.kind != catalog.PartnerKind.CUSTOMER:
                raise errors.BadInput(code="tier_customers_only", partner=partner.name)
            shown = {k: str(self.t(f"tier.{v or 'retail'}", turn.lang)) for k, v in (("old", old), ("new", cmd.tier))}
            value, new = cmd.tier or None, cmd.tier
        elif cmd.field == "payment_terms":   # 团餐账期30天 · 张记月结60天 · 团餐现结
            terms = accounts.Terms(int(cmd.value), monthly=cmd.monthly)
            shown = {"old": dues.terms_words(self.t, turn.lang, old), "new": dues.terms_words(self.t, turn.lang, terms)}
            value, old, new = terms.code, old.code if old is not None else None, terms.code
        else:
            money = cmd.field == "credit_limit"
            shown = {k: str(self.t("field.unset", turn.lang) if v is None else reports.money(v) if money
                            else self.t("field.days", turn.lang, n=int(v)))
                     for k, v in (("old", old), ("new", cmd.value))}
            value, new = (cmd.value if money else int(cmd.value)), str(cmd.value)
        self._change(uow, turn, cmd, name=partner.name, shown=shown, confirmed=confirmed,
                     apply=lambda: uow.catalog.set_partner(cmd.partner, {cmd.field: value}),
                     action="partner_changed", detail={"partner": cmd.partner, "field": cmd.field,
                                                       "old": None if old is None else str(old), "new": new})

    @staticmethod
    def _order_topic(uow: UnitOfWork, turn: Turn, order_id: int | None) -> None:
        """The order just placed or changed is what the user's next message may change (改成3箱 · 再加1箱牛腱); any
        other message in between ends that."""
        Conversation._topic(uow, turn, "order", order_id)

    @staticmethod
    def _topic(uow: UnitOfWork, turn: Turn, key: str, value: int | str | None) -> None:
        """What the user's next message, in the next minutes, may act on (``_recent`` reads it): the order just placed
        (改成3箱), the payment, cost or operation just kept or the order just cancelled (撤销), the product just asked
        about (卖了3瓶); kept unless a question awaits the user's answer, ended by any message in between."""
        if value is not None and uow.chat.pending(turn.user.username, turn.now) is None:
            uow.chat.set_pending(turn.user.username, kind="topic", payload={key: value, "at": turn.now.isoformat()},
                                 expires_at=turn.now + RECENT)

    def _recent(self, uow: UnitOfWork, turn: Turn, topic: dict[str, Any] | None = None) -> context.Recent | None:
        """The user's last write if it was of one kind and minutes ago (a follow-up may continue it); the product the
        user asked about since, when there is one (可乐还剩多少, then 卖了3瓶: of cola; no kind to continue)."""
        if topic is not None and "payment" in topic:   # 团餐付了3000, then 撤销: that payment
            return context.Recent(movement="payment", skus=(), payment=int(topic["payment"]))
        if topic is not None and "expense" in topic:   # 交房租5000, then 撤销: that cost
            return context.Recent(movement="expense", skus=(), expense=int(topic["expense"]))
        if topic is not None and "invoice" in topic:   # 张记开了发票3200, then 撤销: that invoice
            return context.Recent(movement="invoice", skus=(), invoice=int(topic["invoice"]))
        if topic is not None and "work_op" in topic:   # 工单1和面完成, then 撤销: that mark, not a write before it
            return context.Recent(movement="work_op", skus=(), work_op=int(topic["work_op"]))
        if topic is not None and "cancelled" in topic:   # 取消订单1, then 撤销: the cancellation, not a write before it
            return context.Recent(movement="cancelled", skus=(), cancelled=int(topic["cancelled"]))
        if topic is not None and "order" in topic:   # 向张记订牛腩2箱, then 改成3箱 · 再加1箱牛腱: that order, still open
            placed = uow.orders.get(int(topic["order"]))
            if placed is None or placed.status.value not in purchasing.CANCELLABLE:
                return None
            return context.Recent(movement="order", skus=tuple(dict.fromkeys(ln.sku for ln in placed.lines)),
                                  order=placed.id)
        batch = uow.stock.last_batch(turn.user.username)   # (read only when no order or payment is in view)
        when = _batch_time(batch, turn.now.tzinfo)
        if topic is not None and (when is None or datetime.fromisoformat(str(topic["at"])) >= when):
            return context.Recent(movement="", skus=(str(topic["sku"]),))
        if when is None or not timedelta(0) <= turn.now - when <= RECENT:
            return None
        moves = uow.stock.batch(batch)
        kinds = {m.kind for m in moves}
        movement = next((mv for mv, k in inventory.MOVEMENT_KIND.items() if {k} == kinds), None)
        if movement is None:   # a transfer, a count, several kinds: not continued
            return None
        return context.Recent(movement=movement.value, skus=tuple(dict.fromkeys(m.sku for m in moves)))

    @staticmethod
    def _actor(turn: Turn, cmd: commands.Command) -> inventory.Actor:
        """Who writes, and when it happened: now, or the past moment the message named (昨天卖了…)."""
        return inventory.Actor(user=turn.user, now=turn.now, message_id=turn.message_id, batch=_batch(turn.now),
                               happened=cmd.at if isinstance(cmd, commands.RecordMoves) else None)

    @staticmethod
    def _below_cost(uow: UnitOfWork, cmd: commands.Command) -> list[tuple[str, Decimal, Decimal, Decimal]]:
        """A sale's lines at a price said below what the product costs (its receipts lately, else the catalog's):
        (sku, quantity, price, cost) each."""
        if not isinstance(cmd, commands.RecordMoves) or cmd.movement != commands.Movement.SALE:
            return []
        said = [ln for ln in cmd.lines if ln.unit_price is not None]
        if not said:
            return []
        costs = metrics.unit_costs(uow, [p for p in uow.catalog.products() if p.sku in {ln.sku for ln in said}])
        return [(ln.sku, ln.qty, ln.unit_price, cost) for ln in said
                if ln.unit_price is not None and (cost := costs.get(ln.sku)) is not None and ln.unit_price < cost]

    def _above_agreed(self, uow: UnitOfWork, cmd: commands.Command, lang: str) -> str:
        """A receipt's lines priced above what was agreed with its supplier (张记的牛腩按30元一斤), said; "" if none."""
        if not isinstance(cmd, commands.RecordMoves) or cmd.movement != commands.Movement.RECEIPT or not cmd.partner:
            return ""
        agreed = inventory.customer_prices(uow, cmd.partner)
        over = [ln for ln in cmd.lines if ln.unit_price is not None and ln.sku in agreed and ln.unit_price > agreed[ln.sku]]
        partner = self._partner_name(cmd.partner, uow)
        return str(self.t("list_joiner", lang)).join(
            str(self.t("above_agreed.item", lang, product=self._name_of(ln.sku), unit=replies.base_unit(self._catalog, ln.sku),
                       price=reports.money(ln.unit_price or Decimal(0)), partner=partner,
                       agreed=reports.money(agreed[ln.sku]))) for ln in over)

    def _below_words(self, lang: str, below: list[tuple[str, Decimal, Decimal, Decimal]]) -> str:
        """可乐 48瓶 每瓶 ¥2.00(进价 ¥2.50)."""
        return str(self.t("list_joiner", lang)).join(
            str(self.t("below_cost.item", lang, product=self._name_of(sku), qty=replies.qty_text(self._catalog, sku, qty),
                       unit=replies.base_unit(self._catalog, sku), price=reports.money(price), cost=reports.money(cost)))
            for sku, qty, price, cost in below)

    def _unusual(self, uow: UnitOfWork, cmd: commands.Command, user: catalog.User) -> tuple[list[str], list[str]]:
        """Products whose quantity is over 10x their typical (median) move, to confirm; and those over 100x the
        most of their typical move, safety stock and stock on hand (收到牛奶99999箱), which only a manager may
        confirm."""
        lines = getattr(cmd, "lines", ())
        if isinstance(cmd, commands.CountStock):
            return [], []
        big, absurd = [], []
        here = getattr(cmd, "location", None) or getattr(cmd, "source", None) or user.location
        for ln in lines:
            recent = [m.qty for m in uow.stock.recent_moves(ln.sku, limit=30) if m.kind.value != "opening"]
            typical = statistics.median(recent) if len(recent) >= 3 else Decimal(0)
            if typical and ln.qty > 10 * typical:
                big.append(ln.sku)
            product = uow.catalog.product(ln.sku)
            scale = max(typical, product.safety_stock if product else Decimal(0),
                        uow.stock.on_hand(here, ln.sku) if here else Decimal(0))
            if scale > 0 and ln.qty > 100 * scale:
                absurd.append(ln.sku)
        return big, absurd

    def _last_money(self, uow: UnitOfWork, turn: Turn) -> tuple[datetime, commands.Command, str] | None:
        """The user's latest payment, cost or invoice of the last day that stands: when, its undoing, and its words
        (what 撤销 reaches, asked first, when it came after their last stock write)."""
        since, who = turn.now - PAYMENT_UNDO, turn.user.username
        found: list[tuple[datetime, commands.Command, str]] = []
        pay = purchasing.last_payment(uow, who, since=since)
        if pay is not None:
            found.append((pay.at, commands.VoidPayment(pay.id), purchasing.payment_words(
                uow, self.t, turn.lang, pay.partner, pay.amount, method=pay.method)))
        cost = costs.last_of(uow, who, since=since)
        if cost is not None:
            found.append((cost.at, commands.VoidExpense(cost.id), str(self.t(
                "expense.undo_what", turn.lang, what=costs.words(self.t, turn.lang, cost.category, cost.note),
                amount=reports.money(cost.amount)))))
        bill = bills.last_of(uow, who, since=since)
        if bill is not None:
            found.append((bill.at, commands.VoidInvoice(bill.id), str(self.t("invoice.undo_what", turn.lang, what=(
                bills.asked_words(uow, self.t, turn.lang, commands.RecordInvoice(bill.partner, bill.amount, bill.month,
                                                                                 bill.code), today=turn.now.date()))))))
        return max(found, key=lambda x: x[0], default=None)

    def _undo(self, uow: UnitOfWork, turn: Turn, batch: str | None = None, *, earlier: bool = False) -> None:
        """The user's last write undone (``batch``: only if it is that one); ``earlier``: ``batch`` though it is not
        the last (撤销昨天收的牛奶, found and confirmed)."""
        actor = inventory.Actor(user=turn.user, now=turn.now, message_id=turn.message_id, batch=_batch(turn.now))
        if batch is not None and (uow.stock.is_reversed(batch)
                                  or (not earlier and uow.stock.last_batch(turn.user.username) != batch)):
            raise errors.InvalidState(code="undo_not_last")
        target = batch or uow.stock.last_batch(turn.user.username)
        was = None if earlier or target is None else _corrected_from(uow, target)
        if was is not None:   # 不对,是6瓶 then 撤销: the correction undone, so the write it replaced stands again
            again = replace(actor, batch=_batch(turn.now))
            restored, evs = inventory.restore(uow, was, actor=again)
            turn.events += evs
            uow.chat.audit(at=turn.now, actor=turn.user.username, action="correction_undone",
                           detail={"batch": target, "restored": was, "as": again.batch})
        original, evs = inventory.undo(uow, actor=actor, batch=target)
        turn.events += evs
        said = replies.moves_summary(original, self._catalog, self.t, turn.lang)
        if was is None:
            turn.reply(self.t("undone", turn.lang, summary=said))
            return
        turn.reply(self.t("undone_fix", turn.lang, summary=said,
                          was=replies.moves_summary(restored, self._catalog, self.t, turn.lang)),
                   [[Button(self.t("btn.undo", turn.lang), f"undo:{again.batch}")]])

    def _earlier(self, uow: UnitOfWork, turn: Turn, cmd: commands.Undo | commands.Correct, *,
                 confirmed: bool) -> None:
        """撤销昨天收的牛奶 · 把昨天卖的可乐改成3箱: the speaker's own earlier write the words name, looked for among
        their writes of that time that stand. One: shown with what becomes of it, done once confirmed; several: listed,
        the one pressed is done; none: said. Once found (``batch``), it is done when confirmed."""
        assert cmd.of is not None
        if cmd.batch is not None:
            moves = _standing(uow, turn.user.username, cmd.batch)
            if not confirmed or not moves:
                raise errors.InvalidState(code="expired")
            if isinstance(cmd, commands.Undo):
                self._undo(uow, turn, cmd.batch, earlier=True)
            else:
                self._redo(uow, turn, self._corrected(uow, turn, cmd, moves), cmd.batch)
            return
        found = [(b, uow.stock.batch(b)) for b in uow.stock.batches_between(
            turn.user.username, cmd.of.start, cmd.of.end, kinds=cmd.of.kinds, sku=cmd.of.sku, partner=cmd.of.partner,
            limit=1 if cmd.of.last else cmd.of.newest or EARLIER_MAX + 1)]
        if not found:
            turn.reply(self.t("earlier.none", turn.lang, said=cmd.of.said))
            return
        tz = turn.now.tzinfo
        if len(found) == 1:
            b, moves = found[0]
            was = replies.record_line(self.t, turn.lang, moves, tz=tz, cat=self._catalog).removeprefix("· ")
            if isinstance(cmd, commands.Undo):
                text = self.t("earlier.undo_ask", turn.lang, record=was) + self._negative(
                    self._unwound(uow, moves), turn.lang)
            else:
                text = self.t("earlier.fix_ask", turn.lang, record=was, summary=replies.summary(
                    self.t, turn.lang, self._corrected(uow, turn, cmd, moves), self._catalog, user=turn.user))
            self._ask(uow, turn, replace(cmd, batch=b), text)
            return
        if len(found) > EARLIER_MAX:
            turn.reply(self.t("earlier.too_many", turn.lang, said=cmd.of.said))
            return
        token = secrets.token_hex(4)
        uow.chat.set_pending(turn.user.username, kind="confirm", expires_at=turn.now + PENDING_TTL,
                             payload={"cmd": codec.dump(cmd), "token": token, "batches": [b for b, _ in found]})
        listed = "\n".join(f"{i}. " + replies.record_line(self.t, turn.lang, moves, tz=tz, cat=self._catalog)
                           .removeprefix("· ") for i, (_, moves) in enumerate(found, 1))
        undo = isinstance(cmd, commands.Undo)
        head = ("earlier.newest_undo" if cmd.of.newest else "earlier.which_undo") if undo else "earlier.which_fix"
        turn.reply(self.t(head, turn.lang, n=len(found), said=cmd.of.said) + "\n" + listed,
                   [*([Button(str(i), f"which:{token}:{i - 1}") for i in range(k, min(k + 3, len(found)) + 1)]
                      for k in range(1, len(found) + 1, 3)),
                    *([[Button(self.t("btn.undo_all", turn.lang, n=len(found)), f"which:{token}:all")]] if undo else [])])

    def _undo_all(self, uow: UnitOfWork, turn: Turn, batches: list[str]) -> None:
        """撤销昨天的 → 全部撤销: every write listed that still stands, undone together, said in one reply."""
        said = []
        for b in batches:
            if not _standing(uow, turn.user.username, b):
                continue
            actor = inventory.Actor(user=turn.user, now=turn.now, message_id=turn.message_id, batch=_batch(turn.now))
            original, evs = inventory.undo(uow, actor=actor, batch=b)
            turn.events += evs
            said.append(replies.moves_summary(original, self._catalog, self.t, turn.lang))
        if not said:
            raise errors.InvalidState(code="expired")
        turn.reply(self.t("undone_all", turn.lang, n=len(said), summary="\n".join(f"· {x}" for x in said)))

    def _unwound(self, uow: UnitOfWork, moves: list[ledger.Move]) -> list[inventory.Shortfall]:
        """Where undoing ``moves`` takes a place's stock below zero (收到的牛奶 undone after most of it was sold)."""
        out: dict[tuple[str, str], Decimal] = {}
        for m in moves:
            if not m.dst.startswith("~"):
                out[(m.dst, m.sku)] = out.get((m.dst, m.sku), Decimal(0)) + m.qty
            if not m.src.startswith("~"):
                out[(m.src, m.sku)] = out.get((m.src, m.sku), Decimal(0)) - m.qty
        short = []
        for (loc, sku), qty in out.items():
            have = uow.stock.on_hand(loc, sku)
            if qty > 0 and have - qty < 0:
                short.append(inventory.Shortfall(location=loc, sku=sku, available=have, requested=qty))
        return short

    def _corrected(self, uow: UnitOfWork, turn: Turn, cmd: commands.Correct, moves: list[ledger.Move]
                   ) -> commands.Command:
        """The write that made ``moves``, as ``cmd`` corrects it (the product, its quantity, or its place); what a
        recipe made or used with it is made again from the corrected write."""
        moves = [m for m in moves if not bom.made_by_recipe(m.note)]
        held = {m.sku for m in moves}
        if cmd.was is not None and cmd.was not in held:   # 可乐记错了,是雪碧 when the last write holds no 可乐
            was = uow.catalog.product(cmd.was)
            raise errors.BadInput(code="not_in_last", product=was.name if was else cmd.was)
        if len({m.kind for m in moves if m.kind != ledger.MoveKind.TRANSFER_IN}) > 1:
            raise errors.BadInput(code="correct_several")   # 收到…,其中1箱给静安店: one part cannot be redone alone
        if cmd.location is not None:   # 刚才是静安店的: the same write, at the place said
            return self._relocated(turn, moves, cmd.location)
        if cmd.partner is not None:   # 不是张记,是绿源: the same write, of that supplier or customer
            return self._repartnered(uow, turn, moves, cmd.partner)
        if cmd.method is not None:   # 刚才那笔是微信付的: the same sale, paid so
            return self._repaid(turn, moves, cmd.method)
        if cmd.expiry is not None or cmd.shelf_days is not None or cmd.produced is not None:   # 这批牛奶保质期3天
            return self._reexpired(uow, turn, moves, cmd)
        if cmd.at is not None:   # 刚才那笔是昨天的: the same write, on that day
            return self._redated(uow, turn, moves, cmd)
        sku = cmd.sku or (moves[0].sku if len(held) == 1 else None)
        product = uow.catalog.product(sku) if sku else None
        if cmd.serials:   # 不对,串号是SN001、SN002、SN004: the same write of those units (as many as they are)
            if product is None or len(held) != 1:
                raise errors.BadInput(code="which_product")
            redone = inventory.command_of(moves, sku=product.sku, qty=Decimal(len(cmd.serials)), now=turn.now)
            assert isinstance(redone, commands.RecordMoves | commands.TransferStock)
            return replace(redone, lines=(replace(redone.lines[0], serials=cmd.serials), *redone.lines[1:]))
        if product is not None and product.serial and cmd.qty is not None:   # 不对,是2副: which units, is asked
            raise errors.BadInput(code="serials_correct", product=product.name, unit=product.base_unit,
                                  codes="、".join(sorted({m.lot for m in moves if m.lot})))
        if cmd.delta and product is not None and cmd.qty is not None:   # 可乐少记了2瓶: the last write's, ± that
            if product.sku not in held:
                raise errors.BadInput(code="delta_not_last", product=product.name)
            said = sum((m.qty for m in moves if m.sku == product.sku and m.kind != ledger.MoveKind.TRANSFER_IN),
                       Decimal(0))
            qty = said + cmd.delta * product.to_base(cmd.qty, cmd.unit)
            if qty <= 0:
                raise errors.BadInput(code="delta_too_much", product=product.name)
            return inventory.command_of(moves, sku=product.sku, qty=qty, now=turn.now)
        swap = product is not None and len(held) == 1 and product.sku not in held   # 不是牛奶,是奶油
        if product is None or (cmd.qty is None and not swap):
            raise errors.BadInput(code="which_product")
        if cmd.qty is not None:
            qty = product.to_base(cmd.qty, cmd.unit)
        else:   # the same amount, where it means the same: 24 升 of milk are no 24 盒 of cream, but 2箱 are 2箱
            was = uow.catalog.product(next(iter(held)))
            said = sum((m.qty for m in moves if m.kind != ledger.MoveKind.TRANSFER_IN), Decimal(0))
            alike = was is not None and was.base_unit == product.base_unit
            if alike and was is not None and _pack_sizes_differ(was, product, said):   # 面粉2袋 → 糖: 2袋 or 50 kg?
                raise errors.BadInput(code="swap_pack", was=was.name, product=product.name,
                                      unit=next(n for n in was.packs if n in product.packs))
            same = said if alike else _in_shared_packs(was, product, said) if was is not None else None
            if same is None:
                raise errors.BadInput(code="swap_qty", product=product.name,
                                      unit=next(iter(product.packs), product.base_unit))
            qty = same
        if qty <= 0:
            raise errors.BadInput(code="zero_qty")
        return inventory.command_of(moves, sku=next(iter(held)) if swap else product.sku, qty=qty,
                                    now=turn.now, as_sku=product.sku if swap else None)

    def _redo(self, uow: UnitOfWork, turn: Turn, new_cmd: commands.Command, batch: str, *, lead: str = "") -> None:
        """The user's write ``batch`` undone and ``new_cmd`` recorded in its place, said back with an undo button; a
        correction to what is recorded already (不对,是40斤 of a receipt of 40) changes nothing and says so."""
        if isinstance(new_cmd, commands.RecordMoves | commands.TransferStock) \
                and not any(ln.serials for ln in new_cmd.lines):   # (which units: their codes, never alike)
            try:
                again = inventory.plan(uow, new_cmd, actor=self._actor(turn, new_cmd), force=True).moves
            except errors.DomainError:
                again = []   # (what the write holds now stands in the way: undone first, as ever)
            if again and _moved(again, turn.now.tzinfo) == _moved(uow.stock.batch(batch), turn.now.tzinfo) \
                    and not any(ln.expiry for ln in new_cmd.lines):   # (这批牛奶保质期3天: its lot, checked so)
                raise errors.BadInput(code="correct_same", summary=replies.summary(self.t, turn.lang, new_cmd,
                                                                                   self._catalog, user=turn.user))
        spot = [(p, kind) for p in uow.payments.on_batch(batch)
                if p.id is not None and p.reverses is None and not uow.payments.is_reversed(p.id)
                for _, kind in [accounts.spot_of(p.note) or ("", "")]]
        freight = Decimal(0)   # (a receipt's freight paid apart: paid apart again)
        if isinstance(new_cmd, commands.RecordMoves) and spot and (new_cmd.partner is not None or (
                new_cmd.movement == commands.Movement.RECEIPT)) \
                and new_cmd.movement in (commands.Movement.SALE, commands.Movement.RECEIPT):
            sale = new_cmd.movement == commands.Movement.SALE   # (a sale's spot payments are all its goods')
            freight = Decimal(0) if sale else sum((p.amount for p, kind in spot if not kind), Decimal(0))
            goods = [p for p, kind in spot if kind or sale]
            part = [p for p, kind in spot if kind == accounts.PAID_PART]
            if goods:   # paid as it is now (收到…,现结 · 团餐拿了…,现结); an amount said stays (…,付了1000 · 先付了100)
                new_cmd = replace(new_cmd, paid=True, paid_amount=sum((p.amount for p in part), Decimal(0))
                                  if part else None, method=goods[0].method if part or not sale else new_cmd.method)
        actor = inventory.Actor(user=turn.user, now=turn.now, message_id=turn.message_id, batch=_batch(turn.now))
        _, evs = inventory.undo(uow, actor=actor, batch=batch)
        turn.events += evs
        if isinstance(new_cmd, commands.RecordMoves):   # (a sale a promotion charged: charged by it again)
            new_cmd = inventory.settled(uow, new_cmd, user=turn.user, now=turn.now)
        actor = self._actor(turn, new_cmd)
        plan = inventory.plan(uow, new_cmd, actor=actor, force=True)
        turn.events += inventory.record(uow, plan, actor=actor, t=self.t, push=turn.push)
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="write_corrected",
                       detail={"batch": actor.batch, "was": batch})
        text = lead + self.t("corrected", turn.lang, summary=replies.summary(   # (as settled: 原价 …,促销 …,实收 …)
            self.t, turn.lang, plan.settled or new_cmd, self._catalog, user=turn.user))
        text += replies.by_recipe(self.t, turn.lang, plan.moves, self._catalog)
        text += replies.substituted(self.t, turn.lang, plan.substituted, self._catalog)
        payee = _payee(new_cmd)
        if payee is not None and isinstance(new_cmd, commands.RecordMoves):
            text += "\n" + purchasing.paid_on_the_spot(   # (its costs hold the freight already: less what went apart)
                uow, turn, actor.batch, payee, t=self.t, **(_spot_terms(new_cmd) | (
                    {"apart": freight} if new_cmd.movement == commands.Movement.RECEIPT else {})))
        if isinstance(new_cmd, commands.RecordMoves) and freight > 0 and new_cmd.partner is not None:
            text += "\n" + purchasing.freight_apart(uow, turn, actor.batch, new_cmd.partner, freight, t=self.t)
        turn.reply(text, [[Button(self.t("btn.undo", turn.lang), f"undo:{actor.batch}")]])

    def _came_short(self, uow: UnitOfWork, turn: Turn, cmd: commands.RecordMoves) -> tuple[str, commands.Command] | None:
        """张记送来的牛腩少了2斤: the supplier's latest receipt of that product here in the last day, as it should have
        been recorded (48, not 50): the batch and the command to put in its place; None: no such receipt, or it held no
        more than what was lacking (a loss, as before)."""
        who = purchasing.partner_of(uow, cmd.partner or "")
        if who is None or who.kind != catalog.PartnerKind.SUPPLIER or len(cmd.lines) != 1:
            return None
        line, here = cmd.lines[0], inventory.home(turn.user, cmd.location)
        came = [m for m in uow.stock.standing(uow.stock.moves(since=turn.now - timedelta(days=1),
                                                                kinds=[ledger.MoveKind.RECEIPT.value],
                                                                partner=cmd.partner))
                if m.sku == line.sku and m.dst == here]
        if not came:
            return None
        batch = came[-1].batch
        moves = uow.stock.batch(batch)
        held = sum((m.qty for m in moves if m.sku == line.sku and m.kind == ledger.MoveKind.RECEIPT), Decimal(0))
        if held <= line.qty:
            return None
        return batch, inventory.command_of(moves, sku=line.sku, qty=held - line.qty, now=turn.now)

    def _repartnered(self, uow: UnitOfWork, turn: Turn, moves: list[ledger.Move], partner: str) -> commands.Command:
        """The write that made ``moves``, the same, of ``partner``: a supplier for what came in from or went back to
        one, a customer for a sale or what one returned."""
        again = _said_again(turn, moves)
        who = purchasing.partner_of(uow, partner)
        wants = {commands.Movement.RECEIPT: catalog.PartnerKind.SUPPLIER,
                 commands.Movement.RETURN_TO_SUPPLIER: catalog.PartnerKind.SUPPLIER,
                 commands.Movement.SALE: catalog.PartnerKind.CUSTOMER,
                 commands.Movement.CUSTOMER_RETURN: catalog.PartnerKind.CUSTOMER}
        if not isinstance(again, commands.RecordMoves) or who is None or wants.get(again.movement) != who.kind:
            raise errors.BadInput(code="correct_partner", partner=who.name if who else partner)
        if again.partner == partner:
            raise errors.BadInput(code="same_partner", partner=who.name)
        return replace(again, partner=partner)

    def _repaid(self, turn: Turn, moves: list[ledger.Move], method: str) -> commands.Command:
        """The sale (a walk-in's return) that made ``moves``, the same, paid (refunded) by ``method``."""
        again = _said_again(turn, moves)
        paid = (commands.Movement.SALE, commands.Movement.CUSTOMER_RETURN)
        if not isinstance(again, commands.RecordMoves) or again.movement not in paid:
            raise errors.BadInput(code="correct_method")
        if again.method == method:
            raise errors.BadInput(code="same_method", method=wording.method_name(self.t, turn.lang, method))
        return replace(again, method=method)

    def _reexpired(self, uow: UnitOfWork, turn: Turn, moves: list[ledger.Move], cmd: commands.Correct
                   ) -> commands.Command:
        """The receipt (or bake) that made ``moves``, the same, its goods (of the product named, else all) expiring as ``cmd``
        says: on the day said, else the shelf life said (else the catalog's) after they were made, else came in. The
        day's lot they shared becomes one of their own (20260615-0618); a lot named by its code keeps it, with the
        expiry said."""
        again = _said_again(turn, moves)
        if not isinstance(again, commands.RecordMoves) or again.movement not in (commands.Movement.RECEIPT,
                                                                                  commands.Movement.PRODUCTION):
            raise errors.BadInput(code="correct_expiry")
        tz = turn.now.tzinfo
        came = moves[0].at.astimezone(tz)
        sku = cmd.of.sku if cmd.of is not None else None
        lines, news = [], False
        for ln in again.lines:
            if sku is not None and ln.sku != sku:
                lines.append(ln)
                continue
            product = uow.catalog.product(ln.sku)
            days = cmd.shelf_days or (product.shelf_life_days if product is not None else None)
            expiry = cmd.expiry or ((cmd.produced or came) + timedelta(days=days) if days else None)
            if expiry is None:   # 这批牛奶生产日期6月14日, with no shelf life known: how long it keeps is asked
                raise errors.BadInput(code="expiry_no_shelf_life", product=product.name if product else ln.sku)
            was = uow.stock.lot_expiry(ln.sku, ln.lot) if ln.lot else None
            news = news or was is None or was.astimezone(tz).date() != expiry.date()
            lines.append(replace(ln, expiry=expiry, lot=None if ledger.day_lot(ln.lot) else ln.lot))
        again = replace(again, lines=tuple(lines))
        if not news:
            raise errors.BadInput(code="correct_same", summary=replies.summary(self.t, turn.lang, again, self._catalog,
                                                                               user=turn.user))
        return again

    def _redated(self, uow: UnitOfWork, turn: Turn, moves: list[ledger.Move], cmd: commands.Correct
                 ) -> commands.Command:
        """The write that made ``moves`` (of the product said, if one is), the same, on the day ``cmd`` says (today:
        now). Goods that came in leave the day's lot for that day's; an expiry said for them stays, one the catalog's
        shelf life gave moves with the day."""
        assert cmd.at is not None
        if cmd.sku is not None and cmd.sku not in {m.sku for m in moves}:
            product = uow.catalog.product(cmd.sku)
            raise errors.BadInput(code="not_in_last", product=product.name if product else cmd.sku)
        again = _said_again(turn, moves)
        if not isinstance(again, commands.RecordMoves):   # (a transfer, a count: undone and said again)
            raise errors.BadInput(code="correct_date")
        tz = turn.now.tzinfo
        was = moves[0].at.astimezone(tz)
        if was.date() == cmd.at.astimezone(tz).date():
            raise errors.BadInput(code="same_day", day=f"{was:%m-%d}")
        lines = []
        for ln in again.lines:
            if not ledger.day_lot(ln.lot):
                lines.append(ln)
                continue
            product = uow.catalog.product(ln.sku)
            kept = uow.stock.lot_expiry(ln.sku, ln.lot) if ln.lot else None
            usual = ledger.expiry_for(product, was) if product is not None else None
            said = kept is not None and (usual is None or kept.astimezone(tz).date() != usual.astimezone(tz).date())
            lines.append(replace(ln, lot=None, expiry=kept if said else None))
        return replace(again, at=None if cmd.at.astimezone(tz).date() == turn.now.date() else cmd.at,
                       lines=tuple(lines))

    def _relocated(self, turn: Turn, moves: list[ledger.Move], location: str) -> commands.Command:
        """The write that made ``moves``, the same, at ``location`` (a transfer or a count is said again instead:
        where it went is not one place)."""
        again = _said_again(turn, moves)
        if not isinstance(again, commands.RecordMoves):
            raise errors.BadInput(code="correct_place")
        if again.location == location:
            raise errors.BadInput(code="same_place", location=replies.loc_name(location, self._catalog))
        return replace(again, location=location)

    # ------------------------------------------------------------ buttons
    def _press(self, uow: UnitOfWork, turn: Turn, incoming: Incoming) -> None:
        data = incoming.press or ""
        msg = uow.chat.message(incoming.pressed_message) if incoming.pressed_message else None
        if msg is None or msg.to != turn.user.username:
            raise errors.NotFound(code="button_gone")
        if not uow.chat.mark_pressed(msg.id, data):
            raise errors.InvalidState(code="button_used")
        self.parser(uow)
        action, _, arg = data.partition(":")
        if action in ("ok", "no"):
            pending = uow.chat.pending(turn.user.username, turn.now)
            if pending is None or pending.kind != "confirm" or pending.payload.get("token") != arg:
                raise errors.InvalidState(code="expired")
            if action == "no":
                uow.chat.clear_pending(turn.user.username)
                turn.reply(self.t("cancelled", turn.lang))
            else:
                self._confirm(uow, turn, pending.payload)
        elif action == "undo":
            self._undo(uow, turn, batch=arg)
        elif action == "which":   # one of the earlier writes the words could mean (昨天卖的可乐改成3箱), pressed
            token, _, index = arg.partition(":")
            pending = uow.chat.pending(turn.user.username, turn.now)
            if pending is None or pending.kind != "confirm" or pending.payload.get("token") != token \
                    or not (index == "all" or (index.isdigit() and int(index) < len(pending.payload.get("batches", [])))):
                raise errors.InvalidState(code="expired")
            uow.chat.clear_pending(turn.user.username)
            if index == "all":   # 全部撤销: each of them
                self._undo_all(uow, turn, pending.payload["batches"])
                return
            cmd = replace(codec.load(pending.payload["cmd"]), batch=pending.payload["batches"][int(index)])
            self._earlier(uow, turn, cmd, confirmed=True)
        elif action == "keep":
            turn.reply(self.t("kept", turn.lang))
        elif action == "pick":
            pending = uow.chat.pending(turn.user.username, turn.now)
            if pending is None or pending.kind != "clarify":
                raise errors.InvalidState(code="expired")
            parser, _ = self.parser(uow)
            clarify = codec.load(pending.payload["clarify"])
            answer = parser.parse_answer(arg, pending=clarify, speaker=context.Speaker(user=turn.user, now=turn.now))
            uow.chat.clear_pending(turn.user.username)
            if answer is None:
                raise errors.InvalidState(code="expired")
            self._parsed(uow, turn, answer)
        elif action in ("ap", "rj"):
            self._require(turn.user, "approve")
            purchasing.decide(uow, turn, order_id=int(arg), approve=action == "ap", t=self.t,
                              release=lambda cmd, who: self._release(uow, turn, cmd, who))
        elif action == "po" and self.reorder is not None:   # the prep list's button: its purchase requests
            self._require(turn.user, "purchase")
            place, _, supplier = arg.partition(":")   # (po:NS:S01: 给张记下单's, that supplier's goods alone)
            made = self.reorder(uow, turn, location=place, supplier=supplier or None)
            turn.reply(self.t("prep_requests_made", turn.lang, n=len(made), ids=" ".join(f"#{i}" for i in made))
                       if made else self.t("prep_requests_none", turn.lang))
        elif action == "lot":   # one of a product's lots, picked to trace, recall or print
            sku, _, rest = arg.partition(":")
            lot, _, flags = rest.partition(":")
            self._require(turn.user, "record" if "c" in flags else "purchase")
            self._show_lot(uow, turn, sku, lot, recall="r" in flags, code="c" in flags)
        elif action in ("snz", "tr", "sh", "rv", "chase"):
            purchasing.workflow_button(uow, turn, action, arg, t=self.t)
        else:
            raise errors.NotFound(code="button_gone")

    def _release(self, uow: UnitOfWork, turn: Turn, cmd: commands.Command, requester: catalog.User) -> None:
        """Record a held sale on the requester's behalf after a manager's approval."""
        sub = Turn(user=requester, now=turn.now, message_id=None)
        self._write(uow, sub, cmd, guesses=(), confirmed=True)
        turn.events += sub.events
        for m in sub.out:
            turn.push(m.to, m.text)


def _stored(field: str, value: Decimal | str) -> Any:
    """A product field's value as the catalog keeps it (days as whole numbers; no warranty as none; serial a flag)."""
    if field == "warranty_days":
        return int(value) or None
    if field == "serial":
        return bool(int(value))
    return int(value) if field in ("shelf_life_days", "lead_time_days") else value


def _field_values(field: str, value: Any) -> dict[str, Any]:
    """The catalog's columns a field said in the chat sets: the storage range "2~6" is two (temp_min, temp_max)."""
    if field == "storage_temp":
        lo, _, hi = str(value).partition("~")
        return {"temp_min": Decimal(lo) if lo else None, "temp_max": Decimal(hi) if hi else None}
    if field == "counts":   # 1小时高级顾问=2小时初级顾问: "B12×2" is two (counts_as, counts_factor)
        other, _, k = str(value).partition("×")
        return {"counts_as": other or None, "counts_factor": Decimal(k) if k else None}
    return {field: _stored(field, value)}


_SHOWN = 15   # the products a change of many shows one by one before …还有 N 种


def _scaled(p: catalog.Product, old: Decimal, pct: Decimal) -> Decimal:
    """A safety stock up or down by ``pct``%, to the whole unit for goods counted one by one (瓶 · 个), else to two
    places (斤 · 升), never below zero."""
    new = old * (1 + pct / 100)
    step = Decimal("0.01") if p.base_unit in units.GLOBAL_UNITS else Decimal(1)
    return max(units.normalize(new.quantize(step, rounding=ROUND_HALF_UP)), Decimal(0))


def _moved(moves: list[ledger.Move], tz: tzinfo | None) -> dict[tuple[Any, ...], Decimal]:
    """What moves carried, lots aside: each day, kind, product, way, price, partner, payment and note's quantity (a
    write and its correction compared)."""
    out: dict[tuple[Any, ...], Decimal] = {}
    for m in moves:
        key = (m.at.astimezone(tz).date(), m.kind.value, m.sku, m.src, m.dst, m.unit_price, m.unit_cost, m.partner,
               m.method, m.note)
        out[key] = out.get(key, Decimal(0)) + m.qty
    return out


def _said_again(turn: Turn, moves: list[ledger.Move]) -> commands.Command:
    """The command that made ``moves``, as it was (its first product's quantity kept), to be changed in one respect
    (its place, its partner)."""
    first = moves[0].sku
    qty = sum((m.qty for m in moves if m.sku == first and m.kind != ledger.MoveKind.TRANSFER_IN), Decimal(0))
    return inventory.command_of(moves, sku=first, qty=qty, now=turn.now)


_LAST = re.compile(r"最后(?:一|那)?(?:个|笔|条|项)(?:吧)?")
_ALL_OF_THEM = re.compile(r"(?:全部|都|全都|所有的?|统统)(?:撤销|删掉|删了|删除|撤回)?(?:吧|了)?|(?:全部|都)要?|all")


def _picked(text: str, n: int) -> int | None:
    """The index of the one typed out of ``n`` listed (2 · 第一个 · 第2笔 · 最后那笔); -1: a number not listed; None:
    no number."""
    said = text.strip().rstrip("。.!！~")
    k = n if _LAST.fullmatch(said) else numbers.index(said)
    if k is None:
        return None
    return k - 1 if 1 <= k <= n else -1


def _payee(cmd: commands.Command) -> str | None:
    """Whom a write paid on the spot paid: its customer or supplier; goods that came in from no supplier named, no
    account (``accounts.NO_ACCOUNT``: 去市场买了青椒5公斤,花了50,现金, the money gone all the same); None: not paid so."""
    if not isinstance(cmd, commands.RecordMoves) or not cmd.paid:
        return None
    if cmd.partner is not None:
        return cmd.partner
    return accounts.NO_ACCOUNT if cmd.movement == commands.Movement.RECEIPT else None


def _spot_terms(cmd: commands.RecordMoves) -> dict[str, Any]:
    """How a write paid on the spot was paid: a supplier's goods, the amount said and how, less the freight paid
    apart; a customer's sale paid in part, that amount and how (paid in full, a sale says its way on its moves)."""
    if cmd.movement != commands.Movement.RECEIPT:
        return {"amount": cmd.paid_amount, "method": cmd.method} if cmd.paid_amount is not None else {}
    return {"amount": cmd.paid_amount, "method": cmd.method,
            "apart": cmd.freight if cmd.freight is not None and cmd.freight_paid else Decimal(0)}


def _standing(uow: UnitOfWork, username: str, batch: str) -> list[ledger.Move]:
    """The moves of ``batch`` if it is ``username``'s own write and stands (not undone); else none."""
    moves = uow.stock.batch(batch)
    return moves if moves and moves[0].actor == username and not uow.stock.is_reversed(batch) else []


def _money_role(uow: UnitOfWork, partner: str) -> str:
    """What money with a partner asks of the speaker (a payment, a refund, an invoice): a customer's, a manager's
    (approve); a supplier's, a purchaser's (purchase)."""
    p = purchasing.partner_of(uow, partner)
    return "approve" if p is not None and p.kind == catalog.PartnerKind.CUSTOMER else "purchase"


def _corrected_from(uow: UnitOfWork, batch: str) -> str | None:
    """The write ``batch`` corrected (不对,是6瓶 replaced 5瓶 with it), if it is a correction."""
    found = uow.chat.audit_where("write_corrected", "batch", batch)
    return str(found["was"]) if found is not None else None


def _price_unsure(cmd: commands.Command, guesses: Sequence[commands.Guess]) -> list[int]:
    """The lines of ``cmd`` whose price was taken per base unit though said of packs (a ``price_unit`` guess)."""
    unsure = {g.mention for g in guesses if g.kind == "price_unit"}
    return [i for i, ln in enumerate(getattr(cmd, "lines", ())) if unsure and ln.mention in unsure]


def _batch(now: datetime) -> str:
    return f"{now:%Y%m%d%H%M%S}-{secrets.token_hex(3)}"


def _batch_time(batch: str | None, tz: Any) -> datetime | None:
    """When a write of ours was made, read from its batch (None: none, or a batch of another making: an import)."""
    try:
        return datetime.strptime((batch or "")[:14], "%Y%m%d%H%M%S").replace(tzinfo=tz)
    except ValueError:
        return None
