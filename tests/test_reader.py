"""The corpus reader: the shipped corpus, and each kind of messy input a user drops in."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from core.corpus import read_article
from core.corpus.decoding import NotText
from summarize import ArticleError, CorpusError, read_corpus

CORPUS = Path(__file__).parent.parent / "corpus"

FRENCH = (
    "Le conseil municipal a voté mardi le nouveau plan de circulation. "
    "Les commerçants du centre craignent une baisse de la fréquentation.\n\n"
    "Selon la mairie, les travaux commenceront au printemps et dureront six mois.\n"
)
ENGLISH = (
    "The city council voted on Tuesday for the new traffic plan. "
    "Shop owners in the centre fear that fewer people will come.\n\n"
    "According to the mayor, the works will start in spring and last six months.\n"
)


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_shipped_corpus_reads_five_french_articles_with_metadata():
    corpus = read_corpus(CORPUS)
    assert len(corpus.articles) == 5
    assert corpus.skipped == []
    assert {a.lang for a in corpus.articles} == {"fr"}
    dated = {a.id: a.date for a in corpus.articles if a.date}
    assert dated == {
        "openai-microsoft-nouvel-accord-pbc": "2025-10-28",
        "microsoft-openai-societe-utilite-publique": "2025-10-29",
    }
    assert all(a.source.endswith(".txt") and a.title for a in corpus.articles)


def test_offsets_point_at_the_passage_and_sentence_text():
    for article in read_corpus(CORPUS).articles:
        assert [p.id for p in article.passages] == [f"{article.id}#p{n}" for n in range(1, len(article.passages) + 1)]
        for passage in article.passages:
            assert article.text[passage.start : passage.end] == passage.text
            assert passage.sentences, passage.id
            for sentence in passage.sentences:
                assert article.text[sentence.start : sentence.end] == sentence.text
                assert passage.start <= sentence.start < sentence.end <= passage.end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le maire a parlé d’une « négligence grave. » Une enquête a été ouverte lundi.",
            ["Le maire a parlé d’une « négligence grave. »", "Une enquête a été ouverte lundi."],
        ),
        (
            "La foule a crié « Démission\u00a0! » « Nous resterons », a répondu le préfet.",
            ["La foule a crié « Démission\u00a0! »", "« Nous resterons », a répondu le préfet."],
        ),
        # An incise that goes on in lower case is the same sentence.
        (
            "« Jamais\u00a0! » s’est exclamé le ministre devant les députés.",
            ["« Jamais\u00a0! » s’est exclamé le ministre devant les députés."],
        ),
        # A quotation inside a sentence is not an end.
        (
            "Il a dénoncé une « faute. » et il a quitté la salle. Le débat a repris.",
            ["Il a dénoncé une « faute. » et il a quitté la salle.", "Le débat a repris."],
        ),
    ],
)
def test_a_quotation_that_ends_its_sentence_inside_guillemets_ends_it(tmp_path, text, expected):
    write(tmp_path, "a.md", text + "\n")
    article = read_corpus(tmp_path).articles[0]
    sentences = [s for p in article.passages for s in p.sentences]
    assert [s.text for s in sentences] == expected
    assert all(article.text[s.start : s.end] == s.text for s in sentences)


def test_repeated_paragraphs_count_once_and_the_user_is_told():
    article = read_corpus(CORPUS).article("restructuration-openai-partenariat-microsoft")
    texts = [p.text for p in article.passages]
    assert len(texts) == len(set(texts))
    assert sum("En arrière-plan, la question de la restructuration" in t for t in texts) == 1
    assert any("repeated passage" in note for note in article.notes)


def test_date_prefix_becomes_metadata_not_text(tmp_path):
    write(tmp_path, "a.txt", " date 2024-03-05 " + FRENCH)
    article = read_corpus(tmp_path).articles[0]
    assert article.date == "2024-03-05"
    assert article.text.startswith("Le conseil municipal")
    assert "date 2024" not in " ".join(p.text for p in article.passages)


def test_list_items_broken_across_lines_are_joined(tmp_path):
    text = "Les points retenus sont les suivants :\n- \nLe budget est adopté.\n- \nLa séance est levée.\n"
    article = read_corpus(write(tmp_path, "liste.txt", text).parent).articles[0]
    items = [p.text for p in article.passages if p.kind == "list_item"]
    assert items == ["Le budget est adopté.", "La séance est levée."]


def test_hard_wrapped_plain_text_lines_form_one_paragraph(tmp_path):
    text = (
        "Le conseil municipal a voté mardi le nouveau\n"
        "plan de circulation du centre-ville.\n"
        "Une autre phrase suit ici.\n"
    )
    article = read_corpus(write(tmp_path, "wrap.txt", text).parent).articles[0]
    assert (
        article.passages[0].text == "Le conseil municipal a voté mardi le nouveau\nplan de circulation du centre-ville."
    )
    assert article.passages[1].text == "Une autre phrase suit ici."


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bom.txt", codecs.BOM_UTF8 + FRENCH.encode("utf-8")),
        ("utf16le.txt", codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le")),
        ("utf16be.txt", codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be")),
    ],
)
def test_declared_unicode_encodings_are_read(tmp_path, name, data):
    article = read_corpus(write(tmp_path, name, data).parent).articles[0]
    assert article.text.startswith("Le conseil municipal a voté")
    assert not any("encoding" in n for n in article.notes)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_are_detected_and_reported(tmp_path, encoding):
    text = FRENCH + "« Nous serons prêts à l’été », a déclaré l’élue, très sûre d’elle.\n"
    if encoding == "latin-1":
        text = text.replace("’", "'")  # Latin-1 has no typographic apostrophe
    article = read_corpus(write(tmp_path, "legacy.txt", text.encode(encoding)).parent).articles[0]
    assert "a voté mardi" in article.text and "prêts à l" in article.text
    assert any("encoding detected" in n for n in article.notes)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        (codecs.BOM_UTF8, "empty"),
    ],
)
def test_empty_and_binary_files_are_skipped_with_the_reason(tmp_path, data, reason):
    write(tmp_path, "good.md", FRENCH)
    bad = write(tmp_path, "bad.txt", data)
    corpus = read_corpus(tmp_path)
    assert [a.path.name for a in corpus.articles] == ["good.md"]
    assert [s.path for s in corpus.skipped] == [bad]
    assert reason in corpus.skipped[0].reason


def test_a_corpus_of_nothing_readable_is_an_error_naming_the_files(tmp_path):
    write(tmp_path, "vide.txt", b"")
    with pytest.raises(CorpusError, match=r"vide\.txt: empty file"):
        read_corpus(tmp_path)


def test_missing_folder_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="corpus folder not found"):
        read_corpus(tmp_path / "nope")


def test_without_front_matter_id_comes_from_the_file_and_language_from_the_text(tmp_path):
    write(tmp_path, "City Council Vote.txt", ENGLISH)
    write(tmp_path, "conseil.md", FRENCH)
    corpus = read_corpus(tmp_path)
    by_id = {a.id: a for a in corpus.articles}
    assert by_id["city-council-vote"].lang == "en"
    assert by_id["conseil"].lang == "fr"
    assert any("language detected as en" in n for n in by_id["city-council-vote"].notes)


def test_an_unsupported_language_is_named_and_refused_unless_forced(tmp_path):
    path = write(
        tmp_path, "de.txt", "Der Vertrag wurde am Dienstag unterzeichnet und gibt Microsoft eine Beteiligung.\n"
    )
    with pytest.raises(ArticleError, match=r"de\.txt: German, not supported"):
        read_article(path)
    with pytest.raises(CorpusError, match=r"de\.txt: German, not supported"):
        read_corpus(tmp_path)  # skipped, so no article is left
    assert read_corpus(tmp_path, lang="en").articles[0].lang == "en"
    assert read_article(path, lang="fr").lang == "fr"


def test_text_too_short_to_tell_is_refused_with_the_options_to_fix_it(tmp_path):
    path = write(tmp_path, "court.txt", "Ok 12.\n")
    with pytest.raises(ArticleError, match=r"cannot tell whether the text is French or English.*'lang: fr\|en'"):
        read_article(path)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le maire est content.", "fr"),
        ("Bonjour à tous.", "fr"),
        ("La séance est levée à midi.", "fr"),
        ("The council met.", "en"),
        ("Prices rose again in March.", "en"),
    ],
)
def test_a_one_sentence_article_has_its_language_detected(tmp_path, text, lang):
    assert read_article(write(tmp_path, "une.md", text + "\n")).lang == lang


def test_front_matter_language_wins_over_forced_language(tmp_path):
    write(tmp_path, "a.md", "---\nlang: en\n---\n" + ENGLISH)
    assert read_corpus(tmp_path, lang="fr").articles[0].lang == "en"


@pytest.mark.parametrize(
    ("front_matter", "problem"),
    [
        ("title: [unclosed\n", "invalid YAML front matter"),
        ("- a list\n", "front matter must be a mapping"),
        ("lang: de\n", "language 'de' is not supported"),
        ("date: yesterday\n", "is not an ISO date"),
    ],
)
def test_bad_front_matter_names_the_file_and_the_problem(tmp_path, front_matter, problem):
    path = write(tmp_path, "broken.md", f"---\n{front_matter}---\n{FRENCH}")
    with pytest.raises(ArticleError, match=problem) as caught:
        read_article(path)
    assert caught.value.path.name == "broken.md"
    # In a corpus, the bad file is skipped with the reason and the others are read.
    write(tmp_path, "ok.md", FRENCH)
    corpus = read_corpus(tmp_path)
    assert [a.path.name for a in corpus.articles] == ["ok.md"]
    assert [s.path.name for s in corpus.skipped] == ["broken.md"] and problem.split()[-1] in corpus.skipped[0].reason


def test_two_files_with_one_id_are_refused(tmp_path):
    write(tmp_path, "a.md", "---\nid: same\n---\n" + FRENCH)
    write(tmp_path, "b.md", "---\nid: same\n---\n" + FRENCH)
    with pytest.raises(ArticleError, match=r"article id 'same' is already used by a\.md"):
        read_corpus(tmp_path)


def test_markdown_structure_gives_passage_kinds(tmp_path):
    text = (
        "# Titre\n\nPremier paragraphe du texte.\n\n"
        "- un élément de liste\n- un autre élément\n\n```\ncode ignoré\n```\n"
    )
    article = read_corpus(write(tmp_path, "a.md", "---\nlang: fr\n---\n" + text).parent).articles[0]
    assert [(p.kind, p.text) for p in article.passages] == [
        ("heading", "Titre"),
        ("paragraph", "Premier paragraphe du texte."),
        ("list_item", "un élément de liste"),
        ("list_item", "un autre élément"),
    ]


def test_not_text_is_the_skip_signal(tmp_path):
    with pytest.raises(NotText):
        read_article(write(tmp_path, "x.txt", b"\x00\x01\x02"))
