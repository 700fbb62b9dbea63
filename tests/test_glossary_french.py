"""French glossary on short unseen pages: junk shapes left out, acronym definitions in every shape.

Every sentence here was written for these tests, on topics none of the benchmark corpora covers
(forestry, mountain rescue, beekeeping, river transport, solar physics).
"""

from __future__ import annotations

import pytest
from test_glossary_extract import entry_for, glossary_of

from glossary.extract.acronyms import matches, spelled_by_initials
from glossary.extract.french_words import is_demonym, names_people, never_a_noun


def forms(glossary) -> set[str]:
    return {f for e in glossary.entries for f in (e.fr, e.en, *e.variants) if f}


# Parts of speech from the model's own lexicon -------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("doutaient", True),  # a finite verb
        ("inadmissibles", True),  # an adjective
        ("prescription", False),  # a noun
        ("majeurs", False),  # adjective and noun ("les majeurs")
        ("sylvopastoralisme", False),  # unknown to the lexicon: nothing is said
    ],
)
def test_a_word_with_no_noun_reading_is_told_by_the_lexicon(word, expected):
    assert never_a_noun(word) is expected


def test_demonyms_and_nouns_of_people():
    assert is_demonym("estoniennes") and is_demonym("français") and is_demonym("grecque")
    assert not is_demonym("européenne")  # supranational bodies carry it in their names
    assert names_people("apiculteurs") and names_people("touristes") and names_people("marins")
    assert not names_people("eaux") and not names_people("chalutiers")


# Junk shapes ------------------------------------------------------------------------------------------


def test_a_nationality_on_a_noun_of_people_is_no_term(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les apiculteurs allemands ont perdu un tiers des colonies. Les apiculteurs allemands accusent le varroa.",
        "Le varroa décime aussi les ruches du Jura, selon les apiculteurs allemands venus en renfort.",
    )
    assert not any("allemand" in f for f in forms(glossary)), sorted(forms(glossary))
    assert entry_for(glossary, "varroa")


def test_an_evaluative_qualifier_makes_a_one_off_phrase_a_description(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "La commune a signé une convention pluriannuelle avec l'Office des forêts. Les chantiers majeurs "
        "commencent au printemps et le rôle crucial des bûcherons est reconnu.",
    )
    assert "chantiers majeurs" not in forms(glossary) and "rôle crucial" not in forms(glossary)
    assert "convention pluriannuelle" in forms(glossary)


def test_a_participle_with_its_attribute_is_a_clause_not_a_term(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les quotas de prélèvement jugés rédhibitoires par les chasseurs seront revus. "
        "Les quotas de prélèvement fixent le nombre de chamois.",
    )
    assert not any("jugés" in f for f in forms(glossary)), sorted(forms(glossary))
    assert "quotas de prélèvement" in forms(glossary)


def test_the_last_word_of_a_paragraph_cut_mid_sentence_is_no_evidence(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les gardes surveillent la régénération des chênaies. Le sylvopastoralisme progresse dans le massif, "
        "selon l'observatoire des transhum",
        "Les bergers du plateau attendent l'avis de la présidente Martine Lefebv",
    )
    assert not any(f.endswith(("transhum", "Lefebv")) for f in forms(glossary)), sorted(forms(glossary))
    assert "sylvopastoralisme" in forms(glossary)


def test_a_quoted_phrase_loses_its_elided_article_and_a_named_phrase_stops_at_the_verb(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Le préfet doit signer « l'autorisation de défrichement » avant juin. "
        "Le dispositif dit d'alerte aux crues fonctionne depuis mars.",
    )
    found = forms(glossary)
    assert "autorisation de défrichement" in found and "l'autorisation de défrichement" not in found
    assert "alerte aux crues" in found and not any("fonctionne" in f for f in found), sorted(found)


# Acronym definitions in every shape --------------------------------------------------------------------


def test_an_acronym_then_its_expansion_in_apposition(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les PSG, les plans simples de gestion, encadrent les coupes privées. Chaque PSG dure dix ans.",
    )
    assert entry_for(glossary, "PSG").fr == "plans simples de gestion"


