// The privacy page: both languages are in the page; this shows the one chosen (French by default).
(function () {
  "use strict";

  var LANGUAGE = window.SolidaireLanguage;

  function show(lang) {
    LANGUAGE.apply(lang);
    document.title = LANGUAGE.text(lang, "privacy.page.title");
    document.querySelectorAll("[data-lang]").forEach(function (block) {
      block.hidden = block.getAttribute("data-lang") !== lang;
    });
  }

  LANGUAGE.onSwitch(function () { return document.documentElement.lang; }, show);
  show(LANGUAGE.initial());

  // The periods in force: the page is written with the defaults; where an operator changed a
  // setting, the API says so, and the page states what the purge really does.
  function fillPeriods(periods) {
    document.querySelectorAll("[data-period]").forEach(function (span) {
      var value = periods[span.getAttribute("data-period")];
      if (typeof value === "number" && isFinite(value) && value > 0) span.textContent = String(value);
    });
  }

  fetch(window.SolidaireForms.apiBase() + "/api/retention-periods", { headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (periods) { if (periods) fillPeriods(periods); })
    .catch(function () { /* the defaults written in the page stay */ });
})();
