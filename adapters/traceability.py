"""A lot's public page (scanned from a QR code on the goods) and the code itself.

The address names the tenant, product and lot with a keyed signature (HMAC-SHA256 of the session secret), so
nobody can walk the lots by guessing addresses, and the page is read without logging in. What it shows is
``domain.trace.public``'s: the product, the lot, where it came from and when, what it was made of, the sensors'
readings and whether the lot's records agree with the ledger's hash chain; never a price, a customer or a person.
"""
from __future__ import annotations

import hashlib
import hmac
import io
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from domain import trace


@dataclass(frozen=True)
class LotLinks:
    base_url: str
    secret: str
    tenant: str

    def token(self, sku: str, lot: str, *, tenant: str | None = None) -> str:
        msg = f"lot\x1f{tenant or self.tenant}\x1f{sku}\x1f{lot}".encode()
        return hmac.new(self.secret.encode(), msg, hashlib.sha256).hexdigest()[:20]

    def valid(self, tenant: str, sku: str, lot: str, token: str) -> bool:
        return hmac.compare_digest(self.token(sku, lot, tenant=tenant), token)

    def url(self, sku: str, lot: str) -> str:
        return (f"{self.base_url.rstrip('/')}/lot/{quote(self.tenant, safe='')}/{quote(sku, safe='')}/"
                f"{quote(lot, safe='')}/{self.token(sku, lot)}")

    def code(self, sku: str, lot: str) -> tuple[str, bytes]:
        """(the page's address, a PNG of its QR code)."""
        url = self.url(sku, lot)
        buf = io.BytesIO()
        _qr(url).make_image().save(buf)
        return url, buf.getvalue()

    def labels(self, items: list[tuple[str, str, str]]) -> bytes:
        """A sheet of labels (sku, lot, caption) to print: each lot's QR code and its caption."""
        return sheet(self, items)


def _qr(url: str) -> Any:
    import qrcode

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=2)
    qr.add_data(url)
    qr.make(fit=True)
    return qr


def links(settings: Any, tenant: str) -> LotLinks:
    """The tenant's lot links from the settings: ``KUGUAN_PUBLIC_URL`` (else the server's own address) and a key
    derived from the session secret (a page's signature never doubles as a session's)."""
    key = hmac.new(settings.session_secret.encode(), b"kuguan lot pages", hashlib.sha256).hexdigest()
    return LotLinks(base_url=settings.public_url or f"http://{settings.host}:{settings.port}", secret=key,
                    tenant=tenant)


def page(view: dict[str, Any], t: Any, lang: str, tz: Any) -> str:
    """The lot's public page: plain HTML, every value escaped, no script."""
    from html import escape

    def day(at: Any) -> str:
        return at.astimezone(tz).strftime("%Y-%m-%d") if at is not None else ""

    rows = [(t("lotpage.product", lang), view["product"]), (t("lotpage.lot", lang), view["lot"])]
    for c in view["came"]:
        kind = c["kind"]
        if kind == "receipt":
            rows.append((t("lotpage.received", lang), f"{day(c['at'])} {c['partner']}".strip()))
        elif kind == "production":
            rows.append((t("lotpage.made", lang), day(c["at"])))
    if view.get("expiry") is not None:
        rows.append((t("lotpage.expiry", lang), day(view["expiry"])))
    for m in view["made_from"]:
        rows.append((t("lotpage.made_from", lang), f"{m['product']} · {m['lot']}"))
    for metric, n, lo, hi, first, last in view.get("readings", []):
        what, unit = trace.metric(metric)
        name = t(f"metric.{what}", lang) if unit else metric
        rows.append((name, t("lotpage.reading", lang, n=n, lo=f"{lo.normalize():f}", hi=f"{hi.normalize():f}",
                             unit=unit, start=day(first), end=day(last))))
    good, bad = view.get("seals", (0, 0))
    seal = t("lotpage.seal_bad", lang, n=bad) if bad else t("lotpage.seal_ok", lang, n=good)
    body = "".join(f"<tr><th>{escape(str(k))}</th><td>{escape(str(v))}</td></tr>" for k, v in rows)
    title = escape(str(t("lotpage.title", lang)))
    return (f'<!doctype html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{title}</title>'
            "<style>body{font-family:sans-serif;max-width:32rem;margin:1rem auto;padding:0 1rem}"
            "th{text-align:left;padding:.3rem 1rem .3rem 0;color:#555;white-space:nowrap}td{padding:.3rem 0}"
            ".seal{margin-top:1rem;color:" + ("#a00" if bad else "#070") + "}</style></head>"
            f"<body><h1>{title}</h1><table>{body}</table><p class=seal>{escape(str(seal))}</p></body></html>")


def sheet(links: LotLinks, labels: list[tuple[str, str, str]]) -> bytes:
    """A printable sheet of lot labels, three to a row: each its caption above its QR code (the lot's page).
    ``labels``: (sku, lot, caption). PNG, 150 dpi at A4 width."""
    import warnings

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from adapters.forecasting import charts

    font = charts.cjk_font()
    per_row = 3
    rows = (len(labels) + per_row - 1) // per_row
    fig, axes = plt.subplots(rows, per_row, figsize=(8.27, 3.1 * rows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, (sku, lot, caption) in zip(axes.flat, labels, strict=False):
        ax.imshow(_qr(links.url(sku, lot)).get_matrix(), cmap="binary", interpolation="nearest")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # missing glyphs when no CJK font is installed
            ax.set_title(caption, fontsize=9, fontdict={"family": [font, "DejaVu Sans"]} if font else None)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150)
    plt.close(fig)
    return buf.getvalue()
