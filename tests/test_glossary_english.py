"""English without a tagger (the model-free path): what the n-grams and names must and must not give.

Every sentence here was written for these tests, on topics none of the benchmark corpora covers
(river ports, timber, ferries, orchards).
"""

from __future__ import annotations

from test_glossary_extract import entry_for, glossary_of
from test_glossary_precision import _english_model_free, labels


def _english(tmp_path, *articles: str):
    _english_model_free()
    return glossary_of(tmp_path, *articles, lang="en")


def test_a_noun_ending_in_ly_is_no_adverb(tmp_path):
    # "supply" ends like "rapidly"; the lexicon knows it as a noun, so "water supply" is a compound.
    glossary = _english(
        tmp_path,
        "The valley towns share one water supply. Engineers say the water supply needs a second intake.",
        "Dry summers strain the water supply of the valley, and the reservoir rapidly drops.",
    )
    assert entry_for(glossary, "water supply").kind == "term"
    assert not any("rapidly" in label for label in labels(glossary))


def test_a_gerund_heads_a_compound_but_starts_none(tmp_path):
    # "hauling" is known only as a verb form: after a noun it heads "timber hauling"; before a
    # noun ("by hauling logs") it is a verb with its object.
    glossary = _english(
        tmp_path,
        "Timber hauling slows in the wet season. Timber hauling firms wait for the roads to dry.",
        "Contractors earn more by hauling logs at night, when timber hauling is allowed on the coast road.",
    )
    assert entry_for(glossary, "timber hauling").kind == "term"
    assert "hauling logs" not in labels(glossary)


def test_a_time_reference_is_no_term(tmp_path):
    glossary = _english(
        tmp_path,
        "Over the past week, ferry operators cancelled crossings. Freight volumes rose in the past week.",
        "Ferry operators expect more gales in the coming months; the past week was the worst.",
    )
    assert not any(label.lower() in {"past week", "coming months"} for label in labels(glossary))
    assert entry_for(glossary, "ferry operators").kind == "term"


def test_the_last_word_of_a_page_cut_mid_word_is_no_evidence(tmp_path):
    # A page excerpt that stops in running text without punctuation may stop inside a word
    # ("orchard insur"): that word gives no term and no name. The same word, whole and followed by
    # punctuation, still counts.
    (tmp_path / "cut").mkdir()
    (tmp_path / "whole").mkdir()
    cut = _english(
        tmp_path / "cut",
        "Growers in the valley lost most of their apples to hail. Their policies pay for orchard netting, "
        "and growers want orchard netting on every slope. Hail nets are costly, says the orchard insur",
    )
    assert not any("insur" in label.lower() for label in labels(cut))
    assert entry_for(cut, "orchard netting").kind == "term"
    whole = _english(
        tmp_path / "whole",
        "Growers in the valley lost most of their apples to hail. Their policies pay for orchard netting, "
        "and growers want orchard netting on every slope. Hail nets are costly, says the orchard insurer.",
    )
    assert entry_for(whole, "orchard insurer").kind == "term"


def test_pronouns_adjectives_and_compound_modifiers_are_no_names(tmp_path):
    glossary = _english(
        tmp_path,
        "# Sturdier hulls for the fjord\n\nI think the new hulls will last, says the Norway-based Brakvik "
        "yard. I expect orders soon.",
        "Sturdier hulls cost more. The Norway-based Brakvik yard builds two a year, and Brakvik hires welders.",
    )
    names = [e.label for e in glossary.entries if e.kind == "entity"]
    assert "I" not in names
    assert "Sturdier" not in names
    assert "Brakvik" in names
    assert not any("Norway-based" in name for name in names)


def test_a_noun_noun_compound_said_once_is_a_term_whatever_the_frequency_of_its_words(tmp_path):
    # "road tax": two everyday nouns, once; English compounds nouns this way. An adjective before
    # a noun ("steady"), or an "-ing" head, gives no such compound.
    glossary = _english(
        tmp_path,
        "Hauliers on the island pay the road tax twice a year. Fares will hold steady, the ferry company said.",
    )
    assert entry_for(glossary, "road tax").kind == "term"
    assert "hold steady" not in labels(glossary)


def test_evaluative_and_partitive_words_start_no_term(tmp_path):
    # "better", "additional" grade; "variety of" counts. The compound after them is the term.
    glossary = _english(
        tmp_path,
        "Inspectors say better hull maintenance would save fuel. The yard offers an additional warranty "
        "and a variety of sealants. Freight demand increased in March.",
    )
    found = [label.lower() for label in labels(glossary)]
    assert "hull maintenance" in found
    assert "freight demand" in found  # the verb after it ends the compound
    assert not any(label.startswith(("better", "additional", "variety")) for label in found)


