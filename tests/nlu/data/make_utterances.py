"""Generates tests/nlu/data/utterances.jsonl: templated, labelled utterances (seeded, reproducible).

Labels are computed here by hand-written arithmetic (pack sizes from the fixture CSVs, the global
weight/volume table below), never by the parser. Hand-written cases live in hand.jsonl.
Run: .venv/bin/python tests/nlu/data/make_utterances.py
"""
from __future__ import annotations

import csv
import json
import random
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).parent
FIX = HERE.parent / "fixtures"
GRAMS = {"克": 1, "两": 50, "斤": 500, "公斤": 1000, "kg": 1000}
ML = {"毫升": 1, "升": 1000}
CN = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 8: "八", 10: "十", 12: "十二", 20: "二十", 15: "十五",
      30: "三十", 120: "一百二十", 25: "二十五"}
FULL = str.maketrans("0123456789", "０１２３４５６７８９")
rng = random.Random(20260615)


def products(cat: str) -> list[dict[str, object]]:
    out = []
    with (FIX / cat / "products.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            packs = {k: Decimal(v) for k, v in (p.split("=") for p in r["units"].split("|") if p)}
            out.append({"sku": r["sku"], "name": r["name"], "aliases": [a for a in r["aliases"].split("|") if a],
                        "base": r["base_unit"], "packs": packs})
    return out


def factor(p: dict[str, object], unit: str) -> Decimal | None:
    base, packs = str(p["base"]), dict(p["packs"])  # type: ignore[call-overload]
    if unit in ("", base):
        return Decimal(1)
    if unit in packs:
        return Decimal(packs[unit])
    for table in (GRAMS, ML):
        if unit in table and base in table:
            return Decimal(table[unit]) / Decimal(table[base])
    return None


def num(n: int) -> str:
    style = rng.random()
    if style < 0.45 or n not in CN:
        return str(n) if style > 0.1 else str(n).translate(FULL)
    return CN[n]


def qty_text(p: dict[str, object]) -> tuple[str, Decimal, str]:
    packs = list(dict(p["packs"]))  # type: ignore[call-overload]
    base = str(p["base"])
    options = [base] + packs
    if base in GRAMS:
        options += ["斤", "公斤"] if base != "斤" else ["公斤", "两"]
    if base in ML:
        options += ["毫升"] if base == "升" else ["升"]
    unit = rng.choice(options)
    n = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30])
    if unit == "毫升":
        n = rng.choice([500, 1500, 2000])
    f = factor(p, unit)
    assert f is not None, (p, unit)
    text = f"{num(n)}{unit}"
    value = Decimal(n)
    if unit in ("斤", "箱", "袋") and rng.random() < 0.15:
        text, value = f"{num(n)}{unit}半", Decimal(n) + Decimal("0.5")
    return text, _norm(value * f), unit


def _norm(d: Decimal) -> str:
    n = d.normalize()
    return str(n.quantize(Decimal(1)) if n == n.to_integral_value() else n)


CAFE_USERS = {"amy": "XH", "bo": "JA", "zhou": "XH", "owner": None}
REST_USERS = {"xiaowang": "NS", "xiaoli": "FT", "liu": "NS", "boss": None}
LOCS = {"cafe": {"XH": ["徐汇店", "徐汇"], "JA": ["静安店", "静安"], "CK": ["中央仓库", "大仓"]},
        "restaurant": {"NS": ["南山店", "南山"], "FT": ["福田店", "福田"], "WH": ["中心仓", "总仓", "大仓"]}}
SUPPLIERS = {"cafe": {"V01": ["光明乳业", "光明"], "V02": ["金龙鱼"], "V03": ["咖啡豆行"]},
             "restaurant": {"S01": ["张记肉业", "老张"], "S02": ["绿源蔬菜", "绿源"], "S03": ["饮料批发"]}}
CUSTOMERS = {"cafe": {"K01": ["盒马"]}, "restaurant": {"C01": ["美团团餐", "团餐"]}}
MOVES = {
    "receipt": ["收到{p}{q}", "{p}到了{q}", "进货:{p}{q}", "{p}{q}入库", "送来{q}{p}", "刚到货{p}{q}", "进了{q}{p}"],
    "sale": ["卖了{p}{q}", "售出{q}{p}", "{p}卖掉{q}", "出库:{p}{q}", "今天卖了{q}{p}"],
    "consumption": ["用了{p}{q}", "领用{p}{q}", "{p}消耗了{q}", "后厨用掉{q}{p}"],
    "scrap": ["{p}坏了{q}", "报损{p}{q}", "报废{q}{p}", "{p}过期了{q}"],
    "count": ["盘点:{p}{q}", "{p}实际还剩{q}", "{p}实际{q}", "盘点 {p} 实际{q}"],
}


