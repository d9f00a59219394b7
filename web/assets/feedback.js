// The feedback page (feedback.html#token=…): three 1–5 ratings and an optional comment about the support the
// client received (§5.9), once. Plain JavaScript, no dependency. Texts come from feedback-texts.js (and
// i18n.js for the header and footer), the page language from language.js, the link's handling from link-page.js.
(function () {
  "use strict";

  var LINK = window.SolidaireLinkPage;
  // Kept in this variable only, sent only in a header (see link-page.js).
  var token = LINK.takeToken();

  var LANGUAGE = window.SolidaireLanguage;
  // What the API accepts (POST /api/client/feedback); the server checks again and has the last word.
  var RATINGS = ["listened", "steppedBack", "wouldRecommend"];
  var FIELDS = RATINGS.concat(["comment"]);
  var MAX_COMMENT = 2000;

  var form = document.getElementById("feedback-form");
  var submitButton = document.getElementById("submit");
  var statusLine = document.getElementById("status-line");
  var heading = document.getElementById("page-heading");
  var comment = document.getElementById("comment");

  var state = {
    lang: LANGUAGE.initial(),
    view: "loading",       // loading | form | thanks | answered | expired | invalid | unavailable | technical
    fieldErrors: {},       // field -> { key, vars }
    general: null,         // { key, vars } of a problem that is not about one field
    sending: false,
  };

  // The five choices of each scale, made once: radios named after their question.
  RATINGS.forEach(function (name) {
    var scale = form.querySelector('[data-field="' + name + '"] .scale');
    for (var value = 1; value <= 5; value++) {
      var row = document.createElement("div");
      row.className = "choice-row";
      var input = document.createElement("input");
      input.type = "radio";
      input.id = name + "-" + value;
      input.name = name;
      input.value = String(value);
      var label = document.createElement("label");
      label.htmlFor = input.id;
      label.setAttribute("data-i18n", "scale." + value);
      row.appendChild(input);
      row.appendChild(label);
      scale.appendChild(row);
    }
  });

  // ---- language -------------------------------------------------------------------------------

  function t(key, vars) {
    return LANGUAGE.text(state.lang, key, vars);
  }

  var pageLanguage = LINK.language(state, function () { render(); }, function () { statusLine.textContent = t("switch.announce"); });

  // ---- the link ------------------------------------------------------------------------------

  function load() {
    if (!token) {
      show("invalid");
      return;
    }
    state.view = "loading";
    render();
    LINK.call(token, "GET", "/api/client/feedback").then(function (answer) {
      if (answer.status === 200 && answer.json && typeof answer.json.status === "string") {
        pageLanguage.adopt(answer.json.language);
        show(answer.json.status === "answered" ? "answered" : "form");
        return;
      }
      show(LINK.pageFor(answer) || "technical");
    }, function () {
      show("unavailable");
    });
  }

  /** Shows one view; a new view takes the focus on its heading. */
  function show(view) {
    var changed = state.view !== view;
    state.view = view;
    render();
    if (changed && view !== "loading") (view === "thanks" ? document.getElementById("thanks-title") : heading).focus();
  }

  document.getElementById("retry").addEventListener("click", load);

  // Another link pasted into this open page: read it the same way.
  window.addEventListener("hashchange", function () {
    var fresh = LINK.takeToken();
    if (!fresh) return;
    token = fresh;
    state.fieldErrors = {};
    state.general = null;
    form.reset();
    load();
  });

  // ---- values and checks ----------------------------------------------------------------------

  function readValues() {
    var values = { comment: comment.value.normalize("NFC").trim() };
    RATINGS.forEach(function (name) {
      var checked = form.querySelector('input[name="' + name + '"]:checked');
      values[name] = checked ? Number(checked.value) : null;
    });
    return values;
  }

  function check(name, values) {
    if (name === "comment")
      return LINK.characters(values.comment) > MAX_COMMENT ? { key: "comment.tooLong" } : null;
    return values[name] === null ? { key: name + ".required" } : null;
  }

  var shown = LINK.formErrors(form, FIELDS, state, t);
  shown.recheckWhileFixing(check, readValues);

  comment.addEventListener("input", renderCounter);

  // ---- sending ---------------------------------------------------------------------------------

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (state.sending) return;
    var values = readValues();
    state.general = null;
    state.fieldErrors = LINK.checkAll(FIELDS, check, values);
    render();
    if (Object.keys(state.fieldErrors).length > 0) {
      shown.focusSummary();
      return;
    }
    var body = { listened: values.listened, steppedBack: values.steppedBack, wouldRecommend: values.wouldRecommend };
    if (values.comment.length > 0) body.comment = values.comment;
    setSending(true);
    LINK.call(token, "POST", "/api/client/feedback", body).then(function (answer) {
      setSending(false);
      handleAnswer(answer);
    }, function () {
      setSending(false);
      fail("error.network");
    });
  });

  function handleAnswer(answer) {
    var code = LINK.codeOf(answer);
    if (answer.status === 201) {
      state.fieldErrors = {};
      state.general = null;
      show("thanks");
      return;
    }
    if (code === "already_answered") {
      show("answered");
      return;
    }
    var page = code === "storage_unavailable" ? null : LINK.pageFor(answer);
    if (page === "expired" || page === "invalid") {
      show(page);
      return;
    }
    if (code === "validation_failed") {
      var values = readValues();
      var found = {};
      Object.keys(answer.json && answer.json.errors ? answer.json.errors : {}).forEach(function (field) {
        if (FIELDS.indexOf(field) >= 0) found[field] = check(field, values) || { key: field === "comment" ? "comment.invalid" : field + ".required" };
      });
      state.fieldErrors = found;
      state.general = Object.keys(found).length === 0 ? { key: "error.rejected" } : null;
      render();
      shown.focusSummary();
      return;
    }
    if (code === "rate_limited" || answer.status === 429) return fail("error.rateLimited");
    if (code === "feedback_conflict") return fail("error.conflict");
    if (answer.status === 503 || code === "storage_unavailable") return fail("error.unavailable");
    fail("error.technical");
  }

  function fail(key) {
    state.fieldErrors = {};
    state.general = { key: key };
    render();
    shown.focusSummary();
  }

  function setSending(sending) {
    state.sending = sending;
    submitButton.disabled = sending;
    form.setAttribute("aria-busy", sending ? "true" : "false");
    statusLine.textContent = sending ? t("status.sending") : "";
    submitButton.textContent = t(sending ? "submit.sending" : "submit");
  }

  // ---- rendering -------------------------------------------------------------------------------

  var PAGES = { answered: true, expired: true, invalid: true, unavailable: true, technical: true };

  function render() {
    var view = state.view;
    document.getElementById("loading").hidden = view !== "loading";
    document.getElementById("problem").hidden = !PAGES[view];
    form.hidden = view !== "form";
    document.getElementById("thanks").hidden = view !== "thanks";
    var title = PAGES[view] ? t(view + ".title") : view === "thanks" ? t("thanks.heading") : t("feedback.heading");
    heading.textContent = title;
    document.title = title + " — Solidaire";
    if (PAGES[view]) {
      document.getElementById("problem-text").textContent = t(view + ".text");
      document.getElementById("problem-next").textContent = t(view + ".next");
      document.getElementById("retry").hidden = view !== "unavailable" && view !== "technical";
    }
    submitButton.textContent = t(state.sending ? "submit.sending" : "submit");
    renderCounter();
    shown.render();
  }

  function renderCounter() {
    var count = LINK.characters(comment.value.normalize("NFC").trim());
    document.getElementById("comment-count").textContent = count > MAX_COMMENT
      ? t("comment.countLong", { count: count, extra: count - MAX_COMMENT })
      : t("comment.count", { count: count });
  }

  LANGUAGE.apply(state.lang);
  load();
})();
