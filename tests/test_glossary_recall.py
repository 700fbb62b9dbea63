"""Recall of French constructions the lead's blind run missed (issue 13, fifth pass).

Every sentence here was written for these tests, on topics none of the benchmark corpora covers
(watchmaking, the coffee trade, ski resorts).
"""

from __future__ import annotations

from test_glossary_extract import entry_for, glossary_of
from test_glossary_precision import labels

WATCHES = (
    "Les fabricants de montres redoutent une hausse des droits de douane. Le prix plancher fixé par "
    "l'association des détaillants protège les petites marques, et un projet pilote de vente directe démarre.",
    "Le projet pilote permet aux ateliers de vendre sans intermédiaire. Le prix plancher reste respecté. "
    "Chaque État membre de l'Union applique ses propres droits de douane sur les métaux précieux.",
    "Un État membre a saisi la Commission : à ses yeux, le prix plancher fausse la concurrence.",
    "Le projet pilote sera prolongé d'un an. Un autre État membre pourrait rejoindre l'accord, tandis que "
    "le prix plancher sera révisé en juin.",
)

COFFEE = (
    "Le franc suisse s'est apprécié face au dollar, et les négociants réclament un report. La récolte "
    "brésilienne recule de 12 points de pourcentage. Les paiements à vue des torréfacteurs ralentissent.",
    "Les contrats sont libellés en francs suisses depuis 2019. Les paiements à vue restent la règle pour "
    "les petites coopératives, qui gagnent 3 points de pourcentage de marge. La Suisse accueille le négoce.",
    "Le franc suisse pèse sur les marges des exportateurs. Les paiements à vue sont garantis par les banques.",
    "La récolte de robusta progresse de 5 points de pourcentage. Les négociants de Genève, en Suisse, "
    "règlent en francs suisses.",
)


def test_a_repeated_noun_noun_compound_is_a_term(tmp_path):
    # The second noun qualifies the first ("prix plancher"), even written with a capital ("État membre").
    glossary = glossary_of(tmp_path, *WATCHES)
    for compound in ("prix plancher", "projet pilote", "État membre"):
        entry = entry_for(glossary, compound)
        assert entry.kind == "term"
        assert len(entry.occurrences) >= 3


def test_a_noun_a_noun_compound_wins_over_its_head(tmp_path):
    # "à vue" closes a compound ("paiements à vue"); "points de pourcentage" is a unit the
    # articles count in, though it always follows a number.
    glossary = glossary_of(tmp_path, *COFFEE)
    assert entry_for(glossary, "paiements à vue").kind == "term"
    assert "paiements" not in labels(glossary)
    assert entry_for(glossary, "points de pourcentage").kind == "term"
    assert "pourcentage" not in labels(glossary)


def test_a_locution_noun_before_a_preposition_closes_no_compound(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les skieurs achètent des forfaits en vue de la saison. Les moniteurs embauchent en vue des vacances.",
        "Les forfaits en vue de Noël se vendent. Les forfaits en vue des fêtes aussi.",
    )
    assert not [label for label in labels(glossary) if label.endswith(" vue")]


def test_singular_and_plural_of_a_currency_named_after_a_country_are_one_term(tmp_path):
    glossary = glossary_of(tmp_path, *COFFEE)
    entry = entry_for(glossary, "franc suisse")
    assert entry.kind == "term"
    assert {"franc suisse", "francs suisses"} <= set(entry.variants)
    assert len(entry.occurrences) == 4
    assert entry_for(glossary, "Suisse").kind == "entity"


SNOW = (
    "Dans les Vosges, les stations ont ouvert trois pistes seulement ce week-end. La neige manque depuis "
    "décembre et les moniteurs attendent les vacances scolaires avec inquiétude, disent les élus du massif.",
    "À La Bresse, la neige est tombée mardi soir, mais la douceur revenue jeudi a fait fondre le manteau. "
    "Les loueurs de matériel comptent leurs pertes et demandent une aide à la région.",
    "Les hôteliers du massif ont vu les réservations reculer de moitié. Sans neige, disent-ils, les familles "
    "partent vers les Alpes, où les remontées tournent déjà à plein depuis Noël.",
    "Météo-France annonce un redoux jusqu'à la fin du mois. Les exploitants espèrent que la neige reviendra "
    "avant février, sinon la saison sera la plus courte depuis dix ans dans le massif.",
)


def test_an_everyday_noun_every_article_repeats_is_a_term(tmp_path):
    # "neige" is common French; four uses in four short articles are some 900 times its general
    # share: not enough for one article alone, enough for a word the whole collection is about.
    (tmp_path / "four").mkdir()
    (tmp_path / "one").mkdir()
    assert entry_for(glossary_of(tmp_path / "four", *SNOW), "neige").kind == "term"
    assert "neige" not in labels(glossary_of(tmp_path / "one", " ".join(SNOW)))
