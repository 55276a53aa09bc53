"""One settings class (pydantic-settings). Secrets have no defaults outside development."""
from __future__ import annotations

from pathlib import Path

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KUGUAN_", env_file=".env", extra="ignore")

    environment: str = "development"
    database_url: str = "sqlite:///var/kuguan.db"
    data_dir: Path = Path("var")
    host: str = "127.0.0.1"
    port: int = 8000
    session_secret: str = "dev-only-session-secret"
    public_url: str | None = None   # where customers reach the lots' trace pages (QR codes); else http://host:port
    redis_url: str | None = None
    mqtt_url: str | None = None     # mqtt://127.0.0.1:1883: `serve` stores the sensors' readings on lots
    read_photos: bool = True   # photos of delivery notes read on this machine (OCR); 0: photos are not read
    weather_file: Path | None = None

    telegram_bot_token: str | None = None
    telegram_webhook_secret: str | None = None
    telegram_api_base: str | None = None
    telegram_webhook_url: str | None = None  # public https URL of /telegram/webhook (webhook mode)
    wecom_token: str | None = None
    wecom_aes_key: str | None = None
    wecom_corp_id: str | None = None
    wecom_agent_id: str | None = None
    wecom_secret: str | None = None
    wecom_api_base: str = "https://qyapi.weixin.qq.com"

    @model_validator(mode="after")
    def _no_default_secrets_in_production(self) -> Settings:
        if self.environment != "development" and self.session_secret == "dev-only-session-secret":
            raise ValueError("KUGUAN_SESSION_SECRET must be set outside development")
        return self


def load() -> Settings:
    import os

    s = Settings()
    # channel settings use their conventional unprefixed names
    env = os.environ
    s.telegram_bot_token = env.get("TELEGRAM_BOT_TOKEN", s.telegram_bot_token)
    s.telegram_webhook_secret = env.get("TELEGRAM_WEBHOOK_SECRET", s.telegram_webhook_secret)
    for name in ("token", "aes_key", "corp_id", "agent_id", "secret"):
        key = f"WECOM_{name.upper()}"
        if key in env:
            setattr(s, f"wecom_{name}", env[key])
    return s
