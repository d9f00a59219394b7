// The contract of a coach's engagement (issue 9): issued once the engagement is confirmed, sent again
// as a new version while unsigned; once signed, the contribution the client alone chose (§2) and both
// answers, supervision included, which the coach must respect (§3.14). The coach never sets the contribution.
import { useState } from "../vendor/hooks.js";
import { call } from "../api.js";
import { html, useLanguage, TextField, Choices, SubmitButton, FocusedNotice, formatDate, formatEuros, problemMessage, useSubmit } from "../ui.js";

export const FORMATS = ["video", "phone", "in_person"]; // video first: the default (§3.15)
const MAX_PRICE_EUR = 10000; // the API's ceiling (ContractIssueForm.MaxPricePerSessionEur)

export function ContractPanel({ engagement, reload }) {
  const { t } = useLanguage();
  const [sent, setSent] = useState(0); // counts the versions sent from this screen, to show and focus the notice
  const contract = engagement.contract;
  const signed = Boolean(contract && contract.signed);
  // A closed engagement keeps its signed contract in view: the supervision answer still binds (§3.14).
  if (engagement.status !== "proposed" && engagement.status !== "active" && !(engagement.status === "closed" && signed)) return null;
  return html`
    <section class="panel" aria-labelledby="contract-heading">
      <h2 id="contract-heading">${t("contract.heading")}</h2>
      ${engagement.status === "proposed" && html`<p>${t("contract.notYet")}</p>`}
      ${engagement.status !== "proposed" && signed && html`<${Signed} contract=${contract} clientLang=${engagement.preferredLanguage} />`}
      ${engagement.status === "active" && !signed && html`
        ${sent > 0 && contract && html`<${FocusedNotice} key=${sent} text=${t("contract.sent", { version: contract.version })} />`}
        ${contract ? html`<${Status} contract=${contract} />` : html`<p>${t("contract.none")}</p>`}
        <${IssueForm} engagement=${engagement} reissue=${Boolean(contract)} reload=${reload} sent=${() => setSent(n => n + 1)} />`}
    </section>`;
}

function Status({ contract }) {
  const { t, lang } = useLanguage();
  const expired = contract.status === "expired";
  return html`
    <dl class="facts">
      <dt>${t("contract.status")}</dt>
      <dd><span class=${"badge " + (expired ? "todo" : "ready")}>${t("contractStatus." + contract.status)}</span></dd>
      <dt>${t("contract.version")}</dt><dd>${contract.version}</dd>
      <dt>${t("contract.issuedAt")}</dt><dd>${formatDate(lang, contract.issuedAt)}</dd>
      <dt>${t(expired ? "contract.expiredAt" : "contract.expiresAt")}</dt><dd>${formatDate(lang, contract.expiresAt)}</dd>
    </dl>
    ${expired && html`<p class="status todo">${t("contract.expiredHint")}</p>`}`;
}

function Signed({ contract, clientLang }) {
  const { t, lang } = useLanguage();
  const signed = contract.signed;
  const contribution = signed.counterpart.kind === "financial"
    ? formatEuros(lang, signed.counterpart.amountEur)
    : html`${t("contract.nonFinancial")} <span lang=${clientLang}>${signed.counterpart.description}</span>`;
  const answer = yes => t(yes ? "answer.yes" : "answer.no");
  return html`
    <p class="status ready">${t("contract.signedOn", { date: formatDate(lang, signed.signedAt) })}</p>
    <dl class="facts">
      <dt>${t("contract.contribution")}</dt><dd>${contribution}</dd>
      <dt>${t("contract.understood")}</dt><dd>${answer(signed.understood)}</dd>
      <dt>${t("contract.supervision")}</dt><dd>${answer(signed.supervisionConsent)}</dd>
      <dt>${t("contract.version")}</dt><dd>${contract.version}</dd>
    </dl>
    ${!signed.supervisionConsent && html`<p class="status todo">${t("contract.supervisionNoHint")}</p>`}
    <p class="muted">${t("contract.signedNote")}</p>`;
}

/** "90", "72,50", "72.5 €" → 72.5; anything else (or 0, or over the ceiling) → null. */
function parsePrice(text) {
  const value = text.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(value)) return null;
  const price = Number(value);
  return price > 0 && price <= MAX_PRICE_EUR ? price : null;
}

function parseSessions(text) {
  const value = text.trim();
  return /^[1-4]$/.test(value) ? Number(value) : null;
}

function IssueForm({ engagement, reissue, reload, sent }) {
  const { t } = useLanguage();
  const [form, setForm] = useState({ price: "", sessions: "", format: "video", message: "" });
  const set = name => value => setForm(current => ({ ...current, [name]: value }));
  const { errors, busy, submit, summary } = useSubmit({
    validate: () => {
      const found = {};
      if (!form.price.trim()) found["contract-price"] = t("usualPricePerSessionEur.required");
      else if (parsePrice(form.price) === null) found["contract-price"] = t("usualPricePerSessionEur.invalid");
      if (!form.sessions.trim()) found["contract-sessions"] = t("sessionsPlanned.required");
      else if (parseSessions(form.sessions) === null) found["contract-sessions"] = t("sessionsPlanned.invalid");
      return found;
    },
    send: async () => {
      await call("POST", "staff/engagements/" + encodeURIComponent(engagement.id) + "/contract", {
        sessionsPlanned: parseSessions(form.sessions),
        format: form.format,
        usualPricePerSessionEur: parsePrice(form.price),
        message: form.message.trim() || undefined,
      });
      await reload();
      sent();
    },
    // Signed meanwhile, or no longer active: show the engagement as it now is, with the reason.
    special: async error => {
      if (error.code !== "already_signed" && error.code !== "engagement_not_active") return null;
      await reload();
      return { message: problemMessage(t, error) };
    },
    fieldIds: {
      usualPricePerSessionEur: "contract-price",
      sessionsPlanned: "contract-sessions",
      format: "contract-format-video",
      message: "contract-message",
    },
  });
  const heading = reissue ? "contract.reissueHeading" : "contract.issueHeading";
  return html`
    <h3 id="contract-form-heading">${t(heading)}</h3>
    ${reissue && html`<p>${t("contract.reissueIntro")}</p>`}
    <form novalidate onSubmit=${submit} aria-labelledby="contract-form-heading">
      ${summary}
      <${TextField} id="contract-price" label=${t("contract.price")} hint=${t("contract.priceHint")} required
        inputmode="decimal" autocomplete="off" size="10" value=${form.price} onInput=${set("price")} error=${errors["contract-price"]} />
      <${TextField} id="contract-sessions" label=${t("contract.sessions")} hint=${t("contract.sessionsHint")} required
        inputmode="numeric" autocomplete="off" size="4" maxlength="2" value=${form.sessions} onInput=${set("sessions")} error=${errors["contract-sessions"]} />
      <${Choices} id="contract-format" type="radio" legend=${t("contract.format")} hint=${t("contract.formatHint")}
        error=${errors["contract-format-video"]}
        options=${FORMATS.map(code => [code, t("format." + code)])}
        isChecked=${code => form.format === code} onChange=${code => () => set("format")(code)} />
      <${TextField} id="contract-message" multiline rows=${4} label=${t("contract.message")} hint=${t("contract.messageHint")}
        maxlength="2000" value=${form.message} onInput=${set("message")} error=${errors["contract-message"]} />
      <div class="actions"><${SubmitButton} busy=${busy} label=${t(reissue ? "contract.reissue" : "contract.issue")} /></div>
    </form>`;
}
