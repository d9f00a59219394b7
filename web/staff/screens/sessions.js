// The sessions of a coach's engagement (issue 10; §3.5, §3.15, §3.23): how many of the planned and of
// the charter's 4, each session as the coach entered it, recording, amending and removing one. Both
// parties get a calendar invitation, updated or cancelled with the session. Notes are the coach's alone.
import { useEffect, useRef, useState } from "../vendor/hooks.js";
import { call } from "../api.js";
import { FORMATS } from "./contract.js";
import { html, useLanguage, TextField, Choices, SubmitButton, ConfirmStep, FocusedNotice, announce, problemMessage, useSubmit } from "../ui.js";

const CHARTER_LIMIT = 4; // §3.5: at most 4 sessions per client in the programme
const MIN_MINUTES = 15;
const MAX_MINUTES = 180;
const MAX_NOTES = 4000;
const DATE_CODES = ["sessions_too_close", "session_too_far_ahead", "session_before_signature"];
const RELOAD_CODES = ["contract_not_signed", "engagement_closed", "session_not_found", "session_limit_reached"];
// The ways on at the limit (§3.23), as the API names them in a session_limit_reached problem, and the outcome each closes with.
const WAYS = { classic_contract: { key: "wayClassic", outcome: "classic_contract" }, referral: { key: "wayReferral", outcome: "referred" } };

/** "2026-12-03T14:00+01:00" → its parts as entered: { date: "2026-12-03", time: "14:00", offset: "+01:00" }. */
export function sessionParts(iso) {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(iso || "");
  return match ? { date: match[1], time: match[2], offset: match[3] === "Z" ? "+00:00" : match[3] } : null;
}

/** A session's start as the coach entered it, in words, with its offset: "jeudi 3 décembre 2026 à 14:00 (UTC+01:00)". */
export function formatSessionStart(lang, iso) {
  const parts = sessionParts(iso);
  if (!parts) return iso || "";
  const [y, m, d] = parts.date.split("-").map(Number);
  const [hh, mm] = parts.time.split(":").map(Number);
  // Shown in the offset it was entered with, not converted to this device's zone.
  const words = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "fr-FR", { dateStyle: "full", timeStyle: "short", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, m - 1, d, hh, mm)));
  return words + " (UTC" + parts.offset + ")";
}

/** This device's UTC offset on that day at that time, as "+01:00" (summer and winter time differ). */
export function localOffset(date, time) {
  const [y, m, d] = (date || "").split("-").map(Number);
  const [hh, mm] = (time || "").split(":").map(Number);
  const at = [y, m, d, hh, mm].every(Number.isFinite) ? new Date(y, m - 1, d, hh, mm) : new Date();
  const minutes = -at.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return (minutes < 0 ? "-" : "+") + String(Math.floor(abs / 60)).padStart(2, "0") + ":" + String(abs % 60).padStart(2, "0");
}

function validDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseMinutes(text) {
  const value = text.trim();
  if (!/^\d{1,3}$/.test(value)) return null;
  const minutes = Number(value);
  return minutes >= MIN_MINUTES && minutes <= MAX_MINUTES ? minutes : null;
}

const sessionsPath = (engagement, rest = "") => "staff/engagements/" + encodeURIComponent(engagement.id) + "/sessions" + rest;

/**
 * The sessions panel: for an active engagement with a signed contract, the count, the list and the form;
 * before the signature, why there is none yet; once closed, the list only. toClosure(outcome) opens the
 * closure form with that outcome chosen (the ways on when the limit is reached, §3.23).
 */
