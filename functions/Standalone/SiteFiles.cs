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

    public static void Serve(WebApplication app)
    {
        var configured = app.Configuration["Standalone:WebRoot"];
        var webRoot = configured is { Length: > 0 } ? Path.GetFullPath(configured) : FindWebRoot();
        if (webRoot is null || !Directory.Exists(webRoot))
            return;
        var files = new SiteFiles(new PhysicalFileProvider(webRoot));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = ctx =>
            {
                var headers = ctx.Context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // The pages load nothing but their own files and talk only to this origin's API.
                headers.ContentSecurityPolicy = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
                headers.CacheControl = "no-cache";
            },
        });
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
