// Clients' feedback put together (§5.9): a coach's own from three answers on (before that, only how many),
// with their clients' comments in no order and without dates; a coordinator's view of the whole collective.
import { useEffect, useState } from "../vendor/hooks.js";
import { call } from "../api.js";
import { html, useLanguage, Loading, LoadError } from "../ui.js";

export function FeedbackPanel() {
  const { t } = useLanguage();
  const [overview, setOverview] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const load = () => {
    setLoadError(null);
    return call("GET", "staff/feedback").then(setOverview, error => { if (error.status !== 401) setLoadError(error); });
  };
  useEffect(() => { load(); }, []);
  return html`
    <section class="panel" aria-labelledby="me-feedback">
      <h2 id="me-feedback">${t("feedback.heading")}</h2>
      ${loadError && html`<${LoadError} error=${loadError} retry=${load} />`}
      ${!overview && !loadError && html`<${Loading} />`}
      ${overview && overview.mine && html`
        <h3>${t("feedback.mine")}</h3>
        <${Aggregate} aggregate=${overview.mine} minimum=${overview.minimumAnswers} />
        ${overview.comments && overview.comments.length > 0 && html`
          <h3>${t("feedback.comments")}</h3>
          <p class="muted">${t("feedback.commentsHint")}</p>
          <ul class="feedback-comments">${overview.comments.map(c => html`<li>${c}</li>`)}</ul>`}`}
      ${overview && overview.collective && html`
        <h3>${t("feedback.collective")}</h3>
        <${Aggregate} aggregate=${overview.collective} minimum=${overview.minimumAnswers} />`}
    </section>`;
}

function Aggregate({ aggregate, minimum }) {
  const { t, lang } = useLanguage();
  const answers = aggregate.answers === 1 ? t("feedback.answersOne") : t("feedback.answersMany", { count: aggregate.answers });
  if (aggregate.listened === null)
    return html`<p>${answers} ${t("feedback.notYet", { minimum })}</p>`;
  const score = value => new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR", { maximumFractionDigits: 1 }).format(value);
  return html`
    <p>${answers}</p>
    <dl class="facts">
      <dt>${t("feedback.listened")}</dt><dd>${t("feedback.outOf5", { score: score(aggregate.listened) })}</dd>
      <dt>${t("feedback.steppedBack")}</dt><dd>${t("feedback.outOf5", { score: score(aggregate.steppedBack) })}</dd>
      <dt>${t("feedback.wouldRecommend")}</dt><dd>${t("feedback.outOf5", { score: score(aggregate.wouldRecommend) })}</dd>
    </dl>`;
}
