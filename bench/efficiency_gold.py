"""The answers ``bench/efficiency.py`` scores against, and how a suggestion is judged.

The gold is written by its words (``GoldQuote``) and located in the text at run time
(``locate_gold``); ``judge`` and ``pair_records`` compare the window's records with it.
Pure: no Qt, no store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.model import Attribution, QuoteType, Span

#: Word overlap (Jaccard) above which a suggested content "overlaps the gold well".
WELL = 0.9


@dataclass(frozen=True)
class GoldQuote:
    """One quotation of the answer, written by its words rather than offsets.

    The content runs from the first ``begins`` (at or after the previous quotation)
    to the end of the next ``ends``; the cue and the mention are the occurrences of
    those words nearest to the content, outside it.
    """

    begins: str
    ends: str
    cue: str
    type: QuoteType
    mention: str
    speaker: str


@dataclass(frozen=True)
class GoldSpans:
    """A gold quotation located in its text (Python offsets)."""

    quote: GoldQuote
    content: Span
    cue: Span
    mention: Span


_D, _I = QuoteType.DIRECT, QuoteType.INDIRECT
_RS = "Rajnath Singh"

#: The answer for ../shared/seed/article.txt, by our reading of the project guidelines
#: (ui/resources/guidelines.md): every quotation is Rajnath Singh's. Judgement calls:
#: "congratulated Member-States ... on ..." reports what he communicated, so it counts;
#: the last paragraph ("... of our respective Nations, he added") is his own words in the
#: first person without quotation marks, so it is direct (unquoted direct speech).
SEED_GOLD = (
    GoldQuote('"Had an excellent', 'both the countries,"', "tweeted", _D, _RS, _RS),
    GoldQuote("India's resolve to work", "stable region", "reiterated", _I, _RS, _RS),
    GoldQuote("Terrorism is the most", "peace and security", "said", _D, "Singh", _RS),
    GoldQuote('"Any act of terror', 'against humanity,"', "added", _D, "he", _RS),
    GoldQuote("India's resolve to fight", "and manifestations", "reaffirmed", _I, "He", _RS),
    GoldQuote('"India plans', 'with vaccine."', "said", _D, "Singh", _RS),
    GoldQuote(
        "Member-States of the SCO", "years of its existence", "congratulated", _I,
        "The Defence Minister", _RS,
    ),
    GoldQuote("though India joined", "from the SCO", "said", _I, "He", _RS),
    GoldQuote('"The SCO Nations', 'will follow."', "said", _D, "Singh", _RS),
    GoldQuote("it is in the same spirit", "over decades", "pointed out", _I, "He", _RS),
    GoldQuote("So far India", "dollar 3 billion", "highlighted", _I, "he", _RS),
    GoldQuote('"Our intent', 'SAGAR."', "said", _D, "the Defence Minister", _RS),
    GoldQuote("Security and Stability", "respective Nations", "added", _D, "he", _RS),
)  # fmt: skip

#: An article written for this bench (not from any corpus), with the cases the seed
#: lacks: a name in quotation marks and a praise without reported words (to reject), a
#: speaker mention far from its quotation, and quotations that are easy to miss.
OWN_ARTICLE = """\
Harbourside [Norland] March 3: Port commissioner Mara Ilves on Tuesday opened the new \
ferry terminal and promised faster crossings to the islands.

"The terminal will cut waiting times in half for every island family," Ilves said at \
the opening.

The mayor, Tomas Berg, praised the builders. Berg said that the project had finished \
two months early and under budget.

Local papers had called the old terminal "the shed" for years.

Ilves warned that fares would rise slightly next spring to pay for the new ships. "We \
would rather be honest now than surprise people later," she added.

Fishermen's union leader Oskar Lind was less pleased. The new quay leaves too little \
room for the fishing fleet, Lind told reporters. Berg replied that a second quay was \
already planned.

The commissioner's message to the islanders was clear: the ferries will run every hour \
from June.

