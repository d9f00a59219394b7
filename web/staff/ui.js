// What every console screen is made of: the page heading that takes the focus, form fields whose
// label, hint and error are tied to the control, the error summary, and the API's problems in words.
import { h, createContext } from "./vendor/preact.js";
import { useContext, useEffect, useRef, useState } from "./vendor/hooks.js";
import htm from "./vendor/htm.js";

export const html = htm.bind(h);

/** The person's language: { lang, t(key, vars), has(key) }. */
export const Language = createContext(null);
export const useLanguage = () => useContext(Language);

/** Says something to screen readers without moving the focus (a polite live region outside the app). */
export function announce(message) {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  window.setTimeout(() => { region.textContent = message; }, 50);
}

export function formatDate(lang, iso) {
  if (!iso) return "";
  const date = new Date(iso);
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "fr-FR", { dateStyle: "long", timeStyle: "short" }).format(date);
}

/** An amount in euros as the language writes it: "1,00 €", "€1.00". */
export function formatEuros(lang, amount) {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR", { style: "currency", currency: "EUR" }).format(amount);
}

/**
 * A screen: its title in the tab, and its h1, which takes the focus when the screen opens, so a
 * screen-reader user hears where they are (a single-page app gives no page load to announce it).
 * A notice (a kind message, a confirmation) shows first and takes the focus instead.
 */
export function Screen({ title, notice, noticeKind, children }) {
  const { t } = useLanguage();
  const heading = useRef(null);
  const noticeRef = useRef(null);
  useEffect(() => {
    document.title = t("staff.title", { screen: title });
  }, [title]);
  useEffect(() => {
    (noticeRef.current || heading.current).focus();
  }, []);
  return html`
    <h1 id="screen-heading" tabindex="-1" ref=${heading}>${title}</h1>
    ${notice && html`<p class=${"notice " + (noticeKind || "info")} tabindex="-1" ref=${noticeRef}>${notice}</p>`}
    ${children}`;
}

/** A confirmation of what was just done, at the place it was done: it takes the focus as it shows. */
export function FocusedNotice({ text }) {
  const ref = useRef(null);
  useEffect(() => { ref.current.focus(); }, []);
  return html`<p class="notice success" tabindex="-1" ref=${ref}>${text}</p>`;
}

/** A text input or textarea with its label, hint and error; required or optional said in words. */
export function TextField({ id, label, hint, error, required, value, onInput, type = "text", multiline, rows = 3, ...rest }) {
  const { t } = useLanguage();
  const describedBy = [hint && id + "-hint", error && id + "-error"].filter(Boolean).join(" ") || undefined;
  const control = multiline
    ? html`<textarea id=${id} name=${id} rows=${rows} value=${value} onInput=${e => onInput(e.currentTarget.value)}
        aria-describedby=${describedBy} aria-invalid=${error ? "true" : undefined} required=${required} ...${rest}></textarea>`
    : html`<input id=${id} name=${id} type=${type} value=${value} onInput=${e => onInput(e.currentTarget.value)}
        aria-describedby=${describedBy} aria-invalid=${error ? "true" : undefined} required=${required} ...${rest} />`;
  return html`
    <div class=${"field" + (error ? " has-error" : "")}>
      <label for=${id}>${label} <span class="marker">${t(required ? "marker.required" : "marker.optional")}</span></label>
      ${hint && html`<p class="hint" id=${id + "-hint"}>${hint}</p>`}
      ${error && html`<p class="field-error" id=${id + "-error"}>${error}</p>`}
      ${control}
    </div>`;
}

/** One checkbox with its label, an optional hint and error. */
export function CheckField({ id, label, hint, error, checked, onChange }) {
  const describedBy = [hint && id + "-hint", error && id + "-error"].filter(Boolean).join(" ") || undefined;
  return html`
    <div class=${"field check" + (error ? " has-error" : "")}>
      ${error && html`<p class="field-error" id=${id + "-error"}>${error}</p>`}
      <div class="check-row">
        <input type="checkbox" id=${id} name=${id} checked=${checked} onChange=${e => onChange(e.currentTarget.checked)}
          aria-describedby=${describedBy} aria-invalid=${error ? "true" : undefined} />
        <label for=${id}>${label}</label>
      </div>
      ${hint && html`<p class="hint check-hint" id=${id + "-hint"}>${hint}</p>`}
    </div>`;
}

