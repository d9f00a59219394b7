// The staff API as the console uses it: the access token (sessionStorage only: gone with the tab,
// never a cookie, never localStorage), "Authorization: Bearer" on every call, RFC 9457 problems
// turned into ApiError with their stable code. A 401 forgets the token and tells the console.

const ACCESS_KEY = "solidaire.staff.access";
// A deep link (#intake=…, #engagement=…) opened before signing in: kept across the emailed link,
// which usually opens in another tab. Not a secret (an opaque id), and forgotten once used or stale.
const NEXT_KEY = "solidaire.staff.next";
const NEXT_MINUTES = 30;

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super((problem && problem.code) || "http_" + status);
    this.status = status;
    this.code = (problem && problem.code) || (status === 0 ? "network" : "http_" + status);
    this.errors = (problem && problem.errors) || {};
    this.missing = (problem && problem.missing) || [];
    this.alternatives = (problem && problem.alternatives) || []; // the ways on offered with a limit (§3.23)
    this.retryAfter = retryAfter;
  }
}

let onUnauthorized = () => {};

/** What to do when the API refuses the access token (expired, signed out elsewhere, deactivated). */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export const session = {
  /** The stored grant {accessToken, expiresAt, roles}, or null (none, unreadable or expired). */
  get() {
    try {
      const grant = JSON.parse(window.sessionStorage.getItem(ACCESS_KEY) || "null");
      if (grant && grant.accessToken && Date.parse(grant.expiresAt) > Date.now()) return grant;
    } catch (e) { /* storage disabled or garbled: signed out */ }
    session.forget();
    return null;
  },
  save(grant) {
    window.sessionStorage.setItem(ACCESS_KEY, JSON.stringify(grant));
  },
  forget() {
    try { window.sessionStorage.removeItem(ACCESS_KEY); } catch (e) { /* nothing to forget */ }
  },
};

export const pendingLink = {
  keep(hash) {
    try { window.localStorage.setItem(NEXT_KEY, JSON.stringify({ hash, until: Date.now() + NEXT_MINUTES * 60000 })); } catch (e) { /* not kept */ }
  },
  /** The kept deep link, once: it is forgotten as it is read. */
  take() {
    try {
      const kept = JSON.parse(window.localStorage.getItem(NEXT_KEY) || "null");
      window.localStorage.removeItem(NEXT_KEY);
      return kept && kept.until > Date.now() ? kept.hash : null;
    } catch (e) {
      return null;
    }
  },
};

function apiBase() {
  const meta = document.querySelector('meta[name="solidaire-api-base"]');
  return ((meta && meta.content) || "").trim().replace(/\/+$/, "");
}

/** Sends one request with the access token (unless anonymous); resolves with the answer, rejects with ApiError. */
async function send(method, path, body, { anonymous = false, accept = "application/json, application/problem+json" } = {}) {
  const headers = { Accept: accept };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const grant = anonymous ? null : session.get();
  if (!anonymous) {
    if (!grant) {
      onUnauthorized();
      throw new ApiError(401, { code: "invalid_token" });
    }
    headers.Authorization = "Bearer " + grant.accessToken;
  }
  let response;
  try {
    response = await fetch(apiBase() + "/api/" + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
  } catch (e) {
    throw new ApiError(0, null);
  }
  if (response.ok) return response;
  const json = await bodyOf(response);
  if (response.status === 401 && !anonymous) {
    session.forget();
    onUnauthorized();
  }
  throw new ApiError(response.status, json, retryAfterSeconds(response, json));
}

/** An answer's JSON body; null when there is none or it is not JSON (a proxy's page). */
async function bodyOf(response) {
  const text = await response.text();
  try { return text ? JSON.parse(text) : null; } catch (e) { return null; }
}

/**
 * Seconds to wait before trying again: Retry-After when the console may read it (same origin, or exposed by
 * CORS), else the problem's retryAfter (the platform's CORS in Azure exposes no header), else 0 (unknown).
 */
function retryAfterSeconds(response, problem) {
  const header = Number(response.headers.get("Retry-After"));
  if (header > 0) return header;
  const member = problem && problem.retryAfter;
  return typeof member === "number" && member > 0 ? Math.ceil(member) : 0;
}

/**
 * Calls the API; resolves with the JSON body (null when there is none), rejects with ApiError.
 * anonymous: no token is sent and a 401 is the caller's to explain (the sign-in link's exchange).
 */
export async function call(method, path, body, options = {}) {
  return bodyOf(await send(method, path, body, options));
}

/**
 * A file the API gives behind the access token (a link cannot carry it): fetched, then offered to the
 * person as a download of its own name, from memory (a blob: address, gone once the browser has it).
 */
export async function download(path, fallbackName, accept = "*/*") {
  const response = await send("GET", path, undefined, { accept });
  const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name ? name[1] : fallbackName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60000);
}
