"""A trained model as one blob of bytes, with a format version and a checksum.

Layout: the magic ``QAMODEL\\0``; the format version (2 bytes, big endian); the length
of a JSON header (4 bytes); the header (``ModelInfo`` fields, the feature set the CRF
was trained on, the CRF's length and its SHA-256); the CRF bytes as crfsuite wrote them.
A header without a feature set is from set 1, the first. The checksum tells a damaged
blob from a valid one before crfsuite (C code) ever reads it.
"""

from __future__ import annotations

import hashlib
import json
import struct
from typing import Any

import pycrfsuite

from quotes.learning.crf import DEFAULT_ADD_THRESHOLD, ModelInfo, TrainedModel
from quotes.learning.features import FEATURE_SET

MAGIC = b"QAMODEL\0"
FORMAT_VERSION = 1
_PREFIX = struct.Struct(">HI")


class ModelFormatError(ValueError):
    """A blob that is no readable model; the message says why and what to do."""


def model_to_bytes(model: TrainedModel) -> bytes:
    """The blob for ``model`` (read back by ``model_from_bytes``)."""
    info = model.info
    header = {
        "records": info.records,
        "articles": info.articles,
        "trained_at": info.trained_at,
        "scores": info.scores,
        "add_threshold": info.add_threshold,
        "feature_set": FEATURE_SET,
        "crf_length": len(model.crf),
        "crf_sha256": hashlib.sha256(model.crf).hexdigest(),
    }
    encoded = json.dumps(header, sort_keys=True).encode("utf-8")
    return MAGIC + _PREFIX.pack(FORMAT_VERSION, len(encoded)) + encoded + model.crf


def model_from_bytes(blob: bytes) -> TrainedModel:
    """The model in ``blob``.

    :raises ModelFormatError: when the blob is not a model, is damaged or truncated, was
        written by a newer version of the app (its format version is named), or was
        trained on other features than this version computes (then it must be trained
        again: its weights mean nothing for these features).
    """
    if not isinstance(blob, bytes | bytearray | memoryview):
        raise ModelFormatError(f"a model must be bytes, got {type(blob).__name__}")
    blob = bytes(blob)
    if not blob.startswith(MAGIC):
        raise ModelFormatError("corrupt model: it does not start with the model marker")
    offset = len(MAGIC)
    if len(blob) < offset + _PREFIX.size:
        raise ModelFormatError("corrupt model: truncated header")
    version, length = _PREFIX.unpack_from(blob, offset)
    if version > FORMAT_VERSION:
        raise ModelFormatError(
            f"the model was saved by a newer version of the app (model format {version}; "
            f"this version reads format {FORMAT_VERSION} and older): update the app or "
            "train the model again"
        )
    offset += _PREFIX.size
    header = _header(blob[offset : offset + length])
    _check_feature_set(header)
    crf = blob[offset + length :]
    if len(crf) != header["crf_length"] or hashlib.sha256(crf).hexdigest() != header["crf_sha256"]:
        raise ModelFormatError("corrupt model: the CRF data does not match its checksum")
    try:
        pycrfsuite.Tagger().open_inmemory(crf)
    except (ValueError, OSError) as error:
        raise ModelFormatError(f"corrupt model: crfsuite cannot read it ({error})") from None
    info = ModelInfo(
        records=int(header["records"]),
        articles=int(header["articles"]),
        trained_at=str(header["trained_at"]),
        scores={str(k): float(v) for k, v in dict(header.get("scores") or {}).items()},
        add_threshold=float(header.get("add_threshold", DEFAULT_ADD_THRESHOLD)),
    )
    return TrainedModel(crf=crf, info=info)


def _check_feature_set(header: dict[str, Any]) -> None:
    found = header.get("feature_set", 1)
    if not isinstance(found, int) or isinstance(found, bool):
        raise ModelFormatError("corrupt model: its feature set is not a number")
    if found > FEATURE_SET:
        raise ModelFormatError(
            f"the model was trained by a newer version of the app (feature set {found}; "
            f"this version computes set {FEATURE_SET}): update the app or train the model "
            "again"
        )
    if found < FEATURE_SET:
        raise ModelFormatError(
            f"the model was trained by an older version of the app (feature set {found}; "
            f"this version computes set {FEATURE_SET}): train the model again"
        )


def _header(raw: bytes) -> dict[str, Any]:
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ModelFormatError("corrupt model: its header is not readable") from None
    needed = ("records", "articles", "trained_at", "crf_length", "crf_sha256")
    if not isinstance(header, dict) or any(key not in header for key in needed):
        raise ModelFormatError("corrupt model: its header lacks required fields")
    return header
