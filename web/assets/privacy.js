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
})();
