"""The callback's msg_signature (checked in constant time) and AES-256-CBC payloads (wechatpy's PrpCrypto)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
import xml.etree.ElementTree as ET

from wechatpy.enterprise.crypto import PrpCrypto


class Crypto:
    def __init__(self, *, token: str, aes_key: str, corp_id: str) -> None:
        self.token, self.corp_id = token, corp_id
        self._prp = PrpCrypto(base64.b64decode(aes_key + "="))

    def signature(self, timestamp: str, nonce: str, encrypted: str) -> str:
        return hashlib.sha1("".join(sorted([self.token, timestamp, nonce, encrypted])).encode()).hexdigest()

    def verify(self, msg_signature: str, timestamp: str, nonce: str, encrypted: str) -> bool:
        expected = self.signature(timestamp, nonce, encrypted)
        return hmac.compare_digest(expected.encode(), msg_signature.encode())

    def decrypt(self, encrypted: str) -> str:
        """The plaintext; raises if the ciphertext is malformed or was made for another corp id."""
        return str(self._prp.decrypt(encrypted, self.corp_id))

    def encrypt(self, plaintext: str) -> str:
        return str(self._prp.encrypt(plaintext, self.corp_id).decode())

    def envelope(self, plaintext: str, *, nonce: str | None = None, timestamp: str | None = None) -> tuple[str, dict[str, str]]:
        """An encrypted callback body and its query parameters, as WeCom would post them (tests, passive replies)."""
        nonce = nonce or secrets.token_hex(5)
        timestamp = timestamp or str(int(time.time()))
        encrypted = self.encrypt(plaintext)
        body = f"<xml><ToUserName><![CDATA[{self.corp_id}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt>" \
               "<AgentID><![CDATA[]]></AgentID></xml>"
        return body, {"msg_signature": self.signature(timestamp, nonce, encrypted), "timestamp": timestamp,
                      "nonce": nonce}


def fields(xml: str) -> dict[str, str]:
    """The top-level elements of a WeCom XML message as a flat dict."""
    root = ET.fromstring(xml)
    return {child.tag: (child.text or "") for child in root}
