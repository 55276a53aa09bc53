"""Commands: imperative requests (what the NLU produces and handlers execute). Data only.

Quantities are ``Decimal`` in the product's base unit. ``Line.mention``/``unit`` keep what the
user wrote so replies can echo it.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum

from domain import rules


class Movement(StrEnum):
    """Stock-changing intents a user can state (transfer and count have their own commands)."""
    RECEIPT = "receipt"
    SALE = "sale"
    CONSUMPTION = "consumption"
    SCRAP = "scrap"
    RETURN_TO_SUPPLIER = "return_to_supplier"
    CUSTOMER_RETURN = "customer_return"
    PRODUCTION = "production"


@dataclass(frozen=True)
class Line:
    sku: str
    qty: Decimal  # base units; for CountStock the absolute quantity
    unit_price: Decimal | None = None  # per base unit
    mention: str = ""  # the product as the user wrote it
    unit: str = ""  # the unit as the user wrote it ("" = base unit)
    raw_qty: Decimal | None = None  # the number as written, in ``unit``
    lot: str | None = None
    expiry: datetime | None = None
    serials: tuple[str, ...] = ()   # 串号SN001、SN002: the units' own codes, one base unit each (domain/serials.py)
    gift: bool = False   # a receipt's goods given free (…,赠送1箱 · 买十送一): at ¥0 when the rest of them is priced
    # 牛腩到了48斤,少了2斤: the shortfall said after the quantity (base units), taken off it already (46 came), unless
    # the open order for the product is the quantity said plus this (48 came of the 50 ordered: see the receipt's plan)
    short: Decimal | None = None


class AdjustKind(StrEnum):
    """How a sale was settled at the till (``domain/pricing.py``)."""
    OFF = "off"          # 优惠20元 · 减20 · 少收20: that much off the whole sale
    EACH_OFF = "each"    # 每副便宜10块: that much off each base unit
    SHARE = "share"      # 打9折 · 半价: that share of the list price
    TAKEN = "taken"      # 一共收了300 · 实收300: what the customer paid for all of it
    ROUND = "round"      # 抹零: the part under a yuan dropped (under ten yuan when the total is whole yuan)
    FREE = "free"        # 免单: nothing taken
    PRICE = "price"      # 卖了蓝牙耳机2副,收了150 · 卖了耳机1副90元: a price said under the list price (nothing to settle)
    PROMO = "promo"      # 手机壳买二送一 running: the promotions set charged the sale (``said``: their numbers and words)
    ORDER = "order"      # 王记提走苹果数据线40根: at what its order was settled at when placed (优惠 · 促销 then)


@dataclass(frozen=True)
class Adjust:
    """A sale's adjustment said at the till: its lines' prices are their list prices until it is settled
    (``listed``/``taken`` set then, the lines priced), so settling twice takes nothing off twice."""
    kind: AdjustKind
    amount: Decimal | None = None   # yuan off (OFF; EACH_OFF a base unit), taken (TAKEN), the share (SHARE)
    said: str = ""                  # as the user wrote it (优惠20元)
    listed: Decimal | None = None
    taken: Decimal | None = None
    promos: tuple[tuple[int, Decimal], ...] = ()   # PROMO: each promotion's number and what it took off


@dataclass(frozen=True)
class Guess:
    """Something the NLU assumed and the user should confirm before a write."""
    kind: str  # "fuzzy_product" | "pinyin_product" | "assumed_unit" | "case_as" (矿泉水两件 read as 2箱) | …
    mention: str
    chosen: str


@dataclass(frozen=True)
class RecordMoves:
    movement: Movement
    lines: tuple[Line, ...]
    location: str | None = None  # None = the user's home location
    partner: str | None = None
    note: str = ""
    # 可颂卖完了 · 牛奶用完了: each line's quantity is whatever is on hand less the line's own quantity, what is kept
    # (0: all of it; 可颂卖剩3个: all but 3), looked up by the conversation
    rest: bool = False
    at: datetime | None = None   # when it happened, when said (昨天卖了可颂20个); None: now
    # 番茄坏了一半 · 土豆用了三分之一: with ``rest``, each line's quantity is this share of what is on hand
    share: Decimal | None = None
    came_short_from: str | None = None   # 仓库调来的牛腩少了2斤: the loss of a transfer from there (its people hear)
    # 张记少送了2斤牛腩 (a loss, of ``partner``): what its delivery lacked, put right on its receipt; with no receipt of it
    # to put right, nothing happened to the stock: nothing is recorded
    sent_short: bool = False
    # 盒马买了可颂10个,付了现金: a customer's sale paid on the spot (its value kept as its payment); 收到张记牛腩50斤,现结:
    # a supplier's goods paid as they came (what they came to at cost, or ``paid_amount``: …,单价32,付了1000)
    paid: bool = False
    paid_amount: Decimal | None = None
    # 过期的牛奶扔了 · 把过期的都报损: every lot of the lines' products (all products, with no lines) past its date,
    # whole; the conversation reads them from the stock and shows them first
    expired: bool = False
    # 收到牛腩50斤,单价30,运费50: what bringing it in cost on top (a receipt's), spread over its lines' unit costs;
    # ``freight_paid``: paid apart (运费50已付 · 运费另付给司机), not owed to the supplier with the goods
    freight: Decimal | None = None
    freight_paid: bool = False
    adjust: Adjust | None = None   # a sale's 优惠20元 · 抹零 · 一共收了300 · 免单 (``domain/pricing.py``)
    # how a sale was paid, a return refunded, or a receipt paid on the spot (微信收款 · 现金 · 刷卡): one of
    # ``ledger.PAYMENT_METHODS`` (several: ``ledger.split_method``'s)
    method: str | None = None
    # 订单2到了,牛腩少了5斤: a receipt of that purchase order, set against it first (else the oldest open one's)
    order_id: int | None = None


@dataclass(frozen=True)
class TransferStock:
    source: str | None  # None = the user's home location
    dest: str | None
    lines: tuple[Line, ...]
    request: bool = False  # pull form (从A调…过来): a request to ``source``, not a shipment
    # said by the side that got it (福田店收到南山店的土豆20公斤 · 收到中心仓发来的牛腩2箱): the sender may have
    # recorded it already
    arrived: bool = False
    rest: bool = False   # 福田店的土豆全部调回大仓: all the source has of each line (looked up by the conversation)


@dataclass(frozen=True)
class CountStock:
    lines: tuple[Line, ...]  # absolute quantities
    location: str | None = None
    surplus: bool = False    # 盘盈: the lines are what the count found beyond the books, added to what they say
    then_order: bool = False   # 黄油只剩1块了,要订: once counted, the product's suggestion offered as an order


def counted_together(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """A count's lines of one product said in parts (可乐冰柜里还有12瓶,仓库里还有3箱): one line of their sum, where the
    first was said; each part counted alone would set the stock to that part. Serial units and lots stay apart."""
    out: list[Line] = []
    for ln in lines:
        i = next((i for i, x in enumerate(out) if x.sku == ln.sku and x.lot == ln.lot and not x.serials
                  and not ln.serials), None)
        if i is None:
            out.append(ln)
        else:
            x = out[i]
            said = x.raw_qty + ln.raw_qty if x.unit == ln.unit and x.raw_qty is not None and ln.raw_qty is not None \
                else None   # (12瓶 and 3箱: the sum in base units only)
            out[i] = dataclasses.replace(x, qty=x.qty + ln.qty, unit=x.unit if said is not None else "", raw_qty=said)
    return tuple(out)


@dataclass(frozen=True)
class QueryStock:
    skus: tuple[str, ...]  # empty = everything at the location
    location: str | None = None
    wanted: Decimal | None = None   # 客人想买10箱可乐,有货吗: that much of the one product (base units), enough or not


@dataclass(frozen=True)
class StockInfo:
    """A question about the stock beyond its level: ``expiring`` (哪些快过期了 · 牛奶什么时候过期, within ``days``),
    ``below_safety`` (哪些低于安全库存), ``value`` (库存值多少钱, at cost), ``price`` (可颂进价多少; with a customer
    ``partner``: what it paid last, 团餐上次拿可乐什么价 · 李总拿货价多少), ``margin`` (充电宝卖一个赚多少: the prices and
    what one makes) or ``lots`` (牛腩还有几批: each lot on hand)."""
    kind: str
    skus: tuple[str, ...] = ()
    location: str | None = None
    days: int | None = None
    partner: str | None = None


@dataclass(frozen=True)
class StockBook:
    """进销存汇总 · 收发存 (本月进销存 · 可乐这周的进销存): each product's stock at the start of days ``start`` .. ``end``,
    what came in and went out by kind, and what was left, at ``location`` (None: the asker's store, else every
    place); ``skus``: only those."""
    start: date
    end: date
    location: str | None = None
    skus: tuple[str, ...] = ()


@dataclass(frozen=True)
class Export:
    """A spreadsheet sent into the chat: ``stock`` (导出库存: levels, lots, value at cost), ``sales`` (导出本月销售:
    each day's sales per product with revenue and margin), ``moves`` (导出流水: every ledger entry), ``book``
    (导出本月进销存: the ``StockBook`` of each product, and the entries) or ``orders``
    (导出本月采购单: every order placed, a row per line) on days
    ``start`` .. ``end`` (inclusive; the stock is as of now)."""
    kind: str
    start: date | None = None
    end: date | None = None
    location: str | None = None
    skus: tuple[str, ...] = ()   # only these products (导出可颂的销售); none: all
    partner: str | None = None   # ``statement`` (导出团餐6月的对账单): that customer's or supplier's
    order_id: int | None = None   # ``delivery`` (订单3的送货单): that customer's order; without: the day's sales to ``partner``


@dataclass(frozen=True)
class SetPartner:
    """A manager changes a supplier's lead time (张记的交货期改成3天): days, for its products without their own; a
    customer's credit limit (团餐的信用额度改成8000): money; or either's payment terms (团餐账期30天 · 张记月结60天 ·
    团餐现结: ``payment_terms``, days, ``monthly`` after the month's end); or a customer's price list (王记按批发价:
    ``price_tier``, its ``tier``)."""
    partner: str
    field: str
    value: Decimal
    monthly: bool = False
    tier: str = ""   # ``price_tier``: 王记按批发价 (catalog.PRICE_TIERS; "": back to the selling price)
    # ``contact``: whom to reach there and the number (张记的联系人是王师傅 · 张记电话13800138000), each as said ("":
    # as it was)
    text: str = ""
    phone: str = ""


@dataclass(frozen=True)
class PartnerCard:
    """张记的电话多少 · 张记的联系方式 · 团餐的资料 · 张记的交货期多久: what the books hold of one partner (whom to reach
    and the number, terms, lead time or credit limit, what is owed)."""
    partner: str


@dataclass(frozen=True)
class ProductField:
    """螺丝的安全库存是多少 · 可颂保质期多久 · 牛奶的供应商是谁: one field of a product, read (``field`` as SetProduct's)."""
    sku: str
    field: str


@dataclass(frozen=True)
class SetProduct:
    """A manager changes one field of a product (可颂的安全库存改成40个 · 牛奶售价改为65元一箱 · 可颂保质期改成3天 ·
    牛奶起订量改成5箱 · 牛奶交货期改成2天 · 可颂的供应商改成光明): ``field`` one of PRODUCT_FIELDS, ``value`` in base
    units (a quantity, or money per base unit), days, or a supplier's code. ``location``: a safety stock of that store
    alone (南山店可乐的安全库存改成50瓶), the others keeping the product's."""
    sku: str
    field: str
    value: Decimal | str
    location: str | None = None


@dataclass(frozen=True)
class SetPack:
    """可乐一提6瓶 · 可乐一箱改成12瓶: a pack of a product and how many base units it holds (added, or resized), by a
    manager; the stock stays in base units, so only what later messages and replies mean by the pack changes."""
    sku: str
    pack: str
    size: Decimal


@dataclass(frozen=True)
class SetRecipe:
    """可颂的配方:高筋面粉50克,黄油25克 · 做10个可颂要面粉0.5公斤 · 每杯拿铁用牛奶200毫升、咖啡豆18克: what goes into a
    product made in house, per ``yields`` of it (its base unit), its components' ``lines`` in their base units; no
    lines: its recipe taken away (删除可颂的配方). A manager's, shown and asked first."""
    sku: str
    yields: Decimal
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True)
class PlanMaterials:
    """下周要做可颂500个、拿铁300杯,原料够不够 · 做500个可颂要买什么 · 生产计划:可颂500个: what a production plan takes
    of bought ingredients, against what the store holds and awaits by ``due`` (None: now); nothing is recorded."""
    lines: tuple[Line, ...]
    location: str | None = None
    due: datetime | None = None


@dataclass(frozen=True)
class Step:
    """An operation said of a product's routing: 和面30分钟 · 烤制20分钟(烤箱) (``minutes`` None: no time said;
    ``center``: the work center it takes)."""
    name: str
    minutes: Decimal | None = None
    center: str | None = None
    per: Decimal | None = None   # 烤制每炉50个20分钟: the batch the time is for (the product's base unit)


@dataclass(frozen=True)
class SetOperations:
    """可颂的工序:和面30分钟,发酵2小时,烤制20分钟 · 删除可颂的工序 (no ``steps``): the operations a work order for
    the product goes through, in order. A manager's, shown and asked first; the recipe's next version."""
    sku: str
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class MakeOrder:
    """开工单:明天做可颂500个 · 安排生产可颂500个,周五前完成 · 委外加工:让李记做可颂500个,加工费每个1元: a work order
    for ``qty`` of ``sku`` (its base unit) due then, at the store, in house or by the subcontractor ``partner`` at
    ``fee`` per base unit; nothing moves until it starts."""
    sku: str
    qty: Decimal
    due: datetime | None = None
    partner: str | None = None
    fee: Decimal | None = None
    location: str | None = None


@dataclass(frozen=True)
class WorkStep:
    """What happens to a work order (by number; None: the store's only one open, of ``sku`` or ``partner`` when
    said): ``action`` "start" (工单1开工 · 工单1领料 · 工单2发料给李记: its materials issued), "op" (工单1和面完成 ·
    工单1下一道工序: ``op`` None the next), "made" (工单1完工,做了480个: ``qty`` None as planned; ``final`` False:
    工单1先交300个, the rest still in progress; ``scrap``: 报废20个, said of it; ``back``: 余料退回, what the rest would
    have used goes back to the store), "issue" (工单1补料:黄油1公斤: ``lines`` beyond the recipe), "return" (工单1退料:
    面粉2公斤: ``lines`` of what it holds, back to the store) or "cancel" (取消工单1: what was issued goes back)."""
    action: str
    order_id: int | None = None
    op: str | None = None
    qty: Decimal | None = None
    final: bool = True
    scrap: Decimal | None = None
    sku: str | None = None
    partner: str | None = None
    unit: str | None = None         # what ``qty`` was said in (its product's base unit: None)
    scrap_unit: str | None = None
    lines: tuple[Line, ...] = ()
    back: bool = False


@dataclass(frozen=True)
class WorkCenter:
    """烤箱每天可用8小时: a work center's hours a day at the store (``hours`` None: asked: 烤箱每天能用几小时)."""
    center: str
    hours: Decimal | None = None
    location: str | None = None


@dataclass(frozen=True)
class CenterLoad:
    """这周烤箱的负荷 · 明天烤箱排满了吗 · 产能负荷: each work center's hours its work orders still take, day by day
    (by their due day), against its hours a day (``center`` None: every one)."""
    start: date
    end: date
    center: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class WorkOrders:
    """工单 · 有哪些工单 · 在制品 · 工单1进度: the store's work orders not finished (``order_id``: that one, whatever its
    state), each with its stage, next operation and what it holds in progress."""
    order_id: int | None = None
    location: str | None = None


@dataclass(frozen=True)
class Utilization:
    """这周顾问的利用率 · 明天高级顾问约满了吗: each service's hours booked against its bookable hours, day by day
    (``sku`` None: every service), and each family of services together in one unit."""
    start: date
    end: date
    sku: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class PlaceMany:
    """What a production plan lacks, ordered from each supplier at once (物料需求 → 确认): each as if said alone."""
    orders: tuple[PlacePurchase, ...]


@dataclass(frozen=True)
class SetSubstitute:
    """可颂的黄油可以用人造黄油代替 (as much, in base units) · 可颂的黄油没有了用淡奶油代替,用量1.2倍 · 可颂的黄油不能用人造黄油
    代替 (``ratio`` None: taken off): what stands in for a component of a product's recipe when the place lacks it. A
    manager's, shown and asked first; the recipe's next version."""
    sku: str
    component: str
    substitute: str
    ratio: Decimal | None = Decimal(1)


@dataclass(frozen=True)
class SetProducts:
    """可乐和雪碧的售价都改成5块 · 饮料的安全库存都设为2箱: one field of several products (named, or a category's),
    each its own change (a pack said is each product's own), shown together and made together once confirmed."""
    changes: tuple[SetProduct, ...]


@dataclass(frozen=True)
class ScaleSafety:
    """把南山店的安全库存都调高10% · 饮料的安全库存都降低20% · 可乐和雪碧的安全库存调高一成: each product's safety stock
    (that store's own, else the product's) times 1 + ``pct``/100, shown old → new and changed together once confirmed.
    ``skus`` none: every product of ``category``, else every product kept in stock; ``location``: that store's own safety
    stocks (the others keep theirs), else the products'."""
    pct: Decimal
    skus: tuple[str, ...] = ()
    category: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class AddProduct:
    """新增商品羊肉,单位斤,一箱20斤,售价58元: a product a manager adds from the chat, shown first and added once
    confirmed (audited), with the next SKU of the catalog's own numbering. Prices per base unit; packs in base units."""
    name: str
    base_unit: str
    packs: tuple[tuple[str, Decimal], ...] = ()
    unit_price: Decimal | None = None
    unit_cost: Decimal | None = None
    shelf_life_days: int | None = None
    category: str = ""


@dataclass(frozen=True)
class AddPartner:
    """新增客户王老板,信用额度5000 · 添加供应商李记蔬菜,交货期2天: a customer or supplier a manager adds from the
    chat, shown first and added once confirmed (audited), with the next code of its kind's numbering."""
    kind: str   # "customer" | "supplier"
    name: str
    aliases: tuple[str, ...] = ()
    credit_limit: Decimal | None = None
    lead_time_days: int | None = None
    payment_terms: str | None = None   # 账期30天 · 月结 · 现结: accounts.Terms.code


PRODUCT_FIELDS = ("safety_stock", "unit_price", "unit_cost", "shelf_life_days", "moq", "lead_time_days", "supplier",
                  "warranty_days", "serial")


@dataclass(frozen=True)
class PlacePurchase:
    lines: tuple[Line, ...]
    partner: str | None = None
    location: str | None = None
    due: datetime | None = None


@dataclass(frozen=True)
class SupplierUpdate:
    """A supplier about its purchase order (订单1已发货 · 牛腩明天上午送到): shipped, and/or when it will arrive;
    ``order_id`` None: its only open one. ``ack`` (收到 · 好的 · 订单2已确认): it has the order and will deliver (said
    without a number: of each open order it had not confirmed yet)."""
    order_id: int | None = None
    shipped: bool = False
    eta: datetime | None = None
    ack: bool = False
    note: str = ""   # 牛腩只能送30斤 · 订单1明天送不了: a problem in its words, passed on to the store (nothing changes)
    # 张记说牛腩明天送不了 · 张记的牛腩只能送30斤: relayed by our own people, of that supplier's open order
    partner: str | None = None


@dataclass(frozen=True)
class Decide:
    """同意 · 批准#3 · 驳回2: a manager's decision on an order awaiting approval, typed instead of pressed;
    ``order_id`` None: the only one awaiting the speaker."""
    approve: bool
    order_id: int | None = None
    reason: str = ""     # 驳回#3,太贵了 · 同意,明天送: why (or a note), told to whoever asked
    every: bool = False  # 全部同意 · 都批了: every order awaiting the speaker


@dataclass(frozen=True)
class AddAlias:
    """肥牛就是牛腩 · 牛腩又叫肥牛: another name staff use for a product, added by a manager once confirmed (audited)."""
    sku: str
    alias: str


@dataclass(frozen=True)
class MyRecords:
    """刚才记了什么 · 我今天记了哪些 · 最近10条记录: the speaker's latest writes, newest first, undone ones marked.
    小王今天记了什么 (``who``: those people's) · 店里都记了什么 (``store``: everyone's at the speaker's store), a manager's."""
    limit: int = 10
    who: tuple[str, ...] = ()
    store: bool = False
    tally: bool = False   # 今天谁没记账 · 今天谁记了账: each of the store's people, how many writes today, none named
    # 今天谁报损了 · 牛腩是谁报损的 · 昨天谁收的牛奶: everyone's writes of those move kinds (of ``sku``, on days
    # ``start`` .. ``end``), each naming who
    kinds: tuple[str, ...] = ()
    sku: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class RepeatPurchase:
    """再订一次上周的货 · 照上次给张记的单再下一单: the latest purchase (of ``partner``) ordered again, once confirmed.
    订牛腩,跟上次一样 (``skus``): each product's own latest order line again, from the supplier it came from."""
    partner: str | None = None
    skus: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlaceSale:
    """盒马订可颂50个,明天提货: a customer's order, due on a day (None: today). Its lines are booked against
    the stock until they leave (a sale to that customer fulfils the oldest open order first)."""
    lines: tuple[Line, ...]
    partner: str
    location: str | None = None
    due: datetime | None = None
    deposit: Decimal | None = None   # …,付了定金500: paid with the order, kept on the customer's account
    adjust: Adjust | None = None     # …,优惠200 · 一共2300 (several products): its lines settled from their list prices


@dataclass(frozen=True)
class Bookings:
    """明天的预定有哪些 (``cancel`` False) · 取消明天的包桌 (True): the bookings on days ``start`` .. ``end`` at the
    speaker's store (or ``location``), listed, or taken off once confirmed."""
    start: date
    end: date
    location: str | None = None
    cancel: bool = False
    who: str = ""   # 张女士的预约 · 取消王总的包桌: those whose note names them
    # 张女士改到后天下午4点 · 明天的包桌改到周六 · 王总的包桌推迟到晚上7点: moved there, once confirmed; only the day
    # said (``move_time`` False): each keeps its time of day; only the time (``move_day`` False): its day
    move_to: datetime | None = None
    move_day: bool = True
    move_time: bool = True
    guests: int | None = None   # 张女士改成3个人 · 明天的包桌改成25人: how many are coming now, once confirmed
    # 王总的理疗推迟一小时 · 张女士的预约提前半小时: each moved by that many minutes (earlier: negative), once confirmed
    move_minutes: int | None = None
    at: datetime | None = None   # 明天晚上6点的包桌改成25人: the bookings at that time only


@dataclass(frozen=True)
class RecordBooking:
    """A booking or event that will consume stock (周六中午有40人包桌,要酸菜鱼10份); no ``lines``: a table booked, its
    goods not said (明天晚上6点有个20人的包桌 · 周六中午王总订了两桌), kept as one row of ``NO_GOODS`` (its guests
    in the row's quantity) so that it is listed, called off and warned of, and takes no stock."""
    at: datetime
    lines: tuple[Line, ...]
    location: str | None = None
    note: str = ""
    guests: int | None = None   # 20人 · 20位: how many are coming, when said


NO_GOODS = ""   # the sku of a booking's row that names no goods (``RecordBooking`` without lines)


@dataclass(frozen=True)
class Earlier:
    """昨天卖的可乐 · 上午那笔牛腩 · 周一收的牛奶: one of the speaker's earlier writes, by when it happened (``start``
    to ``end``), its ledger move kinds (empty: any) and a product it holds (None: any); ``said``: the words."""
    start: datetime
    end: datetime
    kinds: tuple[str, ...] = ()
    sku: str | None = None
    said: str = ""
    partner: str | None = None   # 昨天卖给李总的…: a write with that customer or supplier
    last: bool = False   # 上次收的牛腩 · 最近一次卖的可乐: only the newest such write in the window
    newest: int = 0   # 撤销最后两条 · 刚才那三笔都删掉: that many of the newest such writes in the window


@dataclass(frozen=True)
class Undo:
    """撤销 · 撤销刚才那笔入库: the speaker's last write; ``kinds`` said (ledger move kinds): only if it is of one.
    ``of``: an earlier write instead (撤销昨天收的牛奶), ``batch`` once it is found."""
    kinds: tuple[str, ...] = ()
    of: Earlier | None = None
    batch: str | None = None


@dataclass(frozen=True)
class Correct:
    """不对,是6瓶: replace the user's last write; ``sku`` None means 'the same product'. A product that the last
    write of one product did not hold replaces that product (不是牛奶,是奶油 · 不对,是奶油2箱); without a quantity it
    keeps the quantity when both count in the same base unit."""
    qty: Decimal | None
    unit: str = ""
    sku: str | None = None
    location: str | None = None   # 刚才是静安店的: the same write, at another place
    delta: int = 0   # 可乐少记了2瓶 (+1: ``qty`` more) · 多记了2瓶 (−1: ``qty`` less) than the last write said
    of: Earlier | None = None   # 把昨天卖的可乐改成3箱: that earlier write instead of the last
    partner: str | None = None   # 不是张记,是绿源 · 刚才那笔是团餐买的: the same write, of another supplier or customer
    batch: str | None = None    # (the write ``of`` found, once it is)
    serials: tuple[str, ...] = ()   # 不对,串号是SN001、SN002: the last write's units, these (as many) instead
    method: str | None = None   # 刚才那笔是微信付的 · 不对,是现金: the same sale, paid (a return refunded) so
    # 这批牛奶保质期3天 · 刚收的牛奶6月18号过期 · 这批牛奶生产日期6月14日: the same receipt, its goods expiring on the day
    # said (``expiry``), or that many days (``shelf_days``, else the catalog's) from when they were made (``produced``)
    # or came in
    expiry: datetime | None = None
    shelf_days: int | None = None
    produced: datetime | None = None
    at: datetime | None = None   # 刚才那笔是昨天的 · 把今天卖的可乐记到昨天: the same write, on that day (and time)
    was: str | None = None   # 不是可乐,是雪碧 · 可乐记错了,是雪碧: the product the write is said to hold (else: asked)


@dataclass(frozen=True)
class AddRule:
    draft: rules.RuleDraft
    rule_id: int | None = None  # set: a new version of this rule (修改规则3:…)


@dataclass(frozen=True)
class ManageRules:
    action: str  # "list" | "pause" | "resume" | "delete" | "backtest" | "retime"
    rule_id: int | None = None
    about: str = ""   # 不要再提醒我盘点了 · 取消订牛奶的提醒: the user's one rule whose words hold this
    cron: str = ""    # "retime" (规则1改成每天早上8点): the new crontab, "M H dom * dow", or "M H" (the time alone)
    workdays: bool = False   # (retime: 工作日早上8点, only on working days)


@dataclass(frozen=True)
class Forecast:
    """可乐未来一周预测 · 明天要备多少可乐 · 可乐下周能卖多少: ``days`` days from ``start`` (None: today)."""
    sku: str
    days: int = 7
    location: str | None = None
    start: date | None = None


@dataclass(frozen=True)
class PurchaseQuery:
    """本月采购花了多少钱 · 这周进了多少货 · 上个月从光明进了多少: what came in on days ``start`` .. ``end`` (inclusive),
    at what it cost, by product and by supplier (of ``partner`` alone when named). ``payable``: asked as a debt (欠张记
    多少钱 · 张记的货款), which the chat knows only as what was received, payments not being recorded."""
    start: date
    end: date
    sku: str | None = None
    location: str | None = None
    partner: str | None = None
    payable: bool = False


@dataclass(frozen=True)
class SalesQuery:
    """这周可乐卖了多少 · 昨天卖了多少 · 上个月牛腩销量: what sold on days ``start`` .. ``end`` (inclusive);
    no ``sku``: the best sellers; ``money``: with what it brought in and its gross margin (今天营业额 · 卖了多少钱)."""
    start: date
    end: date
    sku: str | None = None
    location: str | None = None
    money: bool = False
    by_store: bool = False   # 静安店和徐汇店哪个卖得多 · 各店今天营业额: each store beside the others
    # 可乐比上周多卖了多少 · 这个月比上个月怎么样: the period compared with the one starting on ``versus`` (as long)
    versus: date | None = None
    # the products by their gross profit: "margin" (哪个商品最赚钱), "low" (毛利最低的商品), "loss" (哪些商品卖亏了);
    # "weekday": the sales (of ``sku``, else the money) by weekday (周几卖得最多 · 周末比平时卖得多吗); "abc", "abc:a" …:
    # the products in classes by their takings (ABC分类 · 哪些是A类商品), every class or the one named
    rank: str = ""
    also: tuple[str, ...] = ()   # 可乐和雪碧卖了多少 · 哪个卖得好: more products named, each beside the others


@dataclass(frozen=True)
class LastMoved:
    """张记上次送货是什么时候 · 团餐多久没来拿货了 · 可乐上次卖是什么时候 · 牛腩多久没进货了: when goods last came in
    (``kind`` "receipt") or went out sold ("sale"), from or to ``partner`` or of ``sku``, and what they were."""
    kind: str
    partner: str | None = None
    sku: str | None = None


@dataclass(frozen=True)
class LastCount:
    """上次盘点是什么时候 · 牛腩上次盘点是哪天 · 牛腩多久没盘了 · 今天要盘点吗: when the store (or ``sku`` there) was last
    counted and by whom, what has gone longest uncounted, and the count reminders set."""
    sku: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class Todo:
    """我该做什么 · 有什么待办 · 有什么要处理的: what waits for the speaker today (decisions, goods due in or to be
    collected, transfers to send or take in, work orders due)."""


@dataclass(frozen=True)
class TillCount:
    """日结:现金3000,微信5200 · 今天收现金3000、支付宝800 (the day's takings counted by how they were paid, set against
    the books) · 今天的日结 · 这周的日结 (no ``methods``: the counts of days ``start`` .. ``end`` against the books)."""
    methods: tuple[tuple[str, Decimal], ...] = ()   # (method, amount): "cash", "wechat", "alipay", "card" …
    start: date | None = None
    end: date | None = None
    location: str | None = None
    # 今天微信收了多少 · 这周现金收了多少钱: that method's takings, as the sales said them; "all": each's (收款明细);
    # "drawer": the cash the day left in the till (钱箱里应该有多少钱 · 现金有多少), that of ``end``
    asked: str | None = None


@dataclass(frozen=True)
class CloseBooks:
    """结账到5月31日 · 5月的账结了 · 月结 (``action`` "close": every stock move dated ``through`` or before is final) ·
    反结账 · 反结账到4月30日 ("reopen": the books closed through ``through`` only, None: open again) · 账结到哪天了
    ("ask")."""
    action: str
    through: date | None = None


@dataclass(frozen=True)
class EventDays:
    """6月20日店庆 · 周六有促销活动 · 6月20日到22日做促销 (``action`` "set": those days the company's event days, named) ·
    取消6月20日的活动 ("clear") · 最近有什么活动 ("list"): the calendar the forecast learns events' uplift from."""
    action: str
    days: tuple[date, ...] = ()
    name: str = ""


@dataclass(frozen=True)
class CustomerPrice:
    """团餐的可乐按4.5元一瓶 · 团餐的可乐价格定为4.5元 (``action`` "set": that customer's price of ``sku``, per base unit,
    used on its sales and orders that say none) · 取消团餐的可乐协议价 ("clear") · 团餐的价格表 ("list")."""
    action: str
    partner: str
    sku: str | None = None
    price: Decimal | None = None
    # 张记的牛腩涨了3块 · 降了2块一斤: a supplier's price moved by this much per base unit from what we pay it now
    delta: Decimal | None = None


@dataclass(frozen=True)
class SupplierScore:
    """哪些供应商经常晚送 · 供应商准时率 · 张记送货准时吗: how each supplier (``partner``: that one) delivered the purchase
    orders due on days ``start`` .. ``end`` (None: the last 90 days)."""
    partner: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Closure:
    """6月20日店休 · 南山店6月20日到22日装修停业 · 每周一店休 (``action`` "set": the store, or every store with
    ``location`` closures.ALL, closed those ``days`` or every week on those ``weekdays``) · 6月20日照常营业 ·
    每周一不休息了 ("clear") · 哪天店休 ("list"). ``location`` None: the speaker's store (every store for someone
    without one)."""
    action: str
    days: tuple[date, ...] = ()
    weekdays: tuple[int, ...] = ()
    name: str = ""
    location: str | None = None


@dataclass(frozen=True)
class CatalogGaps:
    """哪些商品没有售价 · 还有哪些没设安全库存: the catalog's products (still carried) without that ``field`` set
    (a catalog.Product field: unit_price, unit_cost, safety_stock, shelf_life_days, supplier, moq, lead_time_days)."""
    field: str


@dataclass(frozen=True)
class StockCard:
    """牛腩的进出记录 · 牛腩这周的台账 (``sku``: its ins and outs at the store with the balance after each, days
    ``start`` .. ``end``) · 今天的进出明细 (no ``sku``: every product's writes there)."""
    start: date
    end: date
    sku: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class MovesQuery:
    """这周牛奶用了多少 · 本月报损多少 · 昨天扔了什么: what left the store on days ``start`` .. ``end`` (inclusive) as
    ``kind`` "consumption" (used) or "scrap" (spoiled, and what counts found missing); no ``sku``: every product."""
    kind: str
    start: date
    end: date
    sku: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class CustomerQuery:
    """团餐这个月买了多少 · 这个月卖给团餐多少钱 · 团餐欠了多少钱: what a customer took on days ``start`` .. ``end``
    (its sales less its returns), its open orders and what counts against its credit limit. ``partner`` "":
    every customer side by side, most first (这个月哪个客户拿货最多 · 客户排行)."""
    partner: str
    start: date
    end: date
    sku: str | None = None


@dataclass(frozen=True)
class AmendOrder:
    """盒马订的可颂改成60个 · 订单#4的牛奶改为15箱: an open order's line of ``sku`` ordered ``qty`` (base units) in all,
    the order by number or the partner's (or the store's) only open one with that product. Without a product
    (光明的订单改成8箱 · 订单#2改成8箱): ``sku`` None and ``amount`` in ``amount_unit``, of the order's only product.
    Right after placing an order, 改成3箱 · 再加1箱牛腱 · 改成明天到 are of that order."""
    sku: str | None
    qty: Decimal | None
    order_id: int | None = None
    partner: str | None = None
    amount: Decimal | None = None
    amount_unit: str = ""
    due: datetime | None = None            # 改成明天到 · 订单#2推迟到周五: the moment it is now due (qty None: only that)
    more: tuple[Line, ...] = ()            # 再加牛腱1箱 · 订单#1加五花肉10斤: added to it (a new line, or more of one)
    shift_days: int = 0                    # 推迟一天 · 提前两天: its day moved by that many days


@dataclass(frozen=True)
class ReceiveOrder:
    """光明的货到了 · 牛奶订单到了: receive what the oldest open purchase order (of this supplier, with this product)
    still awaits, once the user confirms it. ``short``: what did not come of it (光明的货到了,牛奶少了一箱);
    ``exact``: what came instead of the ordered amount (…,牛奶只到了8箱). What did not come stays on order."""
    partner: str | None = None
    sku: str | None = None
    location: str | None = None
    short: tuple[Line, ...] = ()
    exact: tuple[Line, ...] = ()
    # 咖啡豆行只送来了4箱: what came, said without its product (the order's only one), in the unit said
    amount: Decimal | None = None
    amount_unit: str = ""
    amount_short: bool = False   # 订单1到了,少了2斤: ``amount`` is what did not come of it
    order_id: int | None = None   # 采购单#3的货到了: that order, wherever it is for
    unit_price: Decimal | None = None   # 光明的牛奶到了,单价5元: the price said, per base unit, for ``sku``
    # 绿联的货到了,串号SN004、SN005: the units that came, of the order's one product kept by serial (domain/serials.py)
    serials: tuple[str, ...] = ()


@dataclass(frozen=True)
class RetireProduct:
    """酸菜下架 · 停用酸菜 · 删除商品酸菜 (``active`` False) · 酸菜重新上架 · 恢复酸菜 (True): a manager takes a product off
    the catalog, its history kept, or puts it back."""
    sku: str
    active: bool = False


@dataclass(frozen=True)
class RecordPayment:
    """团餐付了3000 · 收到团餐货款2000 · 付给张记5000 · 张记的货款结了3000: money from a customer or to a supplier
    (which, the partner's kind says), kept on its account once confirmed."""
    partner: str
    amount: Decimal
    all_owed: bool = False   # 张记的货款结清了: what the account owes now (``amount`` read when it is kept)
    share: Decimal | None = None   # 张记的钱付了一半 (with ``all_owed``): that share of what it owes
    # 张记这个月的货款付了: all owed, but no more than the goods of days ``start`` .. ``end`` came to
    start: date | None = None
    end: date | None = None
    # 团餐期初欠款5000,是5月20日的 · 我们期初欠张记3000: what was owed before the books began (``day``: as of then)
    opening: bool = False
    day: date | None = None
    # 退给王记500 · 王记的定金退了 · 张记退款300: money back the other way (ours to a customer, a supplier's to us),
    # out of what the account holds paid ahead (``all_owed``: all of it); kept as a payment of the opposite sign
    refund: bool = False
    # 团餐充值1000送100: a customer's credit given on top of what it paid ahead (no money: never in the till, never
    # given back in cash), kept beside its payment and undone with it
    bonus: Decimal | None = None
    method: str | None = None   # 团餐付了3000,微信 · 团餐微信转了3000: how it was paid (``ledger.PAYMENT_METHODS``)


@dataclass(frozen=True)
class MakeQuote:
    """给王记报价:苹果数据线100根12元、20W充电头50个30元 · 给团餐报价牛腩20斤,有效期3天 (domain/quotes.py): the prices
    offered (a line without one at the customer's agreed or list price, else the selling price), valid ``days``
    (None: quotes.VALID_DAYS)."""
    partner: str
    lines: tuple[Line, ...]
    days: int | None = None
    revises: int | None = None   # 修改报价1:苹果数据线100根11元: that quotation's goods and prices, said again


@dataclass(frozen=True)
class QuoteAction:
    """报价1转订单 · 报价1转订单,明天提货 (``order``: the customer's order it becomes, due ``due``) · 王记的报价单 · 有哪些
    报价 (``list``) · 报价1 · 发一下报价单1 (``file``: its sheet again)."""
    action: str
    quote_id: int | None = None
    partner: str | None = None
    due: datetime | None = None


@dataclass(frozen=True)
class RecordExpense:
    """交房租5000 · 付了电费800 · 昨天交了物业费1200 · 费用:打印纸50元 (domain/expenses.py): a running cost, of the
    ``category`` its word names, spent at ``location`` (None: the speaker's store, or the company's), on ``day``
    (None: today)."""
    amount: Decimal
    category: str
    note: str = ""   # the word it was said by (电费), or what it was for (打印纸)
    day: date | None = None
    location: str | None = None
    method: str | None = None   # 费用:打印纸50元,现金 · 从钱箱拿了50买打印纸 (cash): how it was paid, when said


@dataclass(frozen=True)
class RecordInvoice:
    """张记开了发票3200 · 收到张记5月的发票3200,发票号12345678 (a supplier's to us) · 给团餐开了发票5000 (ours to a
    customer; which, the partner's kind says): a tax invoice for ``month``'s goods (its first day; None: the month
    being invoiced, domain/invoices.py), held against them once kept."""
    partner: str
    amount: Decimal
    month: date | None = None
    code: str = ""


@dataclass(frozen=True)
class VoidInvoice:
    """撤销 right after an invoice was recorded: that invoice, undone by an entry of the opposite amount."""
    invoice_id: int


@dataclass(frozen=True)
class DiscountLimit:
    """店员最多优惠10% · 店员最多打9折 · 优惠超过10%要店长批准: the most of a sale's list value someone who may not
    approve can give away (``share``, 0.1: a tenth) before the sale waits for a manager; None: no limit (取消优惠上限);
    ``ask``: 优惠上限是多少."""
    share: Decimal | None = None
    ask: bool = False


@dataclass(frozen=True)
class DiscountQuery:
    """这个月优惠了多少 · 今天抹零多少 · 打折记录 · 上周的折扣: the sales settled below their list prices from ``first`` to
    ``last`` (each person's, the largest), at ``location`` (None: the asker's store, every store for someone without
    one)."""
    first: date
    last: date
    location: str | None = None


@dataclass(frozen=True)
class RepairAction:
    """A repair ticket (维修单, domain/repairs.py): ``intake`` 王记送修蓝牙耳机,串号SN001,不出声 (``partner``: the
    customer) · ``send`` 维修单1寄给绿联 (``partner``: the supplier) · ``back`` 维修单1修好了 · SN001换新了,新串号SN009 ·
    维修单1修不好 (``outcome``; ``fee``: 收费80) · ``collect`` 维修单1取走了 · ``show`` 维修单1 · SN001修到哪了 · ``list``
    在修的 · 维修单 (``every``: collected ones too). A ticket is named by its number or its unit's serial."""
    action: str
    repair_id: int | None = None
    serial: str = ""
    sku: str | None = None
    partner: str | None = None
    fault: str = ""
    outcome: str = ""
    new_serial: str = ""
    fee: Decimal | None = None
    every: bool = False


@dataclass(frozen=True)
class SetCommission:
    """蓝牙耳机每副提成10元 · 手机壳提成5% · 音频类提成2% · 销售提成3% · 取消蓝牙耳机的提成: the rule that pays the seller on
    a product, a category or everything (``scope`` sku · category · all, ``key``); ``rate``: a share of what the sale
    took, ``per_unit``: yuan a base unit; neither: the rule taken away."""
    scope: str
    key: str
    rate: Decimal | None = None
    per_unit: Decimal | None = None


@dataclass(frozen=True)
class CommissionQuery:
    """这个月的提成 · 小美上个月的提成 · 我的提成 (``user``: one person's) · 提成规则 (``rules``: the rules alone);
    ``sales``: what each seller sold, with no commission (谁卖得最多 · 每个人这个月卖了多少 · 小王今天卖了什么)."""
    first: date | None = None
    last: date | None = None
    user: str | None = None
    rules: bool = False
    sales: bool = False


@dataclass(frozen=True)
class SetTarget:
    """本月销售目标10万 · 华强店12月业绩目标30万 · 小美这个月目标2万 · 蓝牙耳机本月目标卖100副 · 每月目标10万 (domain/targets.py;
    a manager's): ``amount`` yuan (``qty``: base units of the product ``key``) over the ``period`` that begins on
    ``start`` (None: every one), of the company, a store (``location``) or a seller (``user``); ``amount`` None: the
    target taken away (取消本月目标 · 取消小美的目标; ``number``: by its number)."""
    period: str | None
    start: date | None
    amount: Decimal | None
    qty: bool = False
    location: str | None = None
    user: str | None = None
    goods: str = "all"
    key: str = "*"
    number: int | None = None
    margin: bool = False   # 本月毛利目标3万: of gross margin


@dataclass(frozen=True)
class SetBudget:
    """本月采购预算5万 · 每月采购预算5万 · 南山店下个月采购预算3万 (domain/targets.py, kept apart from the sales targets;
    a manager's): what the store (``location``; "*": the company) may spend on purchases over the ``period`` that begins
    on ``start`` (None: every one); ``amount`` None: taken away (取消采购预算)."""
    period: str | None
    start: date | None
    amount: Decimal | None
    location: str | None = None


@dataclass(frozen=True)
class BudgetQuery:
    """采购预算还剩多少 · 南山店这个月的采购预算用了多少 · 上个月采购超预算了吗: the purchase budgets of the periods holding ``day``
    (today unless said), the store's said alone."""
    day: date | None = None
    location: str | None = None


@dataclass(frozen=True)
class TargetQuery:
    """目标完成得怎么样 · 这个月的业绩进度 · 小美的目标 · 我的目标 · 华强店上个月目标完成了吗: the targets of the periods holding
    ``day`` (unsaid: today), of the ``period`` said alone, of that store, seller or goods alone; ``rank``: 业绩排行 ·
    员工业绩 (each seller's sales, most first, against their targets)."""
    day: date | None = None
    period: str | None = None
    location: str | None = None
    user: str | None = None
    goods: str | None = None
    key: str | None = None
    rank: bool = False


@dataclass(frozen=True)
class SetPromotion:
    """A promotion set (domain/promotions.py; a manager's, asked first): 可乐打8折 · 可乐特价4元 · 手机壳买二送一 ·
    手机壳第二件半价 · 饮料满100减10 · 本周全场9折 · 南山店可乐买一箱送两瓶,到周日. ``buy``/``free`` and ``threshold``
    are in base units and yuan; ``last`` None: until it is ended."""
    kind: str
    scope: str
    key: str
    first: date
    last: date | None = None
    share: Decimal | None = None
    price: Decimal | None = None
    buy: Decimal | None = None
    free: Decimal | None = None
    threshold: Decimal | None = None
    off: Decimal | None = None
    each: bool = False
    location: str | None = None
    said: str = ""
    since: time | None = None   # 晚上8点以后: the hours of each day it runs
    until: time | None = None


@dataclass(frozen=True)
class PromotionQuery:
    """有什么促销 ("list": the running and coming ones) · 所有促销 ("all") · 取消可乐的促销 · 结束促销1 ("end") · 促销1效果怎么样 ·
    可乐促销效果 ("effect": its sales against as many days before it); by ``number``, else the product or category
    (``scope``/``key``), else the latest."""
    action: str
    number: int | None = None
    scope: str | None = None
    key: str | None = None


@dataclass(frozen=True)
class PriceTags:
    """打印价签 · 手机壳、蓝牙耳机的价签 · 音频类价签 (``skus``, else the ``category``'s, else every priced product) ·
    打印促销价签 (``promo``: the goods on offer today): a printable sheet of shelf tags, the price on offer beside the
    list price."""
    skus: tuple[str, ...] = ()
    category: str | None = None
    promo: bool = False
    location: str | None = None


@dataclass(frozen=True)
class InvoiceQuery:
    """5月的发票核对 · 哪些供应商没开发票 · 给客户开了多少发票 · 张记的发票: each partner's goods of ``month`` against
    the invoices for them (``kind``: supplier · customer; ``partner``: that one alone; ``month`` None: the month being
    invoiced)."""
    kind: str = "supplier"
    month: date | None = None
    partner: str | None = None


@dataclass(frozen=True)
class VoidExpense:
    """撤销 right after a cost was recorded: that cost, undone by an entry of the opposite amount."""
    expense_id: int


@dataclass(frozen=True)
class ExpenseQuery:
    """这个月的费用 · 上个月开支多少 · 这个月电费多少: the costs of a span (this month when none is said), of one
    ``category`` or all, at one place or all; ``goods`` (这个月花了多少钱 · 总支出多少): the goods that came in too."""
    start: date
    end: date
    category: str | None = None
    location: str | None = None
    goods: bool = False


@dataclass(frozen=True)
class VoidPayment:
    """撤销 right after a payment was recorded: that payment, undone by an entry of the opposite amount."""
    payment_id: int


@dataclass(frozen=True)
class Relay:
    """通知陈采购:牛腩快没了 · 告诉刘店长冰箱坏了 · 提醒陈采购订牛腩: words for colleagues now (usernames, or roles:
    the speaker's store's managers), passed on as said; nothing recorded."""
    to: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class StartCount:
    """开始盘点 · 盘点饮料: the count sheet of the store (of one category): each product with what the books say; what
    follows as bare lines (可乐45 雪碧20) is counted, until 盘点结束."""
    category: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class FinishCount:
    """盘点结束 · 盘完了: the count sheet closed: what was counted, what was not, the differences found at cost."""


@dataclass(frozen=True)
class ShipTransfer:
    """发货了 · 调拨单2已发货, said at the store that sends a transfer: that transfer (its only one to ship, else by
    number) to ship, with its button; 南山店要的土豆发了: the one for that place (and that product)."""
    order_id: int | None = None
    dest: str | None = None
    sku: str | None = None


@dataclass(frozen=True)
class CancelOrder:
    """取消订单#3 · 盒马的订单取消了 · 取消刚才的订单: an open order no longer wanted (by number, a partner's only open
    one, or ``latest``: the last one the speaker placed)."""
    order_id: int | None = None
    partner: str | None = None
    kind: str | None = None   # "purchase" | "sale" | "transfer" | None
    latest: bool = False
    undo: bool = False        # 撤销 right after cancelling it: the cancellation taken back


@dataclass(frozen=True)
class OrderQuery:
    """盒马的订单 · 哪些采购单还没到 · 可乐订单到了吗: the orders still open (awaiting approval, to deliver, to
    collect, in transit), of one kind ("purchase" | "sale" | "transfer"; None: all), partner or product. 订单1到了吗 ·
    采购单#3怎么样了: that order (``order_id``), whatever its state."""
    kind: str | None = None
    partner: str | None = None
    sku: str | None = None
    order_id: int | None = None
    mine: bool = False       # 我的申请批了吗 · 我下的单: the speaker's own of the last two weeks, whatever their state
    awaiting: bool = False   # 有什么要我审批的 · 待审批: those waiting for the speaker's decision, with their buttons
    due_from: date | None = None   # 明天有什么货要到 · 这周要到的货: due on these days (inclusive)
    due_to: date | None = None
    inbound: bool = False          # goods coming to the store: its purchases and transfers in


@dataclass(frozen=True)
class Report:
    """A report asked for now (今日备货清单), as a scheduled rule would send it; ``why``: one product's replenishment
    suggestion with its reasons (为什么要订可乐 · 可乐该订多少); ``cover``: how long its stock lasts (可乐还能卖几天); ``slow``:
    what has stock and no sale for days (哪些货一周没动了 · 滞销品), the store's or, for someone without one, every store's."""
    kind: str = "prep_list"
    location: str | None = None
    sku: str | None = None
    days: int | None = None   # ``slow`` (哪些货一周没动了): without a sale for this many days (None: by shelf life)
    # ``why`` asked as an order without its quantity (订可乐 · 给张记下单牛腩 · 可乐快没了,赶紧订): the suggestion is
    # offered as the order, confirmed first, to ``partner`` when one is named
    order: bool = False
    partner: str | None = None
    qty: Decimal | None = None   # ``cover`` of an amount said (可乐3箱够用几天: those 3 cases, base units), not the stock


@dataclass(frozen=True)
class SetUser:
    """小王调到福田店了 (``location``) · 小王离职了 · 停用小王的账号 (``active`` False) · 恢复小王的账号 (True) · 把小王升为店长
    (``role``): a colleague's place, account or role, changed from the chat."""
    username: str
    location: str | None = None
    role: str | None = None
    active: bool | None = None


@dataclass(frozen=True)
class OwedQuery:
    """哪些客户还欠钱 · 应收账款 (``kind`` "customer") · 我们欠供应商多少 · 应付账款 ("supplier"): every account with
    something still owed, most first (``view`` "balance"). 应收账龄 ("aging": what is owed by how long past due) ·
    哪些客户逾期了 ("overdue") · 这周要付哪些货款 ("due": due by ``until``) · 团餐的货款什么时候到期 ("detail": one
    ``partner``'s open deliveries) · 团餐6月的对账单 ("statement": its deliveries, returns and payments)."""
    kind: str = "customer"
    view: str = "balance"
    partner: str | None = None
    until: date | None = None
    start: date | None = None   # 团餐6月的对账单 ("statement": ``start`` .. ``until``)


@dataclass(frozen=True)
class StaffQuery:
    """南山店有哪些人 · 员工名单 · 谁是南山店店长 (``location``, ``role``) · 小王是哪个店的 (``username``): who works where,
    in which role."""
    location: str | None = None
    role: str | None = None
    username: str | None = None


@dataclass(frozen=True)
class TraceLot:
    """追溯牛奶批号A123 · 批号A123的牛奶去哪了 · 15号那批牛腩卖给谁了 · 张记送的那批牛腩 · 这批牛奶是哪来的 (``sku``,
    ``lot`` or the ``day`` it came in or its ``partner``; neither: the product's lots to choose from) · 召回批号A123的牛奶 (``recall``: whom to call and
    what to pull) · 牛奶A123的溯源码 (``code``: the consumer page's QR code)."""
    sku: str | None = None
    lot: str | None = None
    day: date | None = None
    recall: bool = False
    code: bool = False
    partner: str | None = None    # 张记送的那批: the lots that supplier delivered
    serial: bool = False          # 串号SN001 · 串号SN001保修到什么时候: one unit's history and warranty (anyone's to ask)
    bare: bool = False            # SN001在哪: the code alone, a unit's or a lot's (AB123在哪 of milk: the lot's trace)


@dataclass(frozen=True)
class LedgerCheck:
    """账本校验 · 账本有没有被改过 (every move's seal recomputed) · 核对账本指纹 #1234 3f9a1c2b4d5e (``anchor``: a
    fingerprint said earlier, position and hash, checked against the ledger as it is now)."""
    anchor: tuple[int, str] | None = None


@dataclass(frozen=True)
class Network:
    """The network of companies on this server: 邀请张记加入库管网络 (``action`` "invite": a code for that partner's
    company) · 接受邀请 KG-ABCD-EFGH ("accept") · 断开和张记的联网 ("end") · 库管网络 ("list"). A manager's."""
    action: str
    partner: str | None = None
    code: str | None = None
    server: str | None = None   # 接受邀请 KG-ABCD-EFGH@https://…: the inviting company's server (None: this one)


@dataclass(frozen=True)
class Invite:
    name: str
    role: str


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class SmallTalk:
    kind: str = "greeting"  # "greeting" | "thanks" | "other"


@dataclass(frozen=True)
class Batch:
    """Stock writes of different kinds said in one message (收到鸡蛋3板,碎了5个 · 收到牛奶2箱,其中1箱是给静安店的):
    shown together, recorded together once confirmed, and undone together."""
    parts: tuple[RecordMoves | CountStock | TransferStock | WorkStep, ...]   # (WorkStep: a subcontractor's goods back)


@dataclass(frozen=True)
class EachStore:
    """各店的报损 · 每个店的库存 said by someone with a store of their own: the question asked of every store, each
    answered in turn (the owner, with none, gets it so already)."""
    question: QueryStock | StockInfo | MovesQuery


Command = (RecordMoves | TransferStock | CountStock | Batch | EachStore | QueryStock | StockInfo | StockBook | Export | ProductField
           | SetProduct | SetProducts | ScaleSafety | SetPack | SetPartner | AddProduct
           | RepeatPurchase | RetireProduct | Bookings | MovesQuery | ShipTransfer | RecordPayment | VoidPayment | RecordExpense | VoidExpense | ExpenseQuery | RecordInvoice | VoidInvoice | InvoiceQuery | DiscountLimit | DiscountQuery | SetCommission | CommissionQuery | SetTarget | TargetQuery | SetBudget | BudgetQuery | SetPromotion | PromotionQuery | PriceTags | RepairAction | MakeQuote | QuoteAction | StartCount | FinishCount | AddPartner | Relay | MyRecords | AddAlias | SupplierUpdate | Decide | AmendOrder | PlacePurchase | PlaceSale | RecordBooking
           | SalesQuery | PurchaseQuery | StockCard | CatalogGaps | EventDays | CloseBooks | TillCount | Closure | SupplierScore | CustomerPrice | Todo | LastCount | LastMoved | PartnerCard | CustomerQuery | OrderQuery | ReceiveOrder | CancelOrder | Undo | Correct | AddRule | ManageRules | Forecast | Report | Invite | Network | SetUser | StaffQuery | OwedQuery | SetRecipe | SetSubstitute | SetOperations | MakeOrder | WorkStep | WorkOrders | WorkCenter | CenterLoad | PlanMaterials | PlaceMany | Utilization | TraceLot | LedgerCheck | Help
           | SmallTalk)


@dataclass(frozen=True)
class Clarify:
    """The NLU needs an answer before it can produce a command.

    reason: "ambiguous_product" | "unknown_product" | "missing_qty" | "unit_mismatch"
            | "unknown_location" | "rule_unsupported" | "not_understood" | "zero_qty" | "bad_qty"
            | "qty_too_large" | "qty_too_precise" …
    ``partial`` holds the command built so far (with the doubtful line left out) when resumable.
    """
    reason: str
    mention: str = ""
    candidates: tuple[str, ...] = ()  # SKUs (or other codes) to choose from
    partial: Command | None = None
    detail: str = ""
    unit_price: Decimal | None = None   # 收到牛奶,单价5元: the price said for the line still asked (per base unit)
    serials: tuple[str, ...] = ()   # 王记的货提走了,串号SN001: the units said with an order's collection
    order_id: int | None = None     # 订单2提走了: the customer order collected, named by its number


@dataclass(frozen=True)
class Parsed:
    """A command plus what was guessed to produce it."""
    command: Command
    guesses: tuple[Guess, ...] = field(default_factory=tuple)

    @property
    def certain(self) -> bool:
        return not self.guesses