def gen(cat: str, users: dict[str, str | None]) -> list[dict[str, object]]:
    ps = products(cat)
    out: list[dict[str, object]] = []
    # moves and counts, one item
    for intent, templates in MOVES.items():
        for _ in range(34 if cat == "cafe" else 40):
            p = rng.choice(ps)
            name = rng.choice([p["name"], *p["aliases"]]) if p["aliases"] and rng.random() < 0.3 else p["name"]
            q, base, unit = qty_text(p)
            user = rng.choice(list(users))
            loc = None
            prefix = ""
            if rng.random() < 0.2:
                loc = rng.choice([c for c in LOCS[cat] if c not in ("CK", "WH")])
                prefix = rng.choice(LOCS[cat][loc][:2])
                prefix = prefix if prefix.endswith("店") else prefix + "店"
            text = prefix + rng.choice(templates).format(p=name, q=q)
            out.append({"catalog": cat, "user": user, "text": text, "intent": intent, "location": loc,
                        "lines": [[p["sku"], base]]})
    # two items
    for _ in range(18):
        a, b = rng.sample(ps, 2)
        qa, ba, _ = qty_text(a)
        qb, bb, _ = qty_text(b)
        sep = rng.choice(["、", ",", "和", ", ", " "])
        intent = rng.choice(["receipt", "sale", "consumption"])
        verb = {"receipt": "收到", "sale": "卖了", "consumption": "用掉"}[intent]
        text = f"{verb}{a['name']}{qa}{sep}{b['name']}{qb}"
        out.append({"catalog": cat, "user": rng.choice(list(users)), "text": text, "intent": intent,
                    "location": None, "lines": [[a["sku"], ba], [b["sku"], bb]]})
    # queries
    for _ in range(25):
        p = rng.choice(ps)
        loc = rng.choice([None, *LOCS[cat]])
        where = rng.choice(LOCS[cat][loc]) if loc else ""
        t = rng.choice(["{w}{p}还剩多少", "查一下{w}{p}", "{w}{p}还有几个", "{w}{p}库存多少", "查库存 {p}"])
        if "{w}" not in t:
            loc, where = None, ""
        out.append({"catalog": cat, "user": rng.choice(list(users)), "text": t.format(w=where, p=p["name"]),
                    "intent": "query", "location": loc, "skus": [p["sku"]]})
    # transfers
    codes = list(LOCS[cat])
    for _ in range(22):
        p = rng.choice(ps)
        q, base, _ = qty_text(p)
        src, dst = rng.sample(codes, 2)
        sname, dname = rng.choice(LOCS[cat][src]), rng.choice(LOCS[cat][dst])
        form = rng.randrange(4)
        user = rng.choice([u for u, home in users.items() if home and home != dst] or list(users))
        if form == 0:
            text, s, d, req = f"从{sname}调{p['name']}{q}到{dname}", src, dst, False
        elif form == 1:
            text, s, d, req = f"{sname}发{p['name']}{q}到{dname}", src, dst, False
        elif form == 2:
            text, s, d, req = f"调拨{p['name']}{q}给{dname}", None, dst, False
        else:
            text, s, d, req = f"从{sname}调{q}{p['name']}过来", src, None, True
            if users[user] == src:
                continue
        if s is None and users[user] == dst:
            continue
        out.append({"catalog": cat, "user": user, "text": text, "intent": "transfer", "source": s, "dest": d,
                    "request": req, "lines": [[p["sku"], base]]})
    # purchases with partners and dates
    dates = [("明天", "2026-06-16"), ("后天", "2026-06-17"), ("下周一", "2026-06-22"), ("下周三", "2026-06-24"),
             ("本周五", "2026-06-19"), ("3天后", "2026-06-18"), ("月底", "2026-06-30")]
    for _ in range(22):
        p = rng.choice(ps)
        q, base, _ = qty_text(p)
        code = rng.choice(list(SUPPLIERS[cat]))
        sup = rng.choice(SUPPLIERS[cat][code])
        word, iso = rng.choice(dates)
        t = rng.choice(["向{s}采购{p}{q},{d}送到", "找{s}订{p}{q},{d}到", "跟{s}订{q}{p},{d}送来", "采购{p}{q},{d}到货"])
        partner = None if t.startswith("采购") else code
        out.append({"catalog": cat, "user": rng.choice(list(users)), "text": t.format(s=sup, p=p["name"], q=q, d=word),
                    "intent": "purchase", "partner": partner, "due": iso, "lines": [[p["sku"], base]]})
    # partner moves
    for _ in range(12):
        p = rng.choice(ps)
        q, base, _ = qty_text(p)
        if rng.random() < 0.5:
            code = rng.choice(list(SUPPLIERS[cat]))
            text, intent = f"退给{rng.choice(SUPPLIERS[cat][code])}{p['name']}{q}", "return_to_supplier"
        else:
            code = rng.choice(list(CUSTOMERS[cat]))
            text, intent = f"{rng.choice(CUSTOMERS[cat][code])}拿走{p['name']}{q}", "sale"
        out.append({"catalog": cat, "user": rng.choice(list(users)), "text": text, "intent": intent,
                    "partner": code, "lines": [[p["sku"], base]]})
    return out


def main() -> None:
    rows = gen("cafe", CAFE_USERS) + gen("restaurant", REST_USERS)
    with (HERE / "utterances.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(rows))


if __name__ == "__main__":
    main()
