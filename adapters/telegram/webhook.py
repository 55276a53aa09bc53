"""POST /telegram/webhook: checks Telegram's secret token in constant time, then feeds the dispatcher."""
from __future__ import annotations

import hmac
from typing import Annotated, Any

from aiogram import Bot, Dispatcher
from fastapi import APIRouter, Header, HTTPException, Request

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def router(*, dispatcher: Dispatcher, bot: Bot, secret: str, path: str = "/telegram/webhook") -> APIRouter:
    """Register the same secret with setWebhook(secret_token=...)."""
    if not secret:
        raise ValueError("TELEGRAM_WEBHOOK_SECRET must not be empty")
    expected = secret.encode()
    api = APIRouter(tags=["telegram"])

    @api.post(path)
    async def telegram_webhook(request: Request,
                               token: Annotated[str | None, Header(alias=SECRET_HEADER)] = None) -> dict[str, Any]:
        if token is None or not hmac.compare_digest(token.encode(), expected):
            raise HTTPException(status_code=401, detail="bad secret token")
        update = await request.json()
        await dispatcher.feed_webhook_update(bot, update)
        return {"ok": True}

    return api
