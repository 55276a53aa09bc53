"""POST /telegram/webhook through FastAPI's TestClient: the secret token gate, then the real dispatcher."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiogram import Bot
from fastapi import FastAPI
from fastapi.testclient import TestClient

from adapters.outbox.delivery import Delivery
from adapters.outbox.store import OutboxStore
from adapters.telegram import routers, webhook
from tests.channels import updates
from tests.channels.fakes import RecordingSession, ScriptedConversation
from tests.channels.harness import directory

SECRET = "s3cret-token_for-tests"


@pytest.fixture
def client(store: OutboxStore) -> Iterator[tuple[TestClient, ScriptedConversation]]:
    conversation = ScriptedConversation()
    delivery = Delivery(store, directory(), tenant="default", channels=("telegram",))
    dp = routers.dispatcher(handler=conversation, directory=delivery.directory, delivery=delivery, tenant="default")
    app = FastAPI()
    app.include_router(webhook.router(dispatcher=dp, bot=Bot("42:TEST", session=RecordingSession()), secret=SECRET))
    with TestClient(app) as c:
        yield c, conversation


@pytest.mark.parametrize("headers", [{}, {webhook.SECRET_HEADER: "wrong"}, {webhook.SECRET_HEADER: SECRET + "x"},
                                     {webhook.SECRET_HEADER: ""}])
def test_a_missing_or_wrong_secret_gets_401_and_nothing_is_processed(
        client: tuple[TestClient, ScriptedConversation], store: OutboxStore, headers: dict[str, str]) -> None:
    c, conversation = client

    r = c.post("/telegram/webhook", json=updates.message(111, "收到可乐2箱"), headers=headers)

    assert r.status_code == 401
    assert conversation.seen == []
    assert store.counts() == {}


def test_the_right_secret_feeds_the_update_to_the_dispatcher_and_enqueues_the_reply(
        client: tuple[TestClient, ScriptedConversation], store: OutboxStore) -> None:
    c, conversation = client

    r = c.post("/telegram/webhook", json=updates.message(111, "收到可乐2箱"), headers={webhook.SECRET_HEADER: SECRET})

    assert r.status_code == 200
    assert [i.text for i in conversation.seen] == ["收到可乐2箱"]
    assert store.counts("telegram") == {"pending": 1}


def test_an_empty_secret_is_refused_at_wiring_time() -> None:
    dp = routers.dispatcher(handler=ScriptedConversation(), directory=directory(), delivery=None,  # type: ignore[arg-type]
                            tenant="default")
    with pytest.raises(ValueError):
        webhook.router(dispatcher=dp, bot=Bot("42:TEST", session=RecordingSession()), secret="")
