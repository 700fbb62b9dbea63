"""The glossary pipeline: parse → candidates → concepts (variants merged) → ranking →
occurrences → definitions → missing FR/EN forms from the translator → sorted entries.

Nothing here knows which terms a corpus contains: every entry comes from the
extractors in ``glossary/extract`` (patterns, acronyms, borrowings, cues, entities).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from core.corpus import Corpus
from core.errors import ModelNotAvailableError
from core.models.loader import check_available, load_model
from core.models.quality import generation_problem
from core.models.seq2seq import generate_or_report
from core.models.settings import GlossarySettings, Settings
from core.progress import Progress, stage_counter
from core.text import fold, slugify
from glossary.extract import acronyms, borrowings, cues, entities, keyness, lexicon, names, ngrams, patterns, ranking
from glossary.extract.candidates import Candidate, plural_key, surface_key
from glossary.extract.nlp import ParsedPassage, parse_corpus, path_description
from glossary.extract.occurrences import WordIndex, find_occurrences
from glossary.model import KINDS, ONE_OFF, Definition, Entry, Glossary, Occurrence
from glossary.store import cached_glossary, glossary_key, keep

MIN_ENTITY_MENTIONS = 2
MIN_BARE_ACRONYM_MENTIONS = 2
KIND_ORDER = {kind: rank for rank, kind in enumerate(KINDS)}
# A copula or defining verb right after the term: "X est un ...", "X désigne ...", "X refers to ...".
_DEFINING = re.compile(
    r"\s*(?:\([^)]*\)\s*)?,?\s*(?:est une?|sont des|désigne|désignent|signifie|consiste|"
    r"is an?|are|refers to|means|describes)\b",
    re.I,
)


@dataclass
class Concept:
    """Candidate forms believed to name one concept, before it becomes an :class:`Entry`."""

    forms: dict[str, Counter] = field(default_factory=lambda: {"fr": Counter(), "en": Counter()})
    keys: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)
    abbreviation: str | None = None
    other_abbreviations: set[str] = field(default_factory=set)
    """Further acronyms defined by the same long form ("plan (ABC)" here, "plan (ABCP)" there)."""
    candidates: list[Candidate] = field(default_factory=list)
    definition: Definition | None = None
    defined_with: int = 0
    pairings: set[str] = field(default_factory=set)
    excluded: bool = False
    """Ruled out as a term whatever its score (a quantity, a description of a named thing)."""
    entity_labels: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)
    """Entity mentions: they give occurrences and the name, never a term's FR/EN form."""
    score: float = 0.0

    def add(self, candidate: Candidate, lang: str | None = None, key: str | None = None) -> None:
        self.forms[lang or candidate.lang][candidate.text] += 1
        self.keys.add(surface_key(candidate.text))
        if key:
            self.keys.add(key)
        self.candidates.append(candidate)


def build_glossary(corpus: Corpus, settings: Settings | None = None, progress: Progress | None = None) -> Glossary:
    """Extract the corpus's terms, acronyms and entities; fill missing forms with the translators.

    A glossary made before from the same inputs (``store.py``) is read back instead.
    """
    key = glossary_key(corpus, settings)
    glossary = cached_glossary(key)
    if glossary is None:
        glossary = _make(corpus, settings, progress)
        keep(key, glossary)
    elif progress:
        progress("glossary: unchanged", len(corpus.articles), len(corpus.articles))
    return glossary


def _make(corpus: Corpus, settings: Settings | None, progress: Progress | None) -> Glossary:
    options = settings.glossary if settings is not None else GlossarySettings()
    threshold = ranking.THRESHOLD if options.threshold is None else options.threshold
    parsed = list(parse_corpus(corpus))
    if progress:
        progress("glossary: parse", len(parsed), len(parsed))
    concepts = _collect(corpus, parsed, threshold)
    entries = _entries(corpus, concepts)
    problems = [line for lang in sorted({a.lang for a in corpus.articles}) if (line := path_description(lang))]
    if options.max_entries is not None and len(entries) > options.max_entries:
        ranked = sorted(entries, key=lambda e: (-e.score, e.id))
        problems.append(
            f"{len(entries) - options.max_entries} entries below the {options.max_entries} best scores "
            f"left out (max_entries in [glossary] of brief.toml)"
        )
        kept = {id(e) for e in ranked[: options.max_entries]}
        entries = [e for e in entries if id(e) in kept]
    glossary = Glossary(
        entries=entries,
        settings={
            "termhood_threshold": threshold,
            "max_entries": options.max_entries,
            "min_entity_mentions": MIN_ENTITY_MENTIONS,
            "min_bare_acronym_mentions": MIN_BARE_ACRONYM_MENTIONS,
        },
        problems=problems,
    )
    if settings is not None:
        _translate_missing_forms(glossary, corpus, settings, progress)
        merge_translated_variants(glossary, corpus)
    glossary.entries.sort(key=sort_key)
    return glossary


def sort_key(entry: Entry) -> tuple:
    """Kind first (terms, acronyms, entities), then the highest score, then the label."""
    return (KIND_ORDER[entry.kind], -entry.score, entry.label.casefold(), entry.id)


