"""What the cue rules know about clauses: word lists, patterns and small predicates.

The rules in ``quotes.rules`` read a unit's words through these: where a speaker
mention may stand, which words open content or a writer's aside, which verbs take a
clause, an object or an infinitive. Module-level constants and pure functions; safe to
share between threads.
"""

from __future__ import annotations

import re

from quotes.cues import Cue
from quotes.indirect import starts_with_opening_mark, trim
from quotes.lexicon import CueKind
from quotes.model import Span
from quotes.quotemarks import QuoteIndex
from quotes.speakers import find_speaker_after
from quotes.tokens import AUXILIARIES, SENTENCE_OPENERS, WEEKDAYS, first_word

# The kinds as plain strings: an enum's ``.value`` costs a descriptor call per use.
CLAUSE_KIND = CueKind.CLAUSE.value
BELIEF_KIND = CueKind.BELIEF.value
OBJECT_KIND = CueKind.OBJECT.value

# The writer's words after a closed quotation ('"A," but in fact ...', ', which ...').
WRITER_AFTER_QUOTE = re.compile(
    r"\s*,?\s*(?:but|while|although|though|which|whereas|according)\b", re.IGNORECASE
)

# The longest circumstance between a cue and its quotation ('said in the spring, "...').
MAX_CIRCUMSTANCE_WORDS = 15

# Words that open a circumstance between a cue and its quotation ("said in the spring,").
CIRCUMSTANCE_OPENERS = frozenset(
    "in on at about of during after before to with from via through for over when while "
    "as then again later earlier repeatedly also last this recently once".split()
)

# Any double quotation mark.
QUOTE_MARK = re.compile(r"[\"“”«»]")

# Words that open a speaker mention in a tag ('"Q," the two write', '"Q," one owner said').
TAG_DETERMINERS = frozenset(
    "the a an one two three some many several another its his her their our".split()
)

# Lower-case words right after a quotation that closed on punctuation are the writer's.
WRITER_AFTER_CLOSED_QUOTE = re.compile(r"[^\S\n]*[a-z]")

# The last word before a colon that introduces a quotation ("X had this to say:").
LAST_WORD_BEFORE_COLON = re.compile(r"([\w’'-]+)\s*:$")


def noun_phrase_at(text: str, start: int, limit: int) -> Span | None:
    """The noun phrase that opens ``text[start:limit]`` ("the council" of "the council
    delayed the vote"): it ends before a lower-case word that a determiner, pronoun or
    "that" follows, or before a past-tense verb."""
    phrase = find_speaker_after(text, start, limit)
    if phrase is None:
        return None
    words = list(WORD_SPAN.finditer(text, phrase.start, phrase.end))
    for index in range(1, len(words)):
        word = words[index].group()
        if not word.islower():
            continue
        following = words[index + 1].group().lower() if index + 1 < len(words) else ""
        if following in VERB_OBJECT_STARTS or word.endswith("ed"):
            return trim(text, phrase.start, words[index].start()) or phrase
    return phrase


WORD_SPAN = re.compile(r"[\w’'.-]+")

ARTICLES = frozenset("the a an".split())

VERB_OBJECT_STARTS = frozenset(
    "the a an his her their its this that these those him them it he she they".split()
)


def is_clause_before(text: str, span: Span) -> bool:
    """Whether words before a speaker can be reported content: not a dateline or a
    short opener ("WASHINGTON", "Thus far"), nor a lone subordinate clause ("even as ...")."""
    words = text[span.start : span.end].split()
    if not words or text[span.start : span.end].isupper():
        return False
    if len(words) <= 2 and words[0].lower().strip(",") in SENTENCE_OPENERS:
        return False
    if (
        words[0].lower() in PHRASE_OPENERS
        and FINITE_LOWER.search(text, span.start, span.end) is None
        and PAST_VERB.search(text, span.start, span.end) is None
    ):
        # "In an interview with the Post in May, she said": a phrase without a verb.
        return False
    # "While X ran third, ..., he said" holds a main clause; "even as X rose" does not.
    return words[0].lower() not in SUBORDINATORS or "," in text[span.start : span.end]


# An auxiliary in lower case: "in late May" holds no verb.
FINITE_LOWER = re.compile(rf"\b(?:{'|'.join(sorted(AUXILIARIES - {'do'}))})\b")