/**
 * A group of radios or checkboxes under one legend; the first control is where its error links to.
 * An option may carry its own explanation ([code, label, hint]), read with its control.
 */
export function Choices({ id, type, legend, hint, error, options, isChecked, onChange }) {
  const { t } = useLanguage();
  const describedBy = [hint && id + "-hint", error && id + "-error"].filter(Boolean).join(" ") || undefined;
  return html`
    <fieldset class=${"field choice" + (error ? " has-error" : "")} aria-describedby=${describedBy}>
      <legend>${legend} <span class="marker">${t("marker.required")}</span></legend>
      ${hint && html`<p class="hint" id=${id + "-hint"}>${hint}</p>`}
      ${error && html`<p class="field-error" id=${id + "-error"}>${error}</p>`}
      ${options.map(([code, label, optionHint]) => html`
        <div class="choice-row">
          <input type=${type} id=${id + "-" + code} name=${id} value=${code} checked=${isChecked(code)}
            aria-describedby=${optionHint ? id + "-" + code + "-hint" : undefined}
            onChange=${e => onChange(code)(e.currentTarget.checked)} />
          <label for=${id + "-" + code}>${label}</label>
        </div>
        ${optionHint && html`<p class="hint check-hint" id=${id + "-" + code + "-hint"}>${optionHint}</p>`}`)}
    </fieldset>`;
}

/**
 * The second step of an action that cannot be undone: the question takes the focus, then yes or no.
 * yesType "submit" makes yes send the form it stands in (its errors then show in that form's summary).
 */
export function ConfirmStep({ id, question, yes, no, busy, message, onYes, onNo, yesType = "button" }) {
  const { t } = useLanguage();
  const ref = useRef(null);
  useEffect(() => { if (ref.current) ref.current.focus(); }, []);
  return html`
    <div class="confirm" role="group" aria-labelledby=${id}>
      <p id=${id} tabindex="-1" ref=${ref}>${question}</p>
      ${message && html`<p class="field-error" role="alert">${message}</p>`}
      <div class="button-row">
        <button class="button danger" type=${yesType} disabled=${busy} onClick=${onYes}>${busy ? t("staff.sending") : yes}</button>
        <button class="button secondary" type="button" onClick=${onNo}>${no}</button>
      </div>
    </div>`;
}

/**
 * The errors of the last attempt: field errors as links to their fields, or one message for the
 * whole form. It takes the focus each time it is shown (attempt counts the submits).
 */
export function ErrorSummary({ fields, message, attempt }) {
  const { t } = useLanguage();
  const box = useRef(null);
  const entries = Object.entries(fields || {});
  const shown = entries.length > 0 || message;
  useEffect(() => {
    if (shown && box.current) box.current.focus();
  }, [attempt]);
  if (!shown) return null;
  const title = entries.length === 0 ? t("error.failed")
    : entries.length === 1 ? t("error.summaryOne") : t("error.summaryMany", { count: entries.length });
  return html`
    <div class="error-summary" role="alert" tabindex="-1" ref=${box}>
      <div>
        <h2>${title}</h2>
        ${message && html`<p>${message}</p>`}
        ${entries.length > 0 && html`<ul>${entries.map(([id, text]) => html`<li><a href=${"#" + id} onClick=${focusField(id)}>${text}</a></li>`)}</ul>`}
        ${entries.length === 0 && html`<p>${t("error.kept")}</p>`}
      </div>
    </div>`;
}

// The links of the summary move the focus to their field without changing the console's address.
function focusField(id) {
  return event => {
    event.preventDefault();
    const field = document.getElementById(id);
    if (field) field.focus();
  };
}

/** A submit button that says it is working while a request is under way. */
export function SubmitButton({ busy, label, className = "button" }) {
  const { t } = useLanguage();
  return html`<button class=${className} type="submit" disabled=${busy} aria-disabled=${busy ? "true" : undefined}>${busy ? t("staff.sending") : label}</button>`;
}

