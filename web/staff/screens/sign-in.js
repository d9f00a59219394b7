// Sign-in: the person types their address and gets a link by email. The answer is the same whether
// or not the address is known (the API always says 202), and so is what the page says.
import { useState } from "../vendor/hooks.js";
import { call } from "../api.js";
import { html, useLanguage, Screen, TextField, SubmitButton, problemMessage, useSubmit } from "../ui.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** reason: "linkInvalid" | "sessionEnded" | "signedOut" | an ApiError from the link's exchange | null. */
export function SignIn({ reason, waiting }) {
  const { t } = useLanguage();
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState(null);

  const notice = typeof reason === "string" ? t("signIn." + reason) : reason ? problemMessage(t, reason) : null;
  const noticeKind = reason === "signedOut" ? "success" : "info";

  const address = email.trim();
  const { errors, busy, submit, summary } = useSubmit({
    validate: () => (!address ? { "sign-in-email": t("email.required") }
      : !EMAIL.test(address) ? { "sign-in-email": t("email.invalid") } : {}),
    send: async () => {
      await call("POST", "staff/sign-in", { email: address }, { anonymous: true });
      setSentTo(address);
    },
    fieldIds: { email: "sign-in-email" },
  });

  if (sentTo) {
    return html`
      <${Screen} title=${t("signIn.sentHeading")} key="sent">
        <div class="panel">
          <p>${t("signIn.sent", { email: sentTo })}</p>
          <p>${t("signIn.sentHint")}</p>
          ${waiting && html`<p>${t("signIn.afterwards")}</p>`}
          <button class="button secondary" type="button" onClick=${() => setSentTo(null)}>${t("signIn.again")}</button>
        </div>
      <//>`;
  }
  return html`
    <${Screen} title=${t("signIn.heading")} notice=${notice} noticeKind=${noticeKind} key="form">
      <p>${t("signIn.intro")}</p>
      ${waiting && html`<p>${t("signIn.afterwards")}</p>`}
      <form class="panel" novalidate onSubmit=${submit}>
        ${summary}
        <${TextField} id="sign-in-email" type="email" label=${t("signIn.email")} hint=${t("signIn.emailHint")} required
          autocomplete="email" autocapitalize="off" spellcheck="false" maxlength="254"
          value=${email} onInput=${setEmail} error=${errors["sign-in-email"]} />
        <${SubmitButton} busy=${busy} label=${t("signIn.submit")} />
      </form>
    <//>`;
}
