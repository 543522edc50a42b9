"""Keeping Python's cycle collector out of a document switch.

Opening a 20 MB article builds some two million small objects (attributions, their
spans, the highlighter's ranges, the roster). Each of them counts towards the cycle
collector's thresholds, so the collector runs over and over while they are built, and
its full passes walk every object alive: a second of a four-second open was spent
there. None of these objects form reference cycles (they are freed by reference
counting alone), so there is nothing for the collector to find in them.

:func:`collection_paused` (the engine's own, ``quotes.collector``) therefore switches
the collector off while a document is shown, and back on after. It does not
``gc.freeze`` what is alive: freezing would keep for good any reference cycle that
happened to be garbage at that moment (a closed dialog), and measured on the 20 MB
article it saved nothing afterwards (accepting there takes 3.3 ms with or without it).
Threading: main thread (elsewhere the block runs with the collector as it is).
"""

from __future__ import annotations

from quotes.collector import collection_paused

__all__ = ["collection_paused"]
