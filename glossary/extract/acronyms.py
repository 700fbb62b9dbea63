"""Acronyms and their expansions from parenthetical definitions, across French and English.

Schwartz & Hearst (2003) pair ``long form (SHORT)`` and ``SHORT (long form)`` when the
short form's characters appear, in order, in the long form. Bilingual news breaks that
rule in two ways this module handles too:

- the expansion is in the other language, so its word order differs: "zone économique
  exclusive (EEZ)". A long form whose content-word initials are the
  acronym's letters in *any* order is accepted;
- both expansions are given at once: "banque centrale européenne (European
  Central Bank, ECB)". The parenthesis holds the acronym and its matching expansion;
  the noun phrase just before it is the expansion in the article's language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from core.corpus.language import STOPWORDS
from core.text import fold
from glossary.extract import cues, french_words, lexicon
from glossary.extract.candidates import Candidate, surface_key
from glossary.extract.frequency import foreignness
from glossary.extract.nlp import ParsedPassage
from glossary.extract.organisations import ORGANISATION_WORDS

# Capitals, digits and "&", with one optional lower-case lead ("mRNA"), one hyphenated part
# ("SEQE-UE"), and lower-case letters inside as long as capitals dominate ("DDoS", "MiCA"):
# the shapes news text gives its acronyms, but not names with inner capitals ("YouTube").
ACRONYM = re.compile(r"^[a-z]?[A-Z][A-Za-z0-9&]{1,9}(?:-[A-Z0-9]{1,4})?$")
ACRONYM_IN_TEXT = re.compile(r"(?<![\w-])[a-z]?[A-Z][A-Za-z0-9&]{1,9}(?:-[A-Z0-9]{1,4})?(?![\w-])")
# Square brackets serve as parentheses in transcripts and quotations ("la DREES [direction de …]").
_PARENTHESIS = re.compile(r"\(([^()\[\]]{1,160})\)|\[([^()\[\]]{1,160})\]")
_QUOTES = "\"'“”‘’«»\u00a0 "
_NUMBERED = re.compile(r"\s*([a-z]?[A-Z][A-Za-z0-9&]{1,9})\s+\d{1,4}\s*$")
# A naming cue before an acronym inside its parenthesis, the acronym maybe quoted.
_ANNOUNCED = re.compile(
    r"\s*(?:dite?s?|appel[ée]e?s?|nomm[ée]e?s?|ci-après|en abrégé|abrégée?s? en|soit|ou|or|known as|called|"
    r"hereafter|hereinafter|also)\s+[«“\"']?\s*([a-z]?[A-Z][A-Za-z0-9&-]{1,14})(?:\s+[\w-]+){0,3}\s*[»”\"']?\s*$"
)
# Apostrophes end a word: French elision ("l'Agence", "d'information", "qu'elle") glues an
# article to the next word, and the pairing needs that word's own first letter.
_WORD = re.compile(r"[^\W\d_][\w-]*", re.UNICODE)
ELIDED = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}
_FUNCTION_WORDS = (
    STOPWORDS["fr"]
    | STOPWORDS["en"]
    | ELIDED
    | set(["of", "for", "and", "the", "on", "in", "to", "per", "à", "au", "aux"])
)
# How far a borrowing has to lean towards English to count as an English expansion.
FOREIGN_EXPANSION = 0.5


@dataclass(frozen=True)
class Form:
    text: str
    lang: str
    start: int
    end: int


@dataclass
class AcronymDefinition:
    acronym: str
    article: str
    passage: str
    sentence_start: int
    """Offset of the defining sentence (its quote is looked up by the builder)."""
    expansions: list[Form] = field(default_factory=list)
    method: str = "initials"
    """How the expansion was paired: ``initials`` (its letters spell the acronym) or ``position``
    (the noun phrase right before a parenthesis holding only the acronym, with as many content
    words as the acronym has letters: an expansion in the other language, "SMR" after its
    French long form). ``position`` pairs are for the translator to confirm."""


# "Artemis II", "Louis XIV", "titre IV": a numeral in capitals, not an abbreviation (the letters I, V, X only:
# "CD", "DC" or "MD" are more often abbreviations than numbers).
ROMAN_NUMERAL = re.compile(r"^(?=[IVX]{2,}$)X{0,3}(?:IX|IV|V?I{0,3})$")


def is_acronym(text: str) -> bool:
    if not ACRONYM.match(text) or text.isdigit() or ROMAN_NUMERAL.match(text):
        return False
    capitals = sum(c.isupper() for c in text)
    lower = sum(c.islower() for c in text)
    # "Inc"-like title case is no acronym; "FttH", capitals at both ends, is
    title_case = text[1:3].islower() and not text[-1].isupper()
    return capitals >= 2 and lower <= capitals and not re.search(r"[a-z]{3}", text) and not title_case


def find_definitions(parsed: ParsedPassage, preceding_phrases: Sequence[Candidate]) -> Iterator[AcronymDefinition]:
    """Acronym definitions in one passage; ``preceding_phrases`` are its noun-phrase candidates."""
    text = parsed.doc.text
    lang = parsed.article.lang
    for match in _PARENTHESIS.finditer(text):
        group = 1 if match.group(1) is not None else 2
        inner_start = match.start(group)
        parts = []
        for part in re.finditer(r"[^,;]+", match.group(group)):
            raw = part.group()
            announced = _ANNOUNCED.match(raw)
            if announced:
                # "(dits « CCR »)", "(known as CCR)": the naming cue and the quotes are not the acronym
                parts.append((announced.group(1), inner_start + part.start() + announced.start(1)))
            elif numbered := _NUMBERED.match(raw):
                # "(DDTM 33)", "(ABC 2)": an acronym with a number (a department, a version) after it
                parts.append((numbered.group(1), inner_start + part.start() + numbered.start(1)))
            elif bare := raw.strip().strip(_QUOTES).strip():
                # ("“EGRRCPA”"): a defined short name is often quoted inside its parenthesis
                parts.append((bare, inner_start + part.start() + raw.index(bare)))
        acronyms = [(p, s) for p, s in parts if is_acronym(p)]
        sentence = _sentence_start(parsed, match.start())
        if acronyms:
            acronym, _ = acronyms[0]
            definition = AcronymDefinition(acronym, parsed.article.id, parsed.passage.id, sentence)
            for part, start in parts:
                if part != acronym and matches(acronym, part):
                    definition.expansions.append(_form(parsed, part, start, lang))
            before = _long_form_before(text, match.start(), acronym) or _name_or_spelled_earlier(
                text, sentence - parsed.passage.start, match.start(), acronym
            )
            if before:
                definition.expansions.append(_form(parsed, text[before[0] : before[1]], before[0], lang))
            elif definition.expansions and definition.expansions[0].lang != lang:
                size = len(definition.expansions[0].text.split())
                phrase = cues.phrase_before(parsed, preceding_phrases, match.start(), size)
                if phrase:
                    definition.expansions.append(Form(phrase.text, lang, phrase.start, phrase.end))
            elif len(parts) == 1:
                span = (
                    noun_phrase_for(text, match.start(), acronym)
                    or name_for(text, match.start(), acronym)
                    or adjacent_phrase(parsed, preceding_phrases, match.start(), acronym)
                )
                if span:
                    definition.expansions.append(_form(parsed, text[span[0] : span[1]], span[0], lang))
                    definition.method = "position"
            if definition.expansions:
                yield definition
            continue
        if len(parts) == 1 and (definition := _word_acronym_definition(parsed, parts[0][0], match.start(), sentence)):
            yield definition
            continue
        acronym = _acronym_before(text, match.start())
        content = _ARTICLE.sub("", match.group(group).strip())
        word = _word_before(text, match.start())
        if acronym is None and _word_acronym(word, lang) and _spells_name(word, content):
            acronym = word  # "l'Ofem (Office des forêts et des espaces montagnards)"
        if acronym and matches(acronym, content):
            definition = AcronymDefinition(acronym, parsed.article.id, parsed.passage.id, sentence)
            definition.expansions.append(_form(parsed, content, inner_start + match.group(group).index(content), lang))
            yield definition
    yield from _appositions(parsed)


WORD_ACRONYM = re.compile(r"^[A-Z][a-zà-ÿ]{2,7}$")
"""An acronym written as a word, upper case first ("Inserm", "Unesco"): French newsrooms' style for those
said as words. Told from a name only by a parenthesis after the long form it abbreviates."""
WORD_ACRONYM_INITIALS = 3 / 4
"""Share of its letters that must start words of the long form: lower-case letters occur inside any
word, so the letters-anywhere test that serves capitals proves nothing here."""
WORD_ACRONYM_LONG_FORM = 16
"""Most words (elided articles counted) of the long form of a word-shaped acronym."""


def _word_acronym(word: str, lang: str) -> bool:
    return bool(WORD_ACRONYM.match(word)) and word.lower() not in STOPWORDS.get(lang, ())


def _word_before(text: str, paren: int) -> str:
    match = re.search(r"(?<![\w-])(\w+)\s*$", text[:paren])
    return match.group(1) if match else ""


def _spells_name(word: str, long_form: str) -> bool:
    """Whether a capitalised ``long_form`` has words starting with most of ``word``'s letters, in order."""
    return long_form[:1].isupper() and _initials_share(fold(word), _WORD.findall(long_form)) >= WORD_ACRONYM_INITIALS


