"""Can a sentence be read on its own, out of its article? Rules for French and English.

An extract is read without the sentences around it, so a sentence that leans on them
reads badly in a summary: an opening pronoun or demonstrative whose referent came
before ("Celle-ci permet…", "They also said…"), an opening connective ("Mais…",
"However, …"), a quotation with no speaker, a question, a photo caption or credit, a
byline or page furniture ("Publié le…", "3 min read"), a list fragment. Each rule
gives a factor that scales the sentence's score (1 means no doubt); an opening
connective can also be repaired by cutting it off.

The rules name grammatical words and page conventions, never the topic of any corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.corpus.language import STOPWORDS
from summarize.engines.compress import opens_with_dateline

# Opening words that point back to something earlier in the text.
_ANAPHORA = {
    "fr": [
        "il",
        "ils",
        "elle",
        "elles",
        "celui-ci",
        "celle-ci",
        "ceux-ci",
        "celles-ci",
        "celui-là",
        "celle-là",
        "ceux-là",
        "celles-là",
        "cela",
        "ceci",
        "ça",
        "ce",
        "cet",
        "cette",
        "ces",
        "lui",
        "leur",
        "leurs",
        "son",
        "sa",
        "ses",
        "y",
    ],
    "en": [
        "he",
        "she",
        "it",
        "they",
        "them",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "theirs",
        "such",
    ],
}
# A demonstrative before a time word dates the sentence ("Cette semaine", "This year"): it points nowhere.
_TIME_WORDS = set(
    [
        "matin",
        "soir",
        "nuit",
        "semaine",
        "week-end",
        "année",
        "an",
        "mois",
        "été",
        "hiver",
        "automne",
        "printemps",
        "jour",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "morning",
        "evening",
        "night",
        "week",
        "weekend",
        "year",
        "month",
        "summer",
        "winter",
        "autumn",
        "fall",
        "spring",
        "day",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
# French impersonal "il" points nowhere: "Il y a trois ans", "Il faut", "Il s'agit de".
_IMPERSONAL_FR = re.compile(
    r"^il (?:y a|faut|fallait|faudra|s[’']agit|s[’']agissait|existe|reste|restait|semble|suffit|convient|"
    r"manque|paraît|est (?:\w+ )?(?:de|d[’']|que|qu[’'])|était (?:\w+ )?(?:de|d[’']|que|qu[’']))",
    re.IGNORECASE,
)
_ANAPHORA_PHRASES = {
    "fr": ("ce dernier", "cette dernière", "ces derniers", "ces dernières", "le premier", "la première"),
    "en": ("the latter", "the former", "the same"),
}
# Opening connectives: the sentence continues an argument begun before it.
_CONNECTIVES = {
    "fr": (
        "dit autrement",
        "autrement dit",
        "en revanche",
        "en contrepartie",
        "en parallèle",
        "en retour",
        "par ailleurs",
        "en outre",
        "de plus",
        "plus précisément",
        "en effet",
        "d’ailleurs",
        "d'ailleurs",
        "du coup",
        "pour autant",
        "là encore",
        "au contraire",
        "à l’inverse",
        "à l'inverse",
        "de son côté",
        "de leur côté",
        "en clair",
        "bref",
        "mais",
        "et",
        "or",
        "donc",
        "pourtant",
        "cependant",
        "toutefois",
        "néanmoins",
        "enfin",
        "ainsi",
        "aussi",
        "parallèlement",
        "certes",
        "puis",
        "sinon",
        "car",
    ),
    "en": (
        "in other words",
        "that said",
        "on the other hand",
        "by contrast",
        "in contrast",
        "as a result",
        "in addition",
        "after all",
        "even so",
        "for example",
        "for instance",
        "but",
        "and",
        "so",
        "yet",
        "however",
        "moreover",
        "meanwhile",
        "still",
        "also",
        "furthermore",
        "besides",
        "instead",
        "nevertheless",
        "nonetheless",
        "thus",
        "therefore",
        "then",
        "indeed",
        "additionally",
        "likewise",
        "similarly",
        "or",
    ),
}
_OPENING_QUOTES = '«“"„‹‘'
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"|„[^“”]*[“”]")
_CAPTION = re.compile(
    r"©|^\s*[(\[]?\s*(?:photos?|crédits?|credits?|images?|illustrations?|légende|caption|source|vidéo|video)\s*[:/|–—-]"
    r"|[/|]\s*(?:AFP|AP|Reuters|Getty Images|Shutterstock|Sipa|Maxppp|Hans Lucas|EPA)\b",
    re.IGNORECASE,
)
_CREDIT_SLASH = re.compile(r"[A-ZÀ-ÖØ-Þ][\w.-]*\s*/\s*[A-ZÀ-ÖØ-Þ]")


def is_credit_line(text: str) -> bool:
    """A photo credit: a few words, shouting in capitals or "AGENCY/Name" ("REUTERS/Jane Doe", "(AFP)")."""
    words = _WORD.findall(text)
    if not words or len(words) > 8:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    capitals = sum(ch.isupper() for ch in letters) / len(letters) if letters else 0.0
    return capitals >= 0.6 or bool(_CREDIT_SLASH.search(text)) or "©" in text


_NAME_PARTICLES = {"de", "du", "des", "d’", "d'", "van", "von", "der", "al", "bin", "ben", "da", "di", "dos", "del"}
_CLAUSE_MARKS = re.compile(r"[;:–—]|\s-\s")


def is_name_apposition(text: str) -> bool:
    """An uncredited caption: a name, one comma, and who they are or where and when the photo was
    taken ("Jeanne Martin, nouvelle maire de Lunel.", "Jeanne Martin, le 3 mai 2024 à Lunel.").

    A sentence of news prose that opens with a name goes on to say what they did, after a second
    comma when an apposition comes first ("Jeanne Martin, maire de Lunel, a démissionné"). The
    name is two to five capitalised words (particles aside), not a function word: an opening
    adverbial ("Mercredi, …", "À Paris, …", "Today, …") is no name. A dateline is the story.
    """
    head, comma, rest = text.partition(",")
    if not comma or "," in rest or _CLAUSE_MARKS.search(rest) or opens_with_dateline(text):
        return False
    name = _WORD.findall(head)
    if not 2 <= len(name) <= 5 or len(name[0]) < 2 or name[0].casefold() in _STOPWORDS:
        return False
    if not all(word[:1].isupper() or word.casefold() in _NAME_PARTICLES for word in name):
        return False
    return 0 < len(_WORD.findall(rest)) <= APPOSITION_WORDS


_PAGE_FURNITURE = re.compile(
    r"^\s*(?:publié|mis à jour|modifié|actualisé|published|updated|posted|lire aussi|à lire aussi|a lire aussi|"
    r"voir aussi|read more|read also|see also|sign up|subscribe|abonnez-vous|inscrivez-vous|newsletter|"
    r"temps de lecture|lecture\s*:|partager|share this)\b"
    r"|\b\d+\s*min(?:utes?)?\s*(?:read|de lecture)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*(?:[Pp]ar|[Bb]y|[Dd]e notre (?:correspondante?|envoyée? spéciale?))\s+[A-ZÀ-ÖØ-Þ]")
_LIST_MARK = re.compile(r"^\s*(?:[-–—•*·▪]|\d{1,2}[.)]\s|[a-z][)]\s)")
_STOPWORDS = STOPWORDS["fr"] | STOPWORDS["en"]
_WORD = re.compile(r"\w+(?:[-’']\w+)*")
_END = re.compile(r"[.!?…][»”\"’)\]]*\s*$")

FACTORS = {
    "anaphora": 0.35,
    "connective": 0.9,
    "quote": 0.4,
    "question": 0.3,
    "caption": 0.05,
    "byline": 0.05,
    "fragment": 0.3,
}
"""How much each doubt scales a sentence's score. Page furniture and captions are next to
never a summary; a repaired connective costs little, as the rest of the sentence stands."""
FURNITURE = ("caption", "byline", "fragment")
"""Doubts that say a line is page furniture rather than prose (see :attr:`Verdict.furniture`)."""
MIN_WORDS = 5
"""Fewer words than this is a fragment (a label, a heading-like line)."""
APPOSITION_WORDS = 20
"""A caption's apposition is a line: a longer tail after a name is more likely prose."""
CAPTION_WORDS = 30
"""A caption is a line or two: a longer sentence before a credit is prose, not a caption."""


