"""The network and work orders, end to end on SQLite: a purchase order to a linked supplier against one to a supplier
that is not linked (what sending its snapshot in the same transaction costs), the supplier applying what crossed
(one message a transaction), and a work order's start and finish as chat messages."""
from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import app as kuguan  # noqa: E402
from adapters import script  # noqa: E402
from adapters.clock import VirtualClock  # noqa: E402
from tests.conftest import CAFE, DEMO, ROOT, load_catalog  # noqa: E402
from tests.e2e.conftest import Chat, make_chat  # noqa: E402


class _Env:
    def setenv(self, k: str, v: str) -> None:
        os.environ[k] = v


def _ms(xs: list[float]) -> str:
    xs = sorted(xs)
    return f"p50 {statistics.median(xs) * 1000:.1f} ms, p95 {xs[int(len(xs) * 0.95)] * 1000:.1f} ms"


def network(n: int = 100) -> None:
    os.environ["KUGUAN_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/net.db"
    chats, containers = {}, {}
    for tenant, folder in (("default", DEMO), ("zhangji", ROOT / "tests" / "fixtures" / "zhangji")):
        clock = VirtualClock(datetime.fromisoformat("2026-06-15T09:00:00+08:00"))
        c = kuguan.bootstrap(clock=clock, tenant=tenant)
        load_catalog(c.uow, folder)
        chats[tenant] = Chat(script.ScriptSession(conversation=c.conversation, clock=clock, tenant=tenant,
                                                  advance=c.scheduler.advance, uow=c.uow))
        containers[tenant] = c
    said = chats["default"].say("liu", "邀请张记加入库管网络")
    code = re.search(r"KG-[A-Z0-9]{4}-[A-Z0-9]{4}", said[0]["text"]).group(0)  # type: ignore[union-attr]
    chats["zhangji"].say("xiaozhao", f"接受邀请 {code}")
    containers["default"].scheduler.network_inbox(chats["default"].session.clock.now())
    linked, alone = [], []
    for _ in range(n):
        for partner, into in (("张记", linked), ("绿源", alone)):
            t0 = time.perf_counter()
            chats["default"].say("liu", f"向{partner}采购土豆1袋" if partner == "绿源" else "向张记采购牛腩2斤")
            into.append(time.perf_counter() - t0)
    sched = containers["zhangji"].scheduler
    now = chats["zhangji"].session.clock.now() + timedelta(minutes=1)
    t0 = time.perf_counter()
    notices = sched.network_inbox(now, limit=n + 10)
    applied = time.perf_counter() - t0
    print(f"network: a purchase order to a linked supplier {_ms(linked)}, to one not linked {_ms(alone)} "
          f"({n} each, the snapshot sent in the same transaction); the supplier applied {len(notices)} orders in "
          f"{applied:.2f} s ({applied / max(len(notices), 1) * 1000:.1f} ms each: its customer order taken, booked, "
          "its managers told)")


def work_orders(n: int = 50) -> None:
    chat = make_chat(Path(tempfile.mkdtemp()), _Env(), catalog=CAFE)  # type: ignore[arg-type]
    chat.say("zhou", "可颂的配方:高筋面粉50克,黄油25克,鸡蛋半个")
    chat.press("zhou", "确认")
    chat.say("zhou", "收到高筋面粉100袋、黄油100箱、鸡蛋100板")
    chat.press("zhou", "确认")
    starts, finishes = [], []
    for i in range(1, n + 1):
        chat.say("amy", "开工单:可颂20个")
        t0 = time.perf_counter()
        chat.say("amy", f"工单{i}开工")
        starts.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        chat.say("amy", f"工单{i}完工,做了19个")
        finishes.append(time.perf_counter() - t0)
    print(f"work orders: started (3 materials issued) {_ms(starts)}, finished (made, materials used) "
          f"{_ms(finishes)} over {n} orders (SQLite, café catalog)")


def servers(n: int = 100) -> None:
    """Two servers on local ports, each its own SQLite database: the courier carrying ``n`` purchase orders' snapshots
    to the supplier's server (HTTP, signed, kept once), and that server applying them."""
    from tests.e2e.conftest import serving
    from tests.e2e.test_network_servers import Company, link
    tmp = Path(tempfile.mkdtemp())
    a = Company(tmp, _Env(), "default", DEMO, "老街餐饮")  # type: ignore[arg-type]
    b = Company(tmp, _Env(), "zhangji", ROOT / "tests" / "fixtures" / "zhangji", "张记肉业")  # type: ignore[arg-type]
    with serving(a.c, a.port), serving(b.c, b.port):
        link(a, b)
        for _ in range(n):
            a.say("liu", "向张记采购牛腩2斤")
        t0 = time.perf_counter()
        carried = a.courier.deliver()
        took = time.perf_counter() - t0
        now = b.clock.now() + timedelta(minutes=1)
        t0 = time.perf_counter()
        applied = len(b.c.scheduler.network_inbox(now, limit=n + 10))
        applying = time.perf_counter() - t0
    print(f"network between servers: the courier carried {carried} orders in {took:.2f} s "
          f"({took / max(carried, 1) * 1000:.1f} ms each: HTTP to the other server, signed, checked, kept once, and "
          f"marked delivered here); that server applied {applied} in {applying:.2f} s")


if __name__ == "__main__":
    network()
    servers()
    work_orders()
