"""Real update JSON through the real aiogram Dispatcher, with a fake network session (as aiogram's tests do)."""
from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from aiogram import Bot, Dispatcher

from adapters.outbox.store import OutboxStore
from adapters.telegram import keyboards, routers, transport
from tests.channels import updates
from tests.channels.fakes import RecordingSession
from tests.channels.harness import Wiring, running


@dataclass
class TG:
    bot: Bot
    session: RecordingSession
    dp: Dispatcher
    w: Wiring

    async def feed(self, update: dict) -> None:  # type: ignore[type-arg]
        await self.dp.feed_raw_update(self.bot, update)
        await self.w.sender.idle(timeout=5)

    def sent(self) -> list:  # type: ignore[type-arg]
        return self.session.called("sendMessage")


@pytest.fixture
async def tg(store: OutboxStore) -> AsyncIterator[TG]:
    session = RecordingSession()
    bot = Bot("42:TEST", session=session)
    async with running(store, "telegram", transport.TelegramTransport(bot)) as w:
        dp = routers.dispatcher(handler=w.conversation, directory=w.directory, delivery=w.delivery, tenant="default")
        yield TG(bot, session, dp, w)


async def test_a_text_message_reaches_the_conversation_and_the_reply_carries_an_inline_keyboard(tg: TG) -> None:
    await tg.feed(updates.message(111, "收到可乐2箱", message_id=3))

    (incoming,) = tg.w.conversation.seen
    assert (incoming.channel, incoming.chat_id, incoming.username, incoming.text) == \
        ("telegram", "111", "xiaowang", "收到可乐2箱")
    assert incoming.message_id == "111:3"
    (reply,) = tg.sent()
    assert reply.chat_id == 111 and reply.text.startswith("收到可乐2箱?")
    labels = [[b.text for b in row] for row in reply.reply_markup.inline_keyboard]
    assert labels == [["确认", "取消"], ["可口可乐 330ml 罐装 经典口味 整箱二十四罐"]]


async def test_callback_data_carries_ids_and_fits_64_bytes_even_for_long_chinese_buttons(tg: TG) -> None:
    await tg.feed(updates.message(111, "收到可乐2箱"))

    buttons = [b for row in tg.sent()[0].reply_markup.inline_keyboard for b in row]
    assert all(len(b.callback_data.encode()) <= 64 for b in buttons)
    assert [keyboards.Press.unpack(b.callback_data).i for b in buttons] == [0, 1, 2]


async def test_a_press_answers_the_query_spends_the_keyboard_and_reaches_the_conversation(tg: TG) -> None:
    await tg.feed(updates.message(111, "收到可乐2箱"))
    data = tg.sent()[0].reply_markup.inline_keyboard[0][0].callback_data

    await tg.feed(updates.press(111, data, message_id=500))

    assert len(tg.session.called("answerCallbackQuery")) == 1
    (edit,) = tg.session.called("editMessageReplyMarkup")
    assert (edit.chat_id, edit.message_id) == (111, 500)
    assert [[b.text for b in row] for row in edit.reply_markup.inline_keyboard] == [["✓ 确认"]]
    press = tg.w.conversation.seen[-1]
    assert (press.press, press.pressed_message, press.username) == ("ok:ab12", 7, "xiaowang")


async def test_a_long_chinese_button_resolves_to_its_full_data(tg: TG) -> None:
    await tg.feed(updates.message(111, "收到可乐"))
    data = tg.sent()[0].reply_markup.inline_keyboard[1][0].callback_data

    await tg.feed(updates.press(111, data))

    assert tg.w.conversation.seen[-1].press == "pick:可口可乐 330ml 罐装 经典口味 整箱二十四罐"


async def test_a_push_from_a_press_goes_to_the_addressees_own_chat(tg: TG) -> None:
    await tg.feed(updates.message(111, "收到可乐2箱"))
    data = tg.sent()[0].reply_markup.inline_keyboard[0][0].callback_data

    await tg.feed(updates.press(111, data))

    assert sorted((m.chat_id, m.text) for m in tg.sent()[1:]) == [(111, "已记录 ok:ab12"), (222, "xiaowang 确认了入库")]


async def test_a_forged_press_on_another_chats_message_reaches_nobody(tg: TG) -> None:
    await tg.feed(updates.message(111, "收到可乐2箱"))
    data = tg.sent()[0].reply_markup.inline_keyboard[0][0].callback_data

    await tg.feed(updates.press(222, data))

    assert len(tg.w.conversation.seen) == 1
    assert len(tg.session.called("answerCallbackQuery")) == 1


async def test_an_unknown_sender_reaches_the_conversation_without_a_username_and_gets_one_line(tg: TG) -> None:
    await tg.feed(updates.message(333, "库存"))

    assert tg.w.conversation.seen[0].username is None
    assert [(m.chat_id, m.text) for m in tg.sent()] == [(333, "未注册,请向店长索取邀请码。")]


async def test_start_with_an_invite_code_binds_the_telegram_user(tg: TG) -> None:
    await tg.feed(updates.message(444, "/start AB12CD34"))

    assert tg.w.directory.binds == [("telegram", "444", "AB12CD34")]
    incoming = tg.w.conversation.seen[0]
    assert (incoming.username, incoming.text) == ("xiaoli", "/start AB12CD34")
    assert await tg.w.directory.lookup("telegram", "444") == "xiaoli"


async def test_start_with_a_bad_code_reaches_the_conversation_as_unknown(tg: TG) -> None:
    await tg.feed(updates.message(444, "/start WRONG"))

    assert tg.w.conversation.seen[0].username is None
    assert tg.w.conversation.seen[0].text == "/start WRONG"


async def test_the_same_update_delivered_twice_is_sent_once(tg: TG) -> None:
    update = updates.message(111, "收到可乐2箱", message_id=9)

    await tg.feed(update)
    await tg.feed(update)

    assert len(tg.sent()) == 1
