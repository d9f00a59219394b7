// The contract page: the emailed link's token, the contract to read, the client's contribution and answers,
// the signature. Plain JavaScript, no dependency. Texts come from contract-texts.js (and i18n.js for the
// header and footer), the page language from language.js.
(function () {
  "use strict";

  // The link's token: taken from the address and removed from it at once (history, bookmarks, screen
  // sharing), kept in this variable only (never storage, never a cookie), sent only in a header.
  var LINK = window.SolidaireLinkPage;
  var token = LINK.takeToken();

  var LANGUAGE = window.SolidaireLanguage;
  // What the API accepts (POST /api/client/contract/signature); the server checks again and has the last word.
  var MIN_DESCRIPTION = 10;
  var MAX_DESCRIPTION = 500;
  var MAX_NAME = 201;
  var FIELDS = ["kind", "amount", "description", "understood", "supervisionConsent", "signatureName"];
  // "1", "1,50", "1.50", "1 234,5", "12 €": digits, one decimal separator, at most what the server reads.
  var AMOUNT_SHAPE = /^-?\d{1,9}([.,]\d+)?$/;

  var form = document.getElementById("sign-form");
  var submitButton = document.getElementById("submit");
  var statusLine = document.getElementById("status-line");
  var heading = document.getElementById("page-heading");
  var description = document.getElementById("description");

  var state = {
    lang: LANGUAGE.initial(),
    view: "loading",       // loading | reading | signed | expired | invalid | unavailable | technical
    contract: null,        // the API's contract, as last read
    signed: null,          // the signed summary
    signedNow: false,      // signed during this visit (or before it)
    fieldErrors: {},       // field -> { key, vars }
    general: null,         // { key, vars } of a problem that is not about one field
    sending: false,
  };

  // ---- language -------------------------------------------------------------------------------

  function t(key, vars) {
    return LANGUAGE.text(state.lang, key, vars);
  }

  var pageLanguage = LINK.language(state, function () { render(); }, function () { statusLine.textContent = t("switch.announce"); });

  function money(amount) {
    return new Intl.NumberFormat(state.lang === "fr" ? "fr-FR" : "en-GB", { style: "currency", currency: "EUR" }).format(amount);
  }

  function dateTime(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return String(iso);
    return new Intl.DateTimeFormat(state.lang === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeStyle: "short" }).format(date);
  }

  function load(then) {
    if (!token) {
      show("invalid");
      return;
    }
    state.view = state.contract ? state.view : "loading";
    render();
    LINK.call(token, "GET", "/api/client/contract").then(function (answer) {
      if (answer.status === 200 && answer.json && Array.isArray(answer.json.sections)) {
        var first = !state.contract;
        state.contract = answer.json;
        if (first)
          pageLanguage.adopt(answer.json.language);
        if (answer.json.status === "signed" && answer.json.signed) {
          state.signed = answer.json.signed;
          show("signed");
        } else {
          show("reading", !first);
        }
        if (then) then();
        return;
      }
      show(LINK.pageFor(answer) || "technical");
    }, function () {
      show("unavailable");
    });
  }

  /** Shows one view; a new view takes the focus on its heading (not a contract shown again after a change). */
  function show(view, quietly) {
    var changed = state.view !== view;
    state.view = view;
    render();
    if (changed && !quietly) {
      var target = view === "signed" ? document.getElementById("signed-title") : heading;
      target.focus();
    }
  }

  document.getElementById("retry").addEventListener("click", function () {
    state.view = "loading";
    render();
    load();
  });

  // A newer link pasted into this open page: read it the same way.
  window.addEventListener("hashchange", function () {
    var fresh = LINK.takeToken();
    if (!fresh) return;
    token = fresh;
    state.contract = null;
    state.signed = null;
    state.signedNow = false;
    state.fieldErrors = {};
    state.general = null;
    form.reset();
    load();
  });

  // ---- values and checks ----------------------------------------------------------------------

  function readValues() {
    var kind = form.querySelector('input[name="kind"]:checked');
    var supervision = form.querySelector('input[name="supervisionConsent"]:checked');
    return {
      kind: kind ? kind.value : "",
      amount: form.elements.amount.value.trim(),
      description: description.value.normalize("NFC").trim(),
      understood: form.elements.understood.checked,
      supervisionConsent: supervision ? supervision.value === "yes" : null,
      signatureName: form.elements.signatureName.value.normalize("NFC").trim(),
    };
  }

  /** The amount in cents, or an error key: "1", "1,50", "1.50", "1 €" are read; the range is the contract's. */
  function parseAmount(raw) {
    var text = raw.replace(/[\s\u00a0\u202f]/g, "").replace(/€$/, "").replace(/^€/, "");
    if (text.length === 0) return { error: "amount.required" };
    if (!AMOUNT_SHAPE.test(text)) return { error: "amount.invalid" };
    var parts = text.replace("-", "").split(/[.,]/);
    if (parts[1] && parts[1].length > 2) return { error: "amount.cents" };
    var cents = parseInt(parts[0], 10) * 100 + (parts[1] ? parseInt((parts[1] + "0").slice(0, 2), 10) : 0);
    if (text.charAt(0) === "-") cents = -cents;
    if (cents < 100) return { error: "amount.belowMinimum" };
    if (cents > maxCents()) return { error: "amount.aboveMaximum", vars: { max: money(maxCents() / 100) } };
    return { cents: cents };
  }

  function maxCents() {
    return Math.round(Number(state.contract.maxAmountEur) * 100);
  }

  /** What is wrong with one field ({ key, vars }), or null. */
  function check(name, values) {
    switch (name) {
      case "kind":
        return values.kind ? null : { key: "kind.required" };
      case "amount":
        if (values.kind !== "financial") return null;
        var amount = parseAmount(values.amount);
        return amount.error ? { key: amount.error, vars: amount.vars } : null;
      case "description":
        if (values.kind !== "non_financial") return null;
        if (values.description.length === 0) return { key: "description.required" };
        var length = LINK.characters(values.description);
        if (length < MIN_DESCRIPTION) return { key: "description.tooShort" };
        if (length > MAX_DESCRIPTION) return { key: "description.tooLong" };
        return null;
      case "understood":
        return values.understood ? null : { key: "understood.required" };
      case "supervisionConsent":
        return values.supervisionConsent === null ? { key: "supervisionConsent.required" } : null;
      case "signatureName":
        if (values.signatureName.length === 0) return { key: "signatureName.required" };
        return LINK.characters(values.signatureName) > MAX_NAME ? { key: "signatureName.tooLong" } : null;
    }
    return null;
  }

  var shown = LINK.formErrors(form, FIELDS, state, t);
  shown.recheckWhileFixing(check, readValues, function (name) { if (name === "kind") renderReveal(); });

  description.addEventListener("input", renderCounter);

  // ---- signing ---------------------------------------------------------------------------------

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (state.sending || !state.contract) return;
    var values = readValues();
    var errors = LINK.checkAll(FIELDS, check, values);
    state.general = null;
    state.fieldErrors = errors;
    render();
    if (Object.keys(errors).length > 0) {
      shown.focusSummary();
      return;
    }
    sign(values);
  });

  function sign(values) {
    var body = {
      counterpart: values.kind === "financial"
        ? { kind: "financial", amountEur: parseAmount(values.amount).cents / 100 }
        : { kind: "non_financial", description: values.description },
      understood: true,
      supervisionConsent: values.supervisionConsent,
      signatureName: values.signatureName,
      sha256: state.contract.sha256,
    };
    setSending(true);
    LINK.call(token, "POST", "/api/client/contract/signature", body).then(function (answer) {
      setSending(false);
      handleAnswer(answer);
    }, function () {
      setSending(false);
      fail("error.network");
    });
  }

  function handleAnswer(answer) {
    var code = LINK.codeOf(answer);
    if (answer.status === 201 && answer.json && answer.json.counterpart) {
      state.signed = answer.json;
      state.signedNow = true;
      state.fieldErrors = {};
      state.general = null;
      show("signed");
      return;
    }
    if (code === "already_signed") {
      // Signed meanwhile (another tab, a second click): show what was agreed.
      load();
      return;
    }
    var page = code === "storage_unavailable" ? null : LINK.pageFor(answer);
    if (page === "expired" || page === "invalid") {
      show(page);
      return;
    }
    switch (code) {
      case "amount_below_minimum":
        return refuse({ amount: { key: "amount.belowMinimum" } });
      case "amount_above_maximum":
        return refuse({ amount: { key: "amount.aboveMaximum", vars: { max: money(maxCents() / 100) } } });
      case "signature_name_mismatch":
        return refuse({ signatureName: { key: "signatureName.mismatch" } });
      case "validation_failed":
        return refuse(fieldErrorsOf(answer.json.errors));
      case "contract_changed":
        // The text changed since it was shown: show the current one, keep what was typed.
        load(function () { fail("error.contractChanged"); });
        return;
      case "contract_conflict":
        return fail("error.conflict");
      case "rate_limited":
        return fail("error.rateLimited");
    }
    if (answer.status === 503 || code === "storage_unavailable") return fail("error.unavailable");
    if (answer.status === 429) return fail("error.rateLimited");
    fail("error.technical");
  }

  /** The server's field names, as the page's fields with the page's own messages; the API's English is never shown. */
  function fieldErrorsOf(errors) {
    var values = readValues();
    var found = {};
    Object.keys(errors && typeof errors === "object" ? errors : {}).forEach(function (field) {
      var name = {
        "counterpart": "kind", "counterpart.kind": "kind", "counterpart.amountEur": "amount",
        "counterpart.description": "description", "understood": "understood",
        "supervisionConsent": "supervisionConsent", "signatureName": "signatureName",
      }[field];
      if (!name) return;
      var mine = check(name, values);
      found[name] = mine || { key: name === "amount" ? "amount.invalid" : name === "description" ? "description.tooShort" : name + ".required" };
    });
    return found;
  }

  function refuse(fieldErrors) {
    state.fieldErrors = fieldErrors;
    state.general = Object.keys(fieldErrors).length === 0 ? { key: "error.rejected" } : null;
    render();
    shown.focusSummary();
  }

  function fail(key, vars) {
    state.fieldErrors = {};
    state.general = { key: key, vars: vars };
    render();
    shown.focusSummary();
  }

  function setSending(sending) {
    state.sending = sending;
    submitButton.disabled = sending;
    form.setAttribute("aria-busy", sending ? "true" : "false");
    statusLine.textContent = sending ? t("status.sending") : "";
    renderButton();
  }

  // ---- rendering -------------------------------------------------------------------------------

  var PAGES = { expired: true, invalid: true, unavailable: true, technical: true };

  function render() {
    var view = state.view;
    document.getElementById("loading").hidden = view !== "loading";
    document.getElementById("problem").hidden = !PAGES[view];
    document.getElementById("reading").hidden = view !== "reading";
    document.getElementById("signed").hidden = view !== "signed";
    if (PAGES[view]) {
      heading.textContent = t(view + ".title");
      document.title = t(view + ".title") + " — Solidaire";
      document.getElementById("problem-text").textContent = t(view + ".text");
      document.getElementById("problem-next").textContent = t(view + ".next");
      document.getElementById("retry").hidden = view !== "unavailable" && view !== "technical";
    } else if (view === "signed") {
      heading.textContent = t("signed.heading");
      document.title = t("signed.page.title");
      renderSigned();
    } else {
      heading.textContent = t("contract.heading");
      document.title = t("contract.page.title");
    }
    if (view === "reading") renderContract();
  }

  function renderContract() {
    var c = state.contract;
    var coachKey = c.coach && c.coach.certification === "certified" ? "terms.certified" : "terms.inTraining";
    document.getElementById("terms-coach").textContent = t(coachKey, { name: c.coach ? c.coach.displayName : "" });
    document.getElementById("terms-sessions").textContent = c.sessionsPlanned === 1 ? t("terms.sessionsOne") : t("terms.sessionsMany", { count: c.sessionsPlanned });
    document.getElementById("terms-format").textContent = t("format." + c.format);
    document.getElementById("terms-price").textContent = money(c.usualPricePerSessionEur);
    document.getElementById("terms-total").textContent = money(c.maxAmountEur);
    document.getElementById("terms-expires").textContent = dateTime(c.expiresAt);
    document.getElementById("contribution-intro").textContent = t("contribution.intro", { max: money(c.maxAmountEur) });
    document.getElementById("amount-hint").textContent = t("amount.hint", { max: money(c.maxAmountEur) });

    // The contract itself, in its own language whatever the page's: built once per version.
    var article = document.getElementById("contract-text");
    if (article.getAttribute("data-sha") !== c.sha256) {
      article.setAttribute("data-sha", c.sha256);
      article.lang = c.language;
      document.getElementById("contract-title").textContent = c.title;
      var holder = document.getElementById("contract-sections");
      holder.textContent = "";
      c.sections.forEach(function (section) {
        var h = document.createElement("h3");
        h.textContent = section.heading;
        holder.appendChild(h);
        (section.paragraphs || []).forEach(function (text) {
          var p = document.createElement("p");
          p.className = "contract-paragraph";
          p.textContent = text;
          holder.appendChild(p);
        });
      });
      document.getElementById("contract-sha").textContent = c.sha256;
    }
    renderReveal();
    renderButton();
    renderCounter();
    shown.render();
  }

  /** The amount field or the description, whichever contribution is chosen; what was typed in the other is kept. */
  function renderReveal() {
    var kind = readValues().kind;
    document.getElementById("amount-field").hidden = kind !== "financial";
    document.getElementById("description-field").hidden = kind !== "non_financial";
  }

  function renderButton() {
    submitButton.textContent = t(state.sending ? "submit.sending" : "submit");
  }

  function renderCounter() {
    var count = LINK.characters(description.value.normalize("NFC").trim());
    var text;
    if (count < MIN_DESCRIPTION) text = t("description.countShort", { count: count, missing: MIN_DESCRIPTION - count });
    else if (count > MAX_DESCRIPTION) text = t("description.countLong", { count: count, extra: count - MAX_DESCRIPTION });
    else text = t("description.count", { count: count });
    document.getElementById("description-count").textContent = text;
  }

  function renderSigned() {
    var s = state.signed;
    document.getElementById("signed-title").textContent = t(state.signedNow ? "signed.titleNow" : "signed.titleBefore");
    document.getElementById("signed-intro").textContent = t(state.signedNow ? "signed.introNow" : "signed.introBefore");
    var contribution = s.counterpart || {};
    var described = document.getElementById("signed-contribution");
    described.textContent = contribution.kind === "financial"
      ? t("signed.financial", { amount: money(contribution.amountEur) })
      : t("signed.nonFinancial", { description: contribution.description || "" });
    document.getElementById("signed-understood").textContent = t("signed.understoodYes");
    document.getElementById("signed-supervision").textContent = t(s.supervisionConsent ? "signed.supervisionYes" : "signed.supervisionNo");
    document.getElementById("signed-name").textContent = s.signatureName || "";
    document.getElementById("signed-date").textContent = dateTime(s.signedAt);
    document.getElementById("signed-sha").textContent = s.sha256 || "";
  }

  LANGUAGE.apply(state.lang);
  load();
})();