# Words that open an adverbial phrase before a speaker ("In May 2014, ...").
PHRASE_OPENERS = frozenset(
    "in on at for after during under like later then just before since with from by among "
    "amid despite following offstage weighing speaking".split()
)

SUBORDINATORS = frozenset("after as even while when if because though although since".split())


def is_title(text: str, span: Span) -> bool:
    """Whether every word of ``span`` is capitalised, as in a name or title."""
    words = [w for w in text[span.start : span.end].split() if w[0].isalpha()]
    return bool(words) and all(w[0].isupper() for w in words)


def phrase_end(text: str, start: int, end: int) -> int:
    """The first comma in ``[start, end)`` outside quotation marks that no quotation
    follows, or ``end``."""
    comma = start
    while True:
        comma = text.find(",", comma, end)
        if comma < 0:
            return end
        if not odd_quote_count(text[start:comma]) and not starts_with_opening_mark(
            text, comma + 1, end
        ):
            return comma
        comma += 1


def is_passive(text: str, speaker: Span, cue: Cue) -> bool:
    """Whether a form of "be" stands between speaker and cue ("is said to", "was asked")."""
    between = text[speaker.end : cue.start].lower().split()
    return any(word in BE_WORDS for word in between)


BE_WORDS = frozenset("is are was were be been being".split())


def tag_verbs(text: str, quotes: QuoteIndex) -> list[Cue]:
    """Verb forms the lexicon leaves out as mostly nouns ("reports", "states") where a
    tag makes them verbs: '"Q," Henry reports on Monday', '"Q," the ad states.'"""
    found = []
    for quotation in quotes.quotations:
        match = TAG_VERB.match(text, quotation.end, min(len(text), quotation.end + 80))
        if match is not None and text[quotation.end - 2 : quotation.end - 1] in {",", "?", "!"}:
            found.append(Cue(match.start(1), match.end(1), match.group(1)[:-1], CLAUSE_KIND))
    return found


# A short tag after a quotation that closed on a comma: "Henry reports", "the ad states".
TAG_VERB = re.compile(
    r"[^\S\n]+(?:[\w’'.-]+[^\S\n]+){1,5}?(reports|states)\b(?=[^\S\n]*(?:[.,]|on|in|at|$))"
)


def with_capitalized_tail(text: str, speaker: Span, limit: int) -> Span:
    """``speaker`` extended over the capitalised words right after it ("Al" of "Al From":
    a surname the mention finder took for a preposition)."""
    end = speaker.end
    while True:
        word = NEXT_CAPITALIZED.match(text, end, limit)
        if word is None:
            return Span(speaker.start, end)
        end = word.end()


COMMA_CONJUNCTION_END = re.compile(r",\s*(?:but|and)$")

MODAL_BEFORE = re.compile(
    r"\b(?:will|would|could|might|may|can|must|should)(?:\s+(?:also|later|not|then))?\s+$"
)

NEXT_CAPITALIZED = re.compile(r"[^\S\n]+[A-Z][\w’'.-]*")


def after_comma(text: str, start: int, position: int) -> bool:
    """Whether a comma (maybe inside a closing quotation mark) ends ``text[start:position]``
    ('..., adding', '... maniacal," adding')."""
    return text[start:position].rstrip().rstrip("”\"’'»").endswith(",")


def is_sentence_adverb(text: str, span: Span) -> bool:
    """Whether ``span`` is one adverb opening the sentence ("Additionally,")."""
    words = text[span.start : span.end].split()
    return len(words) == 1 and words[0].lower().rstrip(",").endswith("ly")


# Verbs that report speech only as a tag or before a quotation ("he continued: ...").
TAG_ONLY = frozenset([*"continue answer respond reply".split(), "went on"])


def takes_no_object_content(text: str, cue: Cue, start: int, limit: int) -> bool:
    """Whether the words after a cue are no reported content: after a verb of belief
    or one of ``CLAUSE_ONLY``, no clause ("feel free", "claimed the prize"); a quantity
    after "added" ("the economy added 292,000 jobs"); "pledged delegates"."""
    first = first_word(text, start, limit)
    if first is None:
        return True
    if cue.lemma == "add" and QUANTITY.match(text, start, limit):
        return True
    if cue.lemma == "pledge" and first.lower.startswith("delegate"):
        return True
    if cue.kind == BELIEF_KIND or cue.lemma in CLAUSE_ONLY:
        return not (
            CONTRACTION.sub("", first.lower) in CLAUSE_SUBJECTS
            or first.is_capitalized
            or FINITE_SOON.match(text, start, limit) is not None
        )
    return False