def _collect(corpus: Corpus, parsed: list[ParsedPassage], threshold: float = ranking.THRESHOLD) -> list[Concept]:
    phrases: dict[str, Concept] = defaultdict(Concept)
    acronym_concepts: dict[str, Concept] = defaultdict(Concept)
    others: list[Concept] = []
    bare: dict[str, Concept] = defaultdict(Concept)
    named: dict[str, Concept] = defaultdict(Concept)
    # Every phrase and name each article holds, kept or not: what a bare acronym may abbreviate.
    article_phrases: dict[str, list[Candidate]] = defaultdict(list)
    for item in parsed:
        found_names = entities.entity_candidates(item) if item.tagged else names.name_candidates(item)
        for candidate, label in found_names:
            concept = named[candidate.text]
            if acronyms.is_acronym(candidate.text):
                concept.abbreviation = candidate.text
            concept.names[candidate.text] += 1
            concept.keys.add(surface_key(candidate.text))
            concept.candidates.append(candidate)
            concept.entity_labels[label] += 1
            concept.evidence.add("entity")
            article_phrases[item.article.id].append(candidate)
    name_words = frozenset(word for name in named for word in name.split() if word[:1].isupper())
    counts = keyness.count_words(parsed)
    key_words = {lang: keyness.key_words(counts, lang) for lang in ("fr", "en")}
    # The same words are the same phrase whatever the tagger made of them: "projet pilote" with
    # "pilote" as a noun (lemma "pilote") or as an adjective (lemma "pilot") is one candidate.
    phrase_of_surface: dict[str, str] = {}
    for item in parsed:
        keys = key_words[item.article.lang]
        found = list(patterns.pattern_candidates(item, keys) if item.tagged else ngrams.ngram_candidates(item, keys))
        article_phrases[item.article.id] += found
        for candidate in found:
            key = phrase_of_surface.setdefault(plural_key(candidate.text), candidate.key)
            phrases[key].add(candidate, key=candidate.key)
            phrases[key].evidence.add(candidate.evidence)
        for definition in acronyms.find_definitions(item, found):
            concept = acronym_concepts[definition.acronym]
            concept.abbreviation = definition.acronym
            concept.evidence.add("acronym-definition")
            concept.keys.add(surface_key(definition.acronym))
            concept.pairings.add(definition.method)
            for form in definition.expansions:
                concept.forms[form.lang][form.text] += 1
                concept.keys.add(surface_key(form.text))
            # The sentence giving the most expansions defines best ("(European Central Bank, ECB)").
            if len(definition.expansions) > concept.defined_with:
                concept.definition = _definition_at(item, definition.sentence_start)
                concept.defined_with = len(definition.expansions)
        glosses = [(g, "gloss") for g in cues.gloss_pairs(item, found)]
        glosses += [(g, "alias") for g in cues.alias_pairs(item, found)]
        for gloss, how in glosses:
            concept = Concept(evidence={how})
            concept.definition = _definition_at(item, _sentence_of(item, gloss.native.start))
            second = gloss.foreign
            if acronyms.is_acronym(second.text):
                # "résistance aux antimicrobiens, ou RAM": an acronym defined by its gloss.
                concept.abbreviation = second.text
                concept.keys.add(surface_key(second.text))
                concept.evidence.add("acronym-definition")
                native = gloss.native
                if not acronyms.matches(second.text, native.text):
                    span = acronyms.noun_phrase_for(item.doc.text, native.end - item.passage.start, second.text)
                    if not span:
                        continue
                    # The aligned phrase may reach further back than the gloss's candidate ("coût … de l'énergie").
                    start = item.passage.start + span[0]
                    wording = item.doc.text[span[0] : span[1]]
                    native = dataclasses.replace(native, text=wording, key=surface_key(wording), start=start)
                concept.add(native)
                concept.pairings.add("initials" if acronyms.matches(second.text, native.text) else "position")
            else:
                concept.add(gloss.native)
                concept.add(second)
            others.append(concept)
        for candidate in cues.cue_candidates(item):
            concept = Concept(evidence={candidate.evidence})
            concept.add(candidate)
            sentence = _definition_at(item, _sentence_of(item, candidate.start))
            if candidate.evidence == "cue":
                concept.definition = sentence
            others.append(concept)
        for candidate in borrowings.borrowing_candidates(item, name_words):
            concept = Concept(evidence={"borrowing"})
            concept.add(candidate)
            others.append(concept)
        for candidate in acronyms.acronym_candidates(item):
            bare[candidate.text].candidates.append(candidate)
            bare[candidate.text].keys.add(surface_key(candidate.text))
            bare[candidate.text].abbreviation = candidate.text

    _rank_phrases(corpus, phrases)
    headings = {p.id for a in corpus.articles for p in a.passages if p.kind == "heading"}
    for concept in phrases.values():
        if all(c.passage in headings for c in concept.candidates) and len(concept.candidates) == 1:
            concept.excluded = True  # a heading's wording ("Le marché carbone en renfort") is a title, not a term
    # C-value grows with length: a long phrase seen once reaches the threshold on its word count
    # alone, so the threshold is for repeated phrases; one-off phrases must pass the shape test.
    ranked = [c for c in phrases.values() if len(c.candidates) >= 2 and (c.score >= threshold or _repeated_run(c))]
    ranked_ids = {id(c) for c in ranked}
    by_shape = []
    for concept in phrases.values():
        if id(concept) in ranked_ids or _acronym_mention(concept, bare):
            continue
        verdict = _shape_verdict(concept)
        if verdict == ranking.POSSIBLE:
            concept.evidence.add(ONE_OFF)  # scored below every other entry (ranking.entry_score)
        if verdict != ranking.DESCRIPTION:
            by_shape.append(concept)
    kept_phrases = ranked + _without_swallowers(by_shape, ranked + by_shape)
    for concept in bare.values():
        concept.evidence.add("acronym")
    defined = set(acronym_concepts) | {c.abbreviation for c in others if c.abbreviation}
    concepts = [*acronym_concepts.values(), *others, *kept_phrases]
    # An acronym seen once and never spelled out stays only if the article names what it abbreviates.
    seen_once = {a for a, c in bare.items() if len(c.candidates) < MIN_BARE_ACRONYM_MENTIONS and a not in defined}
    concepts += bare.values()
    concepts += [c for c in named.values() if _entity_worth_keeping(c)]
    for concept in concepts:
        if not concept.entity_labels or concept.evidence - {"entity"}:
            # Inflections meet ("réseaux", "réseau"); names keep their exact spelling.
            concept.keys |= {plural_key(f) for lang in ("fr", "en") for f in concept.forms[lang]}
        concept.keys |= {
            key for f in [*concept.forms["fr"], *concept.forms["en"], *concept.names] if (key := _name_key(f))
        }
    merged = _spell_out_in_article(_pair_bare_acronyms(_merge(concepts), seen_once), article_phrases)
    return [
        c
        for c in merged
        if not (c.abbreviation in seen_once and not (c.forms["fr"] or c.forms["en"]) and c.evidence <= {"acronym"})
    ]