def test_an_acronym_written_as_a_word_pairs_with_the_name_before_its_parenthesis(tmp_path):
    # French newsrooms write acronyms said as words with one capital; the long form is often long.
    glossary = glossary_of(
        tmp_path,
        "L'Office des forêts et des espaces montagnards (Ofem) a fermé trois pistes. Selon l'Ofem, "
        "les crues ont emporté deux passerelles.",
        "Le Groupement de secours et d'intervention en montagne (Gsim) a été appelé. Le Gsim a hélitreuillé un randonneur.",
    )
    office = entry_for(glossary, "Ofem")
    assert office.kind == "acronym" and office.fr == "Office des forêts et des espaces montagnards"
    assert office.pairing == "initials" and len(office.occurrences) >= 2
    assert entry_for(glossary, "Gsim").fr == "Groupement de secours et d'intervention en montagne"


def test_an_acronym_written_as_a_word_then_its_long_form_in_parentheses(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Un guide de l’Ofem (Office des forêts et des espaces montagnards) a balisé la piste. L’Ofem rouvre le col.",
        "Le maire de Bastia (Haute-Corse) salue la réouverture.",
    )
    entry = entry_for(glossary, "Ofem")
    assert entry.kind == "acronym" and entry.fr == "Office des forêts et des espaces montagnards"
    assert not any(e.kind == "acronym" and "Bastia" in (e.abbreviation or "") for e in glossary.entries)


def test_a_place_in_parentheses_after_a_name_is_no_acronym(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Le Parc naturel régional (Pilat) recrute des gardes. Le refuge du Col (Chartreuse) ferme en mai.",
    )
    assert not any(e.kind == "acronym" for e in glossary.entries), [(e.kind, e.label) for e in glossary.entries]


def test_an_acronym_announced_inside_the_parenthesis_with_quotes(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les secours en montagne héliportés (dits « SMH ») ont décollé douze fois. Le SMH coûte cher.",
    )
    entry = entry_for(glossary, "SMH")
    assert entry.fr == "secours en montagne héliportés" and entry.pairing == "initials"


def test_an_acronym_whose_long_form_stands_earlier_in_the_sentence(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les droits de navigation fluviale sur la Saône et le Rhône (dits « DNF 2 ») augmentent en mai.",
    )
    assert entry_for(glossary, "DNF").fr == "droits de navigation fluviale"


def test_a_name_running_up_to_the_parenthesis_is_the_whole_long_form(tmp_path):
    # The first words spell the letters; the name goes on to the parenthesis and is the long form.
    glossary = glossary_of(
        tmp_path,
        "The locks are run by the Office of Canals and Inland Waterways (OC) and the harbour masters. "
        "The OC publishes its schedule weekly.",
        lang="en",
    )
    assert entry_for(glossary, "OC").en == "Office of Canals and Inland Waterways"


def test_a_coordinated_part_the_letters_do_not_spell_belongs_to_the_long_form(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "L'Office des forêts domaniales et des espaces naturels protégés (OFD) a planté dix mille chênes. "
        "L'OFD replantera l'an prochain.",
    )
    assert entry_for(glossary, "OFD").fr == "Office des forêts domaniales et des espaces naturels protégés"


def test_an_alias_with_dit_pairs_only_an_acronym(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "La brigade cynophile, dite « BCY », patrouille la nuit. La loi, dite loi montagne, protège les cols.",
    )
    assert entry_for(glossary, "BCY").fr == "brigade cynophile"
    assert not any(e.fr == "loi" and "loi montagne" in e.variants for e in glossary.entries)


def test_an_acronym_built_on_syllables_matches_its_long_form():
    assert matches("SOHO", "Solar and Heliospheric Observatory")
    assert matches("CERN", "Conseil européen pour la recherche nucléaire")


def test_a_bare_acronym_pairs_with_the_one_phrase_of_its_article_spelling_it(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Le tribunal régional des eaux a tranché mardi. Les communes riveraines ont perdu. "
        "Le TRE fixe désormais les débits réservés.",
    )
    entry = entry_for(glossary, "TRE")
    assert entry.fr == "tribunal régional des eaux" and entry.pairing == "initials-in-article"


