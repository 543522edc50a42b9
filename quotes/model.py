"""The domain model: articles, attributions and speakers as frozen dataclasses.

Every position is a Python ``str`` offset into the article text, end exclusive,
exactly as in the JSONL export schema. Nothing here knows about Qt or SQLite;
``storage/`` persists these objects and ``ui/`` shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum


class QuoteType(StrEnum):
    """How the words of the speaker are reported."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"
    # Direct speech without quotation marks: "Singh said, Terrorism is ..."
    UNQUOTED = "unquoted"


class Status(StrEnum):
    """The review state of one attribution."""

    CANDIDATE = "candidate"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Origin(StrEnum):
    """Who proposed an attribution: the extractor, an annotator, or an imported file."""

    RULE = "rule"
    HUMAN = "human"
    IMPORT = "import"


class DocumentStatus(StrEnum):
    """The review state of a whole document."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into an article text.

    :raises ValueError: when ``start`` is negative or ``end`` is not after ``start``.
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def text_of(self, text: str) -> str:
        """Return the characters of ``text`` that this span covers."""
        return text[self.start : self.end]

    def contains(self, offset: int) -> bool:
        """Whether ``offset`` lies inside the span."""
        return self.start <= offset < self.end

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def as_list(self) -> list[int]:
        """The span as ``[start, end]``, the form used in JSON."""
        return [self.start, self.end]

    @classmethod
    def from_pair(cls, pair: Iterable[int] | None) -> Span | None:
        """Build a span from a ``[start, end]`` pair, or return None for None."""
        if pair is None:
            return None
        start, end = pair
        return cls(int(start), int(end))


class ContentEdges:
    """``start`` and ``end`` of a content made of ordered ``fragments``: shared by
    ``Attribution`` and the engine's mutable ``quotes.drafts.Draft``."""

    __slots__ = ()
    fragments: Sequence[Span]

    @property
    def start(self) -> int:
        """Where the content begins (the first fragment's start)."""
        return self.fragments[0].start

    @property
    def end(self) -> int:
        """Where the content ends (the last fragment's end), exclusive."""
        return self.fragments[-1].end


@dataclass(frozen=True, slots=True)
class Attribution(ContentEdges):
    """One quotation with its cue and its speaker: the unit an annotator reviews.

    ``fragments`` are the pieces of the content in text order, non-empty and
    disjoint; a quotation split by its cue (``"A," she said, "B."``) has two.
    ``speaker`` is the mention as written ("he", "the Defence Minister");
    ``speaker_name`` is the person or body it refers to ("Rajnath Singh").
    ``rule`` names the extraction rule that proposed it ("" for human ones).
    ``id`` and ``document_id`` are None until the attribution is stored.
    """

    fragments: tuple[Span, ...]
    type: QuoteType = QuoteType.INDIRECT
    cue: Span | None = None
    speaker: Span | None = None
    speaker_name: str | None = None
    status: Status = Status.CANDIDATE
    origin: Origin = Origin.RULE
    confidence: float = 1.0
    rule: str = ""
    annotator: str | None = None
    id: int | None = None
    document_id: int | None = None
    entity_id: int | None = None

    def __post_init__(self) -> None:
        if not self.fragments:
            raise ValueError("an attribution needs at least one content fragment")
        for before, after in zip(self.fragments, self.fragments[1:], strict=False):
            if after.start < before.end:
                raise ValueError("content fragments must be ordered and disjoint")

    @property
    def content(self) -> Span:
        """The whole stretch from the first fragment to the last."""
        return Span(self.start, self.end)

    def content_text(self, text: str, joiner: str = " … ") -> str:
        """The quoted words: the fragments' text joined by ``joiner``."""
        return joiner.join(f.text_of(text) for f in self.fragments)

    def spans(self) -> tuple[Span, ...]:
        """Every span of the record: fragments, then cue and speaker when set."""
        extra = tuple(s for s in (self.cue, self.speaker) if s is not None)
        return self.fragments + extra

    def with_changes(self, **changes: object) -> Attribution:
        """A copy with the given fields replaced (the dataclass is frozen)."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Article:
    """An article as read from a file, before it is stored.

    ``external_id`` is the id the file gave it (the JSONL ``id``), if any;
    ``attributions`` are annotations that came with it (origin ``import``).
    ``annotated`` is True when the source carried annotations of its own, even if
    every one was rejected as invalid: such an article is not pre-annotated, so
    that machine candidates never stand in for a person's lost annotations.
    """

    text: str
    title: str = ""
    source: str = ""
    external_id: str | None = None
    attributions: tuple[Attribution, ...] = ()
    annotated: bool = False
    meta: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Document:
    """A stored article."""

    id: int
    text: str
    title: str
    source: str
    status: DocumentStatus
    content_hash: str
    imported_at: str
    external_id: str | None = None
    # Whether someone looked at the document (done, or one decision on a record); set
    # by an export's selection, None where nobody asked. Exports mark False documents,
    # because their missing quotations do not mean "none".
    reviewed: bool | None = None


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What the document list shows of one document, without its text."""

    id: int
    title: str
    status: DocumentStatus
    candidates: int
    accepted: int
    rejected: int
    length: int = 0


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person or body that speaks in a document, with the ways it is named there.

    ``mentions`` are the spans that refer to it ("Rajnath Singh", "Singh", "he").
    ``id`` and ``document_id`` are None until stored.
    """

    name: str
    variants: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    id: int | None = None
    document_id: int | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractor found in one text: attributions and the speaker roster."""

    attributions: tuple[Attribution, ...]
    speakers: tuple[Speaker, ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    """One item an import or export could not take, and why.

    ``where`` names the file, and the line or field when known
    (``"news.jsonl:17"``, ``"a.csv:4 column 'text'"``).
    """

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: counts, skipped duplicates and rejected items."""

    imported: int = 0
    duplicates: int = 0
    attributions: int = 0
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    cancelled: bool = False

    def merged(self, other: ImportReport) -> ImportReport:
        """The sum of two reports (for imports that read several sources)."""
        return ImportReport(
            imported=self.imported + other.imported,
            duplicates=self.duplicates + other.duplicates,
            attributions=self.attributions + other.attributions,
            problems=self.problems + other.problems,
            notes=self.notes + other.notes,
            cancelled=self.cancelled or other.cancelled,
        )
