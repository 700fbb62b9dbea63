"""The published site in a real headless Chromium, from ``file://`` with no network.

A reader's walk (home → article → citation → translation → back → glossary filter), the
glossary's filter and FR/EN switch, axe-core on every page type (WCAG 2.1 A and AA), the
390 px layout, and screenshots of every page type at 1280 and 390 px, written to
``$SITE_SCREENSHOTS`` when set (else a pytest temporary folder, named in the output).

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them), selenium
and axe-selenium-python (the ``test`` extra); skipped, saying which, when one is missing.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from core.corpus import read_corpus
from core.text import fold

CORPUS_DIR = Path(__file__).parent.parent / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 701}

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
By = pytest.importorskip("selenium.webdriver.common.by").By
WebDriverWait = pytest.importorskip("selenium.webdriver.support.wait").WebDriverWait
Axe = pytest.importorskip("axe_selenium_python", reason="axe-selenium-python is not installed (the test extra)").Axe
axe_core_python = pytest.importorskip("axe_core_python", reason="axe-core-python is not installed (the test extra)")
AXE_ENGINES = {
    # axe-selenium-python's own axe-core (3.1.1, 2018): WCAG 2.0 A/AA and the 2.1 AA rules it knew.
    "axe-selenium-python": None,
    # A newer axe-core (4.4.3), the file axe-core-python ships: rules tagged WCAG 2.1 level A too.
    "axe-core-4": str(Path(axe_core_python.__file__).parent / "axe.min.js"),
}
_missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
if _missing:
    pytest.skip(
        f"headless browser test needs {' and '.join(_missing)} (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )


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
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # CSP refusals and script errors
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(180)  # axe-core over the glossary page takes a while on a busy machine
    yield driver
    driver.quit()


@pytest.fixture()
def fresh(browser) -> Iterator:
    """The browser on a desktop-sized viewport, French interface (the choice is stored across pages)."""
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    yield browser
    browser.execute_script("try { localStorage.clear(); } catch (e) {}")


def page_types(site: Path) -> dict[str, Path]:
    article = read_corpus(CORPUS_DIR).articles[0].id
    return {
        "home": site / "index.html",
        "article": site / "articles" / f"{article}.html",
        "translation": site / "translations" / f"{article}.en.html",
        "glossary": site / "glossary.html",
        "build": site / "build.html",
    }


def wait(browser, condition, seconds: float = 10):
    return WebDriverWait(browser, seconds).until(condition)


def path_of(browser) -> str:
    return unquote(urlsplit(browser.current_url).path)


def test_a_reader_goes_from_the_home_page_to_a_cited_passage_its_translation_and_back(fresh, site):
    browser = fresh
    browser.get((site / "index.html").as_uri())
    first = browser.find_element(By.CSS_SELECTOR, ".article-card h3 a")
    title = first.text
    first.click()
    wait(browser, lambda d: "/articles/" in path_of(d))
    article_page = path_of(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == title

    cite = browser.find_element(By.CSS_SELECTOR, ".brief a.cite")
    cite.click()
    wait(browser, lambda d: re.fullmatch(r"p\d+", urlsplit(d.current_url).fragment or ""))
    anchor = urlsplit(browser.current_url).fragment
    passage = browser.find_element(By.ID, anchor)
    assert passage.is_displayed()
    assert browser.execute_script("return document.querySelector(':target') === arguments[0];", passage)
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top;", passage)
    assert 0 <= top < browser.execute_script("return window.innerHeight;")

    browser.find_element(By.CSS_SELECTOR, "a.translation-link").click()
    wait(browser, lambda d: "/translations/" in path_of(d))
    assert browser.find_element(By.CSS_SELECTOR, "h1").get_attribute("lang") == "en"
    assert browser.find_element(By.ID, anchor).is_displayed()  # the same passage anchor exists here

    browser.find_element(By.CSS_SELECTOR, "a.source-link").click()
    wait(browser, lambda d: path_of(d) == article_page)

    browser.find_element(By.LINK_TEXT, "Glossaire").click()
    wait(browser, lambda d: path_of(d).endswith("/glossary.html"))
    entries = browser.find_elements(By.CSS_SELECTOR, ".entry")
    browser.find_element(By.ID, "filter").send_keys("PBC")
    wait(browser, lambda d: 0 < len([e for e in entries if e.is_displayed()]) < len(entries))
    assert "q=PBC" in urlsplit(browser.current_url).fragment


def _glossary_entries(site: Path) -> list[dict]:
    return json.loads((site.parent / "glossary.json").read_text(encoding="utf-8"))["entries"]


def test_the_filter_matches_definitions_ignores_accents_and_lives_in_the_url(fresh, site):
    browser = fresh
    entries = _glossary_entries(site)
    defined = next(e for e in entries if e.get("definition"))
    forms = {e["id"]: [fold(f) for f in (e["fr"], e["en"], e["abbreviation"], *e["variants"]) if f] for e in entries}
    # A word of the definition that no entry's forms contain: only the definition can match it.
    words = [
        w
        for w in re.findall(r"\w{6,}", defined["definition"]["quote"])
        if not any(fold(w) in f for fs in forms.values() for f in fs)
    ]
    assert words, "the definition needs a word of its own"
    query = words[0].upper()
    browser.get((site / "glossary.html").as_uri() + "#q=" + query)
    assert browser.find_element(By.ID, "filter").get_attribute("value") == query
    expected = {
        e["id"]: any(fold(query) in f for f in forms[e["id"]])
        or fold(query) in fold((e.get("definition") or {}).get("quote", ""))
        for e in entries
    }
    assert expected[defined["id"]] and not all(expected.values())
    wait(browser, lambda d: {i: d.find_element(By.ID, i).is_displayed() for i in expected} == expected)

    browser.find_element(By.ID, "filter").clear()
    browser.find_element(By.ID, "filter").send_keys("SOCIETE D'INTERET")
    expected = {e["id"]: any("societe d'interet" in f.replace("’", "'") for f in forms[e["id"]]) for e in entries}
    assert any(expected.values())
    wait(browser, lambda d: all(d.find_element(By.ID, i).is_displayed() for i, shown in expected.items() if shown))


def test_the_language_switch_changes_labels_lang_and_which_content_leads(fresh, site):
    browser = fresh
    browser.get((site / "index.html").as_uri())
    heading = browser.find_element(By.TAG_NAME, "h1").text
    corpus = browser.find_element(By.CSS_SELECTOR, ".card .pair")
    fr, en = (corpus.find_element(By.CSS_SELECTOR, f".lang-{lang}") for lang in ("fr", "en"))
    assert fr.location["y"] < en.location["y"]

    browser.find_element(By.ID, "lang-toggle").click()
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text != heading)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert en.location["y"] < fr.location["y"]
    assert fr.get_attribute("lang") == "fr"  # French content stays marked French

    # The choice follows the reader to the glossary; a card with no English form leads with its French one.
    browser.get((site / "glossary.html").as_uri())
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Glossary"
    for card in browser.find_elements(By.CSS_SELECTOR, ".entry")[:40]:
        forms = card.find_elements(By.CSS_SELECTOR, ".lang-form")
        first = min(forms, key=lambda element: (element.location["y"], element.location["x"]))
        classes = first.get_attribute("class").split()
        assert "is-missing" not in classes, card.get_attribute("id")
        has_english = card.find_elements(By.CSS_SELECTOR, ".lang-en .form")
        assert ("lang-en" in classes) == bool(has_english), card.get_attribute("id")
    browser.find_element(By.ID, "lang-toggle").click()
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Glossaire")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"


@pytest.mark.parametrize("kind", ["home", "article", "translation", "glossary", "build"])
def test_every_page_works_from_file_under_its_csp_with_no_error(fresh, site, kind):
    """No style or script refused by the page's Content-Security-Policy, no script error, nothing fetched."""
    browser = fresh
    browser.get_log("browser")  # drop what earlier pages logged
    browser.get(page_types(site)[kind].as_uri())
    browser.find_element(By.ID, "lang-toggle").click()  # the script runs: the switch works
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    background = browser.execute_script("return getComputedStyle(document.body).backgroundColor;")
    assert background == "rgb(244, 246, 250)"  # the inline stylesheet applied
    resources = browser.execute_script("return performance.getEntriesByType('resource').length;")
    assert resources == 0
    messages = [entry["message"] for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert messages == []


def run_axe(browser, engine: str) -> dict:
    """axe-core's rules of WCAG 2.0 and 2.1, levels A and AA, over the page (a failed run fails, never hangs)."""
    script = AXE_ENGINES[engine]
    (Axe(browser, script) if script else Axe(browser)).inject()
    known = browser.execute_script("return axe.getRules().map(function (rule) { return rule.tags; }).flat();")
    tags = [tag for tag in WCAG_21_AA if tag in known]  # axe-core 3.x has no rule tagged wcag21a yet
    assert {"wcag2a", "wcag2aa"} <= set(tags), f"axe {browser.execute_script('return axe.version;')} lacks WCAG tags"
    results = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(function (results) { done(results); }, function (error) { done({error: String(error)}); });",
        tags,
    )
    assert "error" not in results, results.get("error")
    return results