def test_a_bare_acronym_two_phrases_could_spell_stays_unpaired(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Le tribunal régional des eaux a tranché. Le taux de rendement énergétique progresse. Le TRE reste stable.",
    )
    assert not any(e.abbreviation == "TRE" and (e.fr or e.en) != "TRE" for e in glossary.entries)


def test_strict_initials():
    assert spelled_by_initials("TPF", "Tribunal pénal fédéral")
    assert not spelled_by_initials("TPF", "Tribunal pénal")
    assert not spelled_by_initials("TPF", "Tribunal fédéral pénal")
    assert not spelled_by_initials("AI", "Annexe I") and not spelled_by_initials("TV", "Titre V")  # numbered labels


def test_a_noun_and_common_participle_the_text_repeats_is_a_term(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Le braconnage organisé gagne les Alpes. Les gendarmes traquent le braconnage organisé depuis mars.",
        "Selon le parquet, le braconnage organisé alimente un trafic de cornes. La cabane rénovée du garde a brûlé.",
    )
    assert len(entry_for(glossary, "braconnage organisé").occurrences) == 3
    assert "cabane rénovée" not in forms(glossary)  # said once, a common participle describes


def test_a_quantity_after_a_naming_cue_is_no_term(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "La flottille compte douze chalutiers, soit environ 300 marins. Le port dit de Keroman accueille les criées.",
    )
    assert not any("300" in f for f in forms(glossary)), sorted(forms(glossary))


def test_a_verbal_locution_the_text_repeats_is_a_term_a_light_one_is_not(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Le maire a été mis en examen mardi. Son adjoint, également mis en examen, conteste. "
        "Le plan a été mis en place en mars.",
        "Le trésorier mis en examen démissionne. Le juge a mis en place un contrôle judiciaire.",
    )
    assert len(entry_for(glossary, "mis en examen").occurrences) == 3
    assert not any("mis en place" in f for f in forms(glossary))


def test_an_acronym_with_a_number_in_its_parenthesis_and_one_spelled_in_camel_case(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "La Direction régionale des routes (DRR 12) ferme le col. Les éleveurs ont souscrit un contrat "
        "TousRisquesPâturage (TRP) auprès de leur mutuelle.",
    )
    assert entry_for(glossary, "DRR").fr == "Direction régionale des routes"
    assert "TousRisquesPâturage" in entry_for(glossary, "TRP").variants


def test_a_repeated_phrase_ending_in_a_participle_with_its_complement_is_a_clause(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les pertes de fourrage liées aux sécheresses augmentent. Les éleveurs déclarent leurs pertes de fourrage.",
        "Les pertes de fourrage liées au gel seront indemnisées, comme les pertes de fourrage de 2022.",
    )
    assert not any("liées" in f for f in forms(glossary)), sorted(forms(glossary))
    assert len(entry_for(glossary, "pertes de fourrage").occurrences) == 4


# Second round: compounds of compounds, letters and title-cased names ----------------------------------


def test_a_compound_of_compounds_is_one_term_and_its_fragments_are_no_entries(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "La commune remplace ses chaudières à granulés de bois. Les chaudières à granulés de bois chauffent l'école.",
        "Le syndicat subventionne les chaudières à granulés de bois des particuliers.",
    )
    assert entry_for(glossary, "chaudières à granulés de bois")
    fragments = {"chaudières à granulés", "granulés de bois", "chaudière à granulés", "granulé de bois"}
    assert not fragments & forms(glossary), sorted(forms(glossary))


def test_a_compound_of_compounds_said_once_is_the_term_not_its_tail(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Le refuge a installé une pompe à chaleur de géothermie. Le gardien surveille la citerne.",
        "Les randonneurs dorment au refuge.",
    )
    assert entry_for(glossary, "pompe à chaleur de géothermie")
    assert "chaleur de géothermie" not in forms(glossary)


def test_a_letter_is_never_an_entity_nor_a_common_word_after_it(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les chaudières anciennes sont notées E ou F. Une chaudière notée F. Remplacement obligatoire avant 2030.",
        "Les chaudières notées E consomment trop. Selon J. Morvan, technicien, la note E coûte cher.",
    )
    names = {e.fr or e.en for e in glossary.entries if e.kind == "entity"}
    assert not {"E", "F", "F.", "F. Remplacement", "Remplacement"} & names, sorted(names)
    assert "J. Morvan" in names