# Verbs whose object is mostly no speech ("claimed the prize", "charged a fee", "boasts
# a lead", "advises companies"): content after them must be a clause.
CLAUSE_ONLY = frozenset("claim charge boast advise".split())

QUANTITY = re.compile(
    r"(?:(?:about|around|nearly|almost|roughly|some|more\s+than|over|another)\s+)?[$\d]",
    re.IGNORECASE,
)

# Verbs whose object is not what was said ("shouting profanities", "tweeting a video").
NO_OBJECT_CONTENT = frozenset(
    "continue shout yell cry whisper mutter tweet write post answer respond reply joke "
    "hint signal defend".split()
)

# Verbs whose infinitive complement reports a commitment or a request ("vowed to fight",
# "urged them to leave"); after other verbs "to" opens a purpose or a passive.
INFINITIVE_CONTENT = frozenset(
    "promise vow pledge threaten urge ask tell warn caution advise call demand propose "
    "agree offer refuse decline swear beg plead order instruct encourage invite challenge "
    "remind implore".split()
)

CONJUNCTIONS = frozenset("and or but nor as while".split())

COORDINATED = re.compile(
    r"\b(?:and|but)(?:\s+(?:also|then|later|has|have|had|has\s+also|never|still|did\s+not|"
    r"didn[’']t|does\s+not|doesn[’']t|would|will|(?-i:[a-z]+ly)))*\s*$"
    # A list of the subject's acts: "...; blamed Obama for ...".
    r"|;\s*$"
    # An infinitive whose subject is the sentence's: "He went out of his way to say".
    r"|\b(?:wants?|wanted|refused|declined|decided|went\s+on|continued|tried|"
    r"hoped|plans?|planned|used|began|chose|seemed|appeared|is\s+expected|"
    r"was\s+expected|is\s+likely|has|had|have|way)\s+to\s*$",
    re.IGNORECASE,
)

# What joins a new clause to content: a comma, semicolon or dash, or "and", "but", "while".
CLAUSE_JOIN = re.compile(
    r"\s*(?:[,;]|\s[—–-]{1,2})\s*(?:(?:and|but|while)\s+)?$|\s+(?:and|but|while)\s+$"
)

# A comma right before a verb, maybe with an auxiliary or adverb: ", has also said".
COMMA_BEFORE = re.compile(r",\s+(?:(?:has|had|have|also|then|later)\s+)*$")

# Possessive determiners: they open an object, never an inverted speaker.
POSSESSIVES = frozenset("his her their its our my your".split())

# A unit opening with a subordinate clause ("After he announced that ..., X did").
OPENING_SUBORDINATOR = re.compile(
    r"\W*(?:(?:but|and|yet)\s+)?(?:after|while|although|though|when|as|since|because|if|"
    r"once|before|until|whereas|even\s+as|even\s+though|even\s+after)\s",
    re.IGNORECASE,
)

# The subject that opens the main clause after the subordinate clause's comma.
MAIN_CLAUSE_AFTER = re.compile(
    r"\s*(?:(?-i:[A-Z])[\w’'.-]*|he|she|they|we|it|i|the|a|an|his|her|their|its|this|that|"
    r"(?-i:[a-z]+s))"
    r"\s+(?!(?:and|or)\b)[\w’'.-]+",
    re.IGNORECASE,
)

# "and", "but" or "while" (and an adverb) right before a further cue verb.
JOINED_ACT = re.compile(r"\s+(and|but|while)\s+(?:(?-i:[a-z]+ly)\s+)?$", re.IGNORECASE)

# The preposition that introduces a topic after a cue ("talked about", "spoke of").
TOPIC_PREPOSITION = re.compile(r"(about|against|of)\s+", re.IGNORECASE)

