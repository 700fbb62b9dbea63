"""The news-aware extractive engine, its standalone rules, its length budget, and the corpus summary.

Every sentence here is written for the test: the rules must hold on text they were not
tuned on.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from core.errors import ConfigError
from core.models.length import Length, parse_length
from summarize.engines.base import Document
from summarize.engines.multidoc import Source, summarise_sources
from summarize.engines.news import (
    NewsEngine,
    extract,
    lead_of,
    position_prior,
    prose_ranks,
    select,
    sentence_scores,
)
from summarize.engines.standalone import judge, judge_all


@pytest.mark.parametrize(
    ("sentence", "lang", "rule"),
    [
        ("Celle-ci permet à la mairie de fermer le marché couvert dès le mois prochain.", "fr", "anaphora"),
        ("Ils ont voté contre le projet de rocade lors du dernier conseil municipal.", "fr", "anaphora"),
        ("Ce dernier a démissionné de la présidence du club après la défaite à domicile.", "fr", "anaphora"),
        ("They said the new bridge would not open to traffic before next spring.", "en", "anaphora"),
        ("The latter has refused to comment on the vote of the port authority.", "en", "anaphora"),
        ("Mais le conseil régional a finalement voté le budget des lycées mardi soir.", "fr", "connective"),
        ("Dit autrement, la région paiera seule la rénovation des trois gymnases.", "fr", "connective"),
        ("However, the port authority still has to approve the dredging of the channel.", "en", "connective"),
        ("« Nous ne fermerons aucune classe à la rentrée », a-t-elle assuré.", "fr", "quote"),
        ("“We will not close a single ward this winter,” the director told staff.", "en", "quote"),
        ("Faut-il vraiment interdire les trottinettes électriques dans le centre-ville ?", "fr", "question"),
        ("Will the new tram line really cut traffic on the ring road?", "en", "question"),
        ("Photo : le maire inaugure la nouvelle médiathèque, samedi 12 avril.", "fr", "caption"),
        ("The flooded high street in Tewkesbury on Sunday. Photograph © Jane Doe", "en", "caption"),
        ("Par Claire Martin et Paul Durand", "fr", "byline"),
        ("Publié le 12 mars 2024 à 18h05, mis à jour à 19h30.", "fr", "byline"),
        ("By John Smith", "en", "byline"),
        ("Updated 3 hours ago, 4 min read.", "en", "byline"),
        ("- la rénovation des trois gymnases de la ville", "fr", "fragment"),
        ("Les principales mesures du plan sont les suivantes :", "fr", "fragment"),
        ("Key dates", "en", "fragment"),
        ("REUTERS/Jane Doe", "en", "caption"),
        ("(Credit: Jane Doe and John Smith; city archives)", "en", "caption"),
        ("(Photo : archives municipales de Brest)", "fr", "caption"),
        ("(AFP)", "fr", "caption"),
        ("Claire Vasseur, nouvelle directrice du centre hospitalier de Morlaix.", "fr", "caption"),
        ("Paul-Henri Le Goff, le 14 février 2023 à Quimper (Finistère).", "fr", "caption"),
        ("Harriet Quayle, harbour master of the port of Fowey since 2019.", "en", "caption"),
    ],
)
def test_each_standalone_rule_demotes_the_sentence_it_describes(sentence, lang, rule):
    verdict = judge(sentence, lang)
    assert rule in verdict.doubts
    assert verdict.factor < 1.0


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Le conseil régional a voté mardi le budget des lycées, en hausse de 4 % sur un an.", "fr"),
        ("Cette semaine, la préfecture a interdit la baignade sur trois plages du littoral.", "fr"),
        ("The port authority approved on Tuesday a plan to dredge the main channel by 2027.", "en"),
        ("This year, the city will plant 5,000 trees along its main avenues.", "en"),
        ("Etats et régions se partageront le coût des travaux sur dix ans.", "fr"),
        ("Il y a désormais plus de cent bornes de recharge dans le département.", "fr"),
        ("Il faut compter deux heures de train entre Lyon et Marseille depuis mardi.", "fr"),
        ("Les vents ont soufflé à 120 km/h sur la côte bretonne dans la nuit.", "fr"),
        # A name, an apposition and then what they did: a clause, not a caption.
        ("Claire Vasseur, directrice de l'hôpital de Morlaix, a démissionné jeudi.", "fr"),
        # An opening adverbial is no name.
        ("Jeudi soir, la directrice de l'hôpital de Morlaix a démissionné.", "fr"),
        ("À Quimper, trois écoles resteront fermées jusqu'à lundi.", "fr"),
        ("Last night, the harbour master closed the port of Fowey to fishing boats.", "en"),
        ("ROSCOFF, France – The ferry company cancelled every crossing on Friday.", "en"),
    ],
)
def test_a_sentence_that_stands_alone_is_not_demoted(sentence, lang):
    verdict = judge(sentence, lang)
    assert verdict.doubts == () and verdict.factor == 1.0 and verdict.text == sentence


def test_a_short_line_before_a_photo_credit_is_a_caption():
    sentences = [
        "Le maire de Brest devant la piscine Foch, le 3 mars 2024.",
        "JEAN DUPONT / AGENCE OUEST",
        "La piscine Foch fermera dix-huit mois pour des travaux de rénovation.",
    ]
    verdicts = judge_all(sentences, "fr")
    assert "caption" in verdicts[0].doubts and "caption" in verdicts[1].doubts
    assert verdicts[2].doubts == ()
    assert judge_all(sentences[:1], "fr")[0].doubts == ()  # the same line with no credit after it is prose


def test_an_opening_connective_is_cut_off_when_the_sentence_is_read_alone():
    assert judge("Mais le conseil régional a finalement voté le budget des lycées.", "fr").text == (
        "Le conseil régional a finalement voté le budget des lycées."
    )
    assert judge("However, the port authority still has to approve the plan.", "en").text == (
        "The port authority still has to approve the plan."
    )


LEAD_STORY = [
    "La ville de Nantes va rendre ses bus gratuits le week-end à partir du 1er septembre.",
    "Le réseau compte quarante lignes de bus et trois lignes de tramway.",
    "Les commerçants du centre réclamaient une telle mesure depuis plusieurs années.",
    "Le coût de la gratuité est estimé à six millions d'euros par an.",
    "La métropole a aussi rénové la gare routière l'an dernier.",
    "Un vélo en libre-service est disponible dans vingt stations.",
]


def test_position_prior_falls_with_rank_and_keeps_the_lead():
    prior = position_prior(6)
    assert prior[0] == 1.0 and all(a > b for a, b in itertools.pairwise(prior))
    # Sentences of comparable centrality: the budget of one sentence goes to the lead.
    assert select(LEAD_STORY, "fr", budget=18) == [0]
    reversed_story = list(reversed(LEAD_STORY))
    assert select(reversed_story, "fr", budget=len(reversed_story[0].split())) == [0]


def test_captions_credits_and_kickers_atop_a_page_do_not_push_the_lead_down():
    furniture = [
        "Le maire de Nantes devant un bus du réseau, le 3 juin.",
        "PAUL DURAND / AGENCE OUEST",
        "Transports.",
        "Par Claire Martin",
    ]
    page = [*furniture, *LEAD_STORY]
    verdicts = judge_all(page, "fr")
    assert [v.furniture for v in verdicts] == [True] * 4 + [False] * len(LEAD_STORY)
    # The lead keeps the rank of a lead: the best of the prose, as without the lines above it.
    with_furniture = sentence_scores(page, verdicts=verdicts)
    assert with_furniture[4] == max(with_furniture[4:])
    assert select(page, "fr", budget=18) == [4]
    # Without verdicts, every line counts in the ranks and the lead loses its prior.
    assert sentence_scores(page)[4] < with_furniture[4]


def test_a_story_line_is_not_furniture():
    verdicts = judge_all(LEAD_STORY, "fr")
    assert not any(v.furniture for v in verdicts)


def test_an_anaphoric_sentence_is_kept_only_with_the_sentence_it_leans_on():
    sentences = [
        "Le tribunal administratif a suspendu mardi le chantier de la rocade nord de Rennes.",
        "Celui-ci menaçait une zone humide protégée où nichent des hérons cendrés.",
        "Les travaux avaient commencé en janvier malgré l'avis défavorable des naturalistes.",
    ]
    picked = select(sentences, "fr", budget=30)
    assert 1 not in picked or 0 in picked
    assert select(sentences, "fr", budget=10) == [0]


def test_a_connective_is_kept_after_its_sentence_and_cut_without_it():
    sentences = [
        "Le club de Lens a signé mardi un nouvel entraîneur pour trois saisons.",
        "Mais le président a refusé de révéler le montant du contrat signé hier.",
        "Le stade sera agrandi de deux mille places d'ici la fin de l'année prochaine.",
    ]
    together = extract(sentences, "fr", budget=200)
    assert together[1].startswith("Mais le président")
    alone = extract(sentences[1:], "fr", budget=13)
    assert alone == ["Le président a refusé de révéler le montant du contrat signé hier."]


def test_questions_and_captions_give_way_to_the_news():
    sentences = [
        "Faut-il craindre une nouvelle vague de chaleur cet été dans le sud du pays ?",
        "Photo : des touristes se rafraîchissent dans une fontaine, à Lyon, le 3 juillet.",
        "Météo-France a placé douze départements en vigilance orange canicule jusqu'à jeudi.",
        "Les températures pourraient dépasser quarante degrés dans la vallée du Rhône.",
    ]
    picked = select(sentences, "fr", budget=25)
    assert 2 in picked and 0 not in picked and 1 not in picked


@pytest.mark.parametrize("words", [12, 25, 40])
def test_the_word_budget_is_honoured(words):
    document = Document("fr", LEAD_STORY * 2)
    summary = NewsEngine(_settings(Length(words=words))).summarise({"a": document})["a"]
    first = len(LEAD_STORY[0].split())
    assert len(summary.text.split()) <= max(first, words * 1.15)
    longer = NewsEngine(_settings(Length(words=words * 3))).summarise({"a": document})["a"]
    assert len(longer.text.split()) > len(summary.text.split())


def test_a_share_of_the_text_sets_the_budget():
    document = Document("fr", LEAD_STORY)
    total = sum(len(s.split()) for s in LEAD_STORY)
    summary = NewsEngine(_settings(Length(words=None, share=0.5))).summarise({"a": document})["a"]
    assert total * 0.25 < len(summary.text.split()) <= total * 0.5 * 1.15


@pytest.mark.parametrize(("value", "expected"), [("50", Length(50)), (30, Length(30)), ("0.2", Length(None, 0.2))])
def test_length_is_words_or_a_share(value, expected):
    assert parse_length(value) == expected
    assert parse_length("25%") == Length(None, 0.25)


@pytest.mark.parametrize("value", ["0", "-3", "1.5", "lots", ""])
def test_a_bad_length_is_an_error_naming_where_it_came_from(value):
    with pytest.raises(ConfigError, match=r"--length: expected a number of words"):
        parse_length(value)


def test_the_corpus_summary_merges_a_fact_several_articles_report_and_puts_the_newest_first():
    older = Source(
        "older",
        [
            "Le conseil municipal de Brest examinera le budget la semaine prochaine.",
            "Le maire de Brest a annoncé la fermeture de la piscine Foch pour dix-huit mois de travaux.",
            "Les nageurs du club devront s'entraîner à Landerneau pendant le chantier.",
        ],
        date="2024-03-01",
    )
    newer = Source(
        "newer",
        [
            "La piscine Foch de Brest fermera pour dix-huit mois de travaux, a confirmé le maire.",
            "Le chantier coûtera 12 millions d'euros, financés à moitié par la région.",
            "Un appel d'offres sera lancé en mai pour désigner les entreprises.",
        ],
        date="2024-03-09",
    )
    undated = Source(
        "undated",
        [
            "La fermeture de la piscine Foch, à Brest, durera dix-huit mois selon la mairie.",
            "Les écoles de la ville perdront leurs créneaux de natation pendant les travaux.",
        ],
    )
    picks = summarise_sources([older, undated, newer], "fr")
    assert len(picks) == 3
    about_the_pool = [p for p in picks if "dix-huit mois" in p.text]
    assert len(about_the_pool) == 1  # reported three times, said once
    dated = [p.source for p in picks if p.source != "undated"]
    assert dated == sorted(dated, key=["newer", "older"].index)
    assert picks[-1].source == "undated" or all(p.source != "undated" for p in picks)


def _settings(length: Length):
    from core.models.settings import SummarySettings

    class Settings:
        summary = SummarySettings(length)

    return Settings()


def test_a_headline_printed_again_is_a_fragment_and_does_not_push_the_lead_down():
    title = "Nantes rend ses bus gratuits le week-end"
    sentences = ["Nantes rend ses bus gratuits le week-end.", *LEAD_STORY[1:]]
    scores = sentence_scores(sentences, title)
    assert scores[0] < scores[1] and scores[1] == max(scores[1:])
    assert list(prose_ranks(np.array([True, False, False, True, False]))) == [0, 0, 1, 1, 2]


# A lead with words of its own, then background sentences that share their words with each
# other and with the headline: centrality and headline similarity both favour the background.
LEAD_UNDER_BACKGROUND = [
    "Les élus ont voté lundi soir la fermeture de la piscine Jean-Bouin pour raisons de sécurité.",
    "La piscine municipale de Saint-Herblain accueillait les clubs de natation de Saint-Herblain.",
    "Les clubs de natation de Saint-Herblain devront nager dans la piscine de Rezé.",
    "La piscine de Rezé accueille déjà les clubs de natation de Rezé et de Bouguenais.",
    "Les clubs de natation craignent des créneaux réduits dans la piscine de Rezé.",
]


def test_the_lead_opens_the_summary_even_when_background_scores_higher():
    title = "Piscine de Saint-Herblain : les clubs de natation iront à Rezé"
    scores = sentence_scores(LEAD_UNDER_BACKGROUND, title)
    assert scores[0] < max(scores[1:])  # by its scores alone, the lead would give way
    budget = 2 * len(LEAD_UNDER_BACKGROUND[0].split())
    picked = select(LEAD_UNDER_BACKGROUND, "fr", budget, title)
    assert picked[0] == 0


def test_the_lead_is_the_first_sentence_that_stands_alone():
    sentences = [
        "Faut-il fermer la piscine Jean-Bouin avant l'été ?",  # a question is no lead
        "Celle-ci accueille chaque semaine huit cents nageurs.",  # nor a sentence that leans on another
        "Les élus de Saint-Herblain ont voté lundi la fermeture de la piscine Jean-Bouin.",
        "Les travaux de mise aux normes coûteraient quatre millions d'euros.",
        "Un bassin provisoire pourrait être installé sur le parking du stade.",
    ]
    assert lead_of(sentences, judge_all(sentences, "fr"), np.zeros(len(sentences), dtype=bool)) == 2
    assert select(sentences, "fr", budget=len(sentences[2].split())) == [2]


def test_a_lead_longer_than_the_budget_gives_way_to_the_length_asked_for():
    sentences = [
        "Après trois années de débats, de recours et de consultations publiques, les élus de la métropole "
        "ont voté lundi soir, à une courte majorité, la fermeture définitive de la piscine Jean-Bouin.",
        "Les nageurs iront à Rezé.",
        "Le bassin de Rezé ouvrira plus tôt le matin.",
    ]
    picked = select(sentences, "fr", budget=10)
    assert 0 not in picked
    assert sum(len(sentences[i].split()) for i in picked) <= 10 * 1.15


def test_an_uncredited_caption_atop_the_page_is_not_the_lead():
    sentences = [
        "Claire Vasseur, nouvelle directrice du centre hospitalier de Morlaix.",
        "La directrice de l'hôpital de Morlaix a annoncé jeudi la fermeture de la maternité en juin.",
        "Les naissances seront assurées à Brest, à soixante kilomètres.",
    ]
    verdicts = judge_all(sentences, "fr")
    assert lead_of(sentences, verdicts, np.zeros(len(sentences), dtype=bool)) == 1
    assert select(sentences, "fr", budget=len(sentences[1].split()))[0] == 1


def test_a_dateline_marks_the_lead_over_a_caption_printed_before_the_story():
    sentences = [
        "Volunteers stack sandbags along the river bank in the old town on Tuesday evening.",
        "Forecasters said the rain was the heaviest since records began.",
        "GRENOBLE, France (AP) — Rising water forced four hundred people from their homes in the Alps overnight.",
        "The river is expected to peak on Thursday morning.",
    ]
    verdicts = judge_all(sentences, "en")
    assert lead_of(sentences, verdicts, np.zeros(len(sentences), dtype=bool)) == 2
    summary = extract(sentences, "en", budget=16)
    assert summary == ["Rising water forced four hundred people from their homes in the Alps overnight."]