def test_a_title_cased_programme_name_gives_no_one_word_entities(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Le programme Chaleur et Renouveau finance les chaudières collectives. Le plan Eau et Rivières protège les berges.",
        "Les berges du Léguer sont protégées. Le programme Chaleur et Renouveau aide aussi les écoles.",
    )
    names = {e.fr or e.en for e in glossary.entries if e.kind == "entity"}
    assert not {"Chaleur", "Renouveau", "Eau", "Rivières"} & names, sorted(names)
    assert "Chaleur et Renouveau" in names  # the whole name, which the text repeats


def test_a_participle_with_a_class_after_it_is_a_clause(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "La mairie interdit les chaudières classées E ou F. Les chaudières classées F seront remplacées.",
        "Les chaudières classées E restent tolérées jusqu'en 2030.",
    )
    assert not any("classée" in f for f in forms(glossary)), sorted(forms(glossary))


def test_a_quoted_class_letter_is_no_term(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les chaudières notées « E » seront interdites en 2030, celles notées « D » en 2035.",
        "Une chaudière notée E consomme trop. Les chaudières notées E sont nombreuses dans la vallée.",
    )
    assert not {"E", "D"} & forms(glossary), sorted(forms(glossary))


def test_a_relational_adjective_in_if_or_ive_makes_a_one_off_compound_but_an_evaluative_one_does_not(tmp_path):
    # "sportif" comes from a noun, as "législatif" or "administratif" do; "massif" rates.
    glossary = glossary_of(
        tmp_path,
        "Chaque printemps, les guides de haute montagne suivent un stage sportif au refuge. "
        "Un effort massif a été demandé aux bénévoles du refuge.",
    )
    assert entry_for(glossary, "stage sportif").kind == "term"
    assert not any("massif" in f for f in forms(glossary)), sorted(forms(glossary))


def test_an_acronym_after_a_bare_de_is_a_class_in_a_compound_but_a_company_after_it_is_a_name(tmp_path):
    # "balises de GPS à haut débit": a compound whose chain holds an adjective; "directeur d'ENGIE"
    # describes a company NER knows, as "effectifs du ABC" describes a body.
    glossary = glossary_of(
        tmp_path,
        "Les balises de GPS à haut débit équipent les refuges. Les balises de GPS à haut débit coûtent cher, "
        "selon le directeur d'ENGIE.",
        "Le directeur d'ENGIE veut des balises de GPS à haut débit sur chaque col.",
    )
    assert entry_for(glossary, "balises de GPS à haut débit").kind == "term"
    assert "GPS à haut débit" not in forms(glossary)
    assert not any("directeur" in f for f in forms(glossary)), sorted(forms(glossary))


def test_a_line_ending_on_a_whole_word_without_a_full_stop_is_whole(tmp_path):
    # A sub-heading written as a paragraph ("– Le volet III, relatif aux …") ends on a whole word;
    # only a fragment general language lacks marks a page cut mid-word.
    glossary = glossary_of(
        tmp_path,
        "Le plan prévoit trois volets.\n\n– Le volet III, relatif aux pentes d'éboulis à haut risque",
        "Les guides cartographient les pentes d'éboulis à haut risque chaque hiver.",
    )
    entry = entry_for(glossary, "pentes d'éboulis à haut risque")
    assert len(entry.occurrences) == 2


def test_an_acronym_opening_an_english_name_in_french_text_is_part_of_the_borrowing(tmp_path):
    # "SE" reads as a French word, but before "Act" it opens the English name: "Act" is its fragment.
    glossary = glossary_of(
        tmp_path,
        "Les exploitants forestiers appliquent le SE Act depuis mars. Le SE Act encadre la coupe des chênes, "
        "et le SE Act prévoit des amendes.",
    )
    assert len(entry_for(glossary, "SE Act").occurrences) == 3
    assert "Act" not in forms(glossary)


