// Complaints, for the ethics referents (rule 12, charter §1, §4.8): the list (open first, no contact
// address), one complaint with what was written and how to answer, and its closure with a resolution.
// A complaint about the referent themself never shows here: the API leaves it out.
import { useEffect, useState } from "../vendor/hooks.js";
import { call } from "../api.js";
import { html, useLanguage, Screen, TextField, SubmitButton, Loading, LoadError, formatDate, useSubmit } from "../ui.js";

function useLoaded(path) {
  const [value, setValue] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const load = () => {
    setLoadError(null);
    return call("GET", path).then(setValue, error => { if (error.status !== 401) setLoadError(error); });
  };
  useEffect(() => { load(); }, []);
  return { value, loadError, load };
}

export function Complaints({ notice }) {
  const { t } = useLanguage();
  const { value, loadError, load } = useLoaded("staff/complaints");
  const items = value && value.items;
  return html`
    <${Screen} title=${t("complaints.heading")} notice=${notice && notice.text} noticeKind="success">
      <p>${t("complaints.intro")}</p>
      ${loadError && html`<${LoadError} error=${loadError} retry=${load} />`}
      ${!items && !loadError && html`<${Loading} />`}
      ${items && items.length === 0 && html`<p class="status ready">${t("complaints.empty")}</p>`}
      ${items && items.length > 0 && html`
        <ul class="cards">${items.map(item => html`<${ComplaintItem} key=${item.id} item=${item} />`)}</ul>`}
    <//>`;
}

function ComplaintItem({ item }) {
  const { t, lang } = useLanguage();
  return html`
    <li class="card">
      <h2 class="card-title"><a href=${"#complaint=" + encodeURIComponent(item.id)}>${t("complaints.open", { reference: item.reference })}</a></h2>
      <p class="muted">${t("complaints.received", { date: formatDate(lang, item.receivedAt) })}</p>
      <${ComplaintFacts} complaint=${item} />
    </li>`;
}

function ComplaintFacts({ complaint }) {
  const { t, lang } = useLanguage();
  return html`
    <dl class="facts">
      <dt>${t("complaint.status")}</dt><dd>${t("complaintStatus." + complaint.status)}</dd>
      <dt>${t("complaint.member")}</dt><dd>${complaint.memberName || t("complaint.notGiven")}</dd>
      <dt>${t("complaint.engagementReference")}</dt><dd>${complaint.engagementReference || t("complaint.notGiven")}</dd>
      ${complaint.closedAt && html`<dt>${t("complaint.closedAt")}</dt><dd>${formatDate(lang, complaint.closedAt)}</dd>`}
    </dl>`;
}

export function ComplaintDetail({ id, done }) {
  const { t, lang } = useLanguage();
  const { value: complaint, loadError, load } = useLoaded("staff/complaints/" + encodeURIComponent(id));
  const title = complaint ? t("complaint.heading", { reference: complaint.reference }) : t("complaints.heading");
  return html`
    <${Screen} title=${title} key=${complaint ? "loaded" : "loading"}>
      <p><a href="#complaints">${t("complaint.back")}</a></p>
      ${loadError && html`<${LoadError} error=${loadError} retry=${load} />`}
      ${!complaint && !loadError && html`<${Loading} />`}
      ${complaint && html`
        <p class="muted">${t("complaints.received", { date: formatDate(lang, complaint.receivedAt) })}</p>
        <${ComplaintFacts} complaint=${complaint} />
        <section class="panel" aria-labelledby="complaint-words-heading">
          <h2 id="complaint-words-heading">${t("complaint.description")}</h2>
          <p class="long-text" lang=${complaint.preferredLanguage}>${complaint.description}</p>
          <dl class="facts">
            <dt>${t("complaint.contact")}</dt><dd><a href=${"mailto:" + complaint.contactEmail}>${complaint.contactEmail}</a></dd>
            <dt>${t("intake.language")}</dt><dd>${t("lang." + complaint.preferredLanguage)}</dd>
          </dl>
        </section>
        ${complaint.status === "closed"
          ? html`
            <section class="panel" aria-labelledby="resolution-heading">
              <h2 id="resolution-heading">${t("complaint.resolution")}</h2>
              <p class="long-text">${complaint.resolution}</p>
            </section>`
          : html`<${Closure} complaint=${complaint} done=${done} />`}`}
    <//>`;
}

function Closure({ complaint, done }) {
  const { t } = useLanguage();
  const [resolution, setResolution] = useState("");
  const { errors, busy, submit, summary } = useSubmit({
    validate: () => (resolution.trim() ? {} : { "complaint-resolution": t("resolution.required") }),
    send: async () => {
      await call("POST", "staff/complaints/" + encodeURIComponent(complaint.id) + "/closure", { resolution: resolution.trim() });
      done(t("complaint.closed", { reference: complaint.reference }), "#complaints");
    },
    fieldIds: { resolution: "complaint-resolution" },
  });
  return html`
    <section class="panel" aria-labelledby="closure-heading">
      <h2 id="closure-heading">${t("complaint.closeHeading")}</h2>
      <form novalidate onSubmit=${submit}>
        ${summary}
        <${TextField} id="complaint-resolution" multiline rows=${4} label=${t("complaint.resolution")} hint=${t("complaint.resolutionHint")} required
          maxlength="4000" value=${resolution} onInput=${setResolution} error=${errors["complaint-resolution"]} />
        <div class="actions"><${SubmitButton} busy=${busy} label=${t("complaint.close")} /></div>
      </form>
    </section>`;
}