# A short circumstance, then a clause with a pronoun subject ("for weeks he's ...").
LATE_PRONOUN_CLAUSE = re.compile(
    r"\s*([\w’']+)(?:[^\S\n]+[\w’'.-]+){0,4}?[^\S\n]+(?=(?:he|she|they|we|it|i)(?:[’'](?:s|re|d|ll|ve|m))?"
    r"[^\S\n]+(?:[\w’']+[^\S\n]+)?(?:is|was|are|were|has|had|have|would|will|could|can|should|"
    r"did|does|do|may|might|must|(?-i:[a-z]+ed))\b|(?:he|she|they|we|it|i)[’'](?:s|re|d|ll|ve|m)\b)",
    re.IGNORECASE,
)

# A "that" clause after up to eight words of circumstance ("told Fox News on Sunday that").
LATE_THAT = re.compile(r"([\w’']+)(?:[^\S\n]+[\w’'.-]+){0,8}?[^\S\n]+that\b")

CIRCUMSTANCE_STARTS = (
    frozenset(
        "on in at during following after before last this earlier later via through over to "
        "for with from by again repeatedly publicly privately recently previously night morning "
        "afternoon evening week weekend month year".split()
    )
    | WEEKDAYS
)

# A finite verb within the first words: "adding the U.S. must be equally global".
FINITE_SOON = re.compile(
    r"(?:[\w’'.-]+\s+){1,6}?(?:must|will|would|could|should|can|is|are|was|were|has|"
    r"have|had|did|does)\b"
)

# "he's", "they’re": the subject before its contracted verb.
CONTRACTION = re.compile(r"[’'].*$")

# A negation right before a cue ("have not said", "didn't say").
NEGATED_BEFORE = re.compile(r"\b(?:not|never)\s+$|n[’']t\s+$", re.IGNORECASE)

CLAUSE_SUBJECTS = frozenset("he she they it we i there".split())

SINGULAR_STARTS = frozenset("a an this each every he she it".split())


def agrees(text: str, cue: Cue, speaker: Span) -> bool:
    """Whether a base-form cue can have this subject: "a new report" is no speaker of
    "report", and "the state" none of "state" (the cue is a noun there)."""
    form = text[cue.start : cue.end].lower()
    if form != cue.lemma or " " in form:
        return True
    words = text[speaker.start : speaker.end].lower().split()
    # "A strong majority of voters say" agrees; "a new report" does not.
    return words[0] not in SINGULAR_STARTS or len(words) > 3 or "of" in words


# A short addressee (no comma, no verb form) before the question word of "asked".
ADDRESSEE_BEFORE_QUESTION = re.compile(
    r"(?:(?!(?:is|are|was|were|has|have|had|will|would|to)\b)[\w’'.-]+\s+){1,7}?"
    r"(?=(?:whether|if|why|how|what|who|where|when|about)\b)",
    re.IGNORECASE,
)

ASKED_OPENING = re.compile(
    r"\W*(?:(?:when|after|once|if)\s+)?(?:(?:he|she|they)\s+(?:was|were)\s+|(?:was|were)\s+)?",
    re.I,
)

QUESTION = re.compile(
    r"(?:\s+(?:by\s+(?P<asker>[^,]{1,60}?)|(?:during|at|in|on|directly|repeatedly|again|"
    r"later)\b[^,]{0,60}?))?"
    r"\s+(?P<question>(?:whether|if|why|how|what|who|where|when|about|to(?=\s+[a-z]+\b)))\b",
    re.IGNORECASE,
)

# The last word before a quotation, with its comma or colon: 'shouted, "'.
CUE_BEFORE_QUOTE = re.compile(r"\b[\w’']+[,:]?\s*$")

# Phrase cues that hold their preposition ("asked about"): the topic follows.
ASKED_PHRASE_ENDS = (" about", " for", " on", " of")

# A comma or colon and an opening mark after "asked": a quoted question.
QUOTED_QUESTION = re.compile(r"\s*[,:]\s*[\"“]")

