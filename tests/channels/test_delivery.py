"""Routing the conversation's output: replies to the chat they answer, pushes to every channel of the addressee."""
from __future__ import annotations

import threading

from adapters.outbox.delivery import Delivery, file, split_text, text_size
from adapters.outbox.ports import InThread
from adapters.outbox.store import OutboxStore
from bot.messages import Attachment, Button, Incoming, Outgoing
from tests.channels.harness import directory

ORIGIN = Incoming(tenant="default", channel="telegram", chat_id="111", username="xiaowang", text="收到可乐2箱",
                  message_id="111:5")


async def test_a_reply_goes_back_to_the_chat_it_answers_and_a_push_to_every_bound_channel(store: OutboxStore) -> None:
    pushed: list[Outgoing] = []

    async def also(messages: list[Outgoing]) -> None:
        pushed.extend(messages)

    delivery = Delivery(store, directory(), tenant="default", also=also)

    await delivery.deliver([Outgoing(to="xiaowang", text="已记录"), Outgoing(to="boss", text="小王入库可乐2箱"),
                            Outgoing(to="webonly", text="只在网页")], origin=ORIGIN)

    rows = [store.get(i) for i in range(1, 4)]
    assert [(r.channel, r.chat_id, r.payload["text"]) for r in rows if r] == [
        ("telegram", "111", "已记录"), ("telegram", "222", "小王入库可乐2箱"), ("wecom", "Boss", "小王入库可乐2箱")]
    assert [m.to for m in pushed] == ["boss", "webonly"]


async def test_delivering_the_output_of_the_same_incoming_message_twice_enqueues_once(store: OutboxStore) -> None:
    delivery = Delivery(store, directory(), tenant="default")
    out = [Outgoing(to="xiaowang", text="已记录"), Outgoing(to="boss", text="小王入库可乐2箱")]

    first = await delivery.deliver(out, origin=ORIGIN)
    second = await delivery.deliver(out, origin=ORIGIN)

    assert len(first) == 3 and second == []


async def test_an_unknown_sender_is_answered_in_its_own_chat(store: OutboxStore) -> None:
    delivery = Delivery(store, directory(), tenant="default")
    stranger = Incoming(tenant="default", channel="wecom", chat_id="Stranger", username=None, text="你好")

    await delivery.deliver([Outgoing(to="Stranger", text="未注册,请向店长索取邀请码。")], origin=stranger)

    row = store.get(1)
    assert row is not None and (row.channel, row.chat_id, row.payload["to"]) == ("wecom", "Stranger", "Stranger")


async def test_a_press_resolves_only_in_the_chat_its_message_went_to(store: OutboxStore) -> None:
    delivery = Delivery(store, directory(), tenant="default")
    (row,) = await delivery.deliver([Outgoing(to="xiaowang", text="确认?", id=9,
                                              buttons=[[Button("确认", "ok:1"), Button("取消", "no:1")]])],
                                    origin=ORIGIN)

    pressed = await delivery.pressed(row, 1, channel="telegram", chat_id="111")

    assert pressed is not None and (pressed.message, pressed.label, pressed.data) == (9, "取消", "no:1")
    assert await delivery.pressed(row, 1, channel="telegram", chat_id="222") is None
    assert await delivery.pressed(row, 2, channel="telegram", chat_id="111") is None
    assert await delivery.pressed(row, 0, channel="wecom", chat_id="111") is None


async def test_a_synchronous_conversation_runs_in_a_worker_thread() -> None:
    class Sync:
        def handle_sync(self, incoming: Incoming) -> list[Outgoing]:
            return [Outgoing(to="xiaowang", text=threading.current_thread().name)]

    (out,) = await InThread(Sync()).handle(ORIGIN)

    assert out.text != threading.main_thread().name


def test_a_long_text_splits_at_line_ends_into_parts_within_the_limit() -> None:
    text = "\n".join(f"第{i}行:可乐 {i} 箱" for i in range(100))

    parts = split_text(text, limit=100)

    assert len(parts) > 1 and all(len(p) <= 100 for p in parts)
    assert "\n".join(parts) == text
    assert all(not p.startswith("\n") and not p.endswith("\n") for p in parts)


def test_a_line_longer_than_the_limit_is_cut_within_it_in_bytes_and_utf16_units() -> None:
    line = "白菜" * 700                       # 1400 characters, 4200 UTF-8 bytes

    by_bytes = split_text(line, limit=2048, unit="bytes")
    by_units = split_text("🥬" * 3000, limit=4096, unit="utf16")   # each emoji is 2 UTF-16 units

    assert all(text_size(p, "bytes") <= 2048 for p in by_bytes) and "".join(by_bytes) == line
    assert [text_size(p, "utf16") for p in by_units] == [4096, 1904]
    assert split_text("短消息", limit=10) == ["短消息"]


async def test_a_split_message_is_enqueued_once_per_part_and_once_only(store: OutboxStore) -> None:
    delivery = Delivery(store, directory(), tenant="default")
    text = "盘点结果\n" + "\n".join(f"商品{i}:账面 {i} 实盘 {i + 1}" for i in range(400))
    out = [Outgoing(to="boss", text=text, buttons=[[Button("确认", "ok:7")]])]

    first = await delivery.deliver(out, origin=ORIGIN)
    second = await delivery.deliver(out, origin=ORIGIN)

    rows = [store.get(i) for i in first]
    tg = [r for r in rows if r and r.channel == "telegram"]
    wc = [r for r in rows if r and r.channel == "wecom"]
    assert second == [] and len(tg) >= 2 and len(wc) > len(tg)
    for parts in (tg, wc):
        *texts, last = parts
        assert "\n".join(r.payload["text"] for r in texts) == text and not any(r.payload["buttons"] for r in texts)
        assert last.payload["text"] == "盘点结果" and last.payload["buttons"] == [[["确认", "ok:7"]]]
    pressed = await delivery.pressed(tg[-1].id, 0, channel="telegram", chat_id=tg[-1].chat_id)
    assert pressed is not None and pressed.data == "ok:7"


async def test_a_file_travels_base64_in_the_outbox_on_the_first_part_of_a_split_text_only(store: OutboxStore) -> None:
    delivery = Delivery(store, directory(), tenant="default")
    text = "流水\n" + "\n".join(f"第{i}条:入库 {i} 斤" for i in range(400))
    book = Attachment("流水.xlsx", bytes(range(256)) * 40)
    ids = await delivery.deliver([Outgoing(to="boss", text=text, file=book)], origin=ORIGIN)

    rows = [r for r in (store.get(i) for i in ids) if r and r.channel == "telegram"]
    assert len(rows) >= 2
    assert file(rows[0].payload) == book and all(file(r.payload) is None for r in rows[1:])
