"""The glossary pipeline: parse → candidates → concepts (variants merged) → ranking →
occurrences → definitions → missing FR/EN forms from the translator → sorted entries.

Nothing here knows which terms a corpus contains: every entry comes from the
extractors in ``glossary/extract`` (patterns, acronyms, borrowings, cues, entities).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from core.corpus import Corpus
from core.errors import ModelNotAvailableError
from core.models.loader import check_available, load_model
from core.models.quality import generation_problem
from core.models.seq2seq import generate_or_report
from core.models.settings import Settings
from core.progress import Progress, stage_counter
from core.text import slugify
from glossary.extract import acronyms, borrowings, cues, entities, patterns, ranking
from glossary.extract.candidates import Candidate, surface_key
from glossary.extract.nlp import ParsedPassage, parse_corpus
from glossary.extract.occurrences import find_occurrences
from glossary.model import KINDS, Definition, Entry, Glossary, Occurrence

MIN_ENTITY_MENTIONS = 2
MIN_BARE_ACRONYM_MENTIONS = 2
KIND_ORDER = {kind: rank for rank, kind in enumerate(KINDS)}
_DEFINING = re.compile(r"\b(est une?|sont des|désigne|signifie|consiste|is an?|are|refers to|means)\b", re.I)


@dataclass
class Concept:
    """Candidate forms believed to name one concept, before it becomes an :class:`Entry`."""

    forms: dict[str, Counter] = field(default_factory=lambda: {"fr": Counter(), "en": Counter()})
    keys: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)
    abbreviation: str | None = None
    candidates: list[Candidate] = field(default_factory=list)
    definition: Definition | None = None
    defined_with: int = 0
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
    """Extract the corpus's terms, acronyms and entities; fill missing forms with the translators."""
    parsed = list(parse_corpus(corpus))
    if progress:
        progress("glossary: parse", len(parsed), len(parsed))
    concepts = _collect(corpus, parsed)
    entries = _entries(corpus, concepts)
    glossary = Glossary(
        entries=entries,
        settings={
            "termhood_threshold": ranking.THRESHOLD,
            "min_entity_mentions": MIN_ENTITY_MENTIONS,
            "min_bare_acronym_mentions": MIN_BARE_ACRONYM_MENTIONS,
        },
    )
    if settings is not None:
        _translate_missing_forms(glossary, corpus, settings, progress)
    glossary.entries.sort(key=lambda e: (KIND_ORDER[e.kind], e.label.casefold(), e.id))
    return glossary


def _collect(corpus: Corpus, parsed: list[ParsedPassage]) -> list[Concept]:
    phrases: dict[str, Concept] = defaultdict(Concept)
    acronym_concepts: dict[str, Concept] = defaultdict(Concept)
    others: list[Concept] = []
    bare: dict[str, Concept] = defaultdict(Concept)
    named: dict[str, Concept] = defaultdict(Concept)
    for item in parsed:
        for candidate, label in entities.entity_candidates(item):
            concept = named[candidate.text]
            if acronyms.is_acronym(candidate.text):
                concept.abbreviation = candidate.text
            concept.names[candidate.text] += 1
            concept.keys.add(surface_key(candidate.text))
            concept.candidates.append(candidate)
            concept.entity_labels[label] += 1
            concept.evidence.add("entity")
    names = frozenset(word for name in named for word in name.split() if word[:1].isupper())
    for item in parsed:
        found = list(patterns.pattern_candidates(item))
        for candidate in found:
            phrases[candidate.key].add(candidate, key=candidate.key)
            phrases[candidate.key].evidence.add("pattern")
        for definition in acronyms.find_definitions(item, found):
            concept = acronym_concepts[definition.acronym]
            concept.abbreviation = definition.acronym
            concept.evidence.add("acronym-definition")
            concept.keys.add(surface_key(definition.acronym))
            for form in definition.expansions:
                concept.forms[form.lang][form.text] += 1
                concept.keys.add(surface_key(form.text))
            # The sentence giving the most expansions defines best ("(European Central Bank, ECB)").
            if len(definition.expansions) > concept.defined_with:
                concept.definition = _definition_at(item, definition.sentence_start)
                concept.defined_with = len(definition.expansions)
        for gloss in cues.gloss_pairs(item, found):
            concept = Concept(evidence={"gloss"})
            concept.add(gloss.native)
            concept.add(gloss.foreign)
            concept.definition = _definition_at(item, _sentence_of(item, gloss.native.start))
            others.append(concept)
        for candidate in cues.cue_candidates(item):
            concept = Concept(evidence={"cue"})
            concept.add(candidate)
            concept.definition = _definition_at(item, _sentence_of(item, candidate.start))
            others.append(concept)
        for candidate in borrowings.borrowing_candidates(item, names):
            concept = Concept(evidence={"borrowing"})
            concept.add(candidate)
            others.append(concept)
        for candidate in acronyms.acronym_candidates(item):
            bare[candidate.text].candidates.append(candidate)
            bare[candidate.text].keys.add(surface_key(candidate.text))
            bare[candidate.text].abbreviation = candidate.text

    _rank_phrases(corpus, phrases)
    kept_phrases = [c for c in phrases.values() if c.score >= ranking.THRESHOLD]
    for concept in bare.values():
        concept.evidence.add("acronym")
    concepts = [*acronym_concepts.values(), *others, *kept_phrases]
    concepts += [c for c in bare.values() if len(c.candidates) >= MIN_BARE_ACRONYM_MENTIONS]
    concepts += [c for c in named.values() if _entity_worth_keeping(c)]
    return _merge(concepts)