def _word_acronym_definition(parsed: ParsedPassage, word: str, paren: int, sentence: int) -> AcronymDefinition | None:
    """ "Institut national de la santé et de la recherche médicale (Inserm)": a word-shaped acronym
    in a parenthesis of its own, after a capitalised name whose words start with its letters."""
    lang = parsed.article.lang
    if not _word_acronym(word, lang):
        return None
    text = parsed.doc.text
    # Official names spelled this way are long ("Agence de l'environnement et de la maîtrise de l'énergie").
    span = _long_form_before(text, paren, word, limit=WORD_ACRONYM_LONG_FORM) or name_for(text, paren, word)
    if span is None:
        return None
    long_form = text[span[0] : span[1]]
    if not _spells_name(word, long_form):
        return None
    definition = AcronymDefinition(word, parsed.article.id, parsed.passage.id, sentence)
    definition.expansions.append(_form(parsed, long_form, span[0], lang))
    return definition


# "Les TAC, les taux admissibles de capture, …", "the FCA, the Financial Conduct Authority, …":
# an acronym, a comma, then (after an optional article) the words that spell it out.
_APPOSITION = re.compile(
    r"(?<![\w-])([a-z]?[A-Z][A-Za-z0-9&]{1,9}(?:-[A-Z0-9]{1,4})?),\s+"
    r"(?:(?:les|la|le|l['’]|the|an?)\s*)?([^\W\d_][^,.;:()!?«»\"“”]{2,160})"
)
_ARTICLE = re.compile(r"^(?:les|la|le|l['’]|the|an?)\s+|^l['’]", re.I)