"We expect the first of the new ships in May," Ilves told the council on Wednesday.
"""

_MI, _TB, _OL = "Mara Ilves", "Tomas Berg", "Oskar Lind"
OWN_GOLD = (
    GoldQuote("faster crossings", "to the islands", "promised", _I, "Mara Ilves", _MI),
    GoldQuote('"The terminal will', 'island family,"', "said", _D, "Ilves", _MI),
    GoldQuote("the project had", "under budget", "said", _I, "Berg", _TB),
    GoldQuote("fares would rise", "the new ships", "warned", _I, "Ilves", _MI),
    GoldQuote('"We would rather', 'people later,"', "added", _D, "she", _MI),
    GoldQuote("The new quay leaves", "the fishing fleet", "told", _I, "Lind", _OL),
    GoldQuote("a second quay", "already planned", "replied", _I, "Berg", _TB),
    GoldQuote("the ferries will run", "from June", "message", _I, "The commissioner", _MI),
    GoldQuote('"We expect the first', 'ships in May,"', "told", _D, "Ilves", _MI),
)


# -- the gold ---------------------------------------------------------------------------
def _nearest_word(text: str, words: str, content: Span) -> Span:
    """The whole-word occurrence of ``words`` nearest to ``content`` and outside it."""
    best: Span | None = None
    best_distance = len(text) + 1
    for match in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", text):
        span = Span(match.start(), match.end())
        if span.overlaps(content):
            continue
        distance = (
            content.start - span.end if span.end <= content.start else span.start - content.end
        )
        if distance < best_distance:
            best, best_distance = span, distance
    if best is None:
        raise ValueError(f"{words!r} does not occur outside the quotation {content}")
    return best


def locate_gold(text: str, gold: tuple[GoldQuote, ...]) -> list[GoldSpans]:
    """Find each gold quotation in ``text``, in order.

    :raises ValueError: when the text does not hold a quotation's words (the seed
        article changed): the bench says so rather than scoring against nothing.
    """
    located = []
    after = 0
    for quote in gold:
        start = text.find(quote.begins, after)
        end = text.find(quote.ends, max(start, 0))
        if start < 0 or end < 0:
            raise ValueError(f"the article has no {quote.begins!r} ... {quote.ends!r}")
        content = Span(start, end + len(quote.ends))
        located.append(
            GoldSpans(
                quote,
                content,
                _nearest_word(text, quote.cue, content),
                _nearest_word(text, quote.mention, content),
            )
        )
        after = content.end
    return located


WORD = re.compile(r"\w+")


def words_of(text: str, spans: tuple[Span, ...]) -> set[int]:
    """The start offsets of the words inside ``spans``, without a leading "that"."""
    found: list[int] = []
    for span in spans:
        for match in WORD.finditer(text, span.start, span.end):
            found.append(match.start())
    if found and text[found[0] : found[0] + 5].lower() == "that ":
        found = found[1:]
    return set(found)


def word_overlap(text: str, suggested: tuple[Span, ...], gold: Span) -> float:
    """Jaccard index of the words of ``suggested`` and ``gold``."""
    a, b = words_of(text, suggested), words_of(text, (gold,))
    return len(a & b) / len(a | b) if a | b else 0.0


def same_name(a: str | None, b: str) -> bool:
    return " ".join((a or "").split()).casefold() == " ".join(b.split()).casefold()


@dataclass(frozen=True)
class Verdict:
    """What is wrong with a suggestion compared with its gold quotation."""

    content: bool
    type: bool
    speaker: bool
    cue: bool

    @property
    def right(self) -> bool:
        """Whether the suggestion can be accepted as it is."""
        return self.content and self.type and self.speaker and self.cue

    def faults(self) -> list[str]:
        """The names of the parts to fix."""
        names = ("content", "type", "speaker", "cue")
        return [
            n
            for n, ok in zip(names, (self.content, self.type, self.speaker, self.cue), strict=True)
            if not ok
        ]


def judge(text: str, record: Attribution, gold: GoldSpans) -> Verdict:
    """Compare a record with its gold quotation."""
    return Verdict(
        content=word_overlap(text, record.fragments, gold.content) >= WELL,
        type=record.type == gold.quote.type,
        speaker=same_name(record.speaker_name, gold.quote.speaker),
        cue=record.cue is not None and record.cue.overlaps(gold.cue),
    )


def pair_records(
    text: str, records: list[Attribution], gold: list[GoldSpans]
) -> dict[int, GoldSpans]:
    """Match suggestions to gold quotations one to one, best word overlap first.

    :returns: gold quotation by record id; records left out match nothing.
    """
    candidates = sorted(
        (
            (word_overlap(text, r.fragments, g.content), r.id, i)
            for r in records
            for i, g in enumerate(gold)
            if r.id is not None and any(f.overlaps(g.content) for f in r.fragments)
        ),
        reverse=True,
    )
    paired: dict[int, GoldSpans] = {}
    taken: set[int] = set()
    for score, record_id, index in candidates:
        if score > 0 and record_id not in paired and index not in taken:
            paired[record_id] = gold[index]
            taken.add(index)
    return paired