def test_a_word_repeated_inside_different_one_off_phrases_is_no_fragment(tmp_path):
    # "biofilm" is said twice, each time inside a longer phrase said once: the word is what recurs.
    glossary = _english(
        tmp_path,
        "Divers found a thick biofilm layer on the hull.",
        "The new coating slows biofilm growth, the yard says.",
    )
    assert entry_for(glossary, "biofilm").kind == "term"


def test_a_generic_head_of_several_one_off_compounds_stays_their_fragment(tmp_path):
    # "gantry" heads both phrases: each modifier makes its own term, and the bare head is no entry.
    glossary = _english(
        tmp_path,
        "Storm winds toppled the harbour gantry on Tuesday.",
        "Engineers inspected the rail gantry after the storm.",
    )
    found = [label.lower() for label in labels(glossary)]
    assert "harbour gantry" in found
    assert "rail gantry" in found
    assert "gantry" not in found


def test_irregular_plurals_meet_their_singular(tmp_path):
    # "-ies" and "-es" plurals are not a final "s" on the singular: the lexicon's lemma joins them.
    glossary = _english(
        tmp_path,
        "The island buys one ferry subsidy a year. Ferry subsidies cover winter crossings.",
        "Without ferry subsidies the route would close; the ferry subsidy ends in May.",
    )
    entry = entry_for(glossary, "ferry subsidy")
    assert {"ferry subsidy", "ferry subsidies"} <= {v.lower() for v in entry.variants}
    assert len(entry.occurrences) == 4


def test_unknown_words_shaped_as_adjectives_and_lone_verb_forms_are_no_terms(tmp_path):
    # "antifouling"-like coinages are terms, but "unrepairable" (an adjective's suffix) and
    # "antiseasonal" (a prefix on an adjective) are not; nor is "rerouting" said once.
    glossary = _english(
        tmp_path,
        "Inspectors called the hull unrepairable. The antiseasonal timetable starts soon, and rerouting "
        "begins on Monday. Crews apply biofoulant remover.",
    )
    found = [label.lower() for label in labels(glossary)]
    assert "unrepairable" not in found
    assert "antiseasonal" not in found
    assert "rerouting" not in found
    assert any("biofoulant" in label for label in found)


def test_uses_as_a_verb_do_not_make_a_word_key(tmp_path):
    # "drill" is a verb four times ("to drill", "will drill", "to drill and test", "to cut—or drill—")
    # and a noun twice: only the two noun uses count, too few to make an everyday word a term.
    glossary = _english(
        tmp_path,
        "Crews will drill the well on Monday. They plan to drill and test it, then to cut—or drill—a side "
        "channel. The drill broke at noon. A spare drill arrives on Friday.",
    )
    assert "drill" not in [label.lower() for label in labels(glossary)]


def test_words_glued_by_a_lost_space_are_no_terms_or_names(tmp_path):
    glossary = _english(
        tmp_path,
        "Ferry tolls rose under the Harbour Act.The Harbour Board approved it. Ferry tolls fund the "
        "breakwater, and ferryTolls will rise again. The Harbour Board meets in June.",
    )
    found = labels(glossary)
    assert "Harbour Board" in found
    assert not any("Act.The" in label or "ferryTolls" in label for label in found)


def test_a_prefixed_verb_form_said_once_is_no_term(tmp_path):
    # "reshaping" is unknown to the lexicon; under its prefix it is "shaping", a verb form.
    glossary = _english(tmp_path, "Island timetables are reshaping as ferry crossings grow longer.")
    assert "reshaping" not in [label.lower() for label in labels(glossary)]


def test_acronyms_side_by_side_with_a_capitalised_word_are_no_name(tmp_path):
    # "KRT PVL Survey": two acronyms and a word, a stack of modifiers; each acronym is its own entry.
    glossary = _english(
        tmp_path,
        "The KRT PVL Survey counts timber lorries each spring. Hauliers read the KRT PVL Survey closely.",
        "The KRT sets axle limits, and the PVL weighs each lorry.",
    )
    assert not any("KRT" in label and "PVL" in label for label in labels(glossary))
    assert entry_for(glossary, "KRT").kind == "acronym"


def test_an_acronym_then_a_common_noun_said_once_is_a_mention_of_the_acronym(tmp_path):
    # The KRT is used elsewhere, so "KRT website" mentions it; "PLM directive" is the PLM's one
    # use, so the pair is what names the thing.
    glossary = _english(
        tmp_path,
        "The KRT sets axle limits for timber lorries. Hauliers can check the KRT website before loading.",
        "KRT inspectors weigh each lorry. The sawmill adopted the PLM directive in May.",
    )
    found = labels(glossary)
    assert "KRT website" not in found
    assert entry_for(glossary, "KRT").kind == "acronym"
    assert entry_for(glossary, "PLM directive").kind == "term"


