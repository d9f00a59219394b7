// A member's own space: what is still missing before a client can be assigned to them (rule 3:
// §3.2, §3.9, §3.14, §5.4), their profile, and the charter to read and sign.
import { useEffect, useState } from "../vendor/hooks.js";
import { call } from "../api.js";
import { FeedbackPanel } from "./feedback.js";
import { html, useLanguage, Screen, TextField, CheckField, Choices, SubmitButton, Loading, LoadError,
  problemMessage, formatDate, useSubmit } from "../ui.js";

export function Me({ me, notice }) {
  const { t, lang } = useLanguage();
  const isCoach = me.roles.includes("coach");
  const isCoordinator = me.roles.includes("coordinator");
  return html`
    <${Screen} title=${t("me.heading", { name: me.displayName })} notice=${notice && notice.text} noticeKind="success">
      <p>${t("me.roles", { roles: me.roles.map(r => t("role." + r)).join(", ") })}</p>
      <p class="muted">${t("me.email", { email: me.email })}</p>
      ${isCoach && html`<${CoachStatus} me=${me} />`}
      ${isCoach && html`
        <section class="panel" aria-labelledby="me-profile">
          <h2 id="me-profile">${t("me.profileHeading")}</h2>
          ${me.profile ? html`<${ProfileSummary} profile=${me.profile} />` : html`<p>${t("me.noProfile")}</p>`}
          <p><a href="#profile">${t(me.profile ? "me.editProfile" : "me.completeProfile")}</a></p>
        </section>
        <section class="panel" aria-labelledby="me-charter">
          <h2 id="me-charter">${t("me.charterHeading")}</h2>
          <p>${me.charter.signed ? t("me.charterSigned", { date: formatDate(lang, me.charter.signedAt) }) : t("me.charterNotSigned")}</p>
          <p><a href="#charter">${t(me.charter.signed ? "me.readCharter" : "me.signCharter")}</a></p>
        </section>
        <section class="panel" aria-labelledby="me-engagements">
          <h2 id="me-engagements">${t("me.engagementsHeading")}</h2>
          <p><a href="#engagements">${t("me.toEngagements")}</a></p>
        </section>`}
      ${isCoordinator && html`
        <section class="panel" aria-labelledby="me-coordination">
          <h2 id="me-coordination">${t("me.coordinatorHeading")}</h2>
          <p>${t("me.coordinatorText")}</p>
          <ul class="links">
            <li><a href="#queue">${t("me.toQueue")}</a></li>
            <li><a href="#coaches">${t("me.toCoaches")}</a></li>
          </ul>
        </section>`}
      <${FeedbackPanel} />
    <//>`;
}

function CoachStatus({ me }) {
  const { t } = useLanguage();
  if (me.assignable) {
    return html`
      <section class="status ready" aria-labelledby="me-status">
        <h2 id="me-status"><span aria-hidden="true">✓ </span>${t("me.readyHeading")}</h2>
        <p>${t("me.ready")}</p>
      </section>`;
  }
  const steps = { profile: html`<a href="#profile">${t("me.todoProfile")}</a>`, charter_signature: html`<a href="#charter">${t("me.todoCharter")}</a>` };
  return html`
    <section class="status todo" aria-labelledby="me-status">
      <h2 id="me-status">${t("me.todoHeading")}</h2>
      <p>${t("me.todo")}</p>
      <ul>${me.missing.map(m => html`<li>${steps[m] || t("missing." + m)}</li>`)}</ul>
    </section>`;
}

export function ProfileSummary({ profile }) {
  const { t } = useLanguage();
  const none = t("field.none");
  return html`
    <dl class="facts">
      <dt>${t("field.languages")}</dt><dd>${profile.languages.map(l => t("lang." + l)).join(", ")}</dd>
      <dt>${t("field.certification")}</dt><dd>${t("cert." + profile.certification)}</dd>
      <dt>${t("field.certifyingBody")}</dt><dd>${profile.certifyingBody || none}</dd>
      <dt>${t("field.supervisor")}</dt><dd>${profile.supervisor}</dd>
      <dt>${t("field.insurance")}</dt><dd>${profile.insurance || none}</dd>
    </dl>`;
}

