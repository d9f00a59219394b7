// The staff console: where the person is (the address's fragment), whether they are signed in, and
// which screen shows. Sign-in links carry #token=… (taken and removed at once); deep links from
// emails (#intake=…, #engagement=…, #complaint=…) wait through sign-in and open after it.
import { render } from "./vendor/preact.js";
import { useEffect, useMemo, useState } from "./vendor/hooks.js";
import { call, session, pendingLink, whenUnauthorized } from "./api.js";
import { texts } from "./texts.js";
import { html, Language, Loading, LoadError, announce, useLanguage } from "./ui.js";
import { SignIn } from "./screens/sign-in.js";
import { Me, Profile, CharterScreen } from "./screens/me.js";
import { Coaches } from "./screens/coaches.js";
import { Queue, IntakeDetail } from "./screens/triage.js";
import { Engagements, EngagementDetail } from "./screens/engagements.js";
import { CollectiveEngagements } from "./screens/collective.js";
import { Statistics } from "./screens/statistics.js";
import { Complaints, ComplaintDetail } from "./screens/complaints.js";

const Languages = window.SolidaireLanguage;
Object.keys(texts).forEach(lang => Object.assign(window.SolidaireText[lang], texts[lang]));

/** "#intake=abc" → { name: "intake", id: "abc" }; "#coaches" → { name: "coaches" }. */
function parseRoute(hash) {
  const value = (hash || "").replace(/^#/, "");
  const [name, id] = value.split("=", 2);
  return { name: name || "me", id: id ? decodeURIComponent(id) : undefined };
}

const DEEP_LINKS = ["intake", "engagement", "complaint"];


/** The sign-in link's token, taken from the address and removed from it (and from history) at once. */
function takeLinkToken() {
  const match = /^#token=([^&]+)/.exec(window.location.hash);
  if (!match) return null;
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  return decodeURIComponent(match[1]);
}

function App({ initialLang, linkToken }) {
  const [lang, setLang] = useState(initialLang);
  const [grant, setGrant] = useState(() => (linkToken ? null : session.get()));
  const [me, setMe] = useState(null);
  const [meError, setMeError] = useState(null);
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  const [notice, setNotice] = useState(null); // { text, kind } shown on the next screen
  const [exchanging, setExchanging] = useState(Boolean(linkToken));
  const [signInReason, setSignInReason] = useState(null);

  const language = useMemo(() => ({
    lang,
    t: (key, vars) => Languages.text(lang, key, vars),
    has: key => Boolean(window.SolidaireText[lang][key]),
  }), [lang]);

  useEffect(() => {
    Languages.apply(lang);
    Languages.onSwitch(() => lang, setLang);
  }, []);
  useEffect(() => { Languages.apply(lang); }, [lang]);

  useEffect(() => {
    const changed = () => {
      if (/^#token=/.test(window.location.hash)) return; // the page starts again (start())
      setRoute(parseRoute(window.location.hash));
      setNotice(current => (current && current.keep ? { ...current, keep: false } : null));
    };
    window.addEventListener("hashchange", changed);
    return () => window.removeEventListener("hashchange", changed);
  }, []);

  // Any 401: back to sign-in, kindly, and back here after it.
  useEffect(() => whenUnauthorized(() => {
    const here = parseRoute(window.location.hash);
    if (here.name !== "me") pendingLink.keep(window.location.hash);
    setGrant(null);
    setMe(null);
    setSignInReason("sessionEnded");
  }), []);

  useEffect(() => {
    if (!linkToken) return;
    call("POST", "staff/access-tokens", { token: linkToken }, { anonymous: true })
      .then(received => {
        session.save(received);
        setGrant(received);
        const next = pendingLink.take();
        if (next) window.location.hash = next;
      })
      .catch(error => setSignInReason(error.status === 401 ? "linkInvalid" : error))
      .finally(() => setExchanging(false));
  }, []);

  const loadMe = () => {
    setMeError(null);
    call("GET", "staff/me").then(setMe, error => { if (error.status !== 401) setMeError(error); });
  };
  useEffect(() => { if (grant) loadMe(); }, [grant]);

  // A deep link opened while signed out waits for the sign-in.
  useEffect(() => {
    if (!grant && !exchanging && DEEP_LINKS.includes(route.name)) pendingLink.keep(window.location.hash);
  }, [grant, exchanging, route]);

  const signOut = async () => {
    try { await call("POST", "staff/sign-out"); } catch (e) { /* forgotten below all the same */ }
    session.forget();
    setGrant(null);
    setMe(null);
    setSignInReason("signedOut");
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    setRoute(parseRoute(""));
  };

  // After an action: its confirmation, on the screen it leads to (or on this one), and said aloud.
  const done = (text, hash) => {
    const moving = Boolean(hash) && hash !== window.location.hash;
    setNotice({ text, kind: "success", keep: moving });
    announce(text);
    if (moving) window.location.hash = hash;
  };

  let body;
  if (exchanging) {
    body = html`<${Loading} />`;
  } else if (!grant) {
    body = html`<${SignIn} reason=${signInReason} waiting=${DEEP_LINKS.includes(route.name)} />`;
  } else if (meError) {
    body = html`<${LoadError} error=${meError} retry=${loadMe} />`;
  } else if (!me) {
    body = html`<${Loading} />`;
  } else {
    body = html`<${Signed} me=${me} route=${route} notice=${notice} done=${done} refreshMe=${loadMe} signOut=${signOut} />`;
  }
  return html`<${Language.Provider} value=${language}>${body}<//>`;
}

function Signed({ me, route, notice, done, refreshMe, signOut }) {
  const isCoordinator = me.roles.includes("coordinator");
  const isCoach = me.roles.includes("coach");
  const isReferent = me.roles.includes("referent");
  const key = route.name + (route.id || "");
  const props = { me, notice, done, refreshMe, key };
  let screen;
  switch (route.name) {
    case "profile": screen = html`<${Profile} ...${props} />`; break;
    case "charter": screen = html`<${CharterScreen} ...${props} />`; break;
    case "coaches": screen = html`<${Coaches} ...${props} />`; break;
    case "queue": screen = html`<${Queue} ...${props} />`; break;
    case "intake": screen = html`<${IntakeDetail} ...${props} id=${route.id} />`; break;
    case "engagements": screen = html`<${Engagements} ...${props} />`; break;
    case "engagement": screen = html`<${EngagementDetail} ...${props} id=${route.id} />`; break;
    case "collective": screen = html`<${CollectiveEngagements} ...${props} />`; break;
    case "statistics": screen = html`<${Statistics} ...${props} />`; break;
    case "complaints": screen = html`<${Complaints} ...${props} />`; break;
    case "complaint": screen = html`<${ComplaintDetail} ...${props} id=${route.id} />`; break;
    default: screen = html`<${Me} ...${props} />`;
  }
  return html`
    <${Nav} me=${me} current=${route.name} isCoordinator=${isCoordinator} isCoach=${isCoach} isReferent=${isReferent} signOut=${signOut} />
    ${screen}`;
}

function Nav({ me, current, isCoordinator, isCoach, isReferent, signOut }) {
  const { t } = useLanguage();
  const link = (hash, name, label, also = []) => html`
    <li><a href=${hash} aria-current=${current === name || also.includes(current) ? "page" : undefined}>${label}</a></li>`;
  return html`
    <nav class="console-nav" aria-label=${t("staff.nav")}>
      <ul>
        ${link("#me", "me", t("staff.nav.me"), ["profile", "charter"])}
        ${isCoordinator && link("#queue", "queue", t("staff.nav.queue"), ["intake"])}
        ${isCoordinator && link("#coaches", "coaches", t("staff.nav.coaches"))}
        ${isCoordinator && link("#collective", "collective", t("staff.nav.collective"))}
        ${isCoordinator && link("#statistics", "statistics", t("staff.nav.statistics"))}
        ${isCoach && link("#engagements", "engagements", t("staff.nav.engagements"), ["engagement"])}
        ${isReferent && link("#complaints", "complaints", t("staff.nav.complaints"), ["complaint"])}
      </ul>
      <p class="signed-in">${t("staff.signedInAs", { name: me.displayName })}</p>
      <button class="link-button" type="button" onClick=${signOut}>${t("staff.signOut")}</button>
    </nav>`;
}

export function start() {
  // A sign-in link opened in a tab already showing the console only changes the fragment: start again,
  // as if just opened. Listened for before the first render, so a link that arrives while the console
  // is still starting (before its effects run) is not missed.
  window.addEventListener("hashchange", () => {
    if (/^#token=/.test(window.location.hash)) window.location.reload();
  });
  const linkToken = takeLinkToken();
  render(html`<${App} initialLang=${Languages.initial()} linkToken=${linkToken} />`, document.getElementById("app"));
}
