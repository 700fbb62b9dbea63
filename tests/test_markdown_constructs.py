"""Every Markdown construct survives translation: same markdown-it-py skeleton, protected spans byte for byte.

Each document below was written for this test. It is translated EN→FR with the tiny
random en-fr model (gibberish out), alone and then all of them in one document; the
output must have the source's token skeleton (types, nesting, markup, URLs, labels,
code) and every span listed beside the document, as written, as often as the source.
"""

from __future__ import annotations

import pytest

from core.models.settings import resolve_settings
from translate import translate_files
from translate.segments import markdown_runs, skeleton

# name -> (Markdown, spans that must come back byte for byte, a prose sentence that must be translated)
CONSTRUCTS: dict[str, tuple[str, list[str], str]] = {
    "headings": (
        "# The river and its banks\n\nThe river is long and wide.\n\nA setext title\n==============\n\nMore text here.\n",
        ["# ", "\n=============="],
        "The river is long and wide.",
    ),
    "emphasis": (
        "Some *emphasised* words, **strong** words and ***both*** here, with ~~struck~~ ones.\n",
        ["*", "**", "***", "~~"],
        "here, with",
    ),
    "intraword": (
        "The snake_case_name and the un*frigging*believable word stay as they are.\n",
        ["snake_case_name", "*"],
        "stay as they are.",
    ),
    "escapes": (
        "This is \\*not emphasis\\* and a \\[bracket\\] and a \\# sign in the middle of the sentence.\n",
        ["\\*", "\\[", "\\]", "\\#"],
        "in the middle of the sentence.",
    ),
    "entities": (
        "Copyright &copy; the team &amp; friends, with a&nbsp;space and &#35; signs everywhere.\n",
        ["&copy;", "&amp;", "&nbsp;", "&#35;"],
        "signs everywhere.",
    ),
    "inline-links": (
        'Read [the guide](https://example.org/guide_(v2) "The guide") today, or [that page](<a b.md>).\n',
        ['(https://example.org/guide_(v2) "The guide")', "(<a b.md>)"],
        "today, or",
    ),
    "reference-links": (
        "See [the manual][man], the [foo] page and the [bar][] section for the details.\n\n"
        '[man]: https://example.org/manual\n[foo]: /foo "Foo title"\n[bar]: <https://example.org/bar>\n',
        [
            "][man]",
            "[foo]",
            "[bar][]",
            '[man]: https://example.org/manual\n[foo]: /foo "Foo title"\n[bar]: <https://example.org/bar>\n',
        ],
        "section for the details.",
    ),
    "autolinks": (
        "Write to <mailto:team@example.org> or visit <https://example.org/a_b> for more help.\n",
        ["<mailto:team@example.org>", "<https://example.org/a_b>"],
        "for more help.",
    ),
    "inline-code": (
        "Run `pip install brief` before the first build, and ``a `tick` inside`` too.\n",
        ["`pip install brief`", "``a `tick` inside``"],
        "before the first build, and",
    ),
    "code-blocks": (
        "Install it like this:\n\n```bash\npip install brief  # the river\n```\n\n    indented code line\n\nThen run it.\n",
        ["```bash\npip install brief  # the river\n```", "    indented code line"],
        "Then run it.",
    ),
    "html": (
        '<div class="note">\n\n**Careful** with this option.\n\n</div>\n\nPress <kbd>Ctrl</kbd> and the key together.\n',
        ['<div class="note">', "</div>", "<kbd>", "</kbd>"],
        "with this option.",
    ),
    "footnotes": (
        "The river is long.[^1] It floods every spring.[^note]\n\n"
        "[^1]: Measured by the national survey.\n[^note]: See the annex for the details.\n",
        ["[^1]", "[^note]", "[^1]: ", "[^note]: "],
        "Measured by the national survey.",
    ),
    "math": (
        "The area is $a^2$ and the energy is given by\n\n$$\nE = mc^2\n$$\n\nas everyone knows.\n",
        ["$a^2$", "$$\nE = mc^2\n$$"],
        "as everyone knows.",
    ),
    "tables": (
        "| Name | Value |\n|------|------:|\n| Rivers of the north | 12 |\n| Lakes | 3 |\n",
        ["|------|------:|", "| 12 |", "| 3 |"],
        "Rivers of the north",
    ),
    "definition-lists": (
        "Term of art\n: The definition of the term, in one sentence.\n\nOther term\n: Another definition.\n",
        ["\n: ", "\n: "],
        "The definition of the term, in one sentence.",
    ),
    "lists": (
        "- First item of the list\n  - Nested item inside\n- Second item\n\n1. Step one is easy.\n2) Step two is not.\n",
        ["- ", "  - ", "1. "],
        "Step one is easy.",
    ),
    "blockquotes": (
        "> Quoted text from the report.\n> > A quote inside the quote.\n",
        ["> ", "> > "],
        "Quoted text from the report.",
    ),
    "images": (
        '![A map of the river](img/map_v2.png "Map") and a picture of the lake, ![lake] and ![a photo][lake].\n\n'
        "[lake]: img/lake.jpg\n",
        ['](img/map_v2.png "Map")', "![lake]", "][lake]", "[lake]: img/lake.jpg\n"],
        "A map of the river",  # alt text is prose (unless it is the image's reference label)
    ),
    "breaks-and-rules": (
        "First line of the poem  \nsecond line of it\\\nthird line.\n\n---\n\n***\n\nAfter the rules.\n",
        ["  \n", "\\\n", "\n---\n", "\n***\n"],
        "After the rules.",
    ),
    "numbers": (
        "The budget rose by 12.5% to $1,200,000 on 2024-03-01 at 10:30, see https://example.org/report_2024 "
        "or write to press@example.org about version v2.1.3.\n",
        [
            "12.5%",
            "$1,200,000",
            "2024-03-01",
            "10:30",
            "https://example.org/report_2024",
            "press@example.org",
            "v2.1.3",
        ],
        "The budget rose by",
    ),
}