export function Profile({ me, done, refreshMe }) {
  const { t } = useLanguage();
  const p = me.profile || {};
  const [form, setForm] = useState({
    displayName: me.displayName || "",
    languages: p.languages || [],
    certification: p.certification || "",
    certifyingBody: p.certifyingBody || "",
    supervisor: p.supervisor || "",
    insurance: p.insurance || "",
  });
  const optional = value => (value.trim() ? value.trim() : null);
  const { errors, busy, submit, summary } = useSubmit({
    validate: () => {
      const found = {};
      if (!form.displayName.trim()) found.displayName = t("displayName.required");
      if (form.languages.length === 0) found["languages-fr"] = t("languages.required");
      if (!form.certification) found["certification-certified"] = t("certification.required");
      if (!form.supervisor.trim()) found.supervisor = t("supervisor.required");
      return found;
    },
    send: async () => {
      await call("PUT", "staff/me/profile", {
        displayName: form.displayName.trim(),
        languages: ["fr", "en"].filter(l => form.languages.includes(l)),
        certification: form.certification,
        certifyingBody: optional(form.certifyingBody),
        supervisor: form.supervisor.trim(),
        insurance: optional(form.insurance),
      });
      refreshMe();
      done(t("profile.saved"), "#me");
    },
    fieldIds: { languages: "languages-fr", certification: "certification-certified" },
  });
  if (!me.roles.includes("coach")) {
    return html`<${Screen} title=${t("profile.heading")}><p>${t("profile.coachOnly")}</p><//>`;
  }
  const set = name => value => setForm({ ...form, [name]: value });
  const toggleLanguage = code => checked =>
    set("languages")(checked ? [...form.languages.filter(l => l !== code), code] : form.languages.filter(l => l !== code));

  return html`
    <${Screen} title=${t("profile.heading")}>
      <p>${t("profile.intro")}</p>
      <form class="panel" novalidate onSubmit=${submit}>
        ${summary}
        <${TextField} id="displayName" label=${t("profile.displayName")} hint=${t("profile.displayNameHint")} required
          autocomplete="name" maxlength="100" value=${form.displayName} onInput=${set("displayName")} error=${errors.displayName} />
        <${Choices} id="languages" type="checkbox" legend=${t("profile.languages")} hint=${t("profile.languagesHint")}
          error=${errors["languages-fr"]}
          options=${[["fr", html`<span lang="fr">Français</span>`], ["en", html`<span lang="en">English</span>`]]}
          isChecked=${code => form.languages.includes(code)} onChange=${toggleLanguage} />
        <${Choices} id="certification" type="radio" legend=${t("profile.certification")} hint=${t("profile.certificationHint")}
          error=${errors["certification-certified"]}
          options=${[["certified", t("profile.certified")], ["in_training", t("profile.inTraining")]]}
          isChecked=${code => form.certification === code} onChange=${code => () => set("certification")(code)} />
        <${TextField} id="certifyingBody" label=${t("profile.certifyingBody")} hint=${t("profile.certifyingBodyHint")}
          maxlength="200" value=${form.certifyingBody} onInput=${set("certifyingBody")} error=${errors.certifyingBody} />
        <${TextField} id="supervisor" label=${t("profile.supervisor")} hint=${t("profile.supervisorHint")} required
          maxlength="200" value=${form.supervisor} onInput=${set("supervisor")} error=${errors.supervisor} />
        <${TextField} id="insurance" label=${t("profile.insurance")} hint=${t("profile.insuranceHint")}
          maxlength="200" value=${form.insurance} onInput=${set("insurance")} error=${errors.insurance} />
        <div class="actions"><${SubmitButton} busy=${busy} label=${t("profile.submit")} /></div>
      </form>
    <//>`;
}

/** The charter, French only, to read; then the commitment, signed with the hash of the text read. */
export function CharterScreen({ me, done, refreshMe }) {
  const { t, lang } = useLanguage();
  const [charter, setCharter] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [committed, setCommitted] = useState(false);
  const [outdated, setOutdated] = useState(false);
  const load = () => {
    setLoadError(null);
    return call("GET", "staff/charter").then(setCharter, error => { if (error.status !== 401) setLoadError(error); });
  };
  useEffect(() => { load(); }, []);
  const { errors, busy, submit, summary } = useSubmit({
    validate: () => (committed ? {} : { "charter-commit": t("charter.commitRequired") }),
    send: async () => {
      await call("POST", "staff/me/charter-signature", { charterSha256: charter.sha256 });
      refreshMe();
      done(t("charter.signed"), "#me");
    },
    // Another text is in force: show it, and ask for the commitment again.
    special: async error => {
      if (error.code !== "charter_outdated") return null;
      setCommitted(false);
      setOutdated(true);
      await load();
      return { message: problemMessage(t, error) };
    },
  });

  const isCoach = me.roles.includes("coach");
  const signed = me.charter.signed && !outdated;
  return html`
    <${Screen} title=${t("charter.heading")}>
      <p>${t("charter.intro")}</p>
      ${lang !== "fr" && html`<p class="notice info">${t("charter.frenchOnly")}</p>`}
      ${loadError && html`<${LoadError} error=${loadError} retry=${load} />`}
      ${!charter && !loadError && html`<${Loading} />`}
      ${charter && html`
        <article class="charter" lang=${charter.language} aria-label=${t("charter.textLabel")}>
          ${paragraphs(charter.text)}
        </article>
        ${isCoach && signed && html`<p class="status ready">${t("charter.signedOn", { date: formatDate(lang, me.charter.signedAt) })}</p>`}
        ${isCoach && !signed && html`
          <form class="panel" novalidate onSubmit=${submit}>
            ${summary}
            <${CheckField} id="charter-commit" label=${t("charter.commit")} checked=${committed}
              onChange=${setCommitted} error=${errors["charter-commit"]} />
            <div class="actions"><${SubmitButton} busy=${busy} label=${t("charter.submit")} /></div>
          </form>`}`}
    <//>`;
}

// The charter's text: blank lines part paragraphs; a numbered line in capitals ("1. INTRODUCTION") is a section heading.
function paragraphs(text) {
  const blocks = text.split(/\n\s*\n/).map(b => b.trim()).filter(Boolean);
  return blocks.map((block, i) => {
    if (i === 0 && !/^\d/.test(block) && block.length < 120) return html`<h2>${block}</h2>`;
    if (/^\d+(\.\d+)*\.?\s+[^a-zà-ÿ]+$/.test(block) && block.length < 120) return html`<h3>${block}</h3>`;
    return html`<p>${block}</p>`;
  });
}
