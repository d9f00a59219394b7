using Microsoft.AspNetCore.Http;

namespace Solidaire.Functions.Http;

/// <summary>
/// The headers every answer of the API, and of standalone mode's admin and mailbox, carries: not to be
/// sniffed, stored, framed, or named in a Referer. A value an answer already set (the static pages'
/// caching, the mailbox's own CSP) is kept; a CSP that does not say who may frame the page gets
/// frame-ancestors 'none'.
/// </summary>
public static class EdgeHeaders
{
    /// <summary>JSON answers load nothing and go in no frame.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (string.IsNullOrEmpty(headers.CacheControl))
            headers.CacheControl = "no-store";
        if (string.IsNullOrEmpty(headers["Referrer-Policy"]))
            headers["Referrer-Policy"] = "no-referrer";
        var csp = headers.ContentSecurityPolicy.ToString();
        if (csp.Length == 0)
            headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
        else if (!csp.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase))
            headers.ContentSecurityPolicy = csp.TrimEnd(' ', ';') + "; frame-ancestors 'none'";
    }

    /// <summary>
    /// Applies them as the answer starts, whoever wrote it: an answer written after
    /// <c>Response.Clear()</c> (an unexpected error's problem) keeps them too.
    /// </summary>
    public static void ApplyWhenStarting(HttpResponse response) =>
        response.OnStarting(static state =>
        {
            Apply((HttpResponse)state);
            return Task.CompletedTask;
        }, response);
}