export function SessionsPanel({ engagement, reload, toClosure }) {
  const { t } = useLanguage();
  const [editing, setEditing] = useState(null); // the session being amended, or null: the form records a new one
  const [removing, setRemoving] = useState(null);
  const [notice, setNotice] = useState(null); // { text, n }: what was just done, focused
  const [refusedWays, setRefusedWays] = useState(null); // the ways on a refused session offered, when one was
  const [formKey, setFormKey] = useState(0); // a new key empties the form after a success
  const active = engagement.status === "active";
  const signed = Boolean(engagement.contract && engagement.contract.signed);
  if (!(active || (engagement.status === "closed" && engagement.sessions.length > 0))) return null;

  const sessions = [...engagement.sessions].sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const planned = signed ? engagement.contract.terms.sessionsPlanned : null;
  const limit = engagement.sessionLimit;
  const reached = active && signed && limit !== null && engagement.sessionCount >= limit;
  const tell = text => {
    setNotice(current => ({ text, n: current ? current.n + 1 : 1 }));
    announce(text);
  };
  // Back from amending, to the button that opened it.
  const stopEditing = () => {
    const id = editing && editing.id;
    setEditing(null);
    window.setTimeout(() => { const button = document.getElementById("session-" + id + "-amend"); if (button) button.focus(); }, 0);
  };
  const finished = text => {
    setEditing(null);
    setRemoving(null);
    setFormKey(k => k + 1);
    tell(text);
  };

  return html`
    <section class="panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">${t("sessions.heading")}</h2>
      ${notice && html`<${FocusedNotice} key=${notice.n} text=${notice.text} />`}
      ${active && !signed && html`<p>${t("sessions.notSigned")}</p>`}
      ${signed && html`
        <p class="session-count">${t("sessions.count", { count: engagement.sessionCount, planned, charter: CHARTER_LIMIT })}</p>
        ${limit !== null && limit < planned && html`<p>${t("sessions.earlier", { limit })}</p>`}`}
      ${(reached || (active && refusedWays)) && html`<${LimitWays} limit=${limit} ways=${refusedWays} toClosure=${toClosure} />`}
      ${sessions.length === 0 && signed && html`<p>${t("sessions.none")}</p>`}
      ${sessions.length > 0 && html`
        <ol class="session-list">
          ${sessions.map((session, i) => html`
            <${SessionItem} key=${session.id} session=${session} n=${i + 1} engagement=${engagement} active=${active}
              removing=${removing === session.id}
              edit=${() => { setRemoving(null); setEditing({ ...session, n: i + 1 }); }}
              remove=${() => { setEditing(null); setRemoving(session.id); }}
              keep=${() => setRemoving(null)}
              reload=${reload} finished=${finished} />`)}
        </ol>`}
      ${active && signed && html`
        <${SessionForm} key=${(editing ? "amend-" + editing.id : "record-") + formKey} engagement=${engagement} session=${editing}
          reload=${reload} finished=${finished} cancel=${stopEditing} refusedByLimit=${setRefusedWays} attempted=${() => setNotice(null)} />`}
    </section>`;
}

/**
 * The limit reached, said before the coach tries: the ways on of §3.23 (those a refusal named, else both),
 * each leading to the closure form with its outcome chosen.
 */
function LimitWays({ limit, ways, toClosure }) {
  const { t } = useLanguage();
  const named = (ways || []).filter(way => WAYS[way]);
  return html`
    <div class="status todo" id="session-limit">
      <h3>${t("sessions.limitHeading")}</h3>
      <p>${t("sessions.limitReached", { limit, charter: CHARTER_LIMIT })}</p>
      <ul class="ways">
        ${(named.length ? named : Object.keys(WAYS)).map(way => html`
          <li key=${way}>
            <p><strong>${t("sessions." + WAYS[way].key)}</strong> ${t("sessions." + WAYS[way].key + "Hint")}</p>
            <button class="link-button" type="button" onClick=${() => toClosure(WAYS[way].outcome)}>${t("sessions." + WAYS[way].key + "Go")}</button>
          </li>`)}
      </ul>
    </div>`;
}

function SessionItem({ session, n, engagement, active, removing, edit, remove, keep, reload, finished }) {
  const { t, lang } = useLanguage();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState(null);
  const when = formatSessionStart(lang, session.date);
  const headingId = "session-" + session.id;
  const confirmRemoval = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await call("DELETE", sessionsPath(engagement, "/" + encodeURIComponent(session.id)));
      await reload();
      finished(t("sessions.removed", { n, when }));
    } catch (error) {
      if (error.status === 401) return;
      if (RELOAD_CODES.includes(error.code)) await reload();
      setMessage(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  };
  const back = () => {
    setMessage(null);
    keep();
    window.setTimeout(() => { const button = document.getElementById(headingId + "-remove"); if (button) button.focus(); }, 0);
  };
  return html`
    <li class="card session">
      <h3 id=${headingId}>${t("sessions.item", { n })} <span class="session-when">${when}</span></h3>
      <dl class="facts">
        <dt>${t("sessions.duration")}</dt><dd>${t("sessions.minutes", { minutes: session.durationMinutes })}</dd>
        <dt>${t("sessions.medium")}</dt><dd>${t("format." + session.medium)}</dd>
        ${session.roomUrl && html`<dt>${t("sessions.room")}</dt><dd class="url"><a href=${session.roomUrl} rel="noopener noreferrer">${session.roomUrl}</a></dd>`}
        ${session.notes && html`<dt>${t("sessions.notes")} <span class="private">${t("sessions.private")}</span></dt><dd class="long-text">${session.notes}</dd>`}
      </dl>
      ${active && !removing && html`
        <div class="button-row">
          <button class="button secondary" type="button" id=${headingId + "-amend"} onClick=${edit}>${t("sessions.amend", { n })}</button>
          <button class="button secondary" type="button" id=${headingId + "-remove"} onClick=${remove}>${t("sessions.remove", { n })}</button>
        </div>`}
      ${active && removing && html`
        <${ConfirmStep} id=${headingId + "-question"} question=${t("sessions.removeQuestion", { n, when })}
          yes=${t("sessions.removeYes")} no=${t("sessions.removeNo")} busy=${busy} message=${message} onYes=${confirmRemoval} onNo=${back} />`}
    </li>`;
}

