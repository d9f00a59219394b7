// The erasure page (erasure.html): without a link, the form that asks for one (POST /api/erasure-requests);
// from the emailed link (erasure.html#token=…), what would be destroyed and what kept (GET /api/client/erasure),
// then the erasure once confirmed (POST /api/client/erasure) and what it did. Plain JavaScript, no dependency.
// Texts come from erasure-texts.js (and i18n.js for the header and footer), the page language from
// language.js, the link's handling from link-page.js, the API's origin and answers from forms.js.
(function () {
  "use strict";

  var LINK = window.SolidaireLinkPage;
  var FORMS = window.SolidaireForms;
  var LANGUAGE = window.SolidaireLanguage;
  // Kept in this variable only, sent only in a header (see link-page.js).
  var token = LINK.takeToken();

  var KINDS = ["requests", "engagements", "sessions", "feedbackAnswers", "emails", "unsignedContracts", "accessRecords"];
  var FIELDS = ["email"];
  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

  var form = document.getElementById("request-form");
  var email = document.getElementById("email");
  var requestButton = document.getElementById("request-submit");
  var confirmButton = document.getElementById("confirm");
  var statusLine = document.getElementById("status-line");
  var heading = document.getElementById("page-heading");

  var state = {
    lang: LANGUAGE.initial(),
    view: token ? "loading" : "request", // loading | request | requested | preview | done | erased | inprogress | expired | invalid | unavailable | technical
    fieldErrors: {},
    general: null,
    sending: false,
    preview: null,   // GET /api/client/erasure's answer
    result: null,    // POST /api/client/erasure's answer
    confirmError: null,
  };

  function t(key, vars) {
    return LANGUAGE.text(state.lang, key, vars);
  }

  var pageLanguage = LINK.language(state, function () { render(); }, function () { statusLine.textContent = t("switch.announce"); });

  /** Shows one view; a new view takes the focus on its heading. */
  function show(view) {
    var changed = state.view !== view;
    state.view = view;
    render();
    if (!changed || view === "loading") return;
    if (view === "requested") document.getElementById("requested-title").focus();
    else if (view === "done") document.getElementById("done-title").focus();
    else heading.focus();
  }

  // ---- step 1: asking for a link -----------------------------------------------------------------

  function check(name, values) {
    if (values.email.length === 0) return { key: "email.required" };
    return EMAIL.test(values.email) ? null : { key: "email.invalid" };
  }

  function readValues() {
    return { email: email.value.trim() };
  }

  var shown = LINK.formErrors(form, FIELDS, state, t);
  shown.recheckWhileFixing(check, readValues);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (state.sending) return;
    var values = readValues();
    var error = check("email", values);
    state.general = null;
    state.fieldErrors = error ? { email: error } : {};
    render();
    if (error) {
      shown.focusSummary();
      return;
    }
    setSending(true, requestButton, "request");
    fetch(FORMS.apiBase() + "/api/erasure-requests", {
      method: "POST",
      headers: { "Accept": "application/json, application/problem+json", "Content-Type": "application/json" },
      body: JSON.stringify({ email: values.email }),
      credentials: "omit",
      cache: "no-store",
    }).then(function (response) {
      return response.text().then(function (text) {
        setSending(false, requestButton, "request");
        var json = FORMS.parseJson(text);
        var code = json && typeof json.code === "string" ? json.code : "";
        if (response.status === 202) {
          form.reset();
          show("requested");
          return;
        }
        if (code === "validation_failed") {
          state.fieldErrors = { email: check("email", values) || { key: "email.invalid" } };
          render();
          shown.focusSummary();
          return;
        }
        state.general = FORMS.problemMessage(response, json);
        render();
        shown.focusSummary();
      });
    }, function () {
      setSending(false, requestButton, "request");
      state.general = { key: "error.network" };
      render();
      shown.focusSummary();
    });
  });

  // ---- step 2: the emailed link ------------------------------------------------------------------

  function load() {
    state.view = "loading";
    render();
    LINK.call(token, "GET", "/api/client/erasure").then(function (answer) {
      if (answer.status === 200 && answer.json && answer.json.destroyed) {
        pageLanguage.adopt(answer.json.language);
        state.preview = answer.json;
        show("preview");
        return;
      }
      show(pageFor(answer) || "technical");
    }, function () {
      show("unavailable");
    });
  }

  function pageFor(answer) {
    var code = LINK.codeOf(answer);
    if (code === "already_erased") return "erased";
    if (code === "erasure_in_progress") return "inprogress";
    return LINK.pageFor(answer);
  }

  document.getElementById("retry").addEventListener("click", function () {
    if (token) load(); else show("request");
  });

  // Another link pasted into this open page: read it the same way.
  window.addEventListener("hashchange", function () {
    var fresh = LINK.takeToken();
    if (!fresh) return;
    token = fresh;
    state.confirmError = null;
    load();
  });

  confirmButton.addEventListener("click", function () {
    if (state.sending) return;
    state.confirmError = null;
    setSending(true, confirmButton, "confirm");
    LINK.call(token, "POST", "/api/client/erasure").then(function (answer) {
      setSending(false, confirmButton, "confirm");
      if (answer.status === 200 && answer.json && answer.json.destroyed) {
        state.result = answer.json;
        show("done");
        return;
      }
      if (answer.status === 202) {
        show("inprogress");
        return;
      }
      var page = pageFor(answer);
      if (page && page !== "unavailable") {
        show(page);
        return;
      }
      state.confirmError = "confirm.failed";
      render();
      document.getElementById("confirm-error").focus();
    }, function () {
      setSending(false, confirmButton, "confirm");
      state.confirmError = "confirm.failed";
      render();
    });
  });

  function setSending(sending, button, key) {
    state.sending = sending;
    button.disabled = sending;
    statusLine.textContent = sending ? t(key === "confirm" ? "status.erasing" : "status.sending") : "";
    button.textContent = t(sending ? key + ".sending" : key === "confirm" ? "confirm" : "request.submit");
  }

  // ---- rendering -------------------------------------------------------------------------------

  var PAGES = { erased: true, inprogress: true, expired: true, invalid: true, unavailable: true, technical: true };
  // After these, a new link can be asked for on the same page.
  var ASK_AGAIN = { expired: true, invalid: true };

  function date(iso) {
    return new Date(iso).toLocaleDateString(state.lang === "en" ? "en-GB" : "fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }

  function fillList(list, items) {
    list.textContent = "";
    items.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    });
  }

  function destroyedLines(counts) {
    var lines = KINDS.filter(function (kind) { return counts[kind] > 0; }).map(function (kind) {
      return t("kind." + kind, { count: counts[kind] });
    });
    return lines.length > 0 ? lines : [t("kind.none")];
  }

  function keptLines(kept) {
    if (kept.length === 0) return [t("kept.none")];
    return kept.map(function (k) {
      var vars = { signed: date(k.signedAt), reference: k.reference, until: k.keptUntil ? date(k.keptUntil) : "" };
      return t(k.keptUntil ? "kept.until" : "kept.open", vars);
    });
  }

  function render() {
    var view = state.view;
    document.getElementById("loading").hidden = view !== "loading";
    document.getElementById("problem").hidden = !PAGES[view];
    form.hidden = !(view === "request" || ASK_AGAIN[view]);
    document.getElementById("requested").hidden = view !== "requested";
    document.getElementById("preview").hidden = view !== "preview";
    document.getElementById("done").hidden = view !== "done";

    var title = PAGES[view] ? t(view + ".title") : t((view === "loading" ? "request" : view) + ".heading");
    heading.textContent = title;
    document.title = title + " — Solidaire";
    if (PAGES[view]) {
      document.getElementById("problem-text").textContent = t(view + ".text");
      document.getElementById("problem-next").textContent = t(view + ".next");
      document.getElementById("retry").hidden = view !== "unavailable" && view !== "technical";
    }
    if (view === "preview" && state.preview) {
      fillList(document.getElementById("preview-destroyed"), destroyedLines(state.preview.destroyed));
      fillList(document.getElementById("preview-kept"), keptLines(state.preview.kept));
      var open = document.getElementById("preview-open");
      open.hidden = !(state.preview.openEngagements > 0);
      open.textContent = t("preview.open");
      var why = document.getElementById("preview-why");
      why.hidden = state.preview.kept.length === 0;
      why.textContent = t("kept.why");
    }
    if (view === "done" && state.result) {
      fillList(document.getElementById("done-destroyed"), destroyedLines(state.result.destroyed));
      fillList(document.getElementById("done-kept"), keptLines(state.result.kept));
      var doneWhy = document.getElementById("done-why");
      doneWhy.hidden = state.result.kept.length === 0;
      doneWhy.textContent = t("kept.why");
    }
    var confirmError = document.getElementById("confirm-error");
    confirmError.hidden = !state.confirmError;
    confirmError.textContent = state.confirmError ? t(state.confirmError) : "";
    if (!state.sending) {
      requestButton.textContent = t("request.submit");
      confirmButton.textContent = t("confirm");
    }
    shown.render();
  }

  LANGUAGE.apply(state.lang);
  if (token) load(); else render();
})();
