// The collective's engagements, for coordinators (issue 10): every coach's engagements of one status, with
// their coach, dates and outcome; never a session's content nor the client's data.
import { useEffect, useState } from "../vendor/hooks.js";
import { call } from "../api.js";
import { html, useLanguage, Screen, Loading, LoadError, announce, formatDate } from "../ui.js";

const STATUSES = ["active", "proposed", "closed", "refused"];

export function CollectiveEngagements({ me, notice }) {
  const { t, lang } = useLanguage();
  const allowed = me.roles.includes("coordinator");
  const [choice, setChoice] = useState(STATUSES[0]); // what the select shows
  const [shown, setShown] = useState(STATUSES[0]); // what the list holds
  const [items, setItems] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const load = (status, aloud = false) => {
    setLoadError(null);
    setItems(null);
    setShown(status);
    return call("GET", "staff/collective/engagements?status=" + encodeURIComponent(status)).then(list => {
      setItems(list.items);
      if (aloud) announce(countText(t, list.items.length, status));
    }, error => { if (error.status !== 401) setLoadError(error); });
  };
  useEffect(() => { if (allowed) load(shown); }, []);
  const show = event => {
    event.preventDefault();
    load(choice, true);
  };
  return html`
    <${Screen} title=${t("collective.heading")} notice=${notice && notice.text} noticeKind="success">
      ${!allowed && html`<p>${t("error.forbidden")}</p>`}
      ${allowed && html`
        <p>${t("collective.intro")}</p>
        <form class="filter" onSubmit=${show}>
          <div class="field">
            <label for="collective-status">${t("collective.status")}</label>
            <select id="collective-status" name="status" value=${choice} onChange=${e => setChoice(e.currentTarget.value)}>
              ${STATUSES.map(status => html`<option value=${status}>${t("engagementStatus." + status)}</option>`)}
            </select>
          </div>
          <button class="button secondary" type="submit">${t("collective.show")}</button>
        </form>
        ${loadError && html`<${LoadError} error=${loadError} retry=${() => load(shown)} />`}
        ${!items && !loadError && html`<${Loading} />`}
        ${items && html`<p class="muted">${countText(t, items.length, shown)}</p>`}
        ${items && items.length > 0 && html`
          <ul class="cards">
            ${items.map(e => html`
              <li class="card" key=${e.id}>
                <h2 class="card-title">${t("collective.item", { reference: e.reference })}</h2>
                <dl class="facts">
                  <dt>${t("collective.coach")}</dt><dd>${e.coachName || t("collective.noName")}</dd>
                  <dt>${t("collective.status")}</dt><dd>${t("engagementStatus." + e.status)}</dd>
                  ${e.outcome && html`<dt>${t("collective.outcome")}</dt><dd>${t("outcome." + e.outcome)}</dd>`}
                  <dt>${t("collective.assignedAt")}</dt><dd>${formatDate(lang, e.assignedAt)}</dd>
                  ${e.closedAt && html`<dt>${t("collective.closedAt")}</dt><dd>${formatDate(lang, e.closedAt)}</dd>`}
                </dl>
              </li>`)}
          </ul>`}`}
    <//>`;
}

function countText(t, count, status) {
  const name = t("engagementStatus." + status);
  return count === 0 ? t("collective.empty", { status: name }) : t("collective.count", { count, status: name });
}
