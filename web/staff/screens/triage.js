// Triage, for coordinators: the queue of new requests (urgent first, said in words and not only by
// colour), one request with its contact details (each look recorded), assigning it to an assignable
// coach (a same-organisation engagement is flagged first, §3.20), or declining it (§3.7).
import { useEffect, useState } from "../vendor/hooks.js";
import { call } from "../api.js";
import { html, useLanguage, Screen, TextField, SubmitButton, Loading, LoadError,
  formatDate, useSubmit } from "../ui.js";

export function Queue({ notice }) {
  const { t } = useLanguage();
  const [items, setItems] = useState(null);
  const [next, setNext] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [busy, setBusy] = useState(false);
  const load = cursor => {
    setLoadError(null);
    setBusy(true);
    const query = "staff/intakes?status=new" + (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
    return call("GET", query)
      .then(page => {
        setItems(current => (cursor && current ? current.concat(page.items) : page.items));
        setNext(page.next || null);
      }, error => { if (error.status !== 401) setLoadError(error); })
      .finally(() => setBusy(false));
  };
  useEffect(() => { load(null); }, []);

  return html`
    <${Screen} title=${t("queue.heading")} notice=${notice && notice.text} noticeKind="success">
      <p>${t("queue.intro")}</p>
      ${loadError && html`<${LoadError} error=${loadError} retry=${() => load(next)} />`}
      ${!items && !loadError && html`<${Loading} />`}
      ${items && items.length === 0 && html`<p class="status ready">${t("queue.empty")}</p>`}
      ${items && items.length > 0 && html`
        <ul class="cards">${items.map(item => html`<${QueueItem} key=${item.id} item=${item} />`)}</ul>`}
      ${next && html`<button class="button secondary" type="button" disabled=${busy} onClick=${() => load(next)}>${t("queue.more")}</button>`}
    <//>`;
}

function QueueItem({ item }) {
  const { t, lang } = useLanguage();
  return html`
    <li class=${"card" + (item.urgent ? " urgent-card" : "")}>
      <h2 class="card-title">
        ${item.urgent && html`<span class="urgent-badge"><span aria-hidden="true">⚠ </span>${t("queue.urgent")}</span> `}
        <a href=${"#intake=" + encodeURIComponent(item.id)}>${t("queue.open", { reference: item.reference })}</a>
      </h2>
      ${item.urgent && html`<p class="urgent-note">${t("queue.urgentLong")}</p>`}
      <p class="muted">${t("queue.received", { date: formatDate(lang, item.receivedAt) })}</p>
      <${IntakeFacts} intake=${item} />
    </li>`;
}

function IntakeFacts({ intake, withAvailability }) {
  const { t } = useLanguage();
  return html`
    <dl class="facts">
      <dt>${t("intake.role")}</dt><dd>${t("intakeRole." + intake.role)}</dd>
      ${intake.organisation && html`<dt>${t("intake.organisation")}</dt><dd>${intake.organisation}</dd>`}
      <dt>${t("intake.language")}</dt><dd>${t("lang." + intake.preferredLanguage)}</dd>
      <dt>${t("intake.status")}</dt><dd>${t("intakeStatus." + intake.status)}</dd>
      <dt>${t("intake.situation")}</dt><dd class="long-text" lang=${intake.preferredLanguage}>${intake.situation}</dd>
      ${withAvailability && intake.availability && html`<dt>${t("intake.availability")}</dt><dd class="long-text">${intake.availability}</dd>`}
    </dl>`;
}

export function IntakeDetail({ id, me, done }) {
  const { t, lang } = useLanguage();
  const [intake, setIntake] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const isCoordinator = me.roles.includes("coordinator");
  const load = () => {
    setLoadError(null);
    return call("GET", "staff/intakes/" + encodeURIComponent(id)).then(setIntake, error => { if (error.status !== 401) setLoadError(error); });
  };
  useEffect(() => { load(); }, []);

  const title = intake ? t("intake.heading", { reference: intake.reference }) : t("queue.heading");
  const contact = intake && intake.contact;
  return html`
    <${Screen} title=${title} key=${intake ? "loaded" : "loading"}>
      ${isCoordinator && html`<p><a href="#queue">${t("intake.back")}</a></p>`}
      ${loadError && html`<${LoadError} error=${loadError} retry=${load} />`}
      ${!intake && !loadError && html`<${Loading} />`}
      ${intake && html`
        ${intake.urgent && html`<p class="urgent urgent-note"><strong><span aria-hidden="true">⚠ </span>${t("queue.urgent")}</strong> — ${t("queue.urgentLong")}</p>`}
        <p class="muted">${t("queue.received", { date: formatDate(lang, intake.receivedAt) })}</p>
        <${IntakeFacts} intake=${intake} withAvailability=${true} />
        ${contact && html`
          <section class="panel" aria-labelledby="contact-heading">
            <h2 id="contact-heading">${t("intake.contactHeading")}</h2>
            <p class="hint">${t("intake.contactNote")}</p>
            <dl class="facts">
              <dt>${t("intake.name")}</dt><dd>${contact.firstName} ${contact.lastName}</dd>
              <dt>${t("intake.email")}</dt><dd><a href=${"mailto:" + contact.email}>${contact.email}</a></dd>
              ${contact.phone && html`<dt>${t("intake.phone")}</dt><dd><a href=${"tel:" + contact.phone.replace(/\s+/g, "")}>${contact.phone}</a></dd>`}
            </dl>
          </section>`}
        ${isCoordinator && intake.accessLog && html`
          <section class="panel" aria-labelledby="access-log-heading">
            <h2 id="access-log-heading">${t("intake.accessLogHeading")}</h2>
            ${intake.accessLog.length === 0 ? html`<p>${t("intake.accessLogEmpty")}</p>` : html`
              <ul>${intake.accessLog.map(entry => html`<li>${t("intake.accessLogEntry", { date: formatDate(lang, entry.at), name: entry.displayName })}</li>`)}</ul>`}
          </section>`}
        ${isCoordinator && intake.status === "new" && html`
          <${Assign} intake=${intake} done=${done} />
          <${Decline} intake=${intake} done=${done} />`}`}
    <//>`;
}

function Assign({ intake, done }) {
  const { t } = useLanguage();
  const [coaches, setCoaches] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [coachId, setCoachId] = useState("");
  const load = () => {
    setLoadError(null);
    return call("GET", "staff/coaches").then(list => setCoaches(list.items.filter(c => c.active && c.assignable)),
      error => { if (error.status !== 401) setLoadError(error); });
  };
  useEffect(() => { load(); }, []);
  const flagged = intake.sameOrganisationCoachIds || [];
  const warned = coachId && flagged.includes(coachId);

  const { errors, busy, submit, summary } = useSubmit({
    validate: () => (coachId ? {} : { "assign-coach": t("coachId.required") }),
    send: async () => {
      await call("POST", "staff/intakes/" + encodeURIComponent(intake.id) + "/assignment", { coachId });
      done(t("intake.assigned", { reference: intake.reference }), "#queue");
    },
    fieldIds: { coachId: "assign-coach" },
    // The registry changed since it was read (a coach deactivated, a new charter): offer the coaches as they are now.
    special: error => {
      if (error.code === "coach_not_assignable") load();
      return null;
    },
  });

  return html`
    <section class="panel" aria-labelledby="assign-heading">
      <h2 id="assign-heading">${t("intake.assignHeading")}</h2>
      ${loadError && html`<${LoadError} error=${loadError} retry=${load} />`}
      ${!coaches && !loadError && html`<${Loading} />`}
      ${coaches && coaches.length === 0 && html`<p>${t("intake.noAssignable")}</p>`}
      ${coaches && coaches.length > 0 && html`
        <form novalidate onSubmit=${submit}>
          ${summary}
          <div class=${"field" + (errors["assign-coach"] ? " has-error" : "")}>
            <label for="assign-coach">${t("intake.assignCoach")} <span class="marker">${t("marker.required")}</span></label>
            <p class="hint" id="assign-coach-hint">${t("intake.assignHint")}</p>
            ${errors["assign-coach"] && html`<p class="field-error" id="assign-coach-error">${errors["assign-coach"]}</p>`}
            <select id="assign-coach" value=${coachId} onChange=${e => setCoachId(e.currentTarget.value)}
              aria-describedby=${"assign-coach-hint" + (errors["assign-coach"] ? " assign-coach-error" : "") + (warned ? " assign-warning" : "")}
              aria-invalid=${errors["assign-coach"] ? "true" : undefined}>
              <option value="">${t("intake.chooseCoach")}</option>
              ${coaches.map(c => html`<option value=${c.coachId}>${c.displayName}${flagged.includes(c.coachId) ? " " + t("intake.sameOrganisation") : ""}</option>`)}
            </select>
          </div>
          ${warned && html`<p class="urgent" id="assign-warning" role="status">${t("intake.sameOrganisationWarning")}</p>`}
          <div class="actions"><${SubmitButton} busy=${busy} label=${t(warned ? "intake.assignAnyway" : "intake.assign")} /></div>
        </form>`}
    </section>`;
}

function Decline({ intake, done }) {
  const { t } = useLanguage();
  const [reason, setReason] = useState("");
  const [referral, setReferral] = useState("");
  const { errors, busy, submit, summary } = useSubmit({
    validate: () => (reason.trim() ? {} : { "decline-reason": t("reason.required") }),
    send: async () => {
      const body = { reason: reason.trim() };
      if (referral.trim()) body.referral = referral.trim();
      await call("POST", "staff/intakes/" + encodeURIComponent(intake.id) + "/decline", body);
      done(t("intake.declined", { reference: intake.reference }), "#queue");
    },
    fieldIds: { reason: "decline-reason", referral: "decline-referral" },
  });

  return html`
    <section class="panel" aria-labelledby="decline-heading">
      <h2 id="decline-heading">${t("intake.declineHeading")}</h2>
      <p>${t("intake.declineIntro")}</p>
      <form novalidate onSubmit=${submit}>
        ${summary}
        <${TextField} id="decline-reason" multiline rows=${3} label=${t("intake.reason")} hint=${t("intake.reasonHint")} required
          maxlength="1000" value=${reason} onInput=${setReason} error=${errors["decline-reason"]} />
        <${TextField} id="decline-referral" multiline rows=${3} label=${t("intake.referral")} hint=${t("intake.referralHint")}
          maxlength="1000" value=${referral} onInput=${setReferral} error=${errors["decline-referral"]} />
        <div class="actions"><${SubmitButton} busy=${busy} label=${t("intake.decline")} /></div>
      </form>
    </section>`;
}