def _appositions(parsed: ParsedPassage) -> Iterator[AcronymDefinition]:
    """Definitions given as an apposition after the acronym; the expansion is the shortest run of
    words from the comma on that spells the acronym with one content word per letter."""
    text = parsed.doc.text
    for match in _APPOSITION.finditer(text):
        acronym = match.group(1)
        if not is_acronym(acronym):
            continue
        letters = sum(c.isalnum() for c in acronym)
        words = list(_WORD.finditer(match.group(2)))
        for count in range(1, min(len(words), letters * 3) + 1):
            phrase = match.group(2)[: words[count - 1].end()]
            last = words[count - 1].group().lower()
            if last in _FUNCTION_WORDS or len(_initials(content_words(phrase))) < letters:
                continue
            if matches(acronym, phrase) and len(content_words(phrase)) <= letters:
                start = match.start(2)
                definition = AcronymDefinition(
                    acronym, parsed.article.id, parsed.passage.id, _sentence_start(parsed, match.start())
                )
                definition.expansions.append(_form(parsed, phrase, start, parsed.article.lang))
                yield definition
            break


def matches(acronym: str, long_form: str) -> bool:
    """Whether ``long_form`` can expand ``acronym``: Schwartz–Hearst order, or content initials in any order.

    A long form may hold an acronym of its own ("EU Cyber Resilience Act", "general-purpose
    AI"): its letters count as initials, in place.
    """
    words = _WORD.findall(long_form)
    if not words or acronym in words:
        return False
    if len(words) == 1 and prefixed_unit(acronym, words[0]):
        return True
    folded_acronym, folded_long = fold(acronym), fold(long_form).replace("’", "'")
    return (_in_order(folded_acronym, folded_long) and _initials_share(folded_acronym, words) >= 2 / 3) or _any_order(
        folded_acronym, words
    )


