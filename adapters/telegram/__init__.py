"""Telegram channel: aiogram routers, webhook and long polling, and the outbox transport."""
