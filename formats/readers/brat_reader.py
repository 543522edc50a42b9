"""brat standoff: a ``.txt`` article with its ``.ann`` annotations (PolNeAR's scheme).

The scheme (github.com/networkdynamics/PolNeAR, annotated in brat): text-bound
annotations of the types ``Source``, ``Cue`` and ``Content``, tied together by
an ``Attribution`` event (``E1<TAB>Attribution:T4 Source:T1 Cue:T2 Content:T3``)
or by relations between them (``R1<TAB>Source Arg1:T1 Arg2:T3``: all the
text-bounds that relations connect make one attribution). An event without a
``Cue`` argument takes its trigger as the cue, unless the trigger lies inside the
content (as in this tool's exports of attributions without a cue). A ``Content``
that nothing ties is a quotation without cue or speaker. Roles may carry a
number (``Content2``): a content split by its cue is either one discontinuous
text-bound (``T3<TAB>Content 0 5;10 20``) or several ``Content`` arguments; both
become fragments. Source and cue spans with several pieces are taken whole
(first start to last end), since an attribution has one cue and one speaker.

Attributes on the event or the content set fields: ``Type`` (direct, indirect,
mixed), ``Status`` (candidate, accepted, rejected) and ``Annotator``; an
unknown value rejects that attribution. An ``AnnotatorNotes`` comment on the
event or its source names the speaker (``speaker_name``), one reading
``annotator: NAME`` on the event the annotator, as ``formats.writers`` writes
them. Without a note the speaker name stays None (PolNeAR resolves no mentions;
the mention itself is the ``speaker`` span). Without a ``Type`` the type is
judged from double quotation marks; without a ``Status`` an annotation is
``accepted`` (a finished annotation file).

Offsets: brat counts characters in the ``.txt`` exactly as stored (it reads the
file without translating line endings). The article text gets ``\\n`` line
endings like every import, and each offset is carried over with ``NewlineMap``,
so a ``.txt`` saved with CRLF is read correctly. A byte-order mark is not
counted. A text-bound whose offsets fall outside the text, or whose reference
text does not match the text at its offsets (compared with whitespace
collapsed), rejects the attributions that use it, as does content covering its own
cue or source (``quotes.span_checks``); the file's other attributions are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from formats.encoding import (
    DecodeError,
    NewlineMap,
    decode_bytes,
    decoding_note,
    normalise_newlines,
    unreadable_file,
)
from formats.readers.options import ReadOptions
from formats.readers.record_checks import refused_whole
from formats.readers.text_reader import read_stored_text, title_for
from quotes.model import Article, Attribution, Origin, Problem, QuoteType, Span, Status
from quotes.span_checks import imported_record_problem

SOURCE, CUE, CONTENT = "source", "cue", "content"

_ANNOTATOR_NOTE = "annotator:"
_ANNOTATOR_SUFFIX = re.compile(r"_[0-9A-Za-z]+$")
_ROLE_NUMBER = re.compile(r"\d+$")
# Double quotation marks only: single ones are too often apostrophes.
_QUOTE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'


@dataclass(slots=True)
class _TextBound:
    id: str
    kind: str  # "source", "cue", "content" or another type, lower case
    spans: tuple[Span, ...]  # normalised offsets, in text order
    text: str
    line: int


@dataclass(slots=True)
class _Link:
    """An event (trigger and arguments) or a relation (two arguments)."""

    id: str
    line: int
    trigger: str | None
    arguments: list[tuple[str, str]]  # (role without number, lower case; text-bound id)


@dataclass(slots=True)
class _Annotations:
    text_bounds: dict[str, _TextBound] = field(default_factory=dict)
    rejected: set[str] = field(default_factory=set)  # ids of text-bounds already reported
    events: list[_Link] = field(default_factory=list)
    relations: list[_Link] = field(default_factory=list)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    comments: dict[str, list[str]] = field(default_factory=dict)


def text_path_for(ann_path: Path) -> Path | None:
    """The ``.txt`` that an ``.ann`` file annotates, or None when there is none.

    The ``.txt`` beside it with the same name, else PolNeAR's layout:
    ``attributions/<article>_<annotator>.ann`` annotates ``text/<article>.txt``.
    """
    sibling = ann_path.with_suffix(".txt")
    if sibling.is_file():
        return sibling
    if ann_path.parent.name == "attributions":
        texts = ann_path.parent.parent / "text"
        for stem in (ann_path.stem, _ANNOTATOR_SUFFIX.sub("", ann_path.stem)):
            if (texts / f"{stem}.txt").is_file():
                return texts / f"{stem}.txt"
    return None


def _annotator_from_names(text_path: Path, ann_path: Path) -> str | None:
    """``4b22`` for ``article_4b22.ann`` annotating ``article.txt`` (PolNeAR), else None."""
    prefix = text_path.stem + "_"
    if ann_path.stem.startswith(prefix) and len(ann_path.stem) > len(prefix):
        return ann_path.stem[len(prefix) :]
    return None


def read_brat_pair(
    text_path: Path,
    ann_path: Path,
    *,
    options: ReadOptions,
    problems: list[Problem],
    notes: list[str],
) -> Iterator[Article]:
    """Yield the article of ``text_path`` with the attributions of ``ann_path``.

    A bad annotation line or attribution (a NUL costs its line alone) is reported as
    ``file.ann:line`` and left out, or rejects the pair with ``whole_records``. An
    unreadable ``.ann`` rejects the pair: stored bare, the text would be pre-annotated
    as if new. An ``.ann`` named ``<text name>_<annotator>`` (PolNeAR's layout) gives
    its attributions without an annotator that one.
    """
    stored = read_stored_text(text_path, problems=problems, notes=notes)
    if stored is None:
        return
    text = normalise_newlines(stored)
    title = title_for(text, text_path, options)
    attributions: tuple[Attribution, ...] = ()
    annotated = False
    if options.with_annotations:
        ann_text = _read_ann(ann_path, problems=problems, notes=notes)
        if ann_text is None:
            problems.append(
                Problem(
                    str(text_path), f"not imported: its annotations {ann_path.name} are unusable"
                )
            )
            return
        annotated, before = bool(ann_text.strip()), len(problems)
        annotations = _parse_ann(ann_text, stored, str(ann_path), problems)
        attributions = tuple(_build_attributions(annotations, text, str(ann_path), problems))
        if refused_whole(options, problems, before, str(ann_path)):
            return
        annotator = _annotator_from_names(text_path, ann_path)
        if annotator:
            attributions = tuple(
                a if a.annotator else a.with_changes(annotator=annotator) for a in attributions
            )
    yield Article(
        text=text,
        title=title,
        source=str(text_path),
        external_id=text_path.stem,
        attributions=tuple(sorted(attributions, key=lambda a: (a.start, a.end))),
        annotated=annotated,
    )


def _read_ann(path: Path, *, problems: list[Problem], notes: list[str]) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(unreadable_file(str(path), error))
        return None
    if not data.strip():
        return ""  # an article nobody has annotated yet
    return _decode_ann(data, path, problems=problems, notes=notes)


def _decode_ann(
    data: bytes, path: Path, *, problems: list[Problem], notes: list[str]
) -> str | None:
    """The ``.ann`` text with ``\\n`` line endings, or None after a Problem."""
    try:
        text, encoding = decode_bytes(data, str(path), allow_nul=True)
    except DecodeError as error:
        problems.append(error.problem)
        return None
    if encoding is not None:
        notes.append(decoding_note(str(path), encoding))
    return normalise_newlines(text)


def _parse_ann(ann_text: str, stored: str, where: str, problems: list[Problem]) -> _Annotations:
    """Every usable line of the ``.ann``; bad lines are reported and skipped."""
    annotations = _Annotations()
    newline_map = NewlineMap(stored)
    for number, line in enumerate(ann_text.split("\n"), start=1):
        if not line.strip():
            continue
        at = f"{where}:{number}"
        if "\x00" in line:
            problems.append(Problem(at, "holds a NUL character; annotation line skipped"))
            continue
        fields = line.split("\t")
        ident = fields[0].strip()
        try:
            if ident.startswith("T"):
                _parse_text_bound(fields, number, stored, newline_map, annotations, at, problems)
            elif ident.startswith("E"):
                annotations.events.append(_parse_event(fields, number))
            elif ident.startswith("R"):
                annotations.relations.append(_parse_relation(fields, number))
            elif ident.startswith(("A", "M")):
                name, target, *value = fields[1].split()
                annotations.attributes.setdefault(target, {})[name.lower()] = (
                    value[0] if value else "true"
                )
            elif ident.startswith("#"):
                _kind, target = fields[1].split()[:2]
                note = fields[2].strip() if len(fields) > 2 else ""
                annotations.comments.setdefault(target, []).append(note)
            elif not ident.startswith(("N", "*")):
                problems.append(Problem(at, f"unknown kind of annotation {ident!r}"))
        except (IndexError, ValueError, TypeError):
            problems.append(Problem(at, f"malformed annotation line: {line[:80]!r}"))
    return annotations


def _parse_text_bound(
    fields: list[str],
    number: int,
    stored: str,
    newline_map: NewlineMap,
    annotations: _Annotations,
    at: str,
    problems: list[Problem],
) -> None:
    """Record one ``T`` line; a bad one is reported and remembered as rejected."""
    ident = fields[0].strip()
    kind, _, offsets = fields[1].partition(" ")
    quoted = "\t".join(fields[2:]) if len(fields) > 2 else None  # the text may hold tabs
    pieces: list[tuple[int, int]] = []
    for piece in offsets.split(";"):
        start, end = (int(value) for value in piece.split())
        pieces.append((start, end))
    for start, end in pieces:
        if not 0 <= start < end <= len(stored):
            problems.append(
                Problem(
                    at,
                    f"{ident} offsets [{start}, {end}] lie outside the text of "
                    f"{len(stored)} characters",
                )
            )
            annotations.rejected.add(ident)
            return
    found = " ".join(stored[start:end] for start, end in pieces)
    if quoted is not None and found.split() != quoted.split():
        problems.append(
            Problem(
                at,
                f"{ident} says {quoted[:40]!r} but the text at its offsets is {found[:40]!r}",
            )
        )
        annotations.rejected.add(ident)
        return
    spans = tuple(
        sorted(Span(newline_map.offset(start), newline_map.offset(end)) for start, end in pieces)
    )
    annotations.text_bounds[ident] = _TextBound(
        id=ident, kind=kind.lower(), spans=spans, text=" ".join(found.split()), line=number
    )


def _parse_event(fields: list[str], number: int) -> _Link:
    trigger_part, *argument_parts = fields[1].split()
    _type, _, trigger = trigger_part.partition(":")
    arguments = [_argument(part) for part in argument_parts]
    return _Link(id=fields[0].strip(), line=number, trigger=trigger or None, arguments=arguments)


def _parse_relation(fields: list[str], number: int) -> _Link:
    _type, *argument_parts = fields[1].split()
    if len(argument_parts) != 2:
        raise ValueError("a relation has two arguments")
    return _Link(
        id=fields[0].strip(),
        line=number,
        trigger=None,
        arguments=[_argument(part) for part in argument_parts],
    )


def _argument(part: str) -> tuple[str, str]:
    role, target = part.split(":")
    if not target:
        raise ValueError("argument without a target")
    return _ROLE_NUMBER.sub("", role).lower(), target


def _build_attributions(
    annotations: _Annotations, text: str, where: str, problems: list[Problem]
) -> Iterator[Attribution]:
    """One attribution per event, per group of related text-bounds, per lone content."""
    used: set[str] = set()
    for event in annotations.events:
        members = [target for _role, target in event.arguments]
        roles = {target: role for role, target in event.arguments}
        if event.trigger and _trigger_is_cue(event.trigger, roles, annotations):
            roles.setdefault(event.trigger, CUE)
            members.append(event.trigger)
        used.update(members)
        attribution = _attribution_of(
            event.id, event.line, members, roles, annotations, text, where, problems
        )
        if attribution is not None:
            yield attribution
    for group, line in _relation_groups(annotations.relations):
        members = [ident for ident in group if ident not in used]
        used.update(members)
        if members:
            yield from _some(
                _attribution_of(
                    f"relations of {', '.join(sorted(members))}",
                    line,
                    members,
                    {},
                    annotations,
                    text,
                    where,
                    problems,
                )
            )
    for ident, bound in annotations.text_bounds.items():
        if bound.kind == CONTENT and ident not in used:
            yield from _some(
                _attribution_of(ident, bound.line, [ident], {}, annotations, text, where, problems)
            )


def _trigger_is_cue(trigger: str, roles: dict[str, str], annotations: _Annotations) -> bool:
    """Whether an event's trigger stands for its cue: only when no argument is the cue,
    and the trigger is not a stretch of the content (this tool's exports trigger an
    event without a cue on its first content fragment)."""
    if any(role == CUE for role in roles.values()):
        return False
    bound = annotations.text_bounds.get(trigger)
    if bound is None:
        return True  # reported as undefined when the attribution is built
    contents = [
        span
        for ident, role in roles.items()
        if role == CONTENT and ident in annotations.text_bounds
        for span in annotations.text_bounds[ident].spans
    ]
    return not any(
        content.start <= span.start and span.end <= content.end
        for span in bound.spans
        for content in contents
    )


def _some(attribution: Attribution | None) -> Iterator[Attribution]:
    if attribution is not None:
        yield attribution


def _relation_groups(relations: list[_Link]) -> Iterator[tuple[list[str], int]]:
    """Text-bound ids connected by relations, group by group, with a line to report."""
    parent: dict[str, str] = {}

    def root(ident: str) -> str:
        parent.setdefault(ident, ident)
        while parent[ident] != ident:
            parent[ident] = parent[parent[ident]]
            ident = parent[ident]
        return ident

    first_line: dict[str, int] = {}
    for relation in relations:
        (_r1, a), (_r2, b) = relation.arguments
        parent[root(a)] = root(b)
        first_line.setdefault(a, relation.line)
        first_line.setdefault(b, relation.line)
    groups: dict[str, list[str]] = {}
    for ident in parent:
        groups.setdefault(root(ident), []).append(ident)
    for members in groups.values():
        yield members, min(first_line[ident] for ident in members)


def _attribution_of(
    label: str,
    line: int,
    members: list[str],
    roles: dict[str, str],
    annotations: _Annotations,
    text: str,
    where: str,
    problems: list[Problem],
) -> Attribution | None:
    """The attribution made of ``members``, or None after a Problem.

    A member's role is its event role if it has one, else its text-bound type.
    """
    at = f"{where}:{line}"
    by_role: dict[str, list[_TextBound]] = {SOURCE: [], CUE: [], CONTENT: []}
    for ident in members:
        if ident in annotations.rejected:
            problems.append(Problem(at, f"{label} uses {ident}, which was rejected"))
            return None
        bound = annotations.text_bounds.get(ident)
        if bound is None:
            problems.append(Problem(at, f"{label} refers to {ident}, which is not defined"))
            return None
        role = roles.get(ident, bound.kind)
        if role in by_role:
            by_role[role].append(bound)
    if not by_role[CONTENT]:
        problems.append(Problem(at, f"{label} has no Content"))
        return None
    fragments = tuple(sorted(span for bound in by_role[CONTENT] for span in bound.spans))
    settings = _settings_for(label, members, annotations)
    try:
        quote_type = QuoteType(settings.get("type", "").lower() or _judged_type(fragments, text))
    except ValueError:
        problems.append(Problem(at, f"{label}: unknown Type {settings.get('type')!r}"))
        return None
    try:
        status = Status(settings.get("status", "").lower() or Status.ACCEPTED)
    except ValueError:
        problems.append(Problem(at, f"{label}: unknown Status {settings.get('status')!r}"))
        return None
    speaker_name = _speaker_name(label, by_role[SOURCE], annotations)
    try:
        attribution = Attribution(
            fragments=fragments,
            type=quote_type,
            cue=_hull(by_role[CUE]),
            speaker=_hull(by_role[SOURCE]),
            speaker_name=speaker_name,
            status=status,
            origin=Origin.IMPORT,
            annotator=_annotator(label, settings, annotations),
        )
        problem = imported_record_problem(text, attribution)  # its texts were checked
    except ValueError as error:
        problem = str(error)
    if problem is not None:
        problems.append(Problem(at, f"{label}: {problem}"))
    return None if problem is not None else attribution


def _settings_for(label: str, members: list[str], annotations: _Annotations) -> dict[str, str]:
    """Attributes set on the event (by its label) or on any member, the event's first."""
    settings: dict[str, str] = {}
    for target in [*members, label]:
        settings.update(annotations.attributes.get(target, {}))
    return settings


def _speaker_name(label: str, sources: list[_TextBound], annotations: _Annotations) -> str | None:
    """The first note on the event or its source that does not name the annotator."""
    for target in [label, *(bound.id for bound in sources)]:
        for note in annotations.comments.get(target, ()):
            if note and not note.startswith(_ANNOTATOR_NOTE):
                return note
    return None


def _annotator(label: str, settings: dict[str, str], annotations: _Annotations) -> str | None:
    """An ``Annotator`` attribute, else an ``annotator: NAME`` note on the event."""
    if settings.get("annotator"):
        return settings["annotator"]
    for note in annotations.comments.get(label, ()):
        if note.startswith(_ANNOTATOR_NOTE):
            return note.removeprefix(_ANNOTATOR_NOTE).strip() or None
    return None


def _hull(bounds: list[_TextBound]) -> Span | None:
    if not bounds:
        return None
    spans = [span for bound in bounds for span in bound.spans]
    return Span(min(span.start for span in spans), max(span.end for span in spans))


def _judged_type(fragments: tuple[Span, ...], text: str) -> str:
    """Direct when the content is framed by quotation marks, mixed when it holds some."""
    content = " ".join(fragment.text_of(text) for fragment in fragments).strip(" ,.;:")
    if not any(mark in content for mark in _QUOTE_MARKS):
        return QuoteType.INDIRECT
    if content[:1] in _QUOTE_MARKS and content[-1:] in _QUOTE_MARKS:
        return QuoteType.DIRECT
    return QuoteType.MIXED