def _parts(word: str) -> list[str]:
    """A word's hyphenated parts, and the parts of a word written in camel case
    ("MultiRisqueClimatique" gives Multi, Risque, Climatique: three initials)."""
    parts = []
    for part in word.split("-"):
        camel = re.findall(r"[A-Z][a-zà-ÿ]+", part)
        parts += camel if len(camel) > 1 and "".join(camel) == part else [part]
    return parts


def _initials(words: Sequence[str]) -> list[str]:
    """The first letter of each word and hyphenated part; every letter of an acronym among them."""
    initials = []
    for word in words:
        for part in _parts(word):
            if not part:
                continue
            if is_acronym(part) or (part.isupper() and len(part) > 1):
                initials += [fold(c) for c in part if c.isalnum()]
            else:
                initials.append(fold(part[0]))
    return initials


def _initials_share(acronym: str, words: Sequence[str]) -> float:
    """Share of the acronym's letters that start the long form's words, in order.

    A letter may also be the next letter of the word the previous letter started, as in
    acronyms built on syllables ("SOHO" for "SOlar and Heliospheric Observatory").
    """
    parts = []
    for word in words:
        for part in _parts(word):
            if is_acronym(part) or (part.isupper() and len(part) > 1):
                parts += [fold(c) for c in part if c.isalnum()]
            elif part:
                parts.append(fold(part))
    letters = [c for c in acronym if c.isalnum()]
    matched, position, current, inside = 0, 0, "", 0
    for letter in letters:
        if inside < len(current) and current[inside] == letter:
            matched, inside = matched + 1, inside + 1
            continue
        following = next((i for i in range(position, len(parts)) if parts[i][0] == letter), None)
        if following is None:
            current = ""
            continue
        matched, position, current, inside = matched + 1, following + 1, parts[following], 1
    return matched / max(1, len(letters))


def _in_order(short: str, long: str) -> bool:
    """Schwartz & Hearst's algorithm: short-form characters, right to left, in the long form (both folded)."""
    short_index, long_index = len(short) - 1, len(long) - 1
    while short_index >= 0:
        char = short[short_index]
        if not char.isalnum():
            short_index -= 1
            continue
        while long_index >= 0 and (
            long[long_index] != char or (short_index == 0 and long_index > 0 and long[long_index - 1].isalnum())
        ):
            long_index -= 1
        if long_index < 0:
            return False
        long_index -= 1
        short_index -= 1
    # The first word of the long form must be used: no leading words the acronym skips.
    return not _WORD.match(long[: long_index + 1].strip(" '") or " ")


UNIT_PREFIXES = ("kilo", "mega", "giga", "tera", "peta")
"""Metric prefixes whose symbol is their initial (upper case from mega up)."""


def prefixed_unit(acronym: str, word: str) -> bool:
    """A unit's symbol after its one-word name, spelled as a name's syllables are
    (:func:`spelled_by_syllables`) with the prefix and the unit as its two words ("GW",
    giga·watts; "THz", téra·hertz; "MWh", méga·wattheures)."""
    folded = fold(word)
    prefix = next((p for p in UNIT_PREFIXES if folded.startswith(p)), None)
    letters = [fold(c) for c in acronym if c.isalpha()]
    if prefix is None or len(letters) != len(acronym):
        return False
    return _spells(letters, [prefix, folded[len(prefix) :].lstrip("-")])


def _any_order(acronym: str, words: Sequence[str]) -> bool:
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    letters = Counter(c for c in acronym if c.isalpha())
    return len(content) == sum(letters.values()) and Counter(fold(w)[0] for w in content) == letters


def spelled_by_initials(acronym: str, phrase: str) -> bool:
    """Whether the initials of ``phrase``'s content words are exactly ``acronym``'s letters, in order
    ("tribunal pénal fédéral" for TPF): the strict test for a pair the text never states."""
    letters = [fold(c) for c in acronym if c.isalpha()]
    content = content_words(phrase)
    if any(len(w) < 2 or ROMAN_NUMERAL.match(w) for w in content):
        return False  # "Annexe I", "Title II": a numbered label, whose letter is no word's initial
    return len(letters) >= 2 and [fold(w[0]) for w in content] == letters and acronym not in content


