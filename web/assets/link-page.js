// What the pages opened from an emailed link share (contract.html, feedback.html, erasure.html): the link's token taken
// from the address, the API called with it, and problems told apart. On top of forms.js (what every public
// form shares: where the API is, reading answers, errors tied to their controls), loaded before it.
window.SolidaireLinkPage = (function () {
  "use strict";

  var forms = window.SolidaireForms;

  var REQUEST_TIMEOUT_MS = 30000;

  /**
   * The link's token: taken from the address and removed from it at once (history, bookmarks, screen
   * sharing); the caller keeps it in a variable only (never storage, never a cookie) and sends it only in a header.
   */
  function takeToken() {
    var fragment = window.location.hash.replace(/^#/, "");
    if (fragment.length === 0) return null;
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    var found = new URLSearchParams(fragment).get("token");
    // The first form of these links was "#<token>": a bare fragment is the token itself.
    if (found === null && fragment.indexOf("=") < 0) found = fragment;
    return found && found.trim().length > 0 ? found.trim() : null;
  }

  /** Calls the API with the link's token; resolves { status, json, headers }, rejects on a network error or timeout. */
  function call(token, method, path, body) {
    var controller = new AbortController();
    var timer = window.setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    var headers = { "Accept": "application/json, application/problem+json", "Authorization": "Bearer " + token };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(forms.apiBase() + path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
      signal: controller.signal,
    }).then(function (response) {
      return response.text().then(function (text) {
        window.clearTimeout(timer);
        // Not JSON (a proxy's page): judged by its status.
        return { status: response.status, json: forms.parseJson(text), headers: response.headers };
      });
    }, function (error) {
      window.clearTimeout(timer);
      throw error;
    });
  }

  function codeOf(answer) {
    return answer.json && typeof answer.json.code === "string" ? answer.json.code : "";
  }

  /** The page a refused link or an unavailable service leads to, or null when the answer is not one of them. */
  function pageFor(answer) {
    var code = codeOf(answer);
    if (code === "link_expired" || answer.status === 410) return "expired";
    if (code === "invalid_token" || answer.status === 401) return "invalid";
    if (code === "storage_unavailable" || answer.status === 503) return "unavailable";
    return null;
  }

  /** Length as the server counts it: Unicode characters (an emoji is one), not UTF-16 units. */
  function characters(text) {
    return Array.from(text).length;
  }

  /**
   * The page's language as the link pages choose it: ?lang or the person's switch wins for good; until
   * then, the language the link's own answer names (adopt). A switch re-renders and is announced.
   */
  function language(state, render, announce) {
    var LANGUAGE = window.SolidaireLanguage;
    var explicit = new URLSearchParams(window.location.search).has("lang");
    LANGUAGE.onSwitch(function () { return state.lang; }, function (lang) {
      explicit = true;
      state.lang = lang;
      LANGUAGE.apply(lang);
      render();
      announce();
    });
    return {
      adopt: function (lang) {
        if (explicit || (lang !== "fr" && lang !== "en")) return;
        state.lang = lang;
        LANGUAGE.apply(lang);
      },
    };
  }

  /** Every field's error (name -> { key, vars }) by the page's own check of one field. */
  function checkAll(fields, check, values) {
    var errors = {};
    fields.forEach(function (name) {
      var error = check(name, values);
      if (error) errors[name] = error;
    });
    return errors;
  }

  /**
   * A form's errors as the link pages show them: each next to its field ([data-field="name"], #name-error,
   * aria-invalid) and in the summary (#error-summary) that lists them as links to their fields. state holds
   * fieldErrors (name -> { key, vars }) and general ({ key, vars } of a problem not about one field).
   */
  function formErrors(form, fields, state, t) {
    var summary = document.getElementById("error-summary");

    function controlsOf(name) {
      return Array.prototype.slice.call(form.querySelectorAll('[name="' + name + '"]'));
    }

    function render() {
      fields.forEach(function (name) {
        var error = state.fieldErrors[name];
        var message = document.getElementById(name + "-error");
        message.hidden = !error;
        message.textContent = error ? t(error.key, error.vars) : "";
        form.querySelector('[data-field="' + name + '"]').classList.toggle("has-error", Boolean(error));
        controlsOf(name).forEach(function (control) { forms.describe(control, name + "-error", Boolean(error)); });
      });
      renderSummary();
    }

    function renderSummary() {
      var body = document.getElementById("error-summary-body");
      var text = document.getElementById("error-summary-text");
      var list = document.getElementById("error-summary-list");
      var names = fields.filter(function (n) { return state.fieldErrors[n]; });
      list.textContent = "";
      if (names.length === 0 && !state.general) {
        body.hidden = true;
        return;
      }
      document.getElementById("error-summary-title").textContent = names.length === 0 ? t("summary.failed")
        : names.length === 1 ? t("summary.titleOne") : t("summary.titleMany", { count: names.length });
      var paragraphs = [];
      if (state.general) paragraphs.push(t(state.general.key, state.general.vars));
      if (names.length === 0) paragraphs.push(t("summary.kept"));
      text.textContent = paragraphs.join(" ");
      text.hidden = paragraphs.length === 0;
      names.forEach(function (name) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        var target = controlsOf(name)[0];
        link.href = "#" + target.id;
        link.textContent = t(state.fieldErrors[name].key, state.fieldErrors[name].vars);
        link.addEventListener("click", function (event) {
          event.preventDefault();
          target.focus();
          target.scrollIntoView({ block: "center" });
        });
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = names.length === 0;
      body.hidden = false;
    }

    /** A field in error is checked again as the person fixes it; no new error appears while typing. */
    function recheckWhileFixing(check, readValues, onChange) {
      fields.forEach(function (name) {
        controlsOf(name).forEach(function (control) {
          var recheck = function () {
            if (onChange) onChange(name);
            if (!state.fieldErrors[name]) return;
            var error = check(name, readValues());
            if (error) state.fieldErrors[name] = error; else delete state.fieldErrors[name];
            render();
          };
          control.addEventListener("input", recheck);
          control.addEventListener("change", recheck);
        });
      });
    }

    function focusSummary() {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    }

    return { render: render, recheckWhileFixing: recheckWhileFixing, focusSummary: focusSummary };
  }

  return {
    takeToken: takeToken, call: call, codeOf: codeOf, pageFor: pageFor, characters: characters,
    language: language, checkAll: checkAll, formErrors: formErrors,
  };
})();
