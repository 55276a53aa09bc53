"""aiogram's real AiohttpSession against a local fake Bot API server: the methods and payloads on the wire."""
from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest

from adapters.outbox import limits
from adapters.outbox.delivery import Delivery
from adapters.outbox.store import OutboxStore
from adapters.telegram import polling, routers, transport
from bot.messages import Attachment, Button, Outgoing
from tests.channels import updates
from tests.channels.fake_botapi import FakeBotAPI
from tests.channels.fakes import ScriptedConversation
from tests.channels.harness import directory, running


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    server = await FakeBotAPI().start()
    yield server
    await server.stop()


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    b = transport.make_bot("42:TEST", api_base=api.base)
    yield b
    await b.session.close()


async def test_keyboards_answers_and_edits_reach_the_bot_api(api: FakeBotAPI, bot: Bot, store: OutboxStore) -> None:
    async with running(store, "telegram", transport.TelegramTransport(bot), limits.TELEGRAM) as w:
        dp = routers.dispatcher(handler=w.conversation, directory=w.directory, delivery=w.delivery, tenant="default")
        await dp.feed_raw_update(bot, updates.message(111, "收到可乐2箱"))
        await w.sender.idle(timeout=5)
        (question,) = api.called("sendMessage")
        keyboard = question.params["reply_markup"]["inline_keyboard"]
        assert [b["text"] for b in keyboard[0]] == ["确认", "取消"]

        await dp.feed_raw_update(bot, updates.press(111, keyboard[0][0]["callback_data"], message_id=1000))
        await w.sender.idle(timeout=5)

    assert [c.method for c in api.calls] == ["sendMessage", "answerCallbackQuery", "editMessageReplyMarkup",
                                             "sendMessage", "sendMessage"]
    assert api.too_many == 0  # the second message to chat 111 waited for its 1/s slot
    edit = api.called("editMessageReplyMarkup")[0].params
    assert (edit["chat_id"], edit["message_id"]) == ("111", "1000")
    assert edit["reply_markup"]["inline_keyboard"][0][0]["text"] == "✓ 确认"
    assert store.counts("telegram") == {"sent": 3}


async def test_a_429_makes_the_sender_wait_retry_after_and_then_send_once(
        api: FakeBotAPI, bot: Bot, store: OutboxStore) -> None:
    api.force_429 = 1
    async with running(store, "telegram", transport.TelegramTransport(bot), limits.TELEGRAM) as w:
        started = time.monotonic()
        await w.delivery.deliver([Outgoing(to="boss", text="库存预警:可乐低于3箱")], key="alert-1")
        await w.sender.idle(timeout=10)
        elapsed = time.monotonic() - started

    sends = api.called("sendMessage")
    assert len(sends) == 2 and api.too_many == 1
    assert sends[1].at - sends[0].at >= api.retry_after
    assert elapsed >= api.retry_after
    assert w.sender.stats["retry_after"] == 1 and w.sender.stats["sent"] == 1
    assert store.counts("telegram") == {"sent": 1}


async def test_a_morning_list_longer_than_one_message_arrives_whole_in_parts_with_its_buttons_last(
        api: FakeBotAPI, bot: Bot, store: OutboxStore) -> None:
    lines = [f"{i:03d}. 商品{i}:现有 {i} 斤,预测 {i + 5} 斤,建议补货 {i * 2} 斤 🥬" for i in range(200)]
    text = "今日备货清单\n" + "\n".join(lines)
    assert len(text) > 4096
    async with running(store, "telegram", transport.TelegramTransport(bot), limits.TELEGRAM) as w:
        await w.delivery.deliver([Outgoing(to="boss", text=text, buttons=[[Button("全部下单", "ap:all")]])],
                                 key="morning-1")
        await w.sender.idle(timeout=20)

    sends = api.called("sendMessage")
    *parts, last = sends
    assert len(parts) >= 3 and all(len(p.params["text"].encode("utf-16-le")) // 2 <= 4096 for p in parts)
    assert "\n".join(p.params["text"] for p in parts) == text
    assert all("reply_markup" not in p.params for p in parts)
    assert last.params["text"] == "今日备货清单"
    assert [b["text"] for b in last.params["reply_markup"]["inline_keyboard"][0]] == ["全部下单"]
    assert store.counts("telegram") == {"sent": len(sends)} and api.too_many == 0


async def test_a_spreadsheet_goes_as_a_document_with_its_text_as_the_caption(
        api: FakeBotAPI, bot: Bot, store: OutboxStore) -> None:
    book = Attachment("销售_徐汇店_20260601-20260615.xlsx", b"PK\x03\x04 fake xlsx")
    async with running(store, "telegram", transport.TelegramTransport(bot), limits.TELEGRAM) as w:
        await w.delivery.deliver([Outgoing(to="boss", text="📎 徐汇店 06-01至06-15销售表", file=book)], key="xlsx-1")
        await w.sender.idle(timeout=5)

    (doc,) = api.called("sendDocument")
    assert doc.params["caption"] == "📎 徐汇店 06-01至06-15销售表"
    assert doc.params["document"] == {"filename": book.name, "content": book.content}
    assert api.called("sendMessage") == [] and store.counts("telegram") == {"sent": 1}


async def test_a_text_over_the_limit_is_refused_by_the_bot_api_as_telegram_does(api: FakeBotAPI, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="too long"):
        await bot.send_message(111, "菜" * 4097)


async def test_long_polling_answers_an_update_from_get_updates(api: FakeBotAPI, store: OutboxStore) -> None:
    api.updates = [updates.message(111, "收到可乐2箱")]
    conversation = ScriptedConversation()
    delivery = Delivery(store, directory(), tenant="default", channels=("telegram",))
    task = asyncio.create_task(polling.run_polling("42:TEST", conversation, delivery.directory, delivery=delivery,
                                                   tenant="default", api_base=api.base))
    try:
        for _ in range(200):
            if api.called("sendMessage"):
                break
            await asyncio.sleep(0.02)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    assert [c.method for c in api.calls][:2] == ["deleteWebhook", "getMe"]
    assert "getUpdates" in [c.method for c in api.calls]
    (reply,) = api.called("sendMessage")
    assert reply.params["chat_id"] == "111" and reply.params["text"].startswith("收到可乐2箱?")


async def test_a_photo_is_fetched_largest_size_first_through_get_file_and_reaches_the_conversation(
        api: FakeBotAPI, bot: Bot, store: OutboxStore) -> None:
    picture = b"\xff\xd8\xff\xe0 a delivery note" + bytes(range(256)) * 40
    api.files["F-big"] = picture
    async with running(store, "telegram", transport.TelegramTransport(bot), limits.TELEGRAM) as w:
        dp = routers.dispatcher(handler=w.conversation, directory=w.directory, delivery=w.delivery, tenant="default")
        await dp.feed_raw_update(bot, updates.photo(111, "F-big", caption="张记的", message_id=9))
        await dp.feed_raw_update(bot, updates.photo(999, "F-big", message_id=10))   # a stranger: nothing fetched
        await w.sender.idle(timeout=5)

    mine, stranger = w.conversation.seen
    assert (mine.username, mine.image, mine.text, mine.message_id) == ("xiaowang", picture, "张记的", "111:9")
    assert stranger.username is None and stranger.image == b""
    assert [c.params["file_id"] for c in api.called("getFile")] == ["F-big"]
    assert [c.params["file_id"] for c in api.called("download")] == ["F-big"]
