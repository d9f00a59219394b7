// The intake page: language, client-side checks, sending the request as JSON, showing the answer.
// Plain JavaScript, no dependency. Texts come from i18n.js, the page language from language.js.
(function () {
  "use strict";

  var LANGUAGE = window.SolidaireLanguage;
  var FORMS = window.SolidaireForms;
  var ROLES = ["executive", "manager", "employee", "self_employed", "other"];
  var REQUEST_TIMEOUT_MS = 30000;
  // What the API accepts (POST /api/intakes); the server checks again and has the last word.
  var RULES = {
    firstName: { required: true, max: 100 },
    lastName: { required: true, max: 100 },
    email: { required: true, max: 254, email: true },
    phone: { max: 40, phone: true },
    role: { required: true, oneOf: ROLES },
    organisation: { max: 200 },
    situation: { required: true, min: 20, max: 4000 },
    availability: { max: 500 },
    consentToProcessing: { checked: true },
    acknowledgesNotTherapy: { checked: true },
  };
  var FIELD_ORDER = Object.keys(RULES);
  var TEXT_FIELDS = FIELD_ORDER.filter(function (f) { return !RULES[f].checked; });
  // Deliberately loose: one @, something on each side, a dot in the domain. The server decides.
  var EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
  // Digits, spaces and + ( ) . - with at least 5 digits, as the server accepts.
  var PHONE_SHAPE = /^[0-9 +().-]+$/;

  var openedAt = performance.now();
  var form = document.getElementById("intake-form");
  var submitButton = document.getElementById("submit");
  var statusLine = document.getElementById("form-status");
  var summary = document.getElementById("error-summary");
  var situation = document.getElementById("situation");
  var honeypot = document.getElementById("website");
  var urgentHelp = document.getElementById("urgent-help");

  var state = {
    lang: "fr",
    languageChosen: false, // has the person picked the reply language themselves?
    fieldErrors: {},       // field -> message key
    general: null,         // { key, vars } of a problem that is not about one field
    sending: false,
    idempotency: null,     // { fingerprint, key }: one key per distinct content
    done: null,            // { reference, email, urgent }
  };

  // ---- language -------------------------------------------------------------------------------

  function t(key, vars) {
    return LANGUAGE.text(state.lang, key, vars);
  }

  function setLanguage(lang) {
    state.lang = lang;
    LANGUAGE.apply(lang);
    document.title = t(state.done ? "done.page.title" : "page.title");
    if (!state.languageChosen) {
      document.getElementById("preferredLanguage-" + lang).checked = true;
    }
    render();
  }

  LANGUAGE.onSwitch(function () { return state.lang; }, function (lang) {
    setLanguage(lang);
    statusLine.textContent = t("switch.announce");
  });

  // Touching the reply language is choosing it, even clicking the one already ticked (which fires no
  // "change"): from then on the page language no longer moves it.
  form.querySelectorAll('input[name="preferredLanguage"]').forEach(function (radio) {
    var chosen = function () { state.languageChosen = true; };
    radio.addEventListener("click", chosen);
    radio.addEventListener("change", chosen);
  });

  // ---- values and checks ----------------------------------------------------------------------

  function readValues() {
    var values = {};
    TEXT_FIELDS.forEach(function (name) {
      values[name] = form.elements[name].value.normalize("NFC").trim();
    });
    values.consentToProcessing = form.elements.consentToProcessing.checked;
    values.acknowledgesNotTherapy = form.elements.acknowledgesNotTherapy.checked;
    var chosen = form.querySelector('input[name="preferredLanguage"]:checked');
    values.preferredLanguage = chosen ? chosen.value : state.lang;
    return values;
  }

  /** The message key for what is wrong with one field, or null. */
  function check(name, value) {
    var rule = RULES[name];
    if (rule.checked) return value === true ? null : name + ".required";
    if (value.length === 0) return rule.required ? name + ".required" : null;
    var length = characters(value);
    if (rule.max && length > rule.max) return name + ".tooLong";
    if (rule.min && length < rule.min) return name + ".tooShort";
    if (rule.oneOf && rule.oneOf.indexOf(value) < 0) return name + ".invalid";
    if (rule.email && !EMAIL_SHAPE.test(value)) return name + ".invalid";
    if (rule.phone && (!PHONE_SHAPE.test(value) || value.replace(/[^0-9]/g, "").length < 5)) return name + ".invalid";
    return null;
  }

  /** Length as the server counts it: Unicode characters (an emoji is one), not UTF-16 units. */
  function characters(text) {
    return Array.from(text).length;
  }

  function checkAll(values) {
    var errors = {};
    FIELD_ORDER.forEach(function (name) {
      var key = check(name, values[name]);
      if (key) errors[name] = key;
    });
    return errors;
  }

  // A field in error is checked again as the person fixes it; no new error appears while typing.
  FIELD_ORDER.forEach(function (name) {
    var control = form.elements[name];
    var recheck = function () {
      if (!state.fieldErrors[name]) return;
      var key = check(name, readValues()[name]);
      if (key) state.fieldErrors[name] = key; else delete state.fieldErrors[name];
      renderFieldErrors();
    };
    control.addEventListener("input", recheck);
    control.addEventListener("change", recheck);
  });

  situation.addEventListener("input", renderCounter);

  // ---- sending ---------------------------------------------------------------------------------

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (state.sending) return;
    var values = readValues();
    var errors = checkAll(values);
    state.general = null;
    if (Object.keys(errors).length > 0) {
      state.fieldErrors = errors;
      render();
      focusSummary();
      return;
    }
    state.fieldErrors = {};
    render();
    send(values);
  });

  function send(values) {
    var body = {
      firstName: values.firstName,
      lastName: values.lastName,
      email: values.email,
      phone: values.phone,
      role: values.role,
      organisation: values.organisation,
      situation: values.situation,
      preferredLanguage: values.preferredLanguage,
      availability: values.availability,
      consentToProcessing: values.consentToProcessing,
      acknowledgesNotTherapy: values.acknowledgesNotTherapy,
      website: honeypot.value,
    };
    var key = idempotencyKeyFor(body);
    body.formDurationMs = Math.round(performance.now() - openedAt);

    setSending(true);
    var controller = new AbortController();
    var timer = window.setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    fetch(FORMS.apiBase() + "/api/intakes", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json, application/problem+json",
        "Idempotency-Key": key,
      },
      body: JSON.stringify(body),
      credentials: "omit",
      signal: controller.signal,
    })
      .then(function (response) {
        return response.text().then(function (text) {
          return { response: response, json: FORMS.parseJson(text) };
        });
      })
      .then(function (answer) { handleAnswer(answer.response, answer.json, values); })
      .catch(function () { fail("error.network"); })
      .then(function () {
        window.clearTimeout(timer);
        setSending(false);
      });
  }

  /** The same key while the content is the same (a retry after a network error), a new one when it changes. */
  function idempotencyKeyFor(body) {
    var fingerprint = JSON.stringify(body);
    if (!state.idempotency || state.idempotency.fingerprint !== fingerprint) {
      state.idempotency = { fingerprint: fingerprint, key: newUuid() };
    }
    return state.idempotency.key;
  }

  function newUuid() {
    // crypto.randomUUID needs a secure context; getRandomValues works everywhere.
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function handleAnswer(response, json, values) {
    if (response.ok) {
      if (json && typeof json.reference === "string" && json.reference.length > 0) {
        succeed(json.reference, values.email, json.urgent === true);
      } else {
        fail("error.technical");
      }
      return;
    }
    var code = json && typeof json.code === "string" ? json.code : "";
    if (code === "validation_failed" || (!code && response.status === 400 && json && json.errors)) {
      refused(json && json.errors, values);
    } else {
      var problem = FORMS.problemMessage(response, json);
      fail(problem.key, problem.vars);
    }
  }

  /** The server refused some fields: our own message next to each, never the API's English text. */
  function refused(errors, values) {
    var fieldErrors = {};
    var unplaced = false;
    Object.keys(errors && typeof errors === "object" ? errors : {}).forEach(function (raw) {
      var name = fieldName(raw);
      if (RULES[name]) {
        fieldErrors[name] = check(name, values[name]) || (RULES[name].checked ? name + ".required" : name + ".invalid");
      } else if (name === "preferredLanguage") {
        fieldErrors.preferredLanguage = "preferredLanguage.invalid";
      } else {
        unplaced = true; // website, formDurationMs, or a name we do not know
      }
    });
    state.fieldErrors = fieldErrors;
    state.general = unplaced || Object.keys(fieldErrors).length === 0 ? { key: "error.rejected" } : null;
    render();
    focusSummary();
  }

  /** "email", "Email", "$.email" all mean the email field. */
  function fieldName(raw) {
    var name = String(raw).replace(/^\$\.?/, "");
    return name.charAt(0).toLowerCase() + name.slice(1);
  }

  function fail(key, vars) {
    state.fieldErrors = {};
    state.general = { key: key, vars: vars };
    render();
    focusSummary();
  }

  function succeed(reference, email, urgent) {
    state.fieldErrors = {};
    state.general = null;
    state.done = { reference: reference, email: email, urgent: urgent };
    document.title = t("done.page.title");
    render();
    // Urgent: the emergency numbers are what a screen reader reads first, and where the page starts.
    document.getElementById(urgent ? "urgent-done-title" : "done-title").focus();
  }

  function setSending(sending) {
    state.sending = sending;
    submitButton.disabled = sending;
    form.setAttribute("aria-busy", sending ? "true" : "false");
    statusLine.textContent = sending ? t("status.sending") : "";
    renderButton();
  }

  function focusSummary() {
    summary.focus();
    summary.scrollIntoView({ block: "start" });
  }

  // ---- rendering -------------------------------------------------------------------------------

  function render() {
    renderButton();
    renderCounter();
    renderFieldErrors();
    renderDone();
  }

  function renderButton() {
    submitButton.textContent = t(state.sending ? "submit.sending" : "submit");
  }

  function renderCounter() {
    var count = characters(situation.value.normalize("NFC").trim());
    var text;
    if (count < RULES.situation.min) text = t("situation.countShort", { count: count, missing: RULES.situation.min - count });
    else if (count > RULES.situation.max) text = t("situation.countLong", { count: count, extra: count - RULES.situation.max });
    else text = t("situation.count", { count: count });
    document.getElementById("situation-count").textContent = text;
  }

  function renderFieldErrors() {
    FIELD_ORDER.concat(["preferredLanguage"]).forEach(function (name) {
      var key = state.fieldErrors[name];
      var wrapper = form.querySelector('[data-field="' + name + '"]');
      var message = document.getElementById(name + "-error");
      var control = document.getElementById(name);
      if (message) {
        message.hidden = !key;
        message.textContent = key ? t(key) : "";
      }
      if (wrapper) wrapper.classList.toggle("has-error", Boolean(key));
      if (control) FORMS.describe(control, name + "-error", Boolean(key));
    });
    renderSummary();
  }

  function renderSummary() {
    var body = document.getElementById("error-summary-body");
    var title = document.getElementById("error-summary-title");
    var text = document.getElementById("error-summary-text");
    var list = document.getElementById("error-summary-list");
    var names = FIELD_ORDER.concat(["preferredLanguage"]).filter(function (n) { return state.fieldErrors[n]; });
    list.textContent = "";
    if (names.length === 0 && !state.general) {
      body.hidden = true;
      return;
    }
    if (names.length > 0) {
      title.textContent = names.length === 1 ? t("summary.titleOne") : t("summary.titleMany", { count: names.length });
    } else {
      title.textContent = t("summary.failed");
    }
    var paragraphs = [];
    if (state.general) paragraphs.push(t(state.general.key, state.general.vars));
    if (names.length === 0) paragraphs.push(t("summary.kept"));
    text.textContent = paragraphs.join(" ");
    text.hidden = paragraphs.length === 0;
    names.forEach(function (name) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      var target = name === "preferredLanguage" ? "preferredLanguage-" + state.lang : name;
      link.href = "#" + target;
      link.textContent = t(state.fieldErrors[name]);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var control = document.getElementById(target);
        control.focus();
        control.scrollIntoView({ block: "center" });
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = names.length === 0;
    body.hidden = false;
  }

  function renderDone() {
    if (!state.done) return;
    var heading = document.getElementById("page-heading");
    heading.setAttribute("data-i18n", "done.heading");
    heading.textContent = t("done.heading");
    if (state.done.urgent) {
      var urgentDone = document.getElementById("urgent-done");
      var numbers = urgentDone.querySelector(".urgent-numbers");
      // The same numbers as the help box (one list to keep right), which this message then replaces.
      if (!numbers) urgentDone.insertBefore(urgentHelp.querySelector(".urgent-numbers").cloneNode(true), document.getElementById("urgent-done-abroad"));
      urgentDone.hidden = false;
      urgentHelp.hidden = true;
    }
    document.getElementById("reference").textContent = state.done.reference;
    document.getElementById("done-email").textContent = t("done.email", { email: state.done.email });
    document.getElementById("confirmation").hidden = false;
    document.getElementById("intro").hidden = true;
    form.hidden = true;
  }

  setLanguage(LANGUAGE.initial());
})();