NAME_KEY_WORDS = 3


def _name_key(form: str) -> str | None:
    """A long name's content words, in order, whatever its case and function words: "Caisse Nationale
    Assurance Vieillesse" in a parenthesis and "Caisse nationale d'assurance vieillesse" in running text
    are one body. Only for :data:`NAME_KEY_WORDS` content words or more, where no two terms differ by
    their prepositions alone."""
    words = acronyms.content_words(form)
    return "name: " + " ".join(fold(w) for w in words) if len(words) >= NAME_KEY_WORDS else None


def _spell_out_in_article(concepts: list[Concept], article_phrases: dict[str, list[Candidate]]) -> list[Concept]:
    """Pair an acronym the text never spells out with the one phrase or name of its articles whose
    content words' initials are its letters, in order ("TPF" and "Tribunal pénal fédéral"), or the
    capitalised name that gives every initial and a later letter of a word as well ("FHWA").

    The last resort after :func:`_pair_bare_acronyms` (which needs the phrase to be an entry):
    it looks at every phrase the extractors saw, kept or not, and pairs only when exactly one
    wording fits. A concept already holding that phrase joins the acronym's.
    """
    joined: set[int] = set()
    for concept in concepts:
        acronym = concept.abbreviation
        if not acronym or concept.forms["fr"] or concept.forms["en"] or id(concept) in joined:
            continue
        articles = {c.article for c in concept.candidates if c.evidence == "acronym"}
        options: dict[str, Candidate] = {}
        for article in articles:
            for phrase in article_phrases[article]:
                text = phrase.text
                if acronyms.spelled_by_initials(acronym, text) or acronyms.spelled_by_syllables(acronym, text):
                    options.setdefault(surface_key(text), phrase)
        if len(options) != 1:
            continue
        key, phrase = next(iter(options.items()))
        concept.forms[phrase.lang][phrase.text] += 1
        concept.keys |= {key, plural_key(phrase.text)}
        concept.candidates.append(phrase)
        concept.evidence.add("acronym-definition")
        concept.pairings.add("initials-in-article")
        for other in concepts:
            if (
                other is concept
                or id(other) in joined
                or other.abbreviation
                or not ({key, plural_key(phrase.text)} & other.keys)
            ):
                continue
            joined.add(id(other))
            for lang in ("fr", "en"):
                concept.forms[lang].update(other.forms[lang])
            concept.keys |= other.keys
            concept.evidence |= other.evidence - {"entity"}
            concept.candidates += other.candidates
            concept.score = max(concept.score, other.score)
    return [c for c in concepts if id(c) not in joined]


def _repeated_run(concept: Concept) -> bool:
    """An untagged English run the text repeats, not only inside longer runs (C-value above 0),
    shaped as a compound: a term even when its words are common ("interest rate").

    Without a tagger, wordfreq's rarity stood in for grammar; a compound of everyday words
    scores low on specificity though its repetition is the evidence that it is a unit.
    """
    first = concept.candidates[0]
    if concept.excluded or concept.score <= 0 or first.lang != "en" or first.evidence not in ("chunk", "ngram"):
        return False
    return ranking.english_compound(first.text)


def _acronym_mention(concept: Concept, bare: dict[str, Concept]) -> bool:
    """Whether a pair said once is a mention of an acronym ("NHC website", "NOAA buoy"): an acronym
    the text uses elsewhere, then a word of general language (:func:`ranking.is_specific` false).
    The acronym is the entry; the pair names something only where it is the acronym's one use
    ("NIS2 directive").
    English only: there the acronym modifies the noun after it; a French acronym heads what
    follows it, and "ARN messager" is a kind of ARN, a term."""
    first = concept.candidates[0]
    words = first.text.split()
    if first.lang != "en" or len(concept.candidates) > 1 or len(words) != 2 or not acronyms.is_acronym(words[0]):
        return False
    uses = bare.get(words[0])
    return uses is not None and len(uses.candidates) >= 2 and not ranking.is_specific(words[1:], first.lang)


