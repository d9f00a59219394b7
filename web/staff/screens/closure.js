// Closing a coach's engagement (issue 10; §3.1, §3.7, §3.21–3.23, §5.1, §5.2, §5.9): its outcome, and for a
// referral where to: another coach of the collective (the request returns to the coordinators) or an outside
// professional, of a kind the coach names. Asked twice: a closed engagement takes no more sessions.
import { useEffect, useState } from "../vendor/hooks.js";
import { call } from "../api.js";
import { html, useLanguage, TextField, Choices, ConfirmStep, FocusedNotice, formatDate, problemMessage, useSubmit } from "../ui.js";

export const OUTCOMES = ["completed", "referred", "classic_contract", "ended_by_client", "ended_by_coach"];
const REFERRAL_TO = ["collective", "external"];
const MAX_PROFESSIONAL = 120;

/**
 * The closure panel: the form while the engagement is active, its outcome once closed. chosen is the
 * outcome another panel asked for (the ways on at the session limit); asked counts those requests.
 */
export function ClosurePanel({ engagement, reload, chosen, asked }) {
  const { t, lang } = useLanguage();
  const [closedHere, setClosedHere] = useState(false);
  if (engagement.status === "closed") {
    return html`
      <section class="panel" aria-labelledby="closure-heading">
        <h2 id="closure-heading">${t("closure.closedHeading")}</h2>
        ${closedHere && html`<${FocusedNotice} text=${t("closure.done", { reference: engagement.reference })} />`}
        <dl class="facts">
          <dt>${t("closure.outcome")}</dt><dd>${engagement.outcome ? t("outcome." + engagement.outcome) : ""}</dd>
          ${engagement.closedAt && html`<dt>${t("closure.closedAt")}</dt><dd>${formatDate(lang, engagement.closedAt)}</dd>`}
        </dl>
        <p class="muted">${t("closure.closedNote")}</p>
      </section>`;
  }
  if (engagement.status !== "active") return null;
  return html`
    <section class="panel" aria-labelledby="closure-heading">
      <h2 id="closure-heading">${t("closure.heading")}</h2>
      <p>${t("closure.intro")}</p>
      <${ClosureForm} key=${asked} engagement=${engagement} reload=${reload} chosen=${chosen} asked=${asked} closed=${() => setClosedHere(true)} />
    </section>`;
}

function ClosureForm({ engagement, reload, chosen, asked, closed }) {
  const { t } = useLanguage();
  const [form, setForm] = useState({ outcome: chosen || "", to: "", professional: "" });
  const [confirming, setConfirming] = useState(false);
  const set = name => value => { setConfirming(false); setForm(current => ({ ...current, [name]: value })); };
  // Sent here from the session limit's ways on: the chosen outcome takes the focus.
  useEffect(() => {
    if (asked > 0 && chosen) {
      const radio = document.getElementById("closure-outcome-" + chosen);
      if (radio) radio.focus();
    }
  }, []);
  const referral = form.outcome !== "referred" ? undefined
    : form.to === "external" ? { to: "external", professional: form.professional.trim() } : { to: form.to };
  const { errors, busy, submit, summary } = useSubmit({
    validate: () => {
      const found = {};
      if (!form.outcome) found["closure-outcome-completed"] = t("closure.outcome.required");
      if (form.outcome === "referred" && !form.to) found["closure-to-collective"] = t("closure.referral.to.required");
      if (form.outcome === "referred" && form.to === "external" && !form.professional.trim())
        found["closure-professional"] = t("closure.referral.professional.required");
      return found;
    },
    send: async () => {
      // The first sending asks; the confirmation's yes sends again, for real.
      if (!confirming) return setConfirming(true);
      await call("POST", "staff/engagements/" + encodeURIComponent(engagement.id) + "/closure", { outcome: form.outcome, referral });
      closed();
      await reload();
    },
    special: async error => {
      setConfirming(false);
      if (error.code !== "engagement_closed" && error.code !== "engagement_not_active") return null;
      await reload();
      return { message: error.code === "engagement_not_active" ? t("closure.notActive") : problemMessage(t, error) };
    },
    fieldIds: {
      outcome: "closure-outcome-completed",
      referral: "closure-to-collective",
      "referral.to": "closure-to-collective",
      "referral.professional": "closure-professional",
    },
    prefix: "closure.",
  });
  const cancel = () => {
    setConfirming(false);
    window.setTimeout(() => { const button = document.getElementById("closure-submit"); if (button) button.focus(); }, 0);
  };
  return html`
    <form novalidate onSubmit=${submit} aria-labelledby="closure-heading">
      ${summary}
      <${Choices} id="closure-outcome" type="radio" legend=${t("closure.outcome")} error=${errors["closure-outcome-completed"]}
        options=${OUTCOMES.map(code => [code, t("outcome." + code), t("closure.hint." + code)])}
        isChecked=${code => form.outcome === code} onChange=${code => () => set("outcome")(code)} />
      ${form.outcome === "referred" && html`
        <${Choices} id="closure-to" type="radio" legend=${t("closure.to")} error=${errors["closure-to-collective"]}
          options=${REFERRAL_TO.map(code => [code, t("closure.to." + code), t("closure.to." + code + "Hint")])}
          isChecked=${code => form.to === code} onChange=${code => () => set("to")(code)} />
        ${form.to === "external" && html`
          <${TextField} id="closure-professional" label=${t("closure.professional")} hint=${t("closure.professionalHint", { max: MAX_PROFESSIONAL })} required
            autocomplete="off" maxlength=${String(MAX_PROFESSIONAL)} value=${form.professional} onInput=${set("professional")} error=${errors["closure-professional"]} />`}`}
      ${!confirming && html`
        <div class="actions"><button class="button" type="submit" id="closure-submit">${t("closure.submit")}</button></div>`}
      ${confirming && html`
        <${ConfirmStep} id="closure-question" yesType="submit" busy=${busy}
          question=${t("closure.question", { reference: engagement.reference, outcome: t("outcome." + form.outcome) })}
          yes=${t("closure.yes")} no=${t("closure.no")} onNo=${cancel} />`}
    </form>`;
}
