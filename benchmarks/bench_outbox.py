"""1,000 pushes to 1,000 Telegram chats through the outbox and a local fake Bot API that answers 429 above 30/s.

The fake server runs in its own process (as Telegram would), so its arrival times do not share our event loop.

Targets: elapsed within 5% of the 1000/30 s floor, and zero 429s. Exit status 1 when a target is missed.
    python benchmarks/bench_outbox.py [--n 1000] [--db postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from adapters.db import engine as engines  # noqa: E402
from adapters.outbox import limits  # noqa: E402
from adapters.outbox.delivery import Delivery  # noqa: E402
from adapters.outbox.sender import Sender  # noqa: E402
from adapters.outbox.store import OutboxStore  # noqa: E402
from adapters.telegram import transport  # noqa: E402
from bot.messages import Outgoing  # noqa: E402
from tests.channels.fake_botapi import serve_in_process  # noqa: E402
from tests.channels.fakes import MemoryDirectory  # noqa: E402


def busiest_second(times: list[float]) -> int:
    times = sorted(times)
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while times[lo] <= t - 1.0:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


@contextlib.contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """SQLite as given; on PostgreSQL a throwaway database next to the given one."""
    if not url.startswith("postgresql"):
        yield url
        return
    name = f"kuguan_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


async def run(n: int, url: str) -> bool:
    engine = engines.make_engine(url)
    store = OutboxStore(engine)
    store.create_table()
    directory = MemoryDirectory({("telegram", str(10_000 + i)): f"user{i}" for i in range(n)})
    delivery = Delivery(store, directory, tenant="bench", channels=("telegram",))
    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.get_context("spawn").Process(target=serve_in_process, args=(theirs,), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{ours.recv()}"
    bot = transport.make_bot("42:BENCH", api_base=base)
    sender = Sender(channel="telegram", store=store, transport=transport.TelegramTransport(bot),
                    limits=limits.TELEGRAM)
    delivery.register("telegram", sender.wake)
    try:
        t0 = time.monotonic()
        await delivery.deliver([Outgoing(to=f"user{i}", text=f"库存预警 #{i}:可乐低于安全库存") for i in range(n)],
                               key="bench")
        enqueued = time.monotonic() - t0
        task = asyncio.create_task(sender.run())
        while sender.stats["sent"] + sender.stats["failed"] < n:
            await asyncio.sleep(0.05)
        elapsed = time.monotonic() - t0
        sender.stop()
        await task
        async with httpx.AsyncClient() as http:
            stats = (await http.get(f"{base}/stats")).json()
    finally:
        await bot.session.close()
        ours.send("stop")
        server.join(5)
        engine.dispose()
    floor = n / 30
    sends, too_many = stats["sends"], stats["too_many"]
    over = (elapsed / floor - 1) * 100
    ok = over <= 5.0 and too_many == 0 and sender.stats["sent"] == n
    print(f"outbox ({engine.dialect.name}): {n} pushes to {n} chats in {elapsed:.2f} s "
          f"(floor {floor:.2f} s, {over:+.1f}%; enqueue {enqueued:.2f} s) | 429s: {too_many} | "
          f"busiest second at the server: {busiest_second(sends)} sends | sent {sender.stats['sent']}, "
          f"failed {sender.stats['failed']} | {'OK' if ok else 'MISSED TARGET'}", flush=True)
    return ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, scratch_database(args.db or f"sqlite:///{tmp}/outbox.db") as url:
        ok = asyncio.run(run(args.n, url))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
