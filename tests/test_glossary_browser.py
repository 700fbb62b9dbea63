"""The glossary site in a real headless Chromium: filter as you type, follow an occurrence, toggle FR/EN.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them) and
selenium (the ``test`` extra); the module is skipped, saying which, when one is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from brief.cli import main
from core.text import fold

CORPUS_DIR = Path(__file__).parent.parent / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
By = pytest.importorskip("selenium.webdriver.common.by").By
WebDriverWait = pytest.importorskip("selenium.webdriver.support.wait").WebDriverWait
_missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
if _missing:
    pytest.skip(
        f"headless browser test needs {' and '.join(_missing)} (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def glossary_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``site/index.html`` as ``brief glossary`` writes it for the repository's corpus (no translator needed)."""
    out = tmp_path_factory.mktemp("glossary")
    result = CliRunner().invoke(main, ["glossary", "--corpus", str(CORPUS_DIR), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output + result.stderr
    return out / "site" / "index.html"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _entries(site: Path) -> list[dict]:
    return json.loads((site.parent.parent / "glossary.json").read_text(encoding="utf-8"))["entries"]


def _forms(entry: dict) -> list[str]:
    return [form for form in (entry["fr"], entry["en"], entry["abbreviation"], *entry["variants"]) if form]


def test_filter_then_follow_an_occurrence_to_its_passage(browser, glossary_site):
    entries = _entries(glossary_site)
    pbc = next(e for e in entries if "PBC" in (e["abbreviation"], e["fr"], e["en"]))
    browser.get(glossary_site.as_uri())
    wait = WebDriverWait(browser, 10)

    browser.find_element(By.ID, "filter").send_keys("PBC")
    expected = {e["id"]: any("pbc" in fold(form) for form in _forms(e)) for e in entries}
    assert not all(expected.values()), "the glossary needs an entry the filter hides"
    wait.until(lambda d: {e["id"]: d.find_element(By.ID, e["id"]).is_displayed() for e in entries} == expected)
    assert browser.find_element(By.ID, pbc["id"]).is_displayed()

    link = browser.find_element(By.CSS_SELECTOR, f'[id="{pbc["id"]}"] a.occurrence')
    link.click()
    wait.until(lambda d: "/articles/" in urlsplit(d.current_url).path)
    fragment = urlsplit(browser.current_url).fragment
    assert re.fullmatch(r"p\d+", fragment)
    passage = browser.find_element(By.ID, fragment)
    assert passage.is_displayed()
    assert "PBC" in passage.text
    assert browser.execute_script("return document.querySelector(':target') === arguments[0];", passage)


def test_filter_ignores_case_and_accents(browser, glossary_site):
    entries = _entries(glossary_site)
    browser.get(glossary_site.as_uri())
    browser.find_element(By.ID, "filter").send_keys("SOCIETE D'INTERET")
    expected = {e["id"]: any("societe d'interet" in fold(f).replace("’", "'") for f in _forms(e)) for e in entries}
    assert any(expected.values())
    WebDriverWait(browser, 10).until(
        lambda d: {e["id"]: d.find_element(By.ID, e["id"]).is_displayed() for e in entries} == expected
    )


def test_language_toggle_switches_labels_and_form_order(browser, glossary_site):
    browser.get(glossary_site.as_uri())
    title = browser.find_element(By.TAG_NAME, "h1").text
    entry = browser.find_element(By.CSS_SELECTOR, ".entry")
    fr, en = (entry.find_element(By.CSS_SELECTOR, f".lang-{lang}") for lang in ("fr", "en"))
    assert fr.location["x"] < en.location["x"]

    browser.find_element(By.ID, "lang-toggle").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text != title)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert en.location["x"] < fr.location["x"]

    browser.find_element(By.ID, "lang-toggle").click()  # back to French for the other tests (stored choice)
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == title)
