// Glossary index: filter as you type, and switch which language leads (forms and labels).
// Runs from file:// with no network; the page's CSP allows this inline script only.
(function () {
  "use strict";

  // Case- and accent-insensitive comparison: "Société d’intérêt" and "societe d'interet" fold
  // to the same text (typographic apostrophes count as the one on the keyboard).
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, " ").trim();
  }

  var entries = Array.prototype.slice.call(document.querySelectorAll(".entry"));
  var forms = entries.map(function (entry) {
    return (entry.getAttribute("data-terms") || "").split("\n").map(fold);
  });
  var filter = document.getElementById("filter");
  var count = document.getElementById("count");
  var noMatch = document.getElementById("no-match");
  var toggle = document.getElementById("lang-toggle");

  function applyFilter() {
    var query = fold(filter.value);
    var shown = 0;
    entries.forEach(function (entry, index) {
      var match = query === "" || forms[index].some(function (form) { return form.indexOf(query) !== -1; });
      entry.hidden = !match;
      if (match) { shown += 1; }
    });
    // A group heading with no visible entry left is hidden too.
    document.querySelectorAll(".group").forEach(function (group) {
      group.hidden = group.querySelector(".entry:not([hidden])") === null;
    });
    count.textContent = shown + " / " + entries.length;
    noMatch.hidden = shown !== 0;
  }

  function setLanguage(lang) {
    document.documentElement.lang = lang;
    document.body.classList.toggle("en-first", lang === "en");
    toggle.setAttribute("aria-pressed", lang === "en" ? "true" : "false");
    document.querySelectorAll("[data-" + lang + "]").forEach(function (element) {
      element.textContent = element.getAttribute("data-" + lang);
    });
    filter.setAttribute("placeholder", filter.getAttribute("data-placeholder-" + lang) || "");
    try { window.localStorage.setItem("glossary-lang", lang); } catch (ignored) { /* storage may be off */ }
  }

  filter.addEventListener("input", applyFilter);
  toggle.addEventListener("click", function () {
    setLanguage(document.documentElement.lang === "en" ? "fr" : "en");
  });
  try {
    if (window.localStorage.getItem("glossary-lang") === "en") { setLanguage("en"); }
  } catch (ignored) { /* storage may be off */ }
  applyFilter();
})();