def spelled_by_syllables(acronym: str, name: str) -> bool:
    """Whether a capitalised name spells ``acronym`` with every word's initial, in order, some words
    giving a later letter of their own as well ("FHWA": Federal HighWay Administration; "SOHO":
    SOlar and Heliospheric Observatory). Every letter is accounted for and every word gives one,
    so the pair is sure though the text never states it."""
    words = content_words(name)
    letters = [fold(c) for c in acronym if c.isalpha()]
    if not 2 <= len(words) < len(letters) or not all(w[:1].isupper() for w in words):
        return False
    return _spells(letters, [fold(w) for w in words])


def _spells(letters: list[str], words: list[str]) -> bool:
    """Whether each word, in order, gives its initial and then none or more of its later letters, in order."""
    if not words:
        return not letters
    if not letters or words[0][0] != letters[0]:
        return False
    word, rest = words[0], letters[1:]
    taken, position = 0, 1
    while True:
        if _spells(rest[taken:], words[1:]):
            return True
        if taken >= len(rest):
            return False
        position = word.find(rest[taken], position) + 1
        if position == 0:
            return False
        taken += 1


def content_words(text: str) -> list[str]:
    """The words of ``text`` that carry a letter of an acronym (function words and elided articles left
    out); a dotted initialism is one word with all its letters ("U.S." gives "US", not "U" and "S")."""
    text = _DOTTED.sub(lambda match: match.group().replace(".", ""), text)
    return [w for w in _WORD.findall(text) if w.lower() not in _FUNCTION_WORDS]


_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")


def _name_or_spelled_earlier(text: str, sentence: int, paren: int, acronym: str) -> tuple[int, int] | None:
    """A long form that does not end right at the parenthesis: the words earlier in the sentence that
    spell the acronym, or the whole name they open when that name runs up to the parenthesis
    ("Department of Roads and Public Works (DR)": its long form is the name, not "Department of Roads")."""
    spelled = _spelled_earlier(text, sentence, paren, acronym)
    if spelled is None:
        return None
    name = name_for(text, paren, acronym)
    if name is not None and name[0] <= spelled[0]:
        return name
    between = text[spelled[1] : paren]
    if _COORDINATED.match(between) and len(_WORD.findall(between)) <= _COORDINATED_WORDS:
        # "Office des forêts et des espaces naturels protégés (OF)": a body renamed after its
        # acronym was coined adds a coordinated part its letters do not spell; it is still the name.
        return spelled[0], spelled[1] + len(between.rstrip())
    return spelled


_COORDINATED = re.compile(r"^\s+(?:et|and|&)\s[^,;:.()«»\"“”]*$", re.IGNORECASE)
_COORDINATED_WORDS = 6
"""At most this many words after the coordinator: a longer tail is a clause, not part of the name."""


def _spelled_earlier(text: str, sentence: int, paren: int, acronym: str) -> tuple[int, int] | None:
    """The one run of words earlier in the sentence whose content words' initials are exactly the
    acronym's letters, when words come between it and the parenthesis ("tarifs d'utilisation des
    réseaux publics d'électricité dans le domaine de tension HTB (dits « TURPE »)")."""
    words = list(_WORD.finditer(text, max(0, sentence), paren))
    letters = sum(c.isalpha() for c in acronym)
    found = set()
    for first, word in enumerate(words):
        if word.group().lower() in _FUNCTION_WORDS:
            continue
        content, last = 0, None
        for following in words[first:]:
            if following.group().lower() not in _FUNCTION_WORDS:
                content += 1
                last = following
            if content == letters:
                break
        run = text[word.start() : last.end()] if last is not None else ""
        if content == letters and spelled_by_initials(acronym, run) and not re.search(r"[^\w\s'’-]", run):
            found.add((word.start(), last.end()))
    return found.pop() if len(found) == 1 else None


