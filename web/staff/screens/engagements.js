// A coach's own engagements; a proposed one is confirmed with the no-conflict declaration (§3.18)
// or declined, which returns the request to the coordinators; an active one gets its contract, its sessions and its closure.
import { useEffect, useState } from "../vendor/hooks.js";
import { call } from "../api.js";
import { ContractPanel } from "./contract.js";
import { SessionsPanel } from "./sessions.js";
import { ClosurePanel } from "./closure.js";
import { html, useLanguage, Screen, TextField, CheckField, SubmitButton, Loading, LoadError,
  formatDate, useSubmit } from "../ui.js";

function useEngagements() {
  const [items, setItems] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const load = () => {
    setLoadError(null);
    return call("GET", "staff/engagements").then(list => setItems(list.items), error => { if (error.status !== 401) setLoadError(error); });
  };
  useEffect(() => { load(); }, []);
  return { items, loadError, load };
}

export function Engagements({ notice }) {
  const { t, lang } = useLanguage();
  const { items, loadError, load } = useEngagements();
  return html`
    <${Screen} title=${t("engagements.heading")} notice=${notice && notice.text} noticeKind="success">
      ${loadError && html`<${LoadError} error=${loadError} retry=${load} />`}
      ${!items && !loadError && html`<${Loading} />`}
      ${items && items.length === 0 && html`<p>${t("engagements.empty")}</p>`}
      ${items && items.length > 0 && html`
        <ul class="cards">
          ${items.map(e => html`
            <li class="card" key=${e.id}>
              <h2 class="card-title"><a href=${"#engagement=" + encodeURIComponent(e.id)}>${t("engagements.open", { reference: e.reference })}</a></h2>
              <p class=${"badge " + badgeClass(e.status)}>${t("engagementStatus." + e.status)}</p>
              ${e.outcome && html`<p>${t("engagements.outcome", { outcome: t("outcome." + e.outcome) })}</p>`}
              <p>${t("engagements.client", { name: e.clientFirstName })} · ${t("lang." + e.preferredLanguage)}</p>
              ${e.contract && html`<p>${t("engagement.contract", { status: t("contractStatus." + e.contract.status) })}</p>`}
              <p class="muted">${t("engagements.assignedAt", { date: formatDate(lang, e.assignedAt) })}</p>
            </li>`)}
        </ul>`}
    <//>`;
}

/** One of the coach's engagements, read alone (and read again after each change made on its screen). */
function useEngagement(id) {
  const [engagement, setEngagement] = useState(null);
  const [missing, setMissing] = useState(false);
  const [loadError, setLoadError] = useState(null);
  const load = () => {
    setLoadError(null);
    return call("GET", "staff/engagements/" + encodeURIComponent(id)).then(setEngagement, error => {
      if (error.status === 404 || error.status === 403) setMissing(true);
      else if (error.status !== 401) setLoadError(error);
    });
  };
  useEffect(() => { load(); }, []);
  return { engagement, missing, loadError, load };
}

const badgeClass = status => (status === "proposed" ? "todo" : status === "active" ? "ready" : "inactive");

export function EngagementDetail({ id, done }) {
  const { t, lang } = useLanguage();
  const { engagement, missing, loadError, load } = useEngagement(id);
  // The ways on at the session limit lead to the closure form with an outcome chosen (§3.23).
  const [closing, setClosing] = useState({ outcome: "", asked: 0 });
  const toClosure = outcome => setClosing(current => ({ outcome, asked: current.asked + 1 }));
  const title = engagement ? t("engagement.heading", { reference: engagement.reference }) : t("engagements.heading");
  return html`
    <${Screen} title=${title} key=${engagement || missing ? "loaded" : "loading"}>
      <p><a href="#engagements">${t("engagement.back")}</a></p>
      ${loadError && html`<${LoadError} error=${loadError} retry=${load} />`}
      ${!engagement && !missing && !loadError && html`<${Loading} />`}
      ${missing && html`<p>${t("engagement.notFound")}</p>`}
      ${engagement && html`
        <p class=${"badge " + badgeClass(engagement.status)}>${t("engagementStatus." + engagement.status)}</p>
        <dl class="facts">
          <dt>${t("intake.name")}</dt><dd>${engagement.clientFirstName}</dd>
          <dt>${t("intake.language")}</dt><dd>${t("lang." + engagement.preferredLanguage)}</dd>
          <dt>${t("intake.status")}</dt><dd>${t("engagements.assignedAt", { date: formatDate(lang, engagement.assignedAt) })}</dd>
        </dl>
        ${engagement.intakeId && engagement.status !== "refused" && html`<p><a href=${"#intake=" + encodeURIComponent(engagement.intakeId)}>${t("engagement.openIntake")}</a></p>`}
        <${ContractPanel} engagement=${engagement} reload=${load} />
        <${SessionsPanel} engagement=${engagement} reload=${load} toClosure=${toClosure} />
        <${ClosurePanel} engagement=${engagement} reload=${load} chosen=${closing.outcome} asked=${closing.asked} />
        ${engagement.status === "proposed" && html`
          <${Confirm} engagement=${engagement} done=${done} />
          <${Refuse} engagement=${engagement} done=${done} />`}`}
    <//>`;
}

function Confirm({ engagement, done }) {
  const { t } = useLanguage();
  const [declared, setDeclared] = useState(false);
  const { errors, busy, submit, summary } = useSubmit({
    validate: () => (declared ? {} : { "no-conflict": t("engagement.declarationRequired") }),
    send: async () => {
      await call("POST", "staff/engagements/" + encodeURIComponent(engagement.id) + "/confirmation", { noConflictDeclared: true });
      done(t("engagement.confirmed", { reference: engagement.reference }), "#engagements");
    },
    fieldIds: { noConflictDeclared: "no-conflict" },
  });
  return html`
    <section class="panel" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">${t("engagement.confirmHeading")}</h2>
      <form novalidate onSubmit=${submit}>
        ${summary}
        <${CheckField} id="no-conflict" label=${t("engagement.declaration")} hint=${t("engagement.declarationHint")}
          checked=${declared} onChange=${setDeclared} error=${errors["no-conflict"]} />
        <div class="actions"><${SubmitButton} busy=${busy} label=${t("engagement.confirm")} /></div>
      </form>
    </section>`;
}

function Refuse({ engagement, done }) {
  const { t } = useLanguage();
  const [reason, setReason] = useState("");
  const { errors, busy, submit, summary } = useSubmit({
    validate: () => (reason.trim() ? {} : { "refuse-reason": t("reason.required") }),
    send: async () => {
      await call("POST", "staff/engagements/" + encodeURIComponent(engagement.id) + "/refusal", { reason: reason.trim() });
      done(t("engagement.refused", { reference: engagement.reference }), "#engagements");
    },
    fieldIds: { reason: "refuse-reason" },
  });
  return html`
    <section class="panel" aria-labelledby="refuse-heading">
      <h2 id="refuse-heading">${t("engagement.refuseHeading")}</h2>
      <p>${t("engagement.refuseIntro")}</p>
      <form novalidate onSubmit=${submit}>
        ${summary}
        <${TextField} id="refuse-reason" multiline rows=${3} label=${t("intake.reason")} required maxlength="1000"
          value=${reason} onInput=${setReason} error=${errors["refuse-reason"]} />
        <div class="actions"><${SubmitButton} busy=${busy} label=${t("engagement.refuse")} /></div>
      </form>
    </section>`;
}