def _shape_verdict(concept: Concept) -> str:
    """What the shape says of a phrase below the threshold (seen once, or twice in common words):
    a ``TERM`` is an entry on that evidence; a phrase said once that only may be a term
    (``POSSIBLE``: "contrôle humain", "cold water") is kept for a reader to judge, as a
    candidate ranked last; a ``DESCRIPTION`` is no entry (:func:`ranking.one_off_verdict`).

    Keeping the possible ones found 20 more of the 398 expected terms of sixteen corpora on
    topics never looked at, with no more junk among the first 30 (README, "Glossary quality")."""
    first = next((c for c in concept.candidates if c.evidence != "ngram"), concept.candidates[0])
    if concept.excluded:
        return ranking.DESCRIPTION
    if len(concept.candidates) == 1 and first.cut:
        return ranking.DESCRIPTION  # seen once, as the start of a longer phrase ("ETF à effet" de levier)
    if len(first.text.split()) == 1:
        # Lone words are candidates only when rare; twice, or one never seen in general text, is a term.
        if first.lang == "en" and not lexicon.can_head_term(first.text):
            return ranking.DESCRIPTION  # "unequivocal", "sequester": no noun reading, whatever their rarity
        specific = len(concept.candidates) >= 2 or ranking.is_specific([first.text], first.lang)
        return ranking.TERM if specific else ranking.DESCRIPTION
    if first.evidence == "ngram":
        return ranking.DESCRIPTION  # without a tagger a run of words inside a clause is no phrase; a "chunk" is
    if first.lang == "fr" and first.tags.startswith("NOUN NOUN") and first.text[:1].isupper():
        # "Commission rappelle": after a capitalised noun, a second "noun" seen once is mostly a verb
        # the tagger missed; repeated ("État membre"), the pair is a compound.
        return ranking.DESCRIPTION
    verdict = ranking.one_off_verdict(first.text, first.lang, first.evidence, first.tags)
    if verdict == ranking.POSSIBLE and len(concept.candidates) > 1:
        return ranking.DESCRIPTION  # twice below the threshold, the shape must read as a term ("proposed rules")
    return verdict


def _without_swallowers(weak: list[Concept], kept: list[Concept]) -> list[Concept]:
    """Leave out a phrase kept only for its shape when it holds another kept phrase.

    "électricité décarbonée à prix stable", seen once, would take the mention of
    "électricité décarbonée" and make it a fragment: the shorter phrase is the term. A phrase
    found nowhere but inside it is its fragment and leaves it be.
    """
    spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for concept in kept:
        if concept.score <= 0 and len(concept.candidates) > 1:
            continue  # never seen outside longer phrases (C-value 0): the longer phrase is the term
        if " " not in concept.candidates[0].text:
            continue  # a lone word ("rançons", a key "sécheresse") does not unmake the compound it sits in
        for candidate in concept.candidates:
            spans[candidate.article].append((candidate.start, candidate.end, id(concept)))
    result = []
    for concept in weak:
        mine = [(c.article, c.start, c.end) for c in concept.candidates]
        inside = {
            owner
            for article, start, end in mine
            for s, e, owner in spans[article]
            if owner != id(concept) and start <= s and e <= end and (s, e) != (start, end)
        }
        # In a compound of compounds, a phrase said only inside it is its fragment, no rival ("effet de
        # serre" only ever within "gaz à effet de serre"): the longer phrase stays the term. With one
        # preposition the longer phrase is mostly a term and an adjunct ("vaccination systématique à domicile").
        if concept.candidates[0].tags.split().count("ADP") >= 2:
            inside = {owner for owner in inside if _said_elsewhere(owner, spans, mine)}
        swallows = bool(inside)
        if not swallows:
            result.append(concept)
    return result


def _said_elsewhere(owner: int, spans: dict[str, list[tuple[int, int, int]]], within: list) -> bool:
    """Whether the phrase ``owner`` has a mention outside the spans ``within``."""
    return any(
        o == owner and not any(a == article and start <= s and e <= end for a, start, end in within)
        for article, owned in spans.items()
        for s, e, o in owned
    )


def _pair_bare_acronyms(concepts: list[Concept], seen_once: set[str] = frozenset()) -> list[Concept]:
    """Join an acronym the text never spells out to a phrase of the same articles whose initials spell it.

    "ONU" beside "Organisation des Nations unies", "OMS" beside "Organisation mondiale de
    la santé": each content word gives one letter, in order or (for an expansion in the other language) in any
    order, or a name's words give their first letters and a word may give a later one too ("FHWA"
    beside "Federal Highway Administration"); of several such phrases, the most frequent wins. An
    acronym in ``seen_once`` is left to the stricter :func:`_spell_out_in_article`: one mention is
    too little to choose between phrases.
    """
    phrases = [c for c in concepts if not c.abbreviation and (c.forms["fr"] or c.forms["en"] or c.names)]
    joined: set[int] = set()
    for concept in concepts:
        if not concept.abbreviation or concept.forms["fr"] or concept.forms["en"] or concept.abbreviation in seen_once:
            continue
        acronym = concept.abbreviation
        letters = sum(c.isalpha() for c in acronym)
        if letters < 2:
            continue
        articles = {c.article for c in concept.candidates}
        best, best_count = None, 0
        for other in phrases:
            if id(other) in joined or not articles & {c.article for c in other.candidates}:
                continue
            for form in [*other.forms["fr"], *other.forms["en"], *other.names]:
                content = acronyms.content_words(form)
                spelled = len(content) == letters and acronyms.matches(acronym, form)
                if (spelled or acronyms.spelled_by_syllables(acronym, form)) and len(other.candidates) > best_count:
                    best, best_count = other, len(other.candidates)
        if best is not None:
            joined.add(id(best))
            for lang in ("fr", "en"):
                concept.forms[lang].update(best.forms[lang])
            if best.names and not (best.forms["fr"] or best.forms["en"]):
                lang = Counter(c.lang for c in best.candidates).most_common(1)[0][0]
                concept.forms[lang].update(best.names)
            concept.keys |= best.keys
            concept.evidence |= best.evidence - {"entity"}
            concept.candidates += best.candidates
            concept.pairings.add("initials in corpus")
            concept.score = max(concept.score, best.score)
    return [c for c in concepts if id(c) not in joined]