@pytest.mark.parametrize("engine", AXE_ENGINES)
@pytest.mark.parametrize("kind", ["home", "article", "translation", "glossary", "build"])
def test_no_wcag_21_a_or_aa_violation(fresh, site, kind, engine):
    browser = fresh
    browser.get(page_types(site)[kind].as_uri())
    results = run_axe(browser, engine)
    if engine == "axe-core-4":
        assert set(results["testEngine"]["version"].split(".")[:1]) == {"4"}
    assert results["passes"], "axe ran no rule"
    assert results["violations"] == [], Axe(browser).report(results["violations"])


@pytest.mark.parametrize("kind", ["home", "article", "translation", "glossary", "build"])
def test_a_phone_shows_the_page_not_the_header(fresh, site, kind):
    """On a 390 × 701 px phone the header takes under 15 % of the height and nothing scrolls sideways."""
    browser = fresh
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**PHONE, "deviceScaleFactor": 1, "mobile": True})
    browser.get(page_types(site)[kind].as_uri())
    sizes = browser.execute_script(
        "var header = document.querySelector('header.site').getBoundingClientRect();"
        "return [header.height, window.innerHeight, window.innerWidth, document.documentElement.scrollWidth];"
    )
    header, height, width, scroll_width = sizes
    assert height == PHONE["height"] and width == PHONE["width"]
    assert header < 0.15 * height, f"header {header} px of {height}"
    assert scroll_width <= width, f"{scroll_width} px wide on a {width} px screen"


def test_screenshots_of_every_page_type_at_1280_and_390_px(fresh, site, tmp_path_factory):
    folder = Path(os.environ.get("SITE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    browser = fresh
    written = []
    for width, height in ((1280, 900), PHONE.values()):
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        for kind, page in page_types(site).items():
            browser.get(page.as_uri())
            path = folder / f"{kind}-{width}.png"
            assert browser.save_screenshot(str(path))
            written.append(path)
    assert all(p.stat().st_size > 5_000 for p in written)
    print(f"screenshots in {folder}")
