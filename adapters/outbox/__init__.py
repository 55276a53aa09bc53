"""Persistent outbox: every message to Telegram or WeCom is stored first, then sent within each channel's limits."""