def _entity_worth_keeping(concept: Concept) -> bool:
    # One-off multi-word people and organisations are worth naming; one-off MISC spans are noise.
    label = concept.entity_labels.most_common(1)[0][0]
    multiword = " " in concept.candidates[0].text
    return len(concept.candidates) >= MIN_ENTITY_MENTIONS or (multiword and label != "MISC")


def _rank_phrases(corpus: Corpus, phrases: dict[str, Concept]) -> None:
    frequencies = {key: len(c.candidates) for key, c in phrases.items()}
    values = ranking.c_values(frequencies)
    texts = {a.id: a.text for a in corpus.articles}
    for key, concept in phrases.items():
        if any(t[:1].isupper() for c in concept.candidates[:1] for t in c.text.split()[1:]):
            concept.score = 0.0  # a description of a named thing ("éditeur de ChatGPT"), not a term
            continue
        after_number = sum(bool(re.search(r"\d\s*$", texts[c.article][: c.start])) for c in concept.candidates)
        if after_number * 2 >= len(concept.candidates):
            concept.score = 0.0  # a quantity ("250 milliards de dollars"), not a term
            continue
        lang = concept.candidates[0].lang
        words = concept.candidates[0].text.split()
        spread = len({c.article for c in concept.candidates})
        concept.score = ranking.termhood(values[key], words, lang, spread)


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
        merged.abbreviation = merged.abbreviation or concept.abbreviation
        merged.score = max(merged.score, concept.score)
        if concept.definition and (merged.definition is None or "acronym-definition" in concept.evidence):
            merged.definition = concept.definition
    return list(groups.values())


def _entries(corpus: Corpus, concepts: list[Concept]) -> list[Entry]:
    entries = []
    for concept in concepts:
        kind = _kind(concept)
        forms = {f for lang in ("fr", "en") for f in concept.forms[lang]}
        variants = sorted(forms | set(concept.names) | _abbreviation(concept))
        occurrences = find_occurrences(corpus, variants, case_sensitive=kind != "term")
        if not occurrences:
            continue
        fr, en = _main_form(concept, "fr"), _main_form(concept, "en")
        if kind == "entity":
            fr = en = min(concept.names, key=lambda n: (-concept.names[n], len(n), n))  # names are not translated
        elif kind == "acronym" and not (fr or en):
            # No expansion in the text: the acronym is the form in its article's language; the
            # translator gives the other ("IA" → "AI"), or it stays missing.
            lang = Counter(c.lang for c in concept.candidates).most_common(1)[0][0]
            fr, en = (concept.abbreviation, None) if lang == "fr" else (None, concept.abbreviation)
        elif "borrowing" in concept.evidence and not (fr and en):
            fr = en = fr or en  # a borrowing is used as is in both languages
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
                definition=concept.definition or _best_definition(corpus, occurrences),
                occurrences=occurrences,
                entity_type=concept.entity_labels.most_common(1)[0][0] if kind == "entity" else None,
                score=round(concept.score, 3),
                evidence=sorted(concept.evidence),
            )
        )
    entries = _drop_nested(entries)
    _assign_ids(entries)
    return entries


def _kind(concept: Concept) -> str:
    defined = concept.evidence & {"acronym-definition", "gloss", "cue", "borrowing", "pattern"}
    if concept.abbreviation and (defined or not concept.entity_labels):
        return "acronym"
    if concept.entity_labels and not defined:
        return "entity"
    return "term"


def _abbreviation(concept: Concept) -> set[str]:
    return {concept.abbreviation} if concept.abbreviation else set()


def _main_form(concept: Concept, lang: str) -> str | None:
    """The most frequent form in ``lang`` other than the abbreviation; on a tie the shortest, then alphabetical."""
    forms = Counter({f: n for f, n in concept.forms[lang].items() if f != concept.abbreviation})
    if not forms:
        return None
    return min(forms, key=lambda f: (-forms[f], len(f), f))


# How much an entry's evidence says it is a term of its own, for settling nested entries.
EVIDENCE_STRENGTH = {
    "acronym-definition": 3,
    "gloss": 3,
    "cue": 3,
    "borrowing": 2,
    "acronym": 1,
    "pattern": 1,
    "entity": 1,
}


def _strength(entry: Entry) -> int:
    return max(EVIDENCE_STRENGTH[e] for e in entry.evidence)


def _drop_nested(entries: list[Entry]) -> list[Entry]:
    """Drop an entry whose every occurrence lies inside an occurrence of an entry with evidence as strong.

    "central" found as a borrowing only inside "European Central Bank" is no entry of
    its own; a borrowing is not dropped for a longer phrase that only a pattern matched.
    """
    spans = {id(e): [(o.article, o.start, o.end) for o in e.occurrences] for e in entries}
    kept = []
    for entry in entries:
        if _strength(entry) < 3:
            outer = [
                span
                for other in entries
                if other is not entry and _strength(other) >= _strength(entry)
                for span in spans[id(other)]
            ]
            inside = all(
                any(a == oa and os <= s and e <= oe and (os, oe) != (s, e) for oa, os, oe in outer)
                for a, s, e in spans[id(entry)]
            )
            if inside:
                continue
        kept.append(entry)
    return kept


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


def _best_definition(corpus: Corpus, occurrences: list[Occurrence]) -> Definition:
    """The occurrence sentence that reads most like a definition; the earliest on a tie; never a heading."""

    def score(occurrence: Occurrence) -> int:
        if corpus.passage(occurrence.passage).kind == "heading":
            return -1
        after = occurrence.quote[occurrence.quote.find(occurrence.text) + len(occurrence.text) :][:3]
        return 2 * bool(_DEFINING.search(occurrence.quote)) + bool(re.match(r"\s*[,:(]", after))

    best = max(occurrences, key=score)  # max keeps the first of equal scores
    return Definition(best.quote, best.passage)


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
