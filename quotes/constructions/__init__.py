"""The constructions the cue rules recognise, one module each, each owning its patterns.

``according_to`` (``According to X, C``), ``asked`` (``when asked whether C``),
``participle`` (``..., adding that C``, ``Noting C, X ...``), ``passive`` (``it was
announced that C``), ``nominal`` (``his claim that C``), ``naming`` (``what he called
C``), ``inverted`` (``"C," said X``, ``Said X, "C"``), ``colon`` (``Clinton: C``,
``X concluded: "C"``) and ``speaker_first`` (``X said (that) C``, ``"C," X said``).
Each exposes ``draft_*`` functions taking a ``context.RuleContext``, a unit and a cue,
and returning a ``Draft`` or None; ``quotes.rules`` decides which to try, in order.
Beside them: ``context`` (the text, its verb cues and quotations, and the questions
several constructions ask of them), ``subject`` (where a verb cue's speaker stands
when no construction before claimed it) and ``speaker_first_patterns`` (the word
lists and predicates of the largest construction). All are pure functions of the
context; nothing here is shared between threads.
"""
