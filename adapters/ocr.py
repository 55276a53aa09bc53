"""Photos read on this machine: RapidOCR runs PaddleOCR's Chinese models (carried inside its wheel) on ONNX Runtime,
so no picture leaves the customer's server. The engine loads on the first photo and is kept."""
from __future__ import annotations

import io
import logging
import threading
from typing import Any

from domain import errors
from nlu import delivery
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
        """The words on the photo as it is; unless they surely hold a note's goods, on the photo turned upside down,
        then a quarter either way (a note photographed turned, its phone keeping no orientation): the first turn
        whose words surely do, else the one whose words read best. (The model's own 180° classifier stays off: it
        turned single digits, a 6 read as a 9.)"""
        import numpy as np

        picture = _pixels(image)
        best: tuple[int, list[Token]] | None = None
        for quarters in (0, 2, 1, 3):
            words = self._read(np.ascontiguousarray(np.rot90(picture, quarters)))
            note = delivery.read(words)
            if _sure(note):
                return words
            if best is None or _worth(note) > best[0]:
                best = (_worth(note), words)
        return best[1] if best is not None else []

    def _read(self, picture: Any) -> list[Token]:
        with self._lock:   # one photo at a time: the model takes both cores anyway
            found, _ = self._get()(picture, use_cls=False)
        return [Token(text=str(text), box=tuple((float(x), float(y)) for x, y in box),  # type: ignore[arg-type]
                      score=float(score)) for box, text, score in (found or [])]


def _sure(note: delivery.Note) -> bool:
    """Words that read as a note's goods beyond doubt: several lines, or lines whose amounts add up. (A page turned
    sideways reads as a character a box, which may still look like one line of goods.)"""
    return bool(note.rows) and (len(note.rows) >= 2 or bool(note.total_adds_up) or any(r.adds_up for r in note.rows))


def _worth(note: delivery.Note) -> int:
    return sum(2 if r.adds_up else 1 for r in note.rows) + (3 if note.total_adds_up else 0)


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
