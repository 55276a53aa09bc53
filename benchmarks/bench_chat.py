"""One chat message end to end (parse → plan → record → rules → reply) on SQLite, demo catalog."""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import DEMO  # noqa: E402
from tests.e2e.conftest import make_chat  # noqa: E402


class _Env:
    def setenv(self, k: str, v: str) -> None:
        os.environ[k] = v


def main(n: int = 200) -> None:
    chat = make_chat(Path(tempfile.mkdtemp()), _Env(), catalog=DEMO)  # type: ignore[arg-type]
    chat.say("liu", "当可乐库存低于50瓶时提醒陈采购")
    chat.press("liu", "确认")
    chat.say("xiaowang", "收到可乐20箱")
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        chat.say("xiaowang", "卖了可乐1瓶")
        times.append(time.perf_counter() - t0)
    times.sort()
    print(f"chat: one recorded sale end to end p50 {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {times[int(n * 0.95)] * 1000:.1f} ms over {n} messages (SQLite, 30 products, 1 rule)")


if __name__ == "__main__":
    main()
