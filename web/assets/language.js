// The page language, shared by every page: ?lang=fr|en, else the last choice (localStorage), else French.
// The FR/EN switch changes the page in place (nothing typed is lost) and keeps the choice in the address.
window.SolidaireLanguage = (function () {
  "use strict";

  var LANGUAGES = ["fr", "en"];
  var STORAGE_KEY = "solidaire.lang";

  function initial() {
    var asked = new URLSearchParams(window.location.search).get("lang");
    if (LANGUAGES.indexOf(asked) >= 0) {
      remember(asked);
      return asked;
    }
    try {
      var stored = window.localStorage.getItem(STORAGE_KEY);
      if (LANGUAGES.indexOf(stored) >= 0) return stored;
    } catch (e) { /* storage may be disabled: French, then */ }
    return "fr";
  }

  function remember(lang) {
    try { window.localStorage.setItem(STORAGE_KEY, lang); } catch (e) { /* not remembered, still works */ }
  }

  function other(lang) {
    return lang === "fr" ? "en" : "fr";
  }

  /** A text of window.SolidaireText in the given language, French when missing; "{name}" takes vars.name. */
  function text(lang, key, vars) {
    var texts = window.SolidaireText;
    var found = (texts[lang] && texts[lang][key]) || texts.fr[key] || key;
    return found.replace(/\{(\w+)\}/g, function (_, name) {
      return vars && vars[name] !== undefined ? String(vars[name]) : "";
    });
  }

  /** An address of this site in the given language: French is the default, English carries ?lang=en. */
  function link(path, lang) {
    return lang === "fr" ? path : path + "?lang=" + lang;
  }

  /** Every [data-i18n] text, <html lang>, the switch link and [data-page] links (they keep the language). */
  function apply(lang) {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (el) {
      el.textContent = text(lang, el.getAttribute("data-i18n"));
    });
    document.querySelectorAll("[data-page]").forEach(function (a) {
      a.href = link(a.getAttribute("data-page"), lang);
    });
    var switchLink = document.getElementById("lang-switch");
    switchLink.href = "?lang=" + other(lang);
    switchLink.lang = other(lang);
    switchLink.hreflang = other(lang);
  }

  /** Calls changeTo(newLang) when the switch is used, after remembering it and updating the address. */
  function onSwitch(currentLang, changeTo) {
    document.getElementById("lang-switch").addEventListener("click", function (event) {
      event.preventDefault();
      var lang = other(currentLang());
      remember(lang);
      var url = new URL(window.location.href);
      url.searchParams.set("lang", lang);
      window.history.replaceState(null, "", url.toString());
      changeTo(lang);
    });
  }

  return { initial: initial, text: text, apply: apply, onSwitch: onSwitch };
})();
