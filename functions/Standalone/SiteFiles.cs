using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Solidaire.Functions.Standalone;

/// <summary>
/// web/ at /: the site's own files only. web/ also holds what is not for visitors (its README, maybe
/// an editor's dotfile), so only the kinds of file a page is made of are served, and nothing whose
/// path has a segment starting with a dot.
/// </summary>
internal sealed class SiteFiles(IFileProvider files) : IFileProvider
{
    /// <summary>The extensions served; anything else is a 404, as if it were not there.</summary>
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".html", ".css", ".js", ".svg", ".ico", ".png", ".webmanifest", ".txt",
    };

    /// <summary>
    /// The pages' configuration for Azure Static Web Apps, in web/. Its <c>globalHeaders</c> are the headers of every
    /// page in Azure and here alike: one source. Not served here (.json is not a page's kind of file).
    /// </summary>
    public const string ConfigFileName = "staticwebapp.config.json";

    /// <summary>
    /// Stands in the configuration's headers for the API's origin (the CSP's connect-src). The deployment writes the
    /// functions app's origin in its place (infra/hooks/stage-web.sh); here the API is this very origin.
    /// </summary>
    public const string ApiOriginToken = "__SOLIDAIRE_API_ORIGIN__";

    /// <summary>What <see cref="ApiOriginToken"/> stands for in standalone mode: the pages' own origin.</summary>
    public const string StandaloneApiOrigin = "'self'";

    public static void Serve(WebApplication app)
    {
        var configured = app.Configuration["Standalone:WebRoot"];
        var webRoot = configured is { Length: > 0 } ? Path.GetFullPath(configured) : FindWebRoot();
        if (webRoot is null || !Directory.Exists(webRoot))
            return;
        var pageHeaders = PageHeaders(webRoot);
        var files = new SiteFiles(new PhysicalFileProvider(webRoot));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = ctx =>
            {
                var headers = ctx.Context.Response.Headers;
                foreach (var (name, value) in pageHeaders)
                    headers[name] = value;
            },
        });
    }

    /// <summary>
    /// The <c>globalHeaders</c> of the web root's <see cref="ConfigFileName"/>, the API's origin being this one. A web
    /// root without it does not start: its pages would have no CSP, or one that is not Azure's.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> PageHeaders(string webRoot)
    {
        var path = Path.Combine(webRoot, ConfigFileName);
        if (!File.Exists(path))
            throw new InvalidOperationException($"The web root {webRoot} has no {ConfigFileName}: its globalHeaders are the pages' headers.");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        if (!config.RootElement.TryGetProperty("globalHeaders", out var global) || global.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"{path} has no globalHeaders object.");
        return global.EnumerateObject()
            .Select(h => KeyValuePair.Create(h.Name, (h.Value.GetString() ?? "").Replace(ApiOriginToken, StandaloneApiOrigin, StringComparison.Ordinal)))
            .ToList();
    }

    public static bool IsServed(string subpath) => Extensions.Contains(Path.GetExtension(subpath)) && !HasDotSegment(subpath);

    private static bool HasDotSegment(string subpath) => subpath.Split('/', '\\').Any(segment => segment.StartsWith('.'));

    public IFileInfo GetFileInfo(string subpath) =>
        IsServed(subpath) ? files.GetFileInfo(subpath) : new NotFoundFileInfo(subpath);

    // Directory listings are not served (no UseDirectoryBrowser); default files look up index.html through GetFileInfo.
    public IDirectoryContents GetDirectoryContents(string subpath) =>
        HasDotSegment(subpath) ? NotFoundDirectoryContents.Singleton : files.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => files.Watch(filter);

    /// <summary>web/ beside the repository's host.json, looked for upwards from where the app runs.</summary>
    private static string? FindWebRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "web");
                if (File.Exists(Path.Combine(candidate, "index.html")) && File.Exists(Path.Combine(dir.FullName, "host.json")))
                    return candidate;
            }
        }
        return null;
    }
}