/** Records a new session, or amends the one given (prefilled, its date and time as entered). */
function SessionForm({ engagement, session, reload, finished, cancel, refusedByLimit, attempted }) {
  const { t, lang } = useLanguage();
  const parts = session ? sessionParts(session.date) : null;
  const [form, setForm] = useState(() => ({
    date: parts ? parts.date : "",
    time: parts ? parts.time : "",
    duration: session ? String(session.durationMinutes) : "60",
    medium: session ? session.medium : (engagement.contract.terms.format || FORMATS[0]),
    notes: session ? session.notes || "" : "",
  }));
  const set = name => value => setForm(current => ({ ...current, [name]: value }));
  const offset = localOffset(form.date, form.time);
  const { errors, busy, submit, summary } = useSubmit({
    validate: () => {
      attempted(); // the last confirmation no longer stands above a new attempt
      const found = {};
      if (!form.date) found["session-date"] = t("session.date.required");
      else if (!validDate(form.date)) found["session-date"] = t("session.date.invalid");
      if (!form.time) found["session-time"] = t("session.time.required");
      else if (!/^\d{2}:\d{2}$/.test(form.time)) found["session-time"] = t("session.time.invalid");
      if (!form.duration.trim()) found["session-duration"] = t("session.durationMinutes.required");
      else if (parseMinutes(form.duration) === null) found["session-duration"] = t("session.durationMinutes.invalid");
      if (form.notes.length > MAX_NOTES) found["session-notes"] = t("session.notes.invalid");
      return found;
    },
    send: async () => {
      const body = {
        date: form.date + "T" + form.time + offset,
        durationMinutes: parseMinutes(form.duration),
        medium: form.medium,
        notes: form.notes.trim() || undefined,
      };
      const saved = session
        ? await call("PUT", sessionsPath(engagement, "/" + encodeURIComponent(session.id)), body)
        : await call("POST", sessionsPath(engagement), body);
      await reload();
      const when = formatSessionStart(lang, saved.date);
      finished(session ? t("sessions.amended", { n: session.n, when }) : t("sessions.recorded", { when }));
    },
    special: async error => {
      if (DATE_CODES.includes(error.code)) return { fields: { "session-date": t("error." + error.code) } };
      if (error.code === "session_limit_reached") refusedByLimit(error.alternatives);
      if (!RELOAD_CODES.includes(error.code)) return null;
      await reload();
      return { message: problemMessage(t, error) };
    },
    fieldIds: { date: "session-date", durationMinutes: "session-duration", medium: "session-medium-video", notes: "session-notes" },
    prefix: "session.",
  });
  // The amend form's heading takes the focus as it opens, so the coach hears which session they are changing.
  const headingRef = useRef(null);
  useEffect(() => { if (session) headingRef.current.focus(); }, []);
  const heading = session ? t("sessions.amendHeading", { n: session.n }) : t("sessions.recordHeading");
  return html`
    <h3 id="session-form-heading" tabindex="-1" ref=${headingRef}>${heading}</h3>
    ${!session && html`<p>${t("sessions.recordIntro")}</p>`}
    <form novalidate onSubmit=${submit} aria-labelledby="session-form-heading">
      ${summary}
      <div class="when-row">
        <${TextField} id="session-date" type="date" label=${t("sessions.date")} required value=${form.date} onInput=${set("date")} error=${errors["session-date"]} />
        <${TextField} id="session-time" type="time" label=${t("sessions.time")} hint=${t("sessions.timeHint", { offset })} required
          value=${form.time} onInput=${set("time")} error=${errors["session-time"]} />
      </div>
      <${TextField} id="session-duration" label=${t("sessions.durationLabel")} hint=${t("sessions.durationHint", { min: MIN_MINUTES, max: MAX_MINUTES })} required
        inputmode="numeric" autocomplete="off" size="4" maxlength="3" value=${form.duration} onInput=${set("duration")} error=${errors["session-duration"]} />
      <${Choices} id="session-medium" type="radio" legend=${t("sessions.medium")} error=${errors["session-medium-video"]}
        options=${FORMATS.map(code => [code, t("format." + code)])}
        isChecked=${code => form.medium === code} onChange=${code => () => set("medium")(code)} />
      <${TextField} id="session-notes" multiline rows=${4} label=${t("sessions.notesLabel")} hint=${t("sessions.notesHint", { max: MAX_NOTES })}
        maxlength=${String(MAX_NOTES)} value=${form.notes} onInput=${set("notes")} error=${errors["session-notes"]} />
      <div class="actions button-row">
        <${SubmitButton} busy=${busy} label=${t(session ? "sessions.amendSubmit" : "sessions.recordSubmit")} />
        ${session && html`<button class="button secondary" type="button" onClick=${cancel}>${t("sessions.amendCancel")}</button>`}
      </div>
    </form>`;
}