# "he said when asked", "after being asked", "Trump was asked": a question to the subject.
ASKED_AFTER = re.compile(
    r"\b(?:(?:when|whenever|after|once|if|before|until|upon)(?:\s+(?:he|she|they|it|i|we))?"
    r"(?:\s+(?:was|were|being|is|are))?|was|were|been|being)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)

# A participle that opens its sentence ("Noting ...", "In rejecting ...", "While saying").
PARTICIPLE_OPENING = re.compile(
    r"\W*(?:(?:but|and|yet)\s+)?(?:(?:in|by|while|after|before|when|without|upon|since)\s+)?",
    re.IGNORECASE,
)

# The possessor before a noun of speech: "Obama's", "George Will’s earlier", "his".
POSSESSOR = re.compile(
    r"(?:(?P<mark>['’]s)|\b(?P<pronoun>his|her|their|its|my|our|your))"
    r"(?:\s+(?-i:[a-z]+)){0,2}\s+$",
    re.IGNORECASE,
)

DETERMINED = re.compile(r"\b(?:the|a|an|this|that|these|those)(?:\s+(?-i:[a-z-]+)){0,2}\s+$", re.I)

NOUNS_NEEDING_POSSESSOR = frozenset(
    "attack attacks question questions charge charges praise argument arguments threat "
    "threats demand demands call calls".split()
)

RELATIVE_THAT = re.compile(
    r"\s+(?:is|was|are|were|has|had|have|would|will|could|can|(?-i:[a-z]+ed))\b", re.I
)

NOMINAL_LINK = re.compile(r"\s*(that|for|about|on|of|to|against|:)(?=\s)", re.IGNORECASE)

NOUN_PHRASE_END = re.compile(
    r",|;|\s[—–-]{1,2}\s|\s\(|\s(?:is|are|was|were|has|have|had|will|would|could|should|"
    r"can|may|might|came|comes|remains?|seems?|appears?|drew|draws|did|does|do)\b"
)

# A short name and a colon opening a unit: "Trump:", "Q:", "Former AG Mukasey at RNC:".
LABEL = re.compile(
    r"[\"“]?(?P<label>(?-i:[A-Z])[\w’'.-]*(?:[^\S\n]+[\w’'.-]+){0,5}?):[^\S\n]+(?=\S)"
)

# A label's content with this many commas is a list ("Contributing: A, B, C, D").
LIST_COMMAS = 4

NOT_SPEAKER_LABELS = frozenset(
    [
        *"note update updated correction related photos photo video watch source sources "
        "background previously disclosure tags topics caption contributing breaking wow "
        "revealed".split(),
        "paid notice",
        "editor's note",
        "editor’s note",
        "read more",
        "see also",
        "story highlights",
    ]
)

# A note of the publisher, not reporting: "Editor's note: ...".
EDITORS_NOTE = re.compile(r"(?m)^[^\S\n]*editor(?:'|’)?s(?:'|’)?\s+note\b.*$", re.IGNORECASE)

# A lower-case past-tense verb after a subject ("the court ruled").
PAST_VERB = re.compile(r"(?<=\s)(?-i:[a-z]+ed)\b")

# A form of "be" before a passive cue: "was announced", "has been widely criticized".
PASSIVE_BE = re.compile(
    r"\b(?:is|are|was|were|been|be|being)(?:\s+(?:not|never|also|later|first|widely|"
    r"(?-i:[a-z]+ly)))*\s+$",
    re.IGNORECASE,
)

# What a passive verb of judgement was for: "criticized for", "accused of", "charged with".
PASSIVE_COMPLEMENT = re.compile(r"(?:for|of|with|as)\s", re.IGNORECASE)

# "asked the court to intervene": an addressee and an infinitive.
OBJECT_INFINITIVE = re.compile(
    r"(?:[\w’'.-]+\s+){1,6}?to\s+(?!(?:the|a|an|his|her|their|its|this|that)\b)(?-i:[a-z]+)\b",
    re.IGNORECASE,
)

TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)

# A verb that takes an infinitive whose subject is its own: "appeared to acknowledge".
CATENATIVE_BEFORE = re.compile(
    r"\b(?:appear|seem|continue|move|tr[iy]|struggle|refuse|decline|decide|plan|hope|"
    r"attempt|choose|chose|fail|manage|want|need|use|begin|began|start|rush|hasten|"
    r"vow|promise|pledge)(?:s|es|ed|d)?\s+(?:\w+ly\s+)?to\s+$",
    re.IGNORECASE,
)

THAT_AFTER = re.compile(r"\s*that\b", re.IGNORECASE)

LEADING_PRONOUN = re.compile(
    r"\W*(?:(?:but|and|so|yet),?\s+)?(he|she|they|we|i)\b(?!\s*[,'’])", re.IGNORECASE
)