@dataclass(frozen=True)
class Verdict:
    text: str
    """The sentence, repaired where it could be (an opening connective cut off)."""
    doubts: tuple[str, ...]
    """Names of the rules the sentence broke (keys of :data:`FACTORS`)."""
    needs_previous: bool
    """It opens with an anaphora: it reads well only right after the sentence before it."""

    @property
    def furniture(self) -> bool:
        """Not the article's prose: a caption or credit, a byline, a fragment (a kicker, a label).

        Such lines sit among the first sentences of a page without being its lead, so
        they do not count when sentences are ranked by position (``news.prose_ranks``).
        """
        return any(doubt in FURNITURE for doubt in self.doubts)

    @property
    def factor(self) -> float:
        factor = 1.0
        for doubt in self.doubts:
            factor *= FACTORS[doubt]
        return factor

    def factor_after(self, previous_kept: bool) -> float:
        """The factor when the sentence before it is (or is not) in the summary too."""
        if previous_kept:
            return Verdict(
                self.text, tuple(d for d in self.doubts if d not in ("anaphora", "connective")), False
            ).factor
        return self.factor


def judge(sentence: str, lang: str) -> Verdict:
    """Which standalone rules ``sentence`` breaks, and its repaired text."""
    lang = lang if lang in _CONNECTIVES else "en"
    text = " ".join(sentence.split())
    doubts: list[str] = []
    repaired = _cut_connective(text, lang)
    if repaired != text:
        doubts.append("connective")
    if _opens_with_anaphora(repaired, lang):
        doubts.append("anaphora")
    if _is_bare_quote(text):
        doubts.append("quote")
    if text.rstrip(' »”"’)').endswith("?"):
        doubts.append("question")
    if _CAPTION.search(text) or is_credit_line(text) or is_name_apposition(text):
        doubts.append("caption")
    if _PAGE_FURNITURE.search(text) or (_BYLINE.match(text) and len(_WORD.findall(text)) <= 8):
        doubts.append("byline")
    if _is_fragment(text):
        doubts.append("fragment")
    return Verdict(repaired, tuple(doubts), "anaphora" in doubts)


