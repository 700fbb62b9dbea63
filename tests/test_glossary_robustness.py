"""The glossary on text it was not built on: one test (or a few) per cause of issue 13.

Every sentence here was written for these tests, on topics other than the shipped corpus.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from test_glossary_extract import entry_for, glossary_of
from test_glossary_precision import single_mention_term

from core.corpus import read_corpus
from core.errors import ConfigError
from core.models.settings import resolve_settings
from glossary import build_glossary
from glossary.build import _confirm_pairing, _longest_match
from glossary.extract.acronyms import matches
from glossary.model import Definition, Entry, Glossary, Occurrence
from glossary.render.csv import csv_report, render_csv
from glossary.render.tbx import render_tbx

TBX = "{urn:iso:std:iso:30042:ed-2}"


def labels(glossary) -> list[str]:
    return [e.label for e in glossary.entries]


# 1. Elision ------------------------------------------------------------------------------------


def test_an_elided_article_does_not_hide_the_first_letter_of_the_long_form(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Selon l'Observatoire national de la biodiversité (ONB), les zones humides reculent. "
        "Le rapport de l'ONB sera présenté au Parlement.",
    )
    entry = entry_for(glossary, "ONB")
    assert entry.fr == "Observatoire national de la biodiversité"
    assert entry.pairing == "initials"


@pytest.mark.parametrize(
    ("acronym", "long_form"),
    [
        ("OEB", "Office européen des brevets"),
        ("AIEA", "Agence internationale de l'énergie atomique"),
        ("CNIL", "Commission nationale de l'informatique et des libertés"),
    ],
)
def test_elided_words_count_by_their_own_initial(acronym, long_form):
    assert matches(acronym, long_form)


# 2. Long forms that hold an acronym ------------------------------------------------------------


@pytest.mark.parametrize(
    ("acronym", "long_form"),
    [("UNSCR", "UN Security Council Resolution"), ("GPLLM", "general-purpose LLM"), ("mRNA", "messenger RNA")],
)
def test_a_long_form_may_contain_an_acronym_of_its_own(acronym, long_form):
    assert matches(acronym, long_form)


def test_an_acronym_with_a_hyphenated_part_is_paired(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Le système d'échange de quotas d'émission de l'UE (SEQE-UE) a atteint un record. "
        "Les quotas du SEQE-UE montent encore.",
    )
    assert entry_for(glossary, "SEQE-UE").fr == "système d'échange de quotas d'émission de l'UE"


# 3. Expansions in the other language ------------------------------------------------------------


def test_an_expansion_in_the_other_language_is_paired_by_position_and_marked(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les salariés passent par des réseaux privés virtuels (VPN) pour travailler de chez eux. "
        "Un VPN chiffre le trafic.",
    )
    entry = entry_for(glossary, "VPN")
    assert entry.fr == "réseaux privés virtuels"
    assert entry.pairing == "position"


def test_position_needs_one_content_word_per_letter(tmp_path):
    # Four content words before a three-letter acronym: no unambiguous pairing.
    glossary = glossary_of(
        tmp_path,
        "Le groupe publie demain ses résultats annuels consolidés audités (XYZ). Les analystes attendent XYZ.",
    )
    entry = entry_for(glossary, "XYZ")
    assert entry.pairing is None and entry.fr == "XYZ"


def test_an_expansion_one_word_short_pairs_when_a_function_word_takes_the_letter(tmp_path):
    # "of" in the English long form is "de" here: four letters over three content words.
    glossary = glossary_of(
        tmp_path,
        "Selon l'étude, le coût actualisé de l'hydrogène (LCOH) baissera d'ici 2030. "
        "Le LCOH dépend du prix de l'électricité.",
    )
    entry = entry_for(glossary, "LCOH")
    assert entry.fr == "coût actualisé de l'hydrogène" and entry.pairing == "position"


def test_a_gloss_with_ou_gives_the_whole_aligned_phrase_to_the_acronym(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Pour les industriels, le coût actualisé de l'hydrogène, ou LCOH, reste trop élevé. "
        "Le LCOH baisse pourtant chaque année.",
    )
    entry = entry_for(glossary, "LCOH")
    assert entry.fr == "coût actualisé de l'hydrogène" and entry.pairing == "position"


def test_an_expansion_one_word_short_of_a_short_acronym_is_not_paired(tmp_path):
    # Three letters over two content words and "de" is too weak: no pairing.
    glossary = glossary_of(
        tmp_path,
        "La ville a voté un plan de voirie (QRT) hier soir. Le QRT entre en vigueur en mai.",
    )
    entry = entry_for(glossary, "QRT")
    assert entry.pairing is None


def test_the_translator_confirms_or_flags_a_position_pair():
    confirmed = Entry(id="vpn", fr="réseaux privés virtuels", en=None, kind="acronym", abbreviation="VPN")
    confirmed.pairing = "position"
    glossary = Glossary(entries=[confirmed])
    _confirm_pairing(glossary, confirmed, "virtual private networks", "fr-en")
    assert confirmed.pairing == "position, confirmed by translation" and not glossary.problems
    doubtful = Entry(id="xyz", fr="résultats annuels consolidés", en=None, kind="acronym", abbreviation="XYZ")
    doubtful.pairing = "position"
    _confirm_pairing(glossary, doubtful, "consolidated annual results", "fr-en")
    assert doubtful.pairing == "position, not confirmed by translation"
    assert "XYZ" in glossary.problems[0] and "consolidated annual results" in glossary.problems[0]


# 4 and 5. Fragments and longest match --------------------------------------------------------------


def _occurrence(start: int, end: int, text: str) -> Occurrence:
    return Occurrence("a", "a#p1", start, end, text, "quote")


def test_occurrences_go_to_the_longest_entry_and_fragments_are_dropped():
    journal = Entry(id="j", fr=None, en="Harbour Street Journal", kind="entity", evidence=["entity"])
    journal.occurrences = [_occurrence(s, s + 22, "Harbour Street Journal") for s in (0, 100, 200)]
    street = Entry(id="s", fr=None, en="Harbour Street", kind="entity", evidence=["entity"])
    street.occurrences = [_occurrence(s, s + 14, "Harbour Street") for s in (0, 100, 200, 300)]
    port = Entry(id="p", fr=None, en="Harbour", kind="entity", evidence=["entity"])
    port.occurrences = [_occurrence(s, s + 7, "Harbour") for s in (0, 400, 500)]
    kept = _longest_match([journal, street, port])
    assert street not in kept  # three of its four mentions sit inside the journal's name
    assert port in kept and [o.start for o in port.occurrences] == [400, 500]  # its own mentions only
    assert [o.start for o in journal.occurrences] == [0, 100, 200]


def test_a_defined_entry_keeps_its_own_mentions_even_when_mostly_nested():
    outer = Entry(id="o", fr="taux de TVA réduit", en=None, kind="term", evidence=["gloss"])
    outer.occurrences = [_occurrence(s, s + 18, "taux de TVA réduit") for s in (0, 50)]
    inner = Entry(id="i", fr="taxe sur la valeur ajoutée", en=None, kind="acronym", abbreviation="TVA")
    inner.evidence = ["acronym-definition"]
    inner.occurrences = [_occurrence(s, s + 3, "TVA") for s in (8, 58, 300)]
    kept = _longest_match([outer, inner])
    assert inner in kept and [o.start for o in inner.occurrences] == [300]


# 6. Variants merged ------------------------------------------------------------------------------


def test_gloss_with_ou_and_aussi_appele_make_one_entry(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "La chaleur fatale, ou chaleur de récupération, est rejetée par les usines. "
        "Le stockage saisonnier, aussi appelé stockage intersaisonnier, garde cette chaleur pour l'hiver.",
    )
    assert entry_for(glossary, "chaleur fatale") is entry_for(glossary, "chaleur de récupération")
    assert entry_for(glossary, "stockage saisonnier") is entry_for(glossary, "stockage intersaisonnier")


def test_english_also_known_as_and_or_acronym_make_one_entry(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Credential stuffing, also known as password spraying, hit three retailers. "
        "Distributed ledger technology, or DLT, was discussed too. Regulators want DLT audits.",
        lang="en",
    )
    assert entry_for(glossary, "Credential stuffing") is entry_for(glossary, "password spraying")
    dlt = entry_for(glossary, "DLT")
    assert dlt.en.lower() == "distributed ledger technology"


def test_plural_and_singular_are_one_entry(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les data centers consomment beaucoup. Chaque data center refroidit ses serveurs.",
        "Un nouveau data center ouvre à Lille. Les data centers se multiplient.",
    )
    entry = entry_for(glossary, "data center")
    assert {"data center", "data centers"} <= set(entry.variants)


def test_a_bare_acronym_joins_the_phrase_of_the_same_articles_it_abbreviates(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "La Banque mondiale prête aux pays pauvres. Les prêts de la BM financent des routes. "
        "La Banque mondiale publie un rapport. La BM y défend ses choix.",
    )
    entry = entry_for(glossary, "BM")
    assert entry.fr == "Banque mondiale" and entry.pairing == "initials in corpus"


# 7. Single mentions --------------------------------------------------------------------------------


def test_a_term_seen_once_is_kept_when_its_shape_or_a_cue_says_it_is_one(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "La banque a resserré sa politique monétaire en mars. "
        "Le Parlement a voté un dispositif appelé prime de sobriété pour les ménages.",
    )
    entry_for(glossary, "politique monétaire")
    entry_for(glossary, "prime de sobriété")


# 8. Acronym heads and verb-tagged words ---------------------------------------------------------------


def test_a_phrase_headed_by_an_acronym_is_a_candidate(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "L'IA générative transforme les rédactions. Les éditeurs testent l'IA générative pour traduire.",
        "Les syndicats s'inquiètent de l'IA générative.",
    )
    assert entry_for(glossary, "IA générative").kind == "term"


# 9. Entity types and heading case ----------------------------------------------------------------------


def test_an_all_capitals_name_is_an_acronym_not_an_organisation(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les deux pays ont signé un MOU sur l'hydrogène. Le MOU prévoit des échanges d'ingénieurs.",
    )
    assert entry_for(glossary, "MOU").kind == "acronym"


def test_a_heading_in_title_case_does_not_give_the_label(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "## Transition Énergétique\n\nLa transition énergétique coûte cher. "
        "Le gouvernement finance la transition énergétique des communes.",
    )
    entry = entry_for(glossary, "transition énergétique")
    assert entry.fr == "transition énergétique"
    assert entry.context.passage.endswith("#p2")  # running text, not the heading


# 10. English without a tagger -------------------------------------------------------------------------


def test_english_without_a_tagger_gives_terms_and_entities_and_says_which_path_ran(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Heat pumps are replacing gas boilers across Norway. The Norwegian Water Resources Directorate said "
        "heat pumps cut household bills. Installers in Bergen report long waiting lists for heat pumps.",
        "Grid operators warn that heat pumps raise winter peak demand. Statnett plans new cables to Bergen.",
        lang="en",
    )
    import spacy

    if spacy.util.is_package("en_core_web_sm"):
        pytest.skip("en_core_web_sm is installed: the tagged path runs")
    assert any("model-free path" in p and "en_core_web_sm" in p for p in glossary.problems)
    assert entry_for(glossary, "heat pumps").kind == "term"
    assert entry_for(glossary, "Bergen").kind == "entity"
    assert entry_for(glossary, "Norwegian Water Resources Directorate").entity_type == "ORG"


# 11. Ranking and settings ---------------------------------------------------------------------------------


def test_every_entry_has_a_score_and_entries_are_sorted_by_it_within_each_kind(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "La Cour des comptes (CC) critique la dette publique. La dette publique atteint un record. "
        "Le déficit budgétaire se creuse, selon la CC.",
        "La dette publique inquiète les marchés. Le déficit budgétaire pèse sur les taux d'intérêt.",
    )
    assert all(e.score > 0 for e in glossary.entries)
    for kind in ("term", "acronym", "entity"):
        scores = [e.score for e in glossary.entries if e.kind == kind]
        assert scores == sorted(scores, reverse=True)


def test_threshold_and_max_entries_come_from_brief_toml(tmp_path, monkeypatch):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.md").write_text(
        "---\nlang: fr\n---\nLa dette publique augmente. La dette publique inquiète. Le déficit budgétaire aussi. "
        "La Cour des comptes (CC) le dit. Le taux directeur reste haut. La politique monétaire change.\n",
        encoding="utf-8",
    )
    corpus = read_corpus(articles)
    monkeypatch.setattr("glossary.build._translate_missing_forms", lambda *args: None)
    config = tmp_path / "brief.toml"
    config.write_text("[glossary]\nthreshold = 0.5\n", encoding="utf-8")
    unlimited = build_glossary(corpus, resolve_settings(config_file=config, environ={}))
    config.write_text("[glossary]\nmax_entries = 2\nthreshold = 0.5\n", encoding="utf-8")
    settings = resolve_settings(config_file=config, environ={})
    assert settings.glossary.max_entries == 2 and settings.glossary.threshold == 0.5
    capped = build_glossary(corpus, settings)
    assert len(capped.entries) == 2 < len(unlimited.entries)
    best = sorted(unlimited.entries, key=lambda e: -e.score)[:2]
    assert {e.label for e in capped.entries} == {e.label for e in best}
    assert any("max_entries" in p for p in capped.problems)
    assert capped.settings["termhood_threshold"] == 0.5


@pytest.mark.parametrize(
    "text", ["[glossary]\nmax_entries = 0\n", "[glossary]\nthreshold = 'high'\n", "[glossary]\ntop = 3\n"]
)
def test_bad_glossary_settings_are_refused_with_the_file_named(tmp_path, text):
    config = tmp_path / "brief.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"brief\.toml"):
        resolve_settings(config_file=config, environ={})


# 12. Definitions and TBX origin -------------------------------------------------------------------------------


def test_only_a_cued_sentence_is_a_definition_and_every_entry_has_a_context(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "## Dette publique\n\nLa dette publique atteint un record. Le déficit budgétaire est un écart entre "
        "recettes et dépenses. La dette publique pèse sur le déficit budgétaire.",
    )
    debt = entry_for(glossary, "dette publique")
    assert debt.definition is None
    assert debt.context.quote == "La dette publique atteint un record."
    deficit = entry_for(glossary, "déficit budgétaire")
    assert deficit.definition.quote.startswith("Le déficit budgétaire est un écart")


def test_tbx_notes_machine_made_forms_on_their_own_term_and_claims_no_full_form(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les entreprises équipent leurs salariés de réseaux privés virtuels (VPN) depuis la pandémie.",
    )
    entry = entry_for(glossary, "VPN")
    entry.en, entry.en_source = "virtual private networks", "model"
    glossary.models["fr-en"] = {"model": "some/translator", "revision": "r1"}
    root = ET.fromstring(render_tbx(glossary, read_corpus(tmp_path)))
    concept = root.find(f".//{TBX}conceptEntry[@id='{entry.id}']")
    terms = {t.findtext(f"{TBX}term"): t for t in concept.iter(f"{TBX}termSec")}
    english = terms["virtual private networks"]
    assert "some/translator" in english.findtext(f"{TBX}note")
    french = terms["réseaux privés virtuels"]
    assert "position" in french.findtext(f"{TBX}note")
    term_types = [n.text for t in terms.values() for n in t.iter(f"{TBX}termNote") if n.get("type") == "termType"]
    assert "fullForm" not in term_types and "acronym" in term_types


def test_a_candidate_seen_once_is_marked_in_tbx_and_left_out_of_the_csv_with_a_reason(tmp_path):
    # "contrôle humain", said once, may be a term or not: the TBX says so on its term, and the CSV,
    # whose pairs DeepL forces on every translation, leaves it out and says why.
    glossary = glossary_of(
        tmp_path,
        "Le règlement impose un contrôle humain sur chaque écluse automatisée. Les écluses automatisées "
        "du canal ferment la nuit. Les écluses automatisées datent de 1990.",
    )
    unsure = entry_for(glossary, "contrôle humain")
    unsure.en, unsure.en_source = "human oversight", "model"
    root = ET.fromstring(render_tbx(glossary, read_corpus(tmp_path)))
    concept = root.find(f".//{TBX}conceptEntry[@id='{unsure.id}']")
    terms = {t.findtext(f"{TBX}term"): t for t in concept.iter(f"{TBX}termSec")}
    assert "seen once" in terms["contrôle humain"].findtext(f"{TBX}note")
    assert "contrôle humain" not in render_csv(glossary)
    report = csv_report(glossary)
    assert report.unsure == 1 and "only possibly terms" in report.describe()


# 13. CSV -----------------------------------------------------------------------------------------------------


def _csv_glossary() -> Glossary:
    return Glossary(
        entries=[
            Entry(id="a", fr="Contoso", en="Contoso", kind="entity"),
            Entry(id="b", fr="dette publique", en="public debt", kind="term"),
            Entry(id="c", fr="taux directeur", en=None, kind="term"),
        ]
    )


def test_csv_leaves_identical_pairs_out_unless_asked_and_says_why():
    glossary = _csv_glossary()
    assert list(csv.reader(io.StringIO(render_csv(glossary)))) == [["fr", "en"], ["dette publique", "public debt"]]
    report = csv_report(glossary)
    assert (report.rows, report.identical, report.one_sided) == (1, 1, 1)
    assert "1 identical" in report.describe() and "--csv-identical" in report.describe()
    kept = render_csv(glossary, header=False, keep_identical=True)
    assert list(csv.reader(io.StringIO(kept))) == [["Contoso", "Contoso"], ["dette publique", "public debt"]]
    assert csv_report(glossary, keep_identical=True).identical == 0


def test_context_is_checked_like_a_definition(tmp_path):
    from core.errors import GlossaryError
    from glossary.render import check_glossary

    glossary = glossary_of(tmp_path, "La dette publique atteint un record. La dette publique inquiète.")
    glossary.entries[0].context = Definition("quote", "nowhere#p9")
    with pytest.raises(GlossaryError, match="context"):
        check_glossary(glossary, read_corpus(tmp_path))


def test_a_renamed_body_keeps_its_acronym_and_a_party_label_is_no_expansion(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "The Office for Nuclear Regulation (ONR) inspected the site. "
        "The Maritime Safety Board (MCB) issued a warning; the MCB wants new rules. "
        "Senator Jane Holloway (DEM) voted against.",
        lang="en",
    )
    assert entry_for(glossary, "MCB").en == "Maritime Safety Board"
    assert entry_for(glossary, "MCB").pairing == "position"
    assert not any(e.abbreviation == "DEM" and e.en and "Holloway" in e.en for e in glossary.entries)


def test_a_wording_the_translator_maps_onto_another_entry_joins_it(tmp_path):
    from glossary.build import merge_translated_variants

    glossary = glossary_of(
        tmp_path,
        "Le groupe devient une société à mission (Public Benefit Corporation, PBC). "
        "La PBC garde un conseil. Ce statut de société d'utilité publique reste rare; la société d'utilité publique "
        "plaît aux fondateurs.",
    )
    pbc = entry_for(glossary, "PBC")
    wording = entry_for(glossary, "société d'utilité publique")
    assert wording is not pbc
    wording.en, wording.en_source = pbc.en.lower(), "model"  # what a translator would say
    merge_translated_variants(glossary, read_corpus(tmp_path))
    joined = entry_for(glossary, "société d'utilité publique")
    assert joined is pbc and "translation" in joined.evidence
    assert {o.text for o in joined.occurrences} >= {"PBC", "société d'utilité publique"}


# Junk among one-off phrases (issue 13, second pass) ---------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "lang", "evidence"),
    [
        ("attention des superviseurs", "fr", "pattern"),  # an article inside: a phrase, however rare its words
        ("mesure du rayonnement", "fr", "pattern"),
        ("glacier regardless", "en", "chunk"),  # the last word can be no noun
        ("grid alongside", "en", "chunk"),
        ("protocol known", "en", "chunk"),  # a participle whose only noun reading is a frozen one
        ("city's ambition", "en", "chunk"),  # a genitive is a phrase
        ("generous subsidies", "en", "chunk"),  # a qualifying adjective describes
        ("lowest tariffs", "en", "chunk"),
    ],
)
def test_a_one_off_phrase_that_reads_as_a_phrase_is_no_term(phrase, lang, evidence):
    assert not single_mention_term(phrase, lang, evidence)


@pytest.mark.parametrize(
    ("phrase", "lang", "evidence"),
    [
        ("frais de courtage", "fr", "pattern"),
        ("glacier meltwater", "en", "chunk"),
        ("clinical trials", "en", "chunk"),
        ("seismic survey", "en", "chunk"),  # a relational adjective names a kind
    ],
)
def test_a_one_off_compound_with_a_noun_head_is_still_a_term(phrase, lang, evidence):
    assert single_mention_term(phrase, lang, evidence)