CAUSATIVE = re.compile(
    r"\b(?:le[ad]|leading|leads|prompt(?:s|ed|ing)?|forc(?:e|es|ed|ing)|caus(?:e|es|ed|ing)|"
    r"push(?:es|ed|ing)?|encourag(?:e|es|ed|ing)|allow(?:s|ed|ing)?|inspir(?:e|es|ed|ing)|"
    r"spur(?:s|red|ring)?|drove|driv(?:e|es|ing))\s+",
    re.IGNORECASE,
)

# Verbs that name a thing ("what he called ...", "which she described as ...").
NAMING = frozenset("call describe term dub label".split())

WHAT_BEFORE = re.compile(
    r"\b(?:what|which|whom)\s+(?P<who>(?:he|she|they|it|we|i|the\s+[\w’'.-]+(?:\s+[\w’'.-]+){0,2}"
    r"|(?-i:[A-Z])[\w’'.-]*(?:\s+(?-i:[A-Z])[\w’'.-]*){0,3}))\s+(?:(?:has|had|have|once|"
    r"later|now|then|also|"
    r"repeatedly|often)\s+)*$",
    re.IGNORECASE,
)

HEARSAY = frozenset("say report allege claim rumor".split())

# Where a passive's subject ends: before its auxiliaries ("will not be", "has been").
SUBJECT_END = re.compile(
    r"\s+(?:(?:will|would|could|should|can|may|might|must|has|have|had|not|never|also|"
    r"(?-i:[a-z]+ly))\s+)*(?:is|are|was|were|been|be|being)\b|$",
    re.IGNORECASE,
)

# The agent of a passive: "by a Post reporter", up to punctuation or a clause word.
AGENT = re.compile(r"\s*by\s+((?:(?!that\b|who\b|which\b|to\b)[^,;:.!?\"“”()])+)", re.I)

# "before" or "after" right before a participle cue: ", before noting that ...".
BEFORE_AFTER = re.compile(r",?\s+(?:before|after)\s+$", re.IGNORECASE)

# Words that put a participle under the sentence's subject: "by saying", "while arguing".
PARTICIPLE_LEAD = re.compile(
    r"\b(?:by|while|in|of|from|after|before|without|also|even|then|and)\s+$", re.IGNORECASE
)

# Words that make a clause of what follows a cue: no speaker mention holds them.
FINITE_WORD = re.compile(
    r"\b(?:would|will|is|are|was|were|has|have|had|could|should|can|may|might|must|"
    r"does|did|won’t|won't|isn’t|isn't|wasn’t|wasn't|(?:do|does|did|are|were|has|have|had|"
    r"could|would|should|ca)n[’']t)\b",
    re.IGNORECASE,
)

# "C, as X said": the speaker's clause after a comma and "as".
AS_BEFORE = re.compile(r",\s*(?:just\s+)?as\s+$", re.IGNORECASE)

# "As X noted, C".
AS_OPENING = re.compile(r"\W*(?:(?:but|and|yet|so),?\s+)?as\s+", re.IGNORECASE)

# "..., and as X noted, C": the same after a comma inside the sentence.
AS_INSIDE = re.compile(r"[,;]\s*(?:(?:and|but|yet|so)\s+)?as\s+$", re.IGNORECASE)

# "He said, without evidence, that C": an aside between the cue and "that".
ASIDE_THAT = re.compile(r",\s*[^,;:\"“”]{1,60},\s*that\b", re.IGNORECASE)


def odd_quote_count(segment: str) -> bool:
    """Whether ``segment`` leaves a double quotation open."""
    return segment.count('"') % 2 == 1 or segment.count("“") > segment.count("”")


def extend_cue(cue: Cue, modifiers: list[Cue], text: str) -> Span:
    """The cue with a modifier that directly follows it ("said in a statement")."""
    for modifier in modifiers:
        if 0 <= modifier.start - cue.end <= 2 and not text[cue.end : modifier.start].strip():
            return Span(cue.start, modifier.end)
    return Span(cue.start, cue.end)


def opens_quotation_after(text: str, position: int) -> bool:
    """Whether the first non-space character from ``position`` opens a quotation.

    Walks over the spaces instead of slicing the rest of the text, which made the
    check linear in the text length at every quotation.
    """
    length = len(text)
    while position < length and text[position].isspace():
        position += 1
    return position < length and text[position] in '“"'