@pytest.fixture(scope="module")
def settings(tiny_models):
    return resolve_settings([f"en-fr={tiny_models['en-fr']}"], environ={})


def translated_body(tmp_path, settings, name: str, markdown: str) -> tuple[str, object]:
    source = tmp_path / f"{name}.md"
    source.write_text(markdown, encoding="utf-8")
    result = translate_files([source], tmp_path / "out", settings, source_lang="en")[0]
    assert result.status == "translated", result.reason
    text = (tmp_path / "out" / "translations" / f"{name}.fr.md").read_text(encoding="utf-8")
    return text.split("---\n", 2)[2], result


def check(markdown: str, body: str, spans: list[str], prose: str) -> None:
    assert skeleton(body) == skeleton(markdown)
    for span in spans:
        assert body.count(span) >= markdown.count(span), span
    assert prose not in body, "the prose was not translated"


@pytest.mark.parametrize("name", list(CONSTRUCTS))
def test_each_construct_round_trips_alone(name, tmp_path, settings, in_tmp_cwd):
    markdown, spans, prose = CONSTRUCTS[name]
    body, result = translated_body(tmp_path, settings, name, markdown)
    check(markdown, body, spans, prose)
    assert "Markdown structure differs" not in " ".join(result.problems)


def test_all_constructs_round_trip_in_one_document(tmp_path, settings, in_tmp_cwd):
    markdown = "\n".join(doc for doc, _, _ in CONSTRUCTS.values())
    body, _ = translated_body(tmp_path, settings, "mixed", markdown)
    assert skeleton(body) == skeleton(markdown)
    for _, spans, prose in CONSTRUCTS.values():
        for span in spans:
            assert body.count(span) >= markdown.count(span), span
        assert prose not in body


def test_reference_labels_urls_code_and_footnote_labels_are_never_sent_to_the_model():
    markdown = CONSTRUCTS["reference-links"][0] + CONSTRUCTS["autolinks"][0] + CONSTRUCTS["footnotes"][0]
    runs = [markdown[r.start : r.end] for r in markdown_runs(markdown)[0]]
    assert "foo" not in runs and "bar" not in runs  # shortcut and collapsed references: the text is the label
    assert "the manual" in runs  # full reference: the text is prose, the label [man] is not
    assert not any("example.org" in run for run in runs)
    assert not any("^" in run or "note]" in run for run in runs)
    assert "Measured by the national survey." in runs  # footnote texts are prose


def test_escapes_and_entities_are_kept_and_the_text_around_them_translated():
    markdown = CONSTRUCTS["escapes"][0] + "\n" + CONSTRUCTS["entities"][0]
    runs, unmatched = markdown_runs(markdown)
    assert unmatched == 0
    kept = [markdown[a:b] for run in runs for a, b in run.kept]
    assert kept == ["\\*", "\\*", "\\[", "\\]", "\\#", "&copy;", "&amp;", "&nbsp;", "&#35;"]


def test_a_folder_comes_back_complete_files_without_prose_copied_and_recorded(tmp_path, settings, in_tmp_cwd):
    import json

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "guide.md").write_text("---\nlang: en\n---\n" + CONSTRUCTS["lists"][0], encoding="utf-8")
    only_code = (
        '```python\nprint(1)\n```\n\n<div>\n<img src="x.png">\n</div>\n\n---\n\n| 1 | 2 |\n|---|---|\n| 3 | 4 |\n'
    )
    (folder / "snippets.md").write_text(only_code, encoding="utf-8")
    results = translate_files(sorted(folder.iterdir()), tmp_path / "out", settings)
    assert {r.source.name: r.status for r in results} == {"guide.md": "translated", "snippets.md": "copied"}
    translations = tmp_path / "out" / "translations"
    assert (translations / "snippets.fr.md").read_text(encoding="utf-8") == only_code
    manifest = json.loads((translations / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"]["snippets.fr.md"]["copied"] is True
    again = translate_files(sorted(folder.iterdir()), tmp_path / "out", settings)
    assert [r.status for r in again] == ["unchanged", "unchanged"]
