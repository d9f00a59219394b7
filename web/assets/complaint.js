// The complaint page (rule 12, charter §1, §4.8): client-side checks, sending the complaint as JSON to
// POST /api/complaints, showing the reference. Plain JavaScript, no dependency. Texts come from i18n.js and
// complaint-texts.js, the page language from language.js.
(function () {
  "use strict";

  var LANGUAGE = window.SolidaireLanguage;
  var FORMS = window.SolidaireForms;
  var REQUEST_TIMEOUT_MS = 30000;
  // What the API accepts; the server checks again and has the last word.
  var RULES = {
    description: { required: true, min: 20, max: 4000 },
    memberName: { max: 200 },
    engagementReference: { reference: true },
    contactEmail: { required: true, max: 254, email: true },
  };
  var FIELDS = Object.keys(RULES).concat(["preferredLanguage"]);
  var EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
  var REFERENCE_SHAPE = /^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$/;

  var form = document.getElementById("complaint-form");
  var submitButton = document.getElementById("submit");
  var statusLine = document.getElementById("form-status");
  var summary = document.getElementById("error-summary");
  var description = document.getElementById("description");

  var state = { lang: "fr", languageChosen: false, errors: {}, general: null, sending: false, done: null };

  function t(key, vars) {
    return LANGUAGE.text(state.lang, key, vars);
  }

  function setLanguage(lang) {
    state.lang = lang;
    LANGUAGE.apply(lang);
    document.title = t(state.done ? "complaint.done.page.title" : "complaint.page.title");
    if (!state.languageChosen) document.getElementById("preferredLanguage-" + lang).checked = true;
    render();
  }

  LANGUAGE.onSwitch(function () { return state.lang; }, function (lang) {
    setLanguage(lang);
    statusLine.textContent = t("switch.announce");
  });

  form.querySelectorAll('input[name="preferredLanguage"]').forEach(function (radio) {
    radio.addEventListener("change", function () { state.languageChosen = true; });
  });

  function characters(text) {
    return Array.from(text).length;
  }

  function values() {
    var chosen = form.querySelector('input[name="preferredLanguage"]:checked');
    var read = { preferredLanguage: chosen ? chosen.value : state.lang };
    Object.keys(RULES).forEach(function (name) {
      read[name] = form.elements[name].value.normalize("NFC").trim();
    });
    return read;
  }

  /** The message key for what is wrong with one field, or null. */
  function check(name, value) {
    var rule = RULES[name];
    if (!rule) return null;
    if (value.length === 0) return rule.required ? name + ".required" : null;
    var length = characters(value);
    if (rule.max && length > rule.max) return name + ".tooLong";
    if (rule.min && length < rule.min) return name + ".tooShort";
    if (rule.email && !EMAIL_SHAPE.test(value)) return name + ".invalid";
    if (rule.reference && !REFERENCE_SHAPE.test(value)) return name + ".invalid";
    return null;
  }

  // A field in error is checked again as it is fixed; no new error appears while typing.
  Object.keys(RULES).forEach(function (name) {
    form.elements[name].addEventListener("input", function () {
      if (!state.errors[name]) return;
      var key = check(name, values()[name]);
      if (key) state.errors[name] = key; else delete state.errors[name];
      render();
    });
  });
  description.addEventListener("input", renderCounter);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (state.sending) return;
    var body = values();
    state.general = null;
    state.errors = {};
    Object.keys(RULES).forEach(function (name) {
      var key = check(name, body[name]);
      if (key) state.errors[name] = key;
    });
    render();
    if (Object.keys(state.errors).length > 0) {
      focusSummary();
      return;
    }
    send(body);
  });

  function send(body) {
    // Optional fields left empty are not sent: the API takes an absent field as "not given".
    Object.keys(body).forEach(function (name) { if (body[name] === "") delete body[name]; });
    setSending(true);
    var controller = new AbortController();
    var timer = window.setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    fetch(FORMS.apiBase() + "/api/complaints", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json, application/problem+json" },
      body: JSON.stringify(body),
      credentials: "omit",
      signal: controller.signal,
    })
      .then(function (response) {
        return response.text().then(function (text) { answer(response, FORMS.parseJson(text), body); });
      })
      .catch(function () { fail("error.network"); })
      .then(function () {
        window.clearTimeout(timer);
        setSending(false);
      });
  }

  function answer(response, json, body) {
    var code = json && typeof json.code === "string" ? json.code : "";
    if (response.ok && json && typeof json.reference === "string") {
      state.done = { reference: json.reference, email: body.contactEmail };
      document.title = t("complaint.done.page.title");
      render();
      document.getElementById("done-title").focus();
    } else if (code === "validation_failed") {
      // Our own message next to each refused field, never the API's English text.
      var errors = {};
      Object.keys(json.errors || {}).forEach(function (name) {
        if (FIELDS.indexOf(name) >= 0) errors[name] = check(name, body[name] || "") || name + ".invalid";
      });
      state.errors = errors;
      state.general = Object.keys(errors).length === 0 ? { key: "error.rejected" } : null;
      render();
      focusSummary();
    } else {
      var problem = FORMS.problemMessage(response, json, "complaint.error.tooLarge");
      fail(problem.key, problem.vars);
    }
  }

  function fail(key, vars) {
    state.errors = {};
    state.general = { key: key, vars: vars };
    render();
    focusSummary();
  }

  function setSending(sending) {
    state.sending = sending;
    submitButton.disabled = sending;
    form.setAttribute("aria-busy", sending ? "true" : "false");
    statusLine.textContent = sending ? t("complaint.status.sending") : "";
    render();
  }

  function focusSummary() {
    summary.focus();
    summary.scrollIntoView({ block: "start" });
  }

  function render() {
    submitButton.textContent = t(state.sending ? "complaint.submit.sending" : "complaint.submit");
    renderCounter();
    FIELDS.forEach(renderField);
    renderSummary();
    renderDone();
  }

  function renderCounter() {
    var count = characters(description.value.normalize("NFC").trim());
    var rule = RULES.description;
    document.getElementById("description-count").textContent =
      count < rule.min ? t("description.countShort", { count: count, missing: rule.min - count })
        : count > rule.max ? t("description.countLong", { count: count, extra: count - rule.max })
          : t("description.count", { count: count });
  }

  /** The field's message, its error style, and aria-invalid / aria-describedby that follow the error. */
  function renderField(name) {
    var key = state.errors[name];
    var message = document.getElementById(name + "-error");
    message.hidden = !key;
    message.textContent = key ? t(key) : "";
    form.querySelector('[data-field="' + name + '"]').classList.toggle("has-error", Boolean(key));
    var control = document.getElementById(name);
    if (control) FORMS.describe(control, name + "-error", Boolean(key));
  }

  function renderSummary() {
    var body = document.getElementById("error-summary-body");
    var list = document.getElementById("error-summary-list");
    var text = document.getElementById("error-summary-text");
    var names = FIELDS.filter(function (n) { return state.errors[n]; });
    list.textContent = "";
    body.hidden = names.length === 0 && !state.general;
    if (body.hidden) return;
    document.getElementById("error-summary-title").textContent = names.length === 0 ? t("complaint.summary.failed")
      : names.length === 1 ? t("summary.titleOne") : t("summary.titleMany", { count: names.length });
    text.textContent = state.general ? t(state.general.key, state.general.vars) + (names.length === 0 ? " " + t("summary.kept") : "") : "";
    text.hidden = !state.general;
    names.forEach(function (name) {
      var target = name === "preferredLanguage" ? "preferredLanguage-" + state.lang : name;
      var link = document.createElement("a");
      link.href = "#" + target;
      link.textContent = t(state.errors[name]);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        document.getElementById(target).focus();
      });
      var item = document.createElement("li");
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = names.length === 0;
  }

  function renderDone() {
    if (!state.done) return;
    var heading = document.getElementById("page-heading");
    heading.setAttribute("data-i18n", "complaint.done.heading");
    heading.textContent = t("complaint.done.heading");
    document.getElementById("reference").textContent = state.done.reference;
    document.getElementById("done-email").textContent = t("done.email", { email: state.done.email });
    document.getElementById("confirmation").hidden = false;
    document.getElementById("intro").hidden = true;
    form.hidden = true;
  }

  setLanguage(LANGUAGE.initial());
})();
