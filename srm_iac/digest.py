"""SHA-256 without loading OpenSSL: finding fingerprints and the catalog cache key.

``hashlib`` loads OpenSSL on import (over 10 ms, on every run); CPython's own SHA-256 module
computes the same digest and loads in about a millisecond. Where it is not built in, hashlib's
is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:
        from _sha2 import sha256  # CPython 3.12 and later
    except ImportError:
        try:
            from _sha256 import sha256  # CPython 3.11
        except ImportError:  # pragma: no cover - a Python without CPython's own SHA-256
            from hashlib import sha256

__all__ = ["sha256"]