def judge_all(sentences: Sequence[str], lang: str) -> list[Verdict]:
    """:func:`judge` for each sentence of a text, with what its neighbours tell.

    A short sentence right before a photo credit is the photo's caption, whatever it says.
    """
    verdicts = [judge(s, lang) for s in sentences]
    for i in range(len(sentences) - 1):
        credit_next = is_credit_line(sentences[i + 1])
        if credit_next and "caption" not in verdicts[i].doubts and len(_WORD.findall(sentences[i])) <= CAPTION_WORDS:
            v = verdicts[i]
            verdicts[i] = Verdict(v.text, (*v.doubts, "caption"), v.needs_previous)
    return verdicts


def _first_words(text: str, count: int) -> str:
    return " ".join(w.casefold() for w in _WORD.findall(text)[:count])


def _cut_connective(text: str, lang: str) -> str:
    """``text`` without an opening connective ("Mais on savait…" → "On savait…")."""
    folded = text.casefold()
    for connective in _CONNECTIVES[lang]:
        if not folded.startswith(connective):
            continue
        rest = text[len(connective) :]
        if rest[:1].isalnum() or rest[:1] in "-’'":
            continue  # a longer word that merely starts like the connective ("Etats", "Andrew")
        rest = rest.lstrip(" ,;:—–-")
        if len(_WORD.findall(rest)) < MIN_WORDS or not rest[:1].isalpha():
            return text  # too little left to stand as a sentence: keep it whole (and doubtful elsewhere)
        return rest[0].upper() + rest[1:]
    return text


def _opens_with_anaphora(text: str, lang: str) -> bool:
    if any(_first_words(text, len(p.split())) == p for p in _ANAPHORA_PHRASES[lang]):
        return True
    if lang == "fr" and _IMPERSONAL_FR.match(text):
        return False
    first, _, second = _first_words(text, 2).partition(" ")
    if second in _TIME_WORDS:
        return False
    # French elision: "C’est", "L’une d’elles" open with c'/l' — only c’ points back.
    if lang == "fr" and re.match(r"^c[’']", first):
        return True
    return first in _ANAPHORA[lang]


def _is_bare_quote(text: str) -> bool:
    """Mostly words inside quotation marks: whose words they are is in another sentence."""
    if text[:1] in _OPENING_QUOTES:
        return True
    quoted = sum(len(_WORD.findall(m.group())) for m in _QUOTED.finditer(text))
    total = len(_WORD.findall(text))
    return total > 0 and quoted / total > 0.5


def _is_fragment(text: str) -> bool:
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS or _LIST_MARK.match(text):
        return True
    if text.rstrip().endswith((":", ";", ",")):
        return True
    first = text.lstrip(' «“"(')[:1]
    return first.islower() or (not _END.search(text) and len(words) < 12)