def _entity_worth_keeping(concept: Concept) -> bool:
    # One-off multi-word people and organisations are worth naming; one-off MISC spans are noise.
    label = concept.entity_labels.most_common(1)[0][0]
    multiword = " " in concept.candidates[0].text
    return len(concept.candidates) >= MIN_ENTITY_MENTIONS or (multiword and label != "MISC")


def _rank_phrases(corpus: Corpus, phrases: dict[str, Concept]) -> None:
    # A phrase seen once that ends in a common participle ("assemblée … consacrée" au climat: the
    # participle opens a clause) is a candidate only in case the text repeats it ("crime organisé");
    # once, it takes no occurrences from the phrase inside it.
    frequencies = {
        key: len(c.candidates)
        for key, c in phrases.items()
        if len(c.candidates) > 1 or not patterns.ends_in_common_participle(c.candidates[0])
    }
    # A compound of compounds said once ("contrat de mise à disposition") is its own candidate
    # but takes no occurrence from a phrase inside it: only a repeated one shows the inner phrase to be
    # its fragment.
    silent = frozenset(
        key for key, c in phrases.items() if len(c.candidates) == 1 and c.candidates[0].tags.count("ADP") >= 2
    )
    values = ranking.c_values(frequencies, silent)
    texts = {a.id: a.text for a in corpus.articles}
    for key, concept in phrases.items():
        if key not in values:
            concept.excluded = True  # seen once, ending in a common participle
            continue
        first = concept.candidates[0]
        if any(t[:1].isupper() and not acronyms.is_acronym(t) for t in first.text.split()[1:]):
            concept.score, concept.excluded = 0.0, True  # a description of a named thing ("constructeur de l'A320")
            continue
        words = first.text.split()
        spread = len({c.article for c in concept.candidates})
        after_number = sum(bool(re.search(r"\d\s*$", texts[c.article][: c.start])) for c in concept.candidates)
        if len(words) >= 3 and spread < 2 and after_number * 2 >= len(concept.candidates):
            # A quantity ("250 kilomètres de voies"), not a term, unless several articles measure in it:
            # a unit the domain counts in ("points de pourcentage") is one of its terms. Shorter, what
            # follows a number is the thing counted ("120 éoliennes", "40 charging stations").
            concept.score, concept.excluded = 0.0, True
            continue
        concept.score = ranking.termhood(values[key], words, first.lang, spread)


