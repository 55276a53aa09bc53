"""Photos read on this machine: RapidOCR runs PaddleOCR's Chinese models (carried inside its wheel) on ONNX Runtime,
so no picture leaves the customer's server. The engine loads on the first photo and is kept."""
from __future__ import annotations

import io
import logging
import threading
from typing import Any

from domain import errors
from nlu.delivery import Token

log = logging.getLogger(__name__)
LONGEST = 1600   # a phone's 4000-pixel photo is read at this size: as legible for print, a third of the time
MAX_BYTES = 20 * 1024 * 1024


class PhotoReader:
    """bytes of a JPEG/PNG/WebP photo → the words on it, each with its box and the model's confidence."""

    def __init__(self) -> None:
        self._engine: Any = None
        self._lock = threading.Lock()

    def _get(self) -> Any:
        if self._engine is None:
            from rapidocr_onnxruntime import RapidOCR  # (a second's import: only where photos are read)

            self._engine = RapidOCR()
        return self._engine

    def __call__(self, image: bytes) -> list[Token]:
        picture = _pixels(image)
        with self._lock:   # one photo at a time: the model takes both cores anyway
            found, _ = self._get()(picture)
        return [Token(text=str(text), box=tuple((float(x), float(y)) for x, y in box),  # type: ignore[arg-type]
                      score=float(score)) for box, text, score in (found or [])]


def _pixels(image: bytes) -> Any:
    """The photo upright (a phone's EXIF orientation applied), at most LONGEST pixels a side, as BGR pixels."""
    import numpy as np
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(image) > MAX_BYTES:
        raise errors.BadInput(code="photo_too_big")
    try:
        with Image.open(io.BytesIO(image)) as opened:
            upright: Image.Image = ImageOps.exif_transpose(opened).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        log.info("not a picture: %s", exc)
        raise errors.BadInput(code="photo_unreadable") from exc
    scale = LONGEST / max(upright.size)
    if scale < 1:
        upright = upright.resize((round(upright.width * scale), round(upright.height * scale)),
                                 Image.Resampling.LANCZOS)
    return np.asarray(upright)[:, :, ::-1].copy()
