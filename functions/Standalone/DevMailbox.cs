using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Email;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Standalone;

/// <summary>
/// Standalone mode only, loopback only: /dev/mail lists the emails of the local pickup folder, newest
/// first, and shows each one with working links, so that a person trying Solidaire on their machine
/// can follow every emailed link. Not part of the API, and never served by the Functions host.
/// </summary>
internal static class DevMailbox
{
    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/dev/mail").LoopbackOnly();
        group.MapGet("/", (HttpContext http) => Page(http, "Boîte mail locale · Local mailbox", List(Folder(http))));
        group.MapGet("/frame.js", () => Results.Text(FitFrameScript, "text/javascript; charset=utf-8"));
        group.MapGet("/{id}", (string id, HttpContext http) =>
        {
            var path = Path.Combine(Folder(http) ?? "", id + ".eml");
            if (Folder(http) is null || !IsMessageId(id) || !File.Exists(path))
                return Problems.NotFound().WriteAsync(http);
            return Page(http, "Message", Show(EmlFile.Read(File.ReadAllText(path))));
        });
    }

    private static string? Folder(HttpContext http) => http.RequestServices.GetRequiredService<IEmailSender>() switch
    {
        PickupFolderSender p => p.Folder,
        ObservedEmailSender { Inner: PickupFolderSender p } => p.Folder,
        _ => null,
    };

    private static bool IsMessageId(string id) => id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit);

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    private static string List(string? folder)
    {
        if (folder is null)
            return "<p lang=\"fr\">Les emails partent par SendGrid : il n'y a pas de boîte locale.</p><p lang=\"en\">Emails go through SendGrid: there is no local mailbox.</p>";
        var messages = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml")
                .Select(f => (Id: Path.GetFileNameWithoutExtension(f), Mail: EmlFile.Read(File.ReadAllText(f)), Written: File.GetLastWriteTimeUtc(f)))
                .OrderByDescending(m => m.Mail.Date ?? m.Written)
                .ThenByDescending(m => m.Written)
                .ToArray()
            : [];
        if (messages.Length == 0)
            return "<p><span lang=\"fr\">Aucun message pour l'instant.</span> / <span lang=\"en\">No messages yet.</span></p>";
        var b = new StringBuilder("<table><caption><span lang=\"fr\">Messages, les plus récents d'abord</span> / <span lang=\"en\">Messages, newest first</span></caption>");
        b.Append("<thead><tr><th scope=\"col\">Date</th><th scope=\"col\"><span lang=\"fr\">À</span> / <span lang=\"en\">To</span></th><th scope=\"col\"><span lang=\"fr\">Objet</span> / <span lang=\"en\">Subject</span></th><th scope=\"col\"><span lang=\"fr\">Langue</span> / <span lang=\"en\">Language</span></th></tr></thead><tbody>");
        foreach (var (id, mail, written) in messages)
        {
            b.Append("<tr><td>").Append(E((mail.Date ?? written).ToString("u", System.Globalization.CultureInfo.InvariantCulture)))
                .Append("</td><td>").Append(E(mail.To))
                .Append("</td><td><a href=\"/dev/mail/").Append(E(id)).Append("\">").Append(E(mail.Subject)).Append("</a>")
                .Append("</td><td>").Append(E(mail.Language)).Append("</td></tr>");
        }
        return b.Append("</tbody></table>").ToString();
    }

    /// <summary>
    /// Sizes each email frame to its content, so a long email reads in full with the page's own scroll.
    /// The frame is same-origin only so that its height can be read; it still runs no script (no allow-scripts).
    /// </summary>
    private const string FitFrameScript = """
        "use strict";
        document.querySelectorAll("iframe[data-fit]").forEach(function (frame) {
          function fit() {
            var doc = frame.contentDocument;
            if (!doc || !doc.documentElement) return;
            frame.style.height = "0"; // measured at no height, so a frame can shrink too (a wider window)
            frame.style.height = doc.documentElement.scrollHeight + "px";
          }
          frame.addEventListener("load", fit);
          window.addEventListener("resize", fit);
          fit();
        });
        """;

    private static string Show(EmlFile mail)
    {
        // The email's own HTML, in a sandbox that runs no script; its links open in the top window so they can be followed.
        var html = mail.Html.Replace("<head>", "<head><base target=\"_top\">", StringComparison.Ordinal);
        return new StringBuilder()
            .Append("<p><a href=\"/dev/mail/\">← <span lang=\"fr\">Tous les messages</span> / <span lang=\"en\">All messages</span></a></p>")
            .Append("<dl><dt lang=\"fr\">Objet / Subject</dt><dd>").Append(E(mail.Subject)).Append("</dd>")
            .Append("<dt>À / To</dt><dd>").Append(E(mail.To)).Append("</dd>")
            .Append("<dt>Date</dt><dd>").Append(E(mail.Headers.GetValueOrDefault("Date"))).Append("</dd>")
            .Append("<dt>Langue / Language</dt><dd>").Append(E(mail.Language)).Append("</dd></dl>")
            .Append("<h2>HTML</h2><iframe title=\"").Append(E(mail.Subject)).Append("\" data-fit sandbox=\"allow-same-origin allow-popups allow-top-navigation-by-user-activation\" srcdoc=\"")
            .Append(E(html)).Append("\"></iframe><script src=\"/dev/mail/frame.js\" defer></script>")
            .Append("<h2><span lang=\"fr\">Texte</span> / <span lang=\"en\">Text</span></h2><pre>").Append(E(mail.Text)).Append("</pre>")
            .ToString();
    }

    private static Task Page(HttpContext http, string title, string body)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; frame-src 'self'; base-uri 'none'";
        return http.Response.WriteAsync($$"""
            <!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(title)}} · Solidaire</title>
            <style>body{font-family:system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc}iframe{width:100%;height:32rem;border:1px solid #999;display:block}pre{white-space:pre-wrap}a{color:#0645ad}</style>
            </head><body><main><h1>{{E(title)}}</h1>{{body}}</main></body></html>
            """);
    }
}
