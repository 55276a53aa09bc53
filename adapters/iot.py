"""IoT readings on lots over MQTT (Mosquitto): topic ``kuguan/<tenant>/lots/<sku>/<lot>/<metric>``.

The payload is a number, or JSON ``{"value": 4.2, "at": ISO}``. Readings are stored per lot so
traceability and cold-chain rules can use them.
"""
from __future__ import annotations

import json
import logging
import threading
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from adapters.db import tables as t

TOPIC = "kuguan/+/lots/+/+/+"
log = logging.getLogger(__name__)


def parse(topic: str, payload: bytes, *, now: datetime) -> dict[str, Any] | None:
    parts = topic.split("/")
    if len(parts) != 6 or parts[0] != "kuguan" or parts[2] != "lots":
        return None
    _, tenant, _, sku, lot, metric = parts
    text = payload.decode("utf-8", "replace").strip()
    at = now
    try:
        if text.startswith("{"):
            data = json.loads(text)
            value = Decimal(str(data["value"]))
            if data.get("at"):
                at = datetime.fromisoformat(data["at"])
                at = at if at.tzinfo else at.replace(tzinfo=ZoneInfo("Asia/Shanghai"))
        else:
            value = Decimal(text)
    except (ValueError, KeyError, InvalidOperation, TypeError):
        return None
    if not value.is_finite():
        return None
    return {"tenant": tenant, "sku": sku, "lot": lot, "metric": metric, "value": value, "at": at}


def ingest(factory: Any, r: dict[str, Any], *, on_reading: Any = None, now: datetime | None = None) -> list[Any]:
    """Store one parsed reading on its lot and run ``on_reading(uow, reading, now)`` (the cold chain's check) in
    the same transaction; what it returns (messages to send) is returned once committed. A check that fails is
    logged and undone alone (a savepoint): the reading is kept all the same."""
    out: Any = []
    with factory() as uow:
        uow.catalog.s.add(t.LotReading(tenant_id=uow.tenant_id, sku=r["sku"], lot=r["lot"], metric=r["metric"],
                                       value=r["value"], at=r["at"], source="mqtt"))
        if on_reading is not None:
            try:
                with uow.session.begin_nested():
                    out = on_reading(uow, r, now or r["at"])
            except Exception:  # noqa: BLE001 - the reading is the record; its alert is not worth losing it for
                log.exception("the check of a reading on %s/%s failed", r["sku"], r["lot"])
                out = []
        uow.commit()
    return list(out or [])


class MqttIngest:
    def __init__(self, uow_for: Any, clock: Any, *, host: str = "127.0.0.1", port: int = 1883,
                 on_reading: Any = None, deliver: Any = None) -> None:
        import paho.mqtt.client as mqtt

        self.uow_for, self.clock = uow_for, clock
        self.on_reading, self.deliver = on_reading, deliver
        from paho.mqtt.enums import CallbackAPIVersion

        self.client = mqtt.Client(CallbackAPIVersion.VERSION2)
        self.client.on_message = self._on_message
        self.client.on_connect = lambda c, *_a: c.subscribe(TOPIC, qos=1)
        self.host, self.port = host, port
        self.stored = threading.Event()

    def start(self) -> None:
        self.client.connect(self.host, self.port)
        self.client.loop_start()

    def stop(self) -> None:
        self.client.loop_stop()
        self.client.disconnect()

    def _on_message(self, _client: Any, _userdata: Any, msg: Any) -> None:
        r = parse(msg.topic, msg.payload, now=self.clock.now())
        if r is None:
            return
        factory = self.uow_for(r["tenant"])
        if factory is None:   # a tenant this server does not serve: never created from a topic's name
            return
        sent = ingest(factory, r, on_reading=self.on_reading, now=self.clock.now())
        if sent and self.deliver is not None:
            self.deliver(sent)
        self.stored.set()
