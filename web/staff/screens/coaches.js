// The coach registry, for coordinators: who can be assigned clients and what the others still lack,
// inviting a coach, naming an ethics referent (rule 12), and deactivating one (asked twice: their access stops at once).
import { useEffect, useRef, useState } from "../vendor/hooks.js";
import { call } from "../api.js";
import { html, useLanguage, Screen, TextField, SubmitButton, ConfirmStep, Loading, LoadError, problemMessage, useSubmit } from "../ui.js";
import { ProfileSummary } from "./me.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function Coaches({ me, notice, done }) {
  const { t } = useLanguage();
  const [coaches, setCoaches] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const load = () => {
    setLoadError(null);
    return call("GET", "staff/coaches").then(list => setCoaches(list.items), error => { if (error.status !== 401) setLoadError(error); });
  };
  const allowed = me.roles.includes("coordinator");
  useEffect(() => { if (allowed) load(); }, []);
  if (!allowed) return html`<${Screen} title=${t("coaches.heading")}><p>${t("coaches.coordinatorOnly")}</p><//>`;

  return html`
    <${Screen} title=${t("coaches.heading")} notice=${notice && notice.text} noticeKind="success">
      <${Enrol} prefix="invite" path="staff/coaches" keys=${INVITE} done=${text => { done(text); load(); }} />
      <${Enrol} prefix="referent" path="staff/referents" keys=${REFERENT} done=${done} />
      <section aria-labelledby="coach-list">
        <h2 id="coach-list">${t("coaches.listHeading", { count: coaches ? coaches.length : "…" })}</h2>
        ${loadError && html`<${LoadError} error=${loadError} retry=${load} />`}
        ${!coaches && !loadError && html`<${Loading} />`}
        ${coaches && coaches.length === 0 && html`<p>${t("coaches.empty")}</p>`}
        ${coaches && coaches.length > 0 && html`
          <ul class="cards">
            ${coaches.map(coach => html`<${CoachCard} key=${coach.coachId} coach=${coach} done=${text => { done(text); load(); }} />`)}
          </ul>`}
      </section>
    <//>`;
}

const INVITE = { heading: "coaches.inviteHeading", intro: "coaches.inviteIntro", email: "coaches.email", name: "coaches.displayName", submit: "coaches.invite", done: "coaches.invited" };
const REFERENT = { heading: "referents.heading", intro: "referents.intro", email: "referents.email", name: "referents.displayName", submit: "referents.submit", done: "referents.named" };

/** Adds a member with one role, by address and name: a coach (invited by email) or an ethics referent. */
function Enrol({ prefix, path, keys, done }) {
  const { t } = useLanguage();
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState("");
  const emailId = prefix + "-email";
  const nameId = prefix + "-name";
  const { errors, busy, submit, summary } = useSubmit({
    validate: () => {
      const found = {};
      if (!email.trim()) found[emailId] = t("emailOther.required");
      else if (!EMAIL.test(email.trim())) found[emailId] = t("email.invalid");
      if (!displayName.trim()) found[nameId] = t("displayNameOther.required");
      return found;
    },
    send: async () => {
      await call("POST", path, { email: email.trim(), displayName: displayName.trim() });
      done(t(keys.done, { email: email.trim() }));
      setEmail("");
      setDisplayName("");
    },
    fieldIds: { email: emailId, displayName: nameId },
    special: error => error.code === "already_registered" && { fields: { [emailId]: t("error.alreadyRegistered") } },
  });

  return html`
    <section class="panel" aria-labelledby=${prefix + "-heading"}>
      <h2 id=${prefix + "-heading"}>${t(keys.heading)}</h2>
      <p>${t(keys.intro)}</p>
      <form novalidate onSubmit=${submit}>
        ${summary}
        <${TextField} id=${emailId} type="email" label=${t(keys.email)} required autocomplete="off"
          autocapitalize="off" spellcheck="false" maxlength="254" value=${email} onInput=${setEmail} error=${errors[emailId]} />
        <${TextField} id=${nameId} label=${t(keys.name)} required autocomplete="off" maxlength="100"
          value=${displayName} onInput=${setDisplayName} error=${errors[nameId]} />
        <div class="actions"><${SubmitButton} busy=${busy} label=${t(keys.submit)} /></div>
      </form>
    </section>`;
}

function CoachCard({ coach, done }) {
  const { t } = useLanguage();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState(null);
  const opener = useRef(null);
  const heading = useRef(null);

  const cancel = () => {
    setConfirming(false);
    setMessage(null);
    window.setTimeout(() => opener.current && opener.current.focus(), 0);
  };
  const deactivate = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await call("POST", "staff/coaches/" + encodeURIComponent(coach.coachId) + "/deactivation");
      setConfirming(false);
      done(t("coaches.deactivated", { name: coach.displayName }));
      // Its buttons are gone: the focus stays on this coach's card rather than falling to the page's top.
      if (heading.current) heading.current.focus();
    } catch (error) {
      if (error.status !== 401) setMessage(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  };

  const headingId = "coach-" + coach.coachId;
  const status = !coach.active ? t("coaches.inactive")
    : coach.assignable ? t("coaches.assignable")
    : t("coaches.notAssignable", { missing: coach.missing.map(m => t("missingOther." + m)).join(", ") });
  const statusClass = !coach.active ? "inactive" : coach.assignable ? "ready" : "todo";
  return html`
    <li class="card">
      <h3 id=${headingId} tabindex="-1" ref=${heading}>${coach.displayName}</h3>
      <p class="muted">${coach.email}</p>
      <p class=${"badge " + statusClass}><span aria-hidden="true">${coach.assignable ? "✓ " : coach.active ? "… " : "✕ "}</span>${status}</p>
      ${coach.profile && html`<${ProfileSummary} profile=${coach.profile} />`}
      ${coach.active && !confirming && html`
        <button class="button secondary" type="button" ref=${opener} onClick=${() => setConfirming(true)}>
          ${t("coaches.deactivate", { name: coach.displayName })}
        </button>`}
      ${coach.active && confirming && html`
        <${ConfirmStep} id=${headingId + "-question"} question=${t("coaches.confirmQuestion", { name: coach.displayName })}
          yes=${t("coaches.confirmYes")} no=${t("coaches.confirmNo")} busy=${busy} message=${message} onYes=${deactivate} onNo=${cancel} />`}
    </li>`;
}
