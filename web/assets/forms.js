// What the public forms (intake.js, complaint.js, and through link-page.js contract.js and feedback.js) share: where the API is, reading its answers, the message
// for a problem that is not about one field, and error messages tied to their controls for assistive technologies.
window.SolidaireForms = (function () {
  "use strict";

  /** The API's origin from <meta name="solidaire-api-base">; empty: this page's origin. */
  function apiBase() {
    var meta = document.querySelector('meta[name="solidaire-api-base"]');
    return ((meta && meta.content) || "").trim().replace(/\/+$/, "");
  }

  function parseJson(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  /**
   * How long to wait before trying again, in seconds: Retry-After when the page may read it (same origin, or
   * exposed by CORS), else the problem's retryAfter (the platform's CORS in Azure exposes no header), else 60.
   */
  function retryAfterSeconds(response, problem) {
    var header = parseInt(response.headers.get("Retry-After") || "", 10);
    if (header > 0) return header;
    var member = problem && problem.retryAfter;
    return typeof member === "number" && member > 0 ? Math.ceil(member) : 60;
  }

  /** The message key (and its values) for an answer that is neither a success nor about fields; problem: its parsed body. */
  function problemMessage(response, problem, tooLargeKey) {
    var code = problem && typeof problem.code === "string" ? problem.code : "";
    if (code === "rate_limited" || response.status === 429) {
      var minutes = Math.max(1, Math.ceil(retryAfterSeconds(response, problem) / 60));
      return { key: minutes === 1 ? "error.rateLimitedOne" : "error.rateLimitedMany", vars: { minutes: minutes } };
    }
    if (code === "storage_unavailable" || response.status === 503) return { key: "error.unavailable" };
    if (code === "payload_too_large" || response.status === 413) return { key: tooLargeKey || "error.tooLarge" };
    // malformed_json, unsupported_media_type, internal_error and anything unforeseen.
    return { key: "error.technical" };
  }

  /** aria-invalid and aria-describedby follow the error: a hidden, empty message is not referenced. */
  function describe(control, errorId, invalid) {
    var ids = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
      return id && id !== errorId;
    });
    if (invalid) {
      ids.unshift(errorId);
      control.setAttribute("aria-invalid", "true");
    } else {
      control.removeAttribute("aria-invalid");
    }
    if (ids.length > 0) control.setAttribute("aria-describedby", ids.join(" "));
    else control.removeAttribute("aria-describedby");
  }

  return { apiBase: apiBase, parseJson: parseJson, problemMessage: problemMessage, describe: describe };
})();