def _merge(concepts: list[Concept]) -> list[Concept]:
    """Union of concepts that share a key (a surface form, lemma key or acronym)."""
    parent = list(range(len(concepts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for index, concept in enumerate(concepts):
        for key in concept.keys:
            if key in owner:
                parent[root(index)] = root(owner[key])
            else:
                owner[key] = index
    groups: dict[int, Concept] = {}
    for index, concept in enumerate(concepts):
        merged = groups.setdefault(root(index), Concept())
        for lang in ("fr", "en"):
            merged.forms[lang].update(concept.forms[lang])
        merged.keys |= concept.keys
        merged.evidence |= concept.evidence
        merged.candidates += concept.candidates
        merged.entity_labels.update(concept.entity_labels)
        merged.names.update(concept.names)
        merged.other_abbreviations |= concept.other_abbreviations | {concept.abbreviation} - {None}
        merged.abbreviation = merged.abbreviation or concept.abbreviation
        merged.pairings |= concept.pairings
        merged.score = max(merged.score, concept.score)
        if concept.definition and (merged.definition is None or "acronym-definition" in concept.evidence):
            merged.definition = concept.definition
    for merged in groups.values():
        merged.other_abbreviations.discard(merged.abbreviation)
    return list(groups.values())


def _entries(corpus: Corpus, concepts: list[Concept]) -> list[Entry]:
    headings = {p.id for a in corpus.articles for p in a.passages if p.kind == "heading"}
    entries = []
    index = WordIndex(corpus)
    for concept in concepts:
        kind = _kind(concept)
        forms = {f for lang in ("fr", "en") for f in concept.forms[lang]}
        variants = sorted(forms | set(concept.names) | _abbreviation(concept))
        occurrences = find_occurrences(corpus, variants, case_sensitive=kind != "term", index=index)
        if not occurrences:
            continue
        fr, en = _main_form(concept, "fr", headings), _main_form(concept, "en", headings)
        entity_type = None
        if kind == "entity":
            fr = en = min(concept.names, key=lambda n: (-concept.names[n], len(n), n))  # names are not translated
            entity_type = _entity_type(concept, corpus)
        elif kind == "acronym" and not (fr or en):
            # No expansion in the text: the acronym is the form in its article's language; the
            # translator gives the other ("OMS" → "WHO"), or it stays missing.
            lang = Counter(c.lang for c in concept.candidates).most_common(1)[0][0]
            fr, en = (concept.abbreviation, None) if lang == "fr" else (None, concept.abbreviation)
        elif "borrowing" in concept.evidence and not (fr and en):
            fr = en = fr or en  # a borrowing is used as is in both languages
        expanded = kind == "acronym" and any(f != concept.abbreviation for f in forms)
        entries.append(
            Entry(
                id="",
                fr=fr,
                en=en,
                kind=kind,
                abbreviation=concept.abbreviation if kind != "entity" else None,
                variants=variants,
                fr_source="corpus" if fr else None,
                en_source="corpus" if en else None,
                definition=concept.definition or _cued_definition(corpus, occurrences, headings),
                context=_context(occurrences, headings),
                occurrences=occurrences,
                entity_type=entity_type,
                score=0.0,
                evidence=sorted(concept.evidence - ({ONE_OFF} if len(occurrences) > 1 else set())),
                pairing=_pairing(concept) if expanded else None,
            )
        )
    entries = _mend_straddlers(_longest_match(entries), corpus)
    for entry in entries:
        entry.score = round(ranking.entry_score(entry, corpus), 3)
    _assign_ids(entries)
    return entries


def _pairing(concept: Concept) -> str:
    for how in ("initials", "initials in corpus", "initials-in-article", "position"):
        if how in concept.pairings:
            return how
    return "initials"


def _kind(concept: Concept) -> str:
    defined = concept.evidence & {
        "acronym-definition",
        "gloss",
        "alias",
        "cue",
        "borrowing",
        "pattern",
        "ngram",
        "chunk",
    }
    if concept.abbreviation and (defined or not concept.entity_labels or acronyms.is_acronym(_name(concept))):
        return "acronym"  # an all-capitals "BCE" is an acronym, whatever NER made of it
    if concept.entity_labels and not defined:
        return "entity"
    return "term"


def _name(concept: Concept) -> str:
    return concept.names.most_common(1)[0][0] if concept.names else ""


def _entity_type(concept: Concept, corpus: Corpus) -> str:
    """The majority NER label, corrected where the name's shape says otherwise.

    A one-word PER that never appears inside a longer person's name is a place when place
    prepositions precede it most of the time ("à Toulouse"), else an organisation or a
    product; a MISC name written with inner capitals ("CrowdStrike") is an organisation.
    """
    label = concept.entity_labels.most_common(1)[0][0]
    name = _name(concept)
    if label == "PER" and " " not in name:
        texts = {a.id: a.text for a in corpus.articles}
        before = [texts[c.article][max(0, c.start - 8) : c.start].split()[-1:] for c in concept.candidates]
        places = sum(1 for words in before if words and words[0].lower().strip("'’") in names.PLACE_PREPOSITIONS)
        return "LOC" if places * 2 > len(concept.candidates) else "ORG"
    if label == "MISC" and " " not in name and any(c.isupper() for c in name[1:]) and name[1:].lower() != name[1:]:
        return "ORG"
    return label


def _abbreviation(concept: Concept) -> set[str]:
    return {concept.abbreviation} | concept.other_abbreviations if concept.abbreviation else set()


def _main_form(concept: Concept, lang: str, headings: set[str]) -> str | None:
    """The most frequent form in ``lang`` other than the abbreviation; on a tie the shortest, then alphabetical.

    Forms that differ only in case count as one, spelled as running text spells it: a
    heading's Title Case ("Transition Énergétique") is not the label when the lower-case form
    occurs in the body.
    """
    forms = Counter({f: n for f, n in concept.forms[lang].items() if f != concept.abbreviation})
    if not forms:
        return None
    in_body = Counter(c.text for c in concept.candidates if c.passage not in headings)
    grouped: dict[str, Counter] = defaultdict(Counter)
    for form, count in forms.items():
        grouped[form.casefold()][form] += count
    totals = {key: sum(group.values()) for key, group in grouped.items()}
    key = min(totals, key=lambda k: (-totals[k], len(k), k))
    group = grouped[key]
    return min(group, key=lambda f: (-in_body[f], f[:1].isupper() and not f.isupper(), -group[f], f))


# How much an entry's evidence says it is a term of its own, for settling nested entries.
EVIDENCE_STRENGTH = {
    "acronym-definition": 3,
    "gloss": 3,
    "alias": 3,
    "cue": 3,
    "quoted": 2,
    "borrowing": 2,
    "acronym": 1,
    "pattern": 1,
    "ngram": 1,
    "chunk": 1,
    "entity": 1,
    "translation": 1,
}
FRAGMENT_SHARE = 2 / 3
"""An entry with at least this share of its occurrences inside longer entries' is a fragment."""


def _strength(entry: Entry) -> int:
    """How strongly the entry's evidence claims its mentions; a phrase only possibly a term (``one-off``)
    claims none ("sylvopastoralisme progresse" leaves "sylvopastoralisme" its mention)."""
    if entry.candidate:
        return 0
    return max(EVIDENCE_STRENGTH[e] for e in entry.evidence)


def _longest_match(entries: list[Entry]) -> list[Entry]:
    """Each stretch of text belongs to the longest entry found there; fragments are no entries.

    An occurrence strictly inside another entry's occurrence ("New York" in "New York
    Times") is the longer entry's, when its evidence is as strong. An entry left with at
    most a third of its occurrences of its own ("Air", nearly always inside "Clean Air Act") is a
    fragment and dropped, unless the text defines it (an acronym spelled out, a gloss, a
    naming cue), in which case it keeps its own occurrences, or all of them when none is
    its own.
    """
    spans = sorted(
        ((o.article, o.start, o.end, index) for index, entry in enumerate(entries) for o in entry.occurrences),
        key=lambda s: (s[0], s[1], -s[2]),
    )
    strength = [_strength(entry) for entry in entries]
    nested: set[tuple[int, str, int, int]] = set()
    containers: dict[int, Counter] = defaultdict(Counter)
    open_spans: list[tuple[str, int, int, int]] = []
    for article, start, end, index in spans:
        open_spans = [s for s in open_spans if s[0] == article and s[2] > start]
        # Only as strong evidence takes an occurrence: a borrowing stays whole in a pattern's phrase.
        inside = {
            (e - s, i)
            for _, s, e, i in open_spans
            if i != index and s <= start and end <= e and (s, e) != (start, end) and strength[i] >= strength[index]
        }
        if inside:
            nested.add((index, article, start, end))
            containers[index][min(inside)[1]] += 1  # the innermost: "usage général" sits in "IA à usage général" first
        open_spans.append((article, start, end, index))
    kept = []
    for index, entry in enumerate(entries):
        own = [o for o in entry.occurrences if (index, o.article, o.start, o.end) not in nested]
        if len(own) == len(entry.occurrences):
            kept.append(entry)
            continue
        share_inside = 1 - len(own) / len(entry.occurrences)
        if _recurring_unit(entry, containers[index], entries):
            kept.append(entry)  # "ransomware" in "ransomware group" and "deployed ransomware"
            continue
        if _strength(entry) < 3 and (share_inside >= FRAGMENT_SHARE or not own):
            continue
        entry.occurrences = own or entry.occurrences
        if entry.context is not None and not any(o.quote == entry.context.quote for o in entry.occurrences):
            entry.context = Definition(entry.occurrences[0].quote, entry.occurrences[0].passage)
        kept.append(entry)
    return kept


def _mend_straddlers(entries: list[Entry], corpus: Corpus) -> list[Entry]:
    """A phrase each of whose mentions straddles another entry's mention was cut in the wrong
    place: "contrôle des frontières" always inside "contrôle des frontières extérieures", where
    "frontières extérieures" also stands alone. When the longer phrase the two make recurs, it
    replaces the cut phrase; otherwise the cut phrase is dropped.

    Only repeated, undefined phrases are judged, and only against an entry the text also uses
    apart from them (else neither side can be told the cut one).
    """
    spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for index, entry in enumerate(entries):
        for occurrence in entry.occurrences:
            spans[occurrence.article].append((occurrence.start, occurrence.end, index))
    known = {plural_key(variant) for entry in entries for variant in entry.variants}
    kept = []
    for index, entry in enumerate(entries):
        if entry.kind != "term" or len(entry.occurrences) < 2 or _strength(entry) >= 3:
            kept.append(entry)
            continue
        unions: dict[str, list[Occurrence]] = defaultdict(list)
        shared: Counter = Counter()
        for occurrence in entry.occurrences:
            start, end = occurrence.start, occurrence.end
            crossing = [
                (s, e, i)
                for s, e, i in spans[occurrence.article]
                if i != index and (start < s < end < e or s < start < e < end)
            ]
            if not crossing:
                break
            shared.update({i for _, _, i in crossing})
            start = min(start, *(s for s, _, _ in crossing))
            end = max(end, *(e for _, e, _ in crossing))
            text = corpus.article(occurrence.article).text[start:end]
            unions[plural_key(text)].append(dataclasses.replace(occurrence, start=start, end=end, text=text))
        else:
            if not any(len(entries[i].occurrences) > n for i, n in shared.items()):
                kept.append(entry)
                continue
            key, occurrences = max(unions.items(), key=lambda item: len(item[1]))
            if len(occurrences) < 2 or key in known:
                continue  # the cut phrase goes; its partner keeps the mentions
            known.add(key)
            surfaces = Counter(o.text for o in occurrences)
            label = surfaces.most_common(1)[0][0]
            entry.fr, entry.en = (label if entry.fr else None), (label if entry.en else None)
            entry.variants = sorted(surfaces)
            entry.occurrences = occurrences
        kept.append(entry)
    return kept


def _recurring_unit(entry: Entry, inside: Counter, entries: list[Entry]) -> bool:
    """A term the text uses inside several different longer entries is the unit that recurs, not
    their fragment: C-value's independence (Frantzi et al. 2000), its count less the mean count
    of the longer entries it sits in (``inside``: index in ``entries`` → occurrences it holds),
    is at least half its count. "Act", nearly always inside one "AI Act", has none.

    Unless it is the head of every one of them ("sector" in "power sector", "electricity
    sector"; "infrastructures" in "infrastructures critiques"): a generic head takes its
    meaning from each modifier, and the longer phrases are the terms.
    """
    mentions = len(entry.occurrences)
    containers = [entries[index] for index in inside]
    if entry.kind != "term" or len(containers) < 2 or mentions < 2:
        return False
    if mentions - sum(inside.values()) / len(inside) < mentions / 2:
        return False
    lang = "fr" if entry.fr else "en"
    if any(len(c.occurrences) > 1 for c in containers):
        # Inside longer terms the text repeats, the unit must also stand alone at least once
        # ("usage général" never does), and an everyday word takes its sense from each of them
        # ("milk" in "milk powder" and "milk prices").
        if sum(inside.values()) >= mentions:
            return False
        if " " not in entry.label and not ranking.is_specific([entry.label], lang):
            return False
    word = plural_key(entry.label).split()
    heads = [plural_key(c.label).split() for c in containers]
    at_head = [h[: len(word)] == word if lang == "fr" else h[-len(word) :] == word for h in heads]
    return not all(at_head)


def _assign_ids(entries: list[Entry]) -> None:
    used: Counter = Counter()
    for entry in sorted(entries, key=lambda e: (KIND_ORDER[e.kind], e.label.casefold())):
        base = slugify(entry.label)
        used[base] += 1
        entry.id = base if used[base] == 1 else f"{base}-{used[base]}"


def _definition_at(item: ParsedPassage, sentence_start: int) -> Definition:
    sentence = next((s for s in item.passage.sentences if s.start == sentence_start), None)
    return Definition(sentence.text if sentence else item.passage.text, item.passage.id)


def _sentence_of(item: ParsedPassage, offset: int) -> int:
    for sentence in item.passage.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.start
    return item.passage.start


def _cued_definition(corpus: Corpus, occurrences: list[Occurrence], headings: set[str]) -> Definition | None:
    """The first sentence that defines the entry with a copula cue right after it ("X est un ...", "X means ...").

    Only such a sentence is a definition; an entry without one gets a context sentence
    (:func:`_context`) and no definition.
    """
    for occurrence in occurrences:
        if occurrence.passage in headings:
            continue
        text = corpus.article(occurrence.article).text
        after = text[occurrence.end : occurrence.end + 40]
        if _DEFINING.match(after) or re.match(r"\s*[,:]\s*(c'est|c’est|soit|i\.e\.|that is)\b", after, re.I):
            return Definition(occurrence.quote, occurrence.passage)
    return None


def _context(occurrences: list[Occurrence], headings: set[str]) -> Definition | None:
    """The first occurrence sentence from running text (a heading only when there is nothing else)."""
    body = [o for o in occurrences if o.passage not in headings] or occurrences
    return Definition(body[0].quote, body[0].passage) if body else None


def _translate_missing_forms(glossary: Glossary, corpus: Corpus, settings: Settings, progress: Progress | None) -> None:
    """Give each term a form in the language the corpus lacks, from the translator, in batches."""
    for source, target in (("fr", "en"), ("en", "fr")):
        todo = [e for e in glossary.entries if e.kind != "entity" and getattr(e, source) and not getattr(e, target)]
        if not todo:
            continue
        role = f"{source}-{target}"
        try:
            check_available(settings, [role])
        except ModelNotAvailableError as exc:
            glossary.problems.append(f"{len(todo)} entries have no {target} form: {str(exc).splitlines()[0]}")
            continue
        model = load_model(settings, role)
        glossary.models[role] = {"model": model.name, "revision": model.revision}
        advance = stage_counter(progress, f"glossary: {role}", len(todo))
        outputs, failed = generate_or_report(model, [getattr(e, source) for e in todo], advance)
        for index, (entry, output) in enumerate(zip(todo, outputs, strict=True)):
            problem = failed.get(index) or generation_problem(output)
            if problem:
                glossary.problems.append(f"{entry.id}: {role} ({model.name}): {problem}; no {target} form")
                continue
            setattr(entry, target, output)
            setattr(entry, f"{target}_source", "model")
            if entry.abbreviation and entry.pairing == "position":
                _confirm_pairing(glossary, entry, output, role)


def merge_translated_variants(glossary: Glossary, corpus: Corpus) -> None:
    """Join an entry whose machine-made form is another entry's form in the text.

    A French wording whose machine translation is the English long form that the text
    spells out beside an acronym is that acronym's entry: one concept, two French wordings.
    The entry with the text's form keeps its forms; the other's wording becomes a variant
    and its occurrences are added.
    """
    order = {article.id: index for index, article in enumerate(corpus.articles)}
    by_form: dict[tuple[str, str], Entry] = {}
    for entry in glossary.entries:
        for lang in ("fr", "en"):
            form = getattr(entry, lang)
            if form and getattr(entry, f"{lang}_source") == "corpus" and entry.kind != "entity":
                by_form.setdefault((lang, form.casefold()), entry)
    merged: set[int] = set()
    for entry in glossary.entries:
        if entry.kind == "entity":
            continue
        for lang in ("fr", "en"):
            form = getattr(entry, lang)
            if not form or getattr(entry, f"{lang}_source") != "model":
                continue
            target = by_form.get((lang, form.casefold()))
            if target is None or target is entry or id(target) in merged:
                continue
            spans = {(o.article, o.start, o.end) for o in target.occurrences}
            target.occurrences = sorted(
                target.occurrences + [o for o in entry.occurrences if (o.article, o.start, o.end) not in spans],
                key=lambda o: (order[o.article], o.start),
            )
            target.variants = sorted(set(target.variants) | set(entry.variants))
            target.evidence = sorted(set(target.evidence) | set(entry.evidence) | {"translation"})
            target.score = max(target.score, entry.score)
            target.definition = target.definition or entry.definition
            merged.add(id(entry))
            break
    glossary.entries = [e for e in glossary.entries if id(e) not in merged]


def _confirm_pairing(glossary: Glossary, entry: Entry, translation: str, role: str) -> None:
    """An expansion paired by position is confirmed when its translation spells the acronym.

    "petits réacteurs modulaires (SMR)" pairs by position; the translator's "small modular
    reactors" spells SMR, which confirms it. A translation that does not leaves the pair
    as the text gave it, marked unconfirmed, with a problem naming it.
    """
    if acronyms.matches(entry.abbreviation, translation):
        entry.pairing = "position, confirmed by translation"
        return
    entry.pairing = "position, not confirmed by translation"
    glossary.problems.append(
        f"{entry.id}: {entry.abbreviation} paired by position with '{entry.fr or entry.en}', "
        f"but its {role} translation '{translation}' does not spell it"
    )
