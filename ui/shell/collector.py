"""Keeping Python's cycle collector out of a document switch.

Opening a 20 MB article builds some two million small objects (attributions, their
spans, the highlighter's ranges, the roster). Each of them counts towards the cycle
collector's thresholds, so the collector runs over and over while they are built, and
its full passes walk every object alive: a second of a four-second open was spent
there. None of these objects form reference cycles (they are freed by reference
counting alone), so there is nothing for the collector to find in them.

:func:`collection_paused` therefore switches the collector off while a document is
shown and then moves every object alive into the collector's permanent generation
(``gc.freeze``), so that later passes (during an accept, say) do not walk the
article's objects either. Objects are still freed by reference counting when the
next document replaces them; what freezing costs is that a reference cycle which
became garbage before the freeze is kept, not collected. Threading: main thread.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Run the block with the cycle collector off, then freeze what is alive.

    Nested use is safe: the collector is switched back on only if it was on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