def _long_form_before(text: str, paren: int, acronym: str, limit: int | None = None) -> tuple[int, int] | None:
    """The shortest run of at most ``limit`` words right before ``paren`` that expands ``acronym``,
    unless a longer one gives more of its letters as initials ("American Arbitration Association
    (AAA)", not "Arbitration Association", whose letters the inside of a word completes)."""
    words = list(_WORD.finditer(text[:paren]))
    limit = limit or min(len(acronym) + 5, len(acronym) * 2)
    end = words[-1].end() if words else 0
    if text[end:paren].strip():
        return None  # something other than spaces between the words and the parenthesis
    best, best_share = None, 0.0
    letters = sum(c.isalnum() for c in acronym)
    if words and prefixed_unit(acronym, words[-1].group()):
        return words[-1].start(), end
    for count in range(1, min(limit, len(words)) + 1):
        start = words[-count].start()
        candidate = text[start:end]
        if len(_initials(content_words(candidate))) >= letters - 1 and matches(acronym, candidate):
            if _WORD.match(candidate).group().lower() in _FUNCTION_WORDS:
                continue
            share = _initials_share(fold(acronym), _WORD.findall(candidate))
            if share > best_share:
                best, best_share = (start, end), share
    return best


_DETERMINERS = set(
    [
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "des",
        "du",
        "au",
        "aux",
        "ce",
        "cet",
        "cette",
        "ces",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "notre",
        "nos",
        "votre",
        "vos",
        "the",
        "a",
        "an",
        "its",
        "their",
        "this",
        "these",
        "those",
        "our",
        "his",
        "her",
    ]
)
_LINKS = set(
    [
        "de",
        "d",
        "du",
        "des",
        "à",
        "au",
        "aux",
        "en",
        "sur",
        "pour",
        "par",
        "et",
        "of",
        "for",
        "on",
        "in",
        "per",
        "and",
        "to",
    ]
)


def noun_phrase_for(text: str, end: int, acronym: str) -> tuple[int, int] | None:
    """The noun phrase ending at ``end`` whose content words are as many as ``acronym``'s letters.

    The phrase runs back to a determiner that no preposition precedes ("des accords
    d'achat d'électricité", "de l'UE" stays inside), to punctuation, or to the start; the
    phrase itself or the part after one of its prepositions ("projets de | petits réacteurs
    modulaires") must have exactly one content word per letter. That count is what makes
    the pattern unambiguous when the letters come from another language.
    """
    if not text[:end].strip():
        return None
    words = list(_WORD.finditer(text[:end]))
    if not words or text[words[-1].end() : end].strip():
        return None
    letters = sum(c.isalpha() for c in acronym)
    kept: list[re.Match] = []
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        following = kept[0].start() if kept else end
        if re.search(r"[^\s'’]", text[word.end() : following]):
            break  # punctuation between the words
        lower = word.group().lower()
        previous = words[index - 1].group().lower() if index else ""
        if lower in _DETERMINERS and previous not in _LINKS:
            break
        kept.insert(0, word)
        if len(kept) > letters * 3:
            return None
    # A phrase may start after a preposition, or after a determiner a preposition kept inside ("d'un").
    starts = [0] + [i + 1 for i, w in enumerate(kept) if w.group().lower() in _LINKS | _DETERMINERS]
    # Exact counts first; only when no start gives one may a letter fall on a function word or
    # a second letter on a compound word (the alignment of :func:`_letters_align`).
    for tolerant in (False, True):
        for first in starts:
            phrase = kept[first:]
            if not phrase or phrase[0].group().lower() in _FUNCTION_WORDS:
                continue
            content = content_words(text[phrase[0].start() : end])
            exact = len(content) == letters or len(_initials(content)) == letters
            if exact if not tolerant else _letters_align([w.group() for w in phrase], letters):
                if len(content) < 2 or acronym in content:
                    return None
                if sum(w[:1].isupper() and not is_acronym(w) for w in content) >= 2:
                    return None  # a name ("Jeanne Roux (LR)"): only name_for may pair it
                return phrase[0].start(), phrase[-1].end()
    return None