def test_single_letters_and_function_words_are_no_names(tmp_path):
    # Energy classes ("rated E"), an initial ("J. Varga") and "This" after a colon are no names.
    glossary = _english(
        tmp_path,
        "The harbour rates each ferry from A to E. Ferries rated E pay a higher toll, says J. Varga. "
        "NOTICE: This timetable replaces the winter one, and Brakvik ferries keep their slots.",
        "Ferries rated E wait for the Brakvik berth; ferries rated A sail first.",
    )
    names = [e.label for e in glossary.entries if e.kind == "entity"]
    assert not [name for name in names if len(name) == 1]
    assert "This" not in names
    assert "Brakvik" in names


def test_a_plural_with_no_verb_reading_may_modify_a_repeated_compound(tmp_path):
    # Most English modifiers are singular, but not all: "savings account", "dredgings barge".
    # A plural the lexicon knows no verb for ("dredgings" is unknown, "savings" a noun) is no verb.
    glossary = _english(
        tmp_path,
        "The port moved its dredgings disposal site twice this year. A second dredgings disposal site opened in March.",
        "Anglers say the dredgings disposal site clouds the bay. Each savings account of the port fund lost value.",
        "The council closed the last savings account it held, and the ferry operator identifies ticket prices online.",
    )
    assert entry_for(glossary, "dredgings disposal site").kind == "term"
    assert entry_for(glossary, "savings account").kind == "term"
    assert not any(label.startswith("identifies") for label in labels(glossary))


def test_a_quoted_acronym_in_its_parenthesis_pairs_with_the_long_form_before(tmp_path):
    glossary = _english(
        tmp_path,
        "The 2021 Orchard Renewal, Pest Control, and Pollinator Support Act (“ORPCPSA”) funds new hedges. "
        "Under ORPCPSA, growers apply each spring.",
    )
    entry = entry_for(glossary, "ORPCPSA")
    assert entry.en == "Orchard Renewal, Pest Control, and Pollinator Support Act" and entry.pairing == "initials"


def test_a_body_abroad_pairs_with_its_acronym_in_its_own_language(tmp_path):
    # The letters come from the body's own language: only the name's shape and place pair them.
    glossary = _english(
        tmp_path,
        "The ferry firm was reported to the Norwegian Maritime Safety Authority (SDIR), which grounded two boats. "
        "SDIR inspectors found faults.",
        "Councillor Anna Maria Berg (KRF) asked for a review.",
    )
    entry = entry_for(glossary, "SDIR")
    assert entry.en == "Norwegian Maritime Safety Authority" and entry.pairing == "position"
    assert not any(e.abbreviation == "KRF" and e.en for e in glossary.entries)


def test_a_phrase_about_an_acronym_is_no_term(tmp_path):
    # "requirements of the ABC" describes a named thing; the acronym is the entry.
    glossary = _english(
        tmp_path,
        "The Orchard Levy Board (OLB) sets fees. Growers must meet the requirements of OLBs each year. "
        "The requirements of OLBs change often, and the OLB publishes them.",
    )
    assert not any("requirements of" in label for label in labels(glossary)), labels(glossary)
    assert entry_for(glossary, "OLB").en == "Orchard Levy Board"


def test_a_run_in_heading_and_the_clause_after_its_colon_give_no_names(tmp_path):
    # "Red Alert: Services stop": title case before the colon, a capital by style after it.
    glossary = _english(
        tmp_path,
        "Red Alert: Services stop and the harbour master closes the quay.\n\n"
        "Amber Alert: Services run with a reduced timetable.\n\n"
        "The Harbour Authority of Kessock publishes the alert level every morning.",
    )
    found = labels(glossary)
    assert not {"Alert", "Services"} & set(found), found
    assert "Harbour Authority of Kessock" in found


def test_a_verb_ing_form_before_to_heads_no_compound(tmp_path):
    # "timetables according to", "fares amounting to": the "-ing" form is a verb with its complement.
    glossary = _english(
        tmp_path,
        "Ferry timetables change according to the tide. Winter timetables change according to the weather.",
        "Ferry fares rose, with some fares amounting to twice the bus fare. Those fares amounting to more are capped.",
    )
    assert not any(label.endswith(("according", "amounting")) for label in labels(glossary)), labels(glossary)


def test_the_long_form_giving_every_letter_as_an_initial_wins_over_a_shorter_one(tmp_path):
    # "Angling Association" already passes for AAA, a letter taken from inside a word; the whole
    # name gives all three letters as initials.
    glossary = _english(
        tmp_path, "A panel of the Arctic Angling Association (AAA) ruled on the protest. The AAA panel met twice."
    )
    assert entry_for(glossary, "AAA").en == "Arctic Angling Association"


