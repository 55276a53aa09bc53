"""MQTT lot readings against the real Mosquitto broker (skipped when unreachable)."""
from __future__ import annotations

import time
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from adapters import iot
from adapters.clock import VirtualClock
from adapters.db import tables as t
from adapters.db import uow as uows
from tests.conftest import listening

NOW = datetime(2026, 6, 15, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


def broker_up() -> bool:
    return listening(1883)


def test_topics_and_payloads_parse_or_are_ignored():
    r = iot.parse("kuguan/default/lots/P001/20260615/temp_c", b"3.5", now=NOW)
    assert r and r["value"] == Decimal("3.5") and r["lot"] == "20260615"
    assert iot.parse("kuguan/default/lots/P001/L1/temp_c", b'{"value": 4}', now=NOW)["value"] == 4
    assert iot.parse("other/topic", b"1", now=NOW) is None
    assert iot.parse("kuguan/default/lots/P001/L1/temp_c", b"hot", now=NOW) is None
    assert iot.parse("kuguan/default/lots/P001/L1/temp_c", b"NaN", now=NOW) is None


@pytest.mark.skipif(not broker_up(), reason="MQTT broker not reachable at 127.0.0.1:1883")
def test_a_reading_published_to_the_broker_is_stored_on_the_lot(sqlite_engine):
    import paho.mqtt.client as mqtt
    ingest = iot.MqttIngest(lambda tenant: uows.factory(sqlite_engine, tenant), VirtualClock(NOW))
    ingest.start()
    time.sleep(0.3)
    pub = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    pub.connect("127.0.0.1", 1883)
    pub.loop_start()
    pub.publish("kuguan/default/lots/P001/20260615/temp_c", b"3.5", qos=1).wait_for_publish()
    assert ingest.stored.wait(5)
    pub.loop_stop()
    ingest.stop()
    with uows.factory(sqlite_engine, "default")() as uow:
        rows = [(r.sku, r.lot, r.metric, r.value) for r in uow.catalog.s.exec(select(t.LotReading)).all()]
    assert rows == [("P001", "20260615", "temp_c", Decimal("3.5"))]