def test_square_brackets_define_an_acronym_as_parentheses_do_and_a_footnote_mark_defines_nothing(tmp_path):
    # Transcripts and quotations put the speaker's omissions in brackets: "la DRAF [direction …]".
    glossary = glossary_of(
        tmp_path,
        "Selon le chef de la DRAF [direction régionale de l'agriculture et de la forêt], les coupes reprennent. "
        "La DRAF publie un bilan [2] chaque année.",
    )
    assert entry_for(glossary, "DRAF").fr == "direction régionale de l'agriculture et de la forêt"
    assert "2" not in forms(glossary)


def test_a_long_name_in_title_case_and_in_running_text_is_one_entry(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les propriétaires écrivent à la CRAF (Caisse Régionale Assurance Forêts) avant la coupe.",
        "La Caisse régionale d'assurance des forêts rembourse les chablis depuis 2019.",
    )
    entry = entry_for(glossary, "CRAF")
    assert "Caisse régionale d'assurance des forêts" in entry.variants, entry.variants
    assert len([e for e in glossary.entries if "aisse" in e.label]) == 0


def test_a_term_used_inside_several_repeated_longer_terms_is_an_entry_of_its_own(tmp_path):
    # Most mentions of "mérous" sit inside "stocks de mérous" or "mérous de roche"; spread over two
    # longer terms, and once alone, it is the unit they share, not a fragment of either.
    glossary = glossary_of(
        tmp_path,
        "Les stocks de mérous baissent en Méditerranée. Les mérous de roche quittent les côtes.",
        "Les stocks de mérous remontent près des réserves. Les mérous de roche reviennent. Les mérous vivent "
        "longtemps.",
    )
    assert entry_for(glossary, "mérous").kind == "term"
    assert entry_for(glossary, "stocks de mérous").kind == "term"


def test_a_phrase_never_said_outside_the_longer_terms_holding_it_is_a_fragment(tmp_path):
    # "usage pastoral" only ever occurs inside "chemins à usage pastoral" or "pistes à usage pastoral".
    glossary = glossary_of(
        tmp_path,
        "Les chemins à usage pastoral sont fermés. Les pistes à usage pastoral aussi.",
        "Les chemins à usage pastoral rouvrent en mai. Les pistes à usage pastoral suivent en juin.",
    )
    found = [e.label for e in glossary.entries]
    assert "usage pastoral" not in found, found


def test_a_lone_noun_ending_like_a_participle_is_still_a_noun(tmp_path):
    # "-té" and "-ants" end like participles ("prolongés", "surveillants"), but the lexicon knows
    # "salinité" and "affluents" as nouns; "exhaussé" it knows only as an adjective or a verb.
    glossary = glossary_of(
        tmp_path,
        "La salinité de l'estuaire augmente. Les affluents du fleuve baissent en été.",
        "Les pêcheurs mesurent la salinité chaque matin. Deux affluents sont à sec. Le lit exhaussé déborde.",
    )
    found = [e.label for e in glossary.entries]
    assert "salinité" in found and "affluents" in found, found
    assert "exhaussé" not in found, found


def test_a_lower_case_word_the_tagger_calls_a_name_after_a_determiner_is_a_noun(tmp_path):
    # The small French model tags "commande" in "de la commande publique" as PROPN; lower case
    # after an article, it is a common noun and the phrase a compound.
    glossary = glossary_of(
        tmp_path,
        "La mairie lance un appel d'offres. Les règles de la commande publique s'appliquent aux petites communes.",
        "Toutefois, la réglementation de la commande publique est un frein pour les artisans.",
        "Le code de la commande publique fixe les seuils.",
    )
    assert entry_for(glossary, "commande publique").kind == "term"


def test_a_three_letter_noun_the_corpus_is_about_is_a_term(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Le gel a détruit les vignes à la fin du mois. Après le gel, les viticulteurs comptent les pertes.",
        "Un nouvel épisode de gel menace les bourgeons en fin de semaine. Le gel tardif inquiète jusqu'à la fin.",
    )
    assert len(entry_for(glossary, "gel").occurrences) == 4
    assert "fin" not in [e.label for e in glossary.entries]  # said as often, but everyday French
