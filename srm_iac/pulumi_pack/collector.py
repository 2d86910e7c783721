"""Pause Python's cyclic garbage collector while a large stack is analysed.

Building a 5,000-resource stack allocates a few hundred thousand small containers (the SDK's
resources and proxies, the decoded and canonical trees, the inventory). Each allocation burst
triggers the cyclic collector, and its full passes walk every live container, so their cost
grows with the stack: about a third of an ``AnalyzeStack`` call at 5,000 resources, two fifths
at 20,000. Almost nothing built during the call is cyclic (reference counting frees it), so the
collector is paused for the call and resumed after it; whatever cyclic garbage the call left
is collected at the next pass.

The collector is process-wide and the server runs calls on several threads: the pause is
counted, so the collector resumes only when the last overlapping call ends, and only if it was
running before the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_active = 0
_resume = False


@contextmanager
def collection_paused() -> Iterator[None]:
    """Run the body with the cyclic garbage collector paused (nestable, thread-safe)."""
    global _active, _resume
    with _lock:
        if _active == 0:
            _resume = gc.isenabled()
            gc.disable()
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _resume:
                gc.enable()