def adjacent_phrase(
    parsed: ParsedPassage, phrases: Sequence[Candidate], paren: int, acronym: str
) -> tuple[int, int] | None:
    """The noun phrase the extractor found right before ``paren``, when it can stand for ``acronym``.

    The last resort for an expansion in the other language whose word count is not the
    letter count ("stations de base (BTS)", "mémoires à large bande passante
    (HBM)"): the phrase must end at the parenthesis, hold no capitalised word, have one
    content word more or fewer than the letters, and share all letters but one with its
    words' initials, as cognates do (stations/station); "syndicats de salariés (CGT)",
    a description before a name, shares none; and no preposition may come right before it.
    """
    end = parsed.offset(len(parsed.doc.text[:paren].rstrip()))
    letters = [fold(c) for c in acronym if c.isalpha()]
    fits = []
    for phrase in phrases:
        if phrase.end != end or any(w[:1].isupper() for w in phrase.text.split()):
            continue
        before = _WORD.findall(parsed.doc.text[: phrase.start - parsed.passage.start])
        if before and before[-1].lower().strip("'’") in _PREPOSITIONS:
            continue  # "… atomique et aux énergies alternatives (CEA)": the tail of a longer name
        content = content_words(phrase.text)
        if len(content) < 2 or abs(len(content) - len(letters)) > 1:
            continue
        initials = {fold(w[0]) for w in content}
        if sum(letter in initials for letter in letters) >= len(letters) - 1:
            fits.append((abs(len(content) - len(letters)), -len(phrase.text), phrase))
    if not fits:
        return None
    phrase = min(fits, key=lambda fit: fit[:2])[2]
    return phrase.start - parsed.passage.start, phrase.end - parsed.passage.start


_PREPOSITIONS = {"de", "d", "du", "à", "au", "aux", "en", "sur", "pour", "par", "of", "for", "in", "on", "to"}
OFF_BY_ONE_LETTERS = 4
"""Below this many letters, one content word short of the letters is too weak a match to pair."""


def _letters_align(words: Sequence[str], letters: int) -> bool:
    """Whether the words can give an acronym of ``letters`` letters in another language, one short.

    As in Schwartz & Hearst's alignment, a letter may come from a function word (the "of" of
    an English long form translated by "de": four letters over "X Y de Z") or a word may
    give two letters (a hyphenated or compound word); only one such letter is allowed, and
    only for acronyms of :data:`OFF_BY_ONE_LETTERS` letters or more, since position pairs
    have no letters to check.
    """
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    if letters < OFF_BY_ONE_LETTERS or len(content) != letters - 1:
        return False
    inner_function_word = any(w.lower() in _FUNCTION_WORDS for w in words[1:-1])
    compound = any("-" in w.strip("-") for w in content)
    return inner_function_word or compound


_NAME_LINKS = {"of", "for", "and", "on", "de", "du", "des", "la", "le", "l", "d", "pour", "et", "sur", "à"}


def name_for(text: str, end: int, acronym: str) -> tuple[int, int] | None:
    """The capitalised name ending at ``end`` that an organisation's acronym abbreviates.

    Bodies renamed since their acronym was coined keep it ("EU Agency for Cybersecurity
    (ENISA)"), so the letters need not all match: the name's first initial must be the
    acronym's first letter and at least half its capitalised words' initials must be among
    the acronym's letters. A person's party in parentheses ("Jeanne Roux (LR)") fails the
    first test.
    """
    words = list(_WORD.finditer(text[:end]))
    if not words or text[words[-1].end() : end].strip():
        return None
    kept: list[re.Match] = []
    for word in reversed(words):
        following = kept[0].start() if kept else end
        if re.search(r"[^\s'’]", text[word.end() : following]):
            break
        if not (word.group()[:1].isupper() or word.group().lower() in _NAME_LINKS):
            break
        kept.insert(0, word)
    while kept and (not kept[0].group()[:1].isupper() or kept[0].group().lower() in _DETERMINERS):
        kept.pop(0)  # "The", "La": the article is not part of the name
    capitalised = [w.group() for w in kept if w.group()[:1].isupper()]
    if len(capitalised) < 2 or acronym in capitalised:
        return None
    letters = {fold(c) for c in acronym if c.isalpha()}
    initials = [fold(w[0]) for w in capitalised]
    spelled = initials[0] == fold(acronym[0]) and sum(i in letters for i in initials) * 2 >= len(initials)
    if not spelled and not _foreign_body(capitalised):
        return None
    return kept[0].start(), kept[-1].end()


