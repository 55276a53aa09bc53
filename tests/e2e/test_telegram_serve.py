"""Telegram through the whole served app: webhook → real dispatcher → conversation → outbox → fake Bot API."""
from __future__ import annotations

import asyncio
import re
import threading
import time

import httpx
import pytest

from tests.channels import updates
from tests.channels.fake_botapi import FakeBotAPI
from tests.e2e.conftest import make_chat, serving, texts

SECRET = "s3cr3t-webhook"


@pytest.fixture
def served(tmp_path, monkeypatch):
    loop = asyncio.new_event_loop()
    fake = FakeBotAPI()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    asyncio.run_coroutine_threadsafe(fake.start(), loop).result(10)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:TEST")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("KUGUAN_TELEGRAM_API_BASE", fake.base)
    chat = make_chat(tmp_path, monkeypatch)
    with serving(chat.container) as url:
        yield url, chat, fake
    asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(5)
    loop.call_soon_threadsafe(loop.stop)


def post(url: str, update: dict, secret: str | None = SECRET) -> httpx.Response:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    return httpx.post(f"{url}/telegram/webhook", json=update, headers=headers, timeout=10)


def sent_to(fake: FakeBotAPI, chat_id: int, *, wait: float = 10.0) -> list[dict]:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        msgs = [c.params for c in fake.called("sendMessage") if str(c.params.get("chat_id")) == str(chat_id)]
        if msgs:
            return msgs
        time.sleep(0.05)
    return []


def test_an_invited_telegram_user_records_a_receipt_and_undoes_it_with_a_button(served):
    url, chat, fake = served
    code = re.search(r"邀请码:([0-9A-F]{8})", texts(chat.say("zhou", "邀请小林为店员"))).group(1)
    assert post(url, updates.message(777, f"/start {code}"), secret="wrong").status_code == 401
    assert post(url, updates.message(777, f"/start {code}")).status_code == 200
    assert sent_to(fake, 777)
    fake.calls.clear()
    assert post(url, updates.message(777, "收到牛奶2箱", message_id=2)).status_code == 200
    reply = sent_to(fake, 777)
    assert reply and "已记录" in reply[0]["text"]
    button = reply[0]["reply_markup"]["inline_keyboard"][0][0]
    assert button["text"] == "撤销" and len(button["callback_data"].encode()) <= 64
    with chat.container.uow(write=False) as uow:
        level = sum(q for loc, sku, _l, q, _e in uow.stock.all_levels() if loc == "XH" and sku == "B01")
    assert level == 36 + 24
    fake.calls.clear()
    assert post(url, updates.press(777, button["callback_data"])).status_code == 200
    assert sent_to(fake, 777) and fake.called("answerCallbackQuery")
    assert chat.stock()["XH:B01"] == 36


def test_a_redelivered_update_is_recorded_once_and_answered_once(served):
    url, chat, fake = served
    code = re.search(r"邀请码:([0-9A-F]{8})", texts(chat.say("zhou", "邀请小林为店员"))).group(1)
    post(url, updates.message(778, f"/start {code}"))
    assert sent_to(fake, 778)
    fake.calls.clear()
    update = updates.message(778, "卖了可颂2个", message_id=7)
    assert post(url, update).status_code == 200
    assert post(url, update).status_code == 200
    assert sent_to(fake, 778)
    time.sleep(1.5)
    assert len([c for c in fake.called("sendMessage") if str(c.params.get("chat_id")) == "778"]) == 1
    assert chat.stock()["XH:B09"] == 38


def test_a_delivery_notes_photo_sent_on_telegram_is_read_asked_and_recorded_once_even_redelivered(served):
    from tests.e2e.notes import drawn
    url, chat, fake = served
    code = re.search(r"邀请码:([0-9A-F]{8})", texts(chat.say("zhou", "邀请小林为店员"))).group(1)
    post(url, updates.message(779, f"/start {code}"))
    assert sent_to(fake, 779)
    fake.calls.clear()
    fake.files["NOTE-1"] = drawn([["淡奶油", "", "盒", "6", "28.50", "171.00"]], total="合计:¥171.00", fmt="JPEG")
    update = updates.photo(779, "NOTE-1", message_id=8)
    assert post(url, update).status_code == 200
    (asked,) = sent_to(fake, 779, wait=30)
    assert "送货单识别:光明乳业" in asked["text"] and "淡奶油 6盒 × 28.5 = 171" in asked["text"]
    assert post(url, update).status_code == 200   # Telegram delivers it again: answered from what was kept
    time.sleep(1.5)
    assert len(fake.called("sendMessage")) == 1   # (fetched again, but neither read nor recorded again)
    fake.calls.clear()
    assert post(url, updates.press(779, asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"])
                ).status_code == 200
    assert "已记录" in sent_to(fake, 779)[0]["text"]
    assert chat.stock()["XH:B02"] == 24 + 6