def test_per_cent_a_time_adverb_and_a_numbered_class_give_no_entries(tmp_path):
    glossary = _english(
        tmp_path,
        "Harbour fees rose 2.8 per cent, a 3 per cent increase on the winter tariff. The port authority said so today.",
        "Boats move from a Category 3 berth to a Category 1 berth. Category 1 berths cost more, the harbour master said today.",
    )
    found = labels(glossary)
    assert not any(w in label.split() for label in found for w in ("cent", "today", "Category")), found


def test_a_hyphenated_superlative_grades_and_starts_no_term(tmp_path):
    glossary = _english(
        tmp_path,
        "Smoked trout, the second-biggest export product of the valley, sold well. The second-biggest export product "
        "fell in March, and export product prices rose.",
    )
    assert not any("biggest" in label for label in labels(glossary)), labels(glossary)


def test_a_capitalised_article_after_a_link_word_opens_another_name(tmp_path):
    glossary = _english(
        tmp_path,
        "He spoke about Tailings Safety for The Granite Mining Company in Vancouver. "
        "The Granite Mining Company runs three dams.",
    )
    assert entry_for(glossary, "Granite Mining Company").kind == "entity"
    assert not any(" for The " in label for label in labels(glossary)), labels(glossary)


def test_a_rare_word_with_no_noun_reading_is_no_term_however_often_said(tmp_path):
    # "piscatorial" is rare in general text, but the lexicon knows it only as an adjective.
    glossary = _english(
        tmp_path,
        "The piscatorial rules changed. Piscatorial limits apply to trout; piscatorial permits cost more.",
        "Anglers say piscatorial quotas hurt, and piscatorial fees rose again.",
    )
    assert "piscatorial" not in labels(glossary), labels(glossary)


def test_a_gerund_the_text_keeps_using_alone_is_a_term(tmp_path):
    # "dredging" is known only as a verb form; a port story about it uses it as a noun, alone.
    glossary = _english(
        tmp_path,
        "Dredging resumed at the river port. Critics of dredging say the silt harms the estuary. After dredging, "
        "barges can load fully.",
        "The harbour board pays for dredging every spring. Without dredging, the channel closes within a year.",
    )
    assert entry_for(glossary, "dredging").kind == "term"


def test_a_gerund_in_a_progressive_or_before_its_object_stays_a_verb(tmp_path):
    glossary = _english(
        tmp_path,
        "The board is pruning the orchard budget. Growers are pruning late this year, and pruning the old trees "
        "costs more.",
        "The co-operative was pruning its fleet of tractors. Pruning the hedges is left to the council.",
    )
    assert "pruning" not in labels(glossary), labels(glossary)


def test_an_acronym_said_once_pairs_with_the_name_giving_its_initials_and_a_later_letter(tmp_path):
    # "FHWA": Fjord HighWay Administration; the article never puts the two side by side.
    glossary = _english(
        tmp_path,
        "Road tolls in the north are set by the Fjord Highway Administration. Its engineers inspect the tunnels. "
        "Hauliers who skip a toll pay twice, and the FHWA fines late payers every quarter.",
    )
    assert entry_for(glossary, "FHWA").en == "Fjord Highway Administration"


def test_a_gerund_after_an_article_modifies_a_compound_the_text_repeats(tmp_path):
    # "the mooring fees": after an article the "-ing" form is a modifier; "by mooring boats" is a
    # verb with its object, and no article precedes it.
    glossary = _english(
        tmp_path,
        "Owners pay the mooring fees in April. The mooring fees rose again this year.",
        "Harbour staff earn extra by mooring boats at night. Clubs cut costs by mooring boats in pairs. "
        "The council set the mooring fees.",
    )
    assert entry_for(glossary, "mooring fees").kind == "term"
    assert "mooring boats" not in labels(glossary), labels(glossary)


def test_a_dotted_initialism_in_a_name_gives_all_its_letters(tmp_path):
    # "U.S." in the name gives U and S (an "s" alone is no function word here); the text never puts
    # the acronym beside it.
    glossary = _english(
        tmp_path,
        "Ferry operators answer to the U.S. Coastal Licensing Board. The USCLB fined two of them. "
        "The USCLB meets in Boston.",
    )
    assert entry_for(glossary, "USCLB").en == "U.S. Coastal Licensing Board"


def test_a_describing_adjective_before_a_compound_leaves_the_compound_whole(tmp_path):
    _english_model_free()
    glossary = glossary_of(tmp_path, "Tenants asked about the ongoing boiler inspections before winter.", lang="en")
    assert "boiler inspections" in labels(glossary)


def test_a_compound_always_counted_by_a_number_is_the_thing_counted_not_a_quantity(tmp_path):
    _english_model_free()
    glossary = glossary_of(
        tmp_path,
        "The county installed 120 heat pumps in schools. The agency funded 45 heat pumps for clinics.",
        "Residents ordered 30 heat pumps before winter.",
        lang="en",
    )
    assert len(entry_for(glossary, "heat pumps").occurrences) == 3
