"""NLU benchmark: accuracy on the labelled set, parse latency on a 200-product catalog, warm-up time.

    .venv/bin/python benchmarks/bench_nlu.py [--spacy]

``--spacy`` also measures what spaCy would cost (import + blank Chinese pipeline + Matcher).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain import catalog as dcat  # noqa: E402
from nlu import context, parser  # noqa: E402
from tests.nlu import accuracy, catalogs  # noqa: E402

HEADS = "鲜冻精特大小老嫩红白黑黄青紫香辣甜酸脆软"
BODIES = ["牛排", "羊排", "猪蹄", "鸭脖", "鸡腿", "虾仁", "鱿鱼圈", "蟹棒", "年糕", "粉丝", "腐竹", "木耳", "香菇",
          "玉米", "豌豆", "芝士", "奶酪", "果酱", "蜂蜜", "燕麦", "咖喱", "番茄酱", "辣椒油", "花椒", "八角", "桂皮"]


def big_catalog(n: int = 200) -> context.Catalog:
    base = catalogs.load("restaurant")
    rng = random.Random(7)
    products = list(base.products)
    seen = {p.name for p in products}
    i = 0
    while len(products) < n:
        name = rng.choice(HEADS) + rng.choice(BODIES)
        if name in seen:
            continue
        seen.add(name)
        i += 1
        products.append(dcat.Product(sku=f"X{i:03d}", name=name, base_unit=rng.choice(["斤", "公斤", "个", "袋"]),
                                     packs={"箱": Decimal(rng.choice([10, 12, 20, 24]))}, category="杂货"))
    return replace(base, products=tuple(products))


MESSAGES = ["收到可乐2箱", "卖了三明治2个", "今天用掉牛腩6斤、番茄两箱", "收到牛楠2箱", "从中心仓调拨可乐5箱到福田店",
            "牛肉还剩多少", "向绿源采购土豆5袋,下周三上午十点前送到", "报损:可乐2瓶,瓶子破了", "收到鸡蛋3板,单价0.6元",
            "收到独角兽3只", "早上好", "撤销", "不对,是6瓶", "当可乐库存低于50瓶时提醒陈采购", "收到 niunan 10斤",
            "收到鲜牛排3箱", "盘点:大米实际40公斤", "静安店可颂还有几个", "收到可乐1箱6瓶", "香菜用了3两"]


def latency(p: parser.Parser, sp: context.Speaker, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        for m in MESSAGES:
            t0 = time.perf_counter()
            p.parse(m, speaker=sp)
            out.append((time.perf_counter() - t0) * 1000)
    return out


def spacy_cost() -> None:
    t0 = time.perf_counter()
    import spacy
    from spacy.matcher import Matcher
    t1 = time.perf_counter()
    nlp = spacy.blank("zh")
    matcher = Matcher(nlp.vocab)
    matcher.add("RECEIPT", [[{"ORTH": {"IN": ["收到", "到货", "进货", "入库"]}}]])
    t2 = time.perf_counter()
    docs = [nlp(m) for m in MESSAGES]
    t3 = time.perf_counter()
    n = 0
    t4 = time.perf_counter()
    for _ in range(20):
        for m in MESSAGES:
            n += len(matcher(nlp(m)))
    per = (time.perf_counter() - t4) * 1000 / (20 * len(MESSAGES))
    print(f"spaCy: import {t1 - t0:.2f}s, blank('zh')+Matcher {t2 - t1:.2f}s, first docs {t3 - t2:.2f}s, "
          f"{per:.3f} ms per message (tokenizer {nlp.tokenizer.__class__.__name__}, {len(docs)} docs)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--spacy", action="store_true")
    args = ap.parse_args()
    cat = big_catalog(200)
    t0 = time.perf_counter()
    p = parser.Parser(cat)  # cold: loads jieba's dictionary (cached on disk by jieba after the first run)
    built = time.perf_counter() - t0
    sp = catalogs.speaker(cat, "xiaowang")
    t1 = time.perf_counter()
    p.warm_up(sp)  # dateparser's language data, first regex compilations
    warm = time.perf_counter() - t1
    t2 = time.perf_counter()
    parser.Parser(cat)
    rebuilt = time.perf_counter() - t2
    s = accuracy.score(accuracy.examples())
    print(f"labelled set n={s.n}: intent {s.pct(s.intent):.1f}%  slots {s.pct(s.slots):.1f}%  "
          f"whole command {s.pct(s.whole):.1f}%")
    times = sorted(latency(p, sp, args.rounds))
    p50 = statistics.median(times)
    p99 = times[int(len(times) * 0.99) - 1]
    print(f"warm-up, 200-product catalog: first Parser() {built:.2f}s + warm_up() {warm:.2f}s; "
          f"a rebuild after a catalog change {rebuilt:.2f}s")
    print(f"parse latency over {len(times)} parses: p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {times[-1]:.2f} ms "
          f"(targets p50 ≤ 2 ms, p99 ≤ 10 ms)")
    if args.spacy:
        spacy_cost()


if __name__ == "__main__":
    main()