def _foreign_body(capitalised: Sequence[str]) -> bool:
    """Whether a name is an organisation's ("Polish Data Protection Authority") of three capitalised
    words or more: a body abroad keeps its acronym in its own language ("(UODO)"), whose letters
    nothing in the name gives. A person's party ("Jeanne Roux (LR)") is no such name."""
    return len(capitalised) >= 3 and any(w.lower() in ORGANISATION_WORDS for w in capitalised)


def _acronym_before(text: str, paren: int) -> str | None:
    match = re.search(r"([A-Za-z0-9&]+)\s*$", text[:paren])
    return match.group(1) if match and is_acronym(match.group(1)) else None


def _form(parsed: ParsedPassage, text: str, start: int, article_lang: str) -> Form:
    content = [w for w in _WORD.findall(text) if w.lower() not in _FUNCTION_WORDS]
    lean = sum(foreignness(w, article_lang) for w in content) / max(1, len(content))
    other = "en" if article_lang == "fr" else "fr"
    lang = other if lean >= FOREIGN_EXPANSION else article_lang
    end = start + len(text)
    return Form(parsed.passage.text[start:end], lang, parsed.offset(start), parsed.offset(end))


def _sentence_start(parsed: ParsedPassage, index: int) -> int:
    for sentence in parsed.passage.sentences:
        if sentence.start <= parsed.offset(index) < sentence.end:
            return sentence.start
    return parsed.passage.start


# A word with its digits and hyphens ("COVID-19"); an apostrophe ends it, as elision does ("L'ÉTAT").
_CAPITALS_WORD = re.compile(r"[^\W\d_][\w-]*", re.UNICODE)
SHOUTED_COMMON_WORDS = 2
"""How many common words a run of words in capitals needs to be shouting rather than a row of acronyms."""


def shouted(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the common words that a run in capitals ("THE STORM SURGE AND HURRICANE IMPACTS
    ARE ...": a bulletin, a headline) writes in capitals: they have an acronym's shape only
    because the text shouts. A run is a row of words in capitals with no lower-case word
    between them; it shouts when it holds at least :data:`SHOUTED_COMMON_WORDS` words that
    general vocabulary knows in lower case. The other words of the run ("NWS" in "NWS
    FORECASTERS URGE ...") are left alone: a real acronym keeps its reading in a shouted line.

    Kept per passage text: names, entities and acronyms each ask for the same passage.
    """
    return list(_shouted_spans(text, lang))


@lru_cache(maxsize=256)
def _shouted_spans(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    runs: list[list[re.Match]] = []
    previous_end = None
    for word in _CAPITALS_WORD.finditer(text):
        capitals = word.group().isupper()
        joined = previous_end is not None and not any(c.isalnum() for c in text[previous_end : word.start()])
        if capitals and runs and joined:
            runs[-1].append(word)
        elif capitals:
            runs.append([word])
        previous_end = word.end() if capitals else None
    spans = []
    for run in runs:
        common = [word for word in run if common_word(word.group(), lang)]
        if len(run) >= 2 and len(common) >= SHOUTED_COMMON_WORDS:
            spans += [word.span() for word in common]
    return tuple(spans)


def common_word(word: str, lang: str) -> bool:
    """Whether general vocabulary knows ``word`` in lower case: a function word, or a word the
    language's lexicon knows a part of speech for ("impacts", "ouragan"; not "nws", "sncf")."""
    lowered = word.lower()
    if lowered in STOPWORDS.get(lang, ()):
        return True
    if lang == "fr":
        return bool(french_words.readings(lowered))
    return bool(lexicon.readings(lowered))


def acronym_candidates(parsed: ParsedPassage) -> Iterator[Candidate]:
    """Every bare use of an acronym-shaped word (definitions or not; the builder decides), but
    for the common words of a shouted run.

    Found in the text rather than among tokens: tokenisers split "SEQE-UE" and glue "l'ANSSI".
    """
    shouting = shouted(parsed.doc.text, parsed.article.lang)
    for match in ACRONYM_IN_TEXT.finditer(parsed.doc.text):
        if is_acronym(match.group()) and not any(start <= match.start() < end for start, end in shouting):
            start = parsed.offset(match.start())
            yield Candidate(
                match.group(),
                surface_key(match.group()),
                parsed.article.lang,
                parsed.article.id,
                parsed.passage.id,
                start,
                start + len(match.group()),
                "acronym",
            )
