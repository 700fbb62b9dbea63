// The site's one script: the FR/EN switch on every page, the glossary's filter on glossary.html.
// Runs from file:// with no network; each page's CSP allows this inline script only.
(function () {
  "use strict";

  var STORAGE_KEY = "brief-lang";
  var toggle = document.getElementById("lang-toggle");
  var filter = document.getElementById("filter");

  // Case- and accent-insensitive comparison: "Société d’intérêt" and "societe d'interet" fold
  // to the same text (typographic apostrophes count as the one on the keyboard).
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, " ").trim();
  }

  // The interface language: labels switch their text and their lang attribute, the page's
  // lang follows, and content in that language comes first. Content keeps its own lang.
  function setLanguage(lang) {
    document.documentElement.lang = lang;
    document.body.classList.toggle("en-first", lang === "en");
    toggle.setAttribute("aria-pressed", lang === "en" ? "true" : "false");
    document.querySelectorAll(".l10n[data-" + lang + "]").forEach(function (element) {
      element.textContent = element.getAttribute("data-" + lang);
    });
    // The toggle names the other language, in that language.
    var label = toggle.querySelector(".l10n");
    label.setAttribute("lang", lang === "en" ? "fr" : "en");
    if (filter) {
      filter.setAttribute("placeholder", filter.getAttribute("data-placeholder-" + lang) || "");
    }
    try { window.localStorage.setItem(STORAGE_KEY, lang); } catch (ignored) { /* storage may be off */ }
  }

  function currentLanguage() {
    return document.documentElement.lang === "en" ? "en" : "fr";
  }

  // Glossary state in the URL hash ("#q=openai&lang=en"), so a filtered view can be bookmarked
  // and shared. A hash without "=" is an entry's anchor and is left to the browser.
  function readState() {
    var hash = window.location.hash.slice(1);
    if (hash.indexOf("=") === -1) { return null; }
    var state = {};
    hash.split("&").forEach(function (pair) {
      var parts = pair.split("=");
      try { state[decodeURIComponent(parts[0])] = decodeURIComponent(parts.slice(1).join("=")); } catch (ignored) { /* bad escape */ }
    });
    return state;
  }

  function writeState() {
    var parts = [];
    if (filter && filter.value) { parts.push("q=" + encodeURIComponent(filter.value)); }
    if (currentLanguage() === "en") { parts.push("lang=en"); }
    if (!filter && parts.length === 0 && readState() === null) { return; }
    var hash = parts.length ? "#" + parts.join("&") : "";
    try {
      window.history.replaceState(null, "", window.location.pathname + window.location.search + hash);
    } catch (ignored) { /* some file:// setups refuse it: the page still works */ }
  }

  var entries = Array.prototype.slice.call(document.querySelectorAll(".entry"));
  var searchable = entries.map(function (entry) {
    return {
      forms: (entry.getAttribute("data-terms") || "").split("\n").map(fold),
      definition: fold(entry.getAttribute("data-definition") || "")
    };
  });

  function applyFilter() {
    var query = fold(filter.value);
    var shown = 0;
    entries.forEach(function (entry, index) {
      var text = searchable[index];
      var match = query === "" || text.definition.indexOf(query) !== -1 ||
        text.forms.some(function (form) { return form.indexOf(query) !== -1; });
      entry.hidden = !match;
      if (match) { shown += 1; }
    });
    // A group heading with no visible entry left is hidden too.
    document.querySelectorAll(".group").forEach(function (group) {
      group.hidden = group.querySelector(".entry:not([hidden])") === null;
    });
    document.getElementById("count").textContent = shown + " / " + entries.length;
    document.getElementById("no-match").hidden = shown !== 0;
  }

  toggle.addEventListener("click", function () {
    setLanguage(currentLanguage() === "en" ? "fr" : "en");
    if (filter) { writeState(); }
  });

  // A view opened from a link or a bookmark: the hash's state, else the reader's stored choice.
  function applyHashState(useStored) {
    var state = readState();
    var stored = null;
    if (useStored) {
      try { stored = window.localStorage.getItem(STORAGE_KEY); } catch (ignored) { /* storage may be off */ }
    }
    var lang = state && state.lang ? state.lang : stored;
    if (lang === "en" || lang === "fr") { setLanguage(lang); }
    if (filter && state) {
      filter.value = state.q || "";
      applyFilter();
    }
  }

  applyHashState(true);
  window.addEventListener("hashchange", function () { applyHashState(false); });
  if (filter) {
    filter.addEventListener("input", function () { applyFilter(); writeState(); });
    applyFilter();
  }
})();