/** The message a person reads for an API error that is not about a field. */
export function problemMessage(t, error) {
  switch (error.code) {
    case "network": return t("error.network");
    case "rate_limited": return t("error.rateLimited", { minutes: Math.max(1, Math.ceil((error.retryAfter || 60) / 60)) });
    case "storage_unavailable": return t("error.unavailable");
    case "forbidden": return t("error.forbidden");
    case "not_found": case "staff_not_found": case "intake_not_found": case "engagement_not_found": case "session_not_found": case "complaint_not_found": return t("error.notFound");
    case "concurrent_change": case "staff_conflict": case "intake_conflict": case "engagement_conflict": case "complaint_conflict": return t("error.conflict");
    case "already_closed": return t("error.alreadyClosed");
    case "intake_closed": return t("error.intakeClosed");
    case "engagement_not_proposed": return t("error.engagementNotProposed");
    case "engagement_not_active": return t("error.engagementNotActive");
    case "already_signed": return t("error.alreadySigned");
    case "contract_not_signed": return t("error.contractNotSigned");
    case "session_limit_reached": return t("error.sessionLimit");
    case "engagement_closed": return t("error.engagementClosed");
    case "validation_failed": case "payload_too_large": return t("error.rejected");
    case "already_registered": return t("error.alreadyRegistered");
    case "last_coordinator": return t("error.lastCoordinator");
    case "charter_outdated": return t("error.charterOutdated");
    case "already_assigned": return t("error.alreadyAssigned");
    case "coach_not_assignable":
      return t("error.coachNotAssignable", { missing: error.missing.map(m => t("missingOther." + m)).join(", ") });
    default: return error.status === 503 ? t("error.unavailable") : t("error.technical");
  }
}

/**
 * The page's own message for each field the API named in a validation_failed problem:
 * "<prefix><field>.invalid", else "<prefix><field>.required", else a general one.
 */
export function fieldMessages(lang, error, prefix = "") {
  const found = {};
  for (const field of Object.keys(error.errors || {})) {
    const key = [prefix + field + ".invalid", prefix + field + ".required", field + ".invalid", field + ".required"].find(lang.has);
    found[field] = key ? lang.t(key) : lang.t("error.rejected");
  }
  return found;
}

/**
 * A form's sending: its own checks first (validate returns {fieldId: message}), then send(); what the
 * API refuses comes back as field errors (the API's field names mapped to the form's ids by fieldIds)
 * or one message. special(error) may explain a problem its own way ({fields, message}). A 401 is left
 * to the console, which shows the sign-in screen.
 */
export function useSubmit({ validate = () => ({}), send, fieldIds = {}, special = () => null, prefix = "" }) {
  const language = useLanguage();
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const submit = async event => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setMessage(null);
    setAttempt(a => a + 1);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await send();
    } catch (error) {
      if (error.status === 401) return;
      const handled = (await special(error)) || explain(language, error, fieldIds, prefix);
      setErrors(handled.fields || {});
      setMessage(handled.message || null);
      setAttempt(a => a + 1);
    } finally {
      setBusy(false);
    }
  };
  const summary = html`<${ErrorSummary} fields=${errors} message=${message} attempt=${attempt} />`;
  return { errors, busy, submit, summary };
}

function explain(language, error, fieldIds, prefix) {
  if (error.code !== "validation_failed") return { message: problemMessage(language.t, error) };
  const named = fieldMessages(language, error, prefix);
  const fields = Object.fromEntries(Object.entries(named).map(([field, text]) => [fieldIds[field] || field, text]));
  return Object.keys(fields).length ? { fields } : { message: language.t("error.rejected") };
}

/** Shows what went wrong loading a screen, with a way to try again. */
export function LoadError({ error, retry }) {
  const { t } = useLanguage();
  return html`
    <div class="error-summary" role="alert">
      <div><p>${problemMessage(t, error)}</p>
      <button class="button secondary" type="button" onClick=${retry}>${t("error.retry")}</button></div>
    </div>`;
}

export function Loading() {
  const { t } = useLanguage();
  return html`<p class="loading" role="status">${t("staff.loading")}</p>`;
}
