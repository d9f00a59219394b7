using System.Net;
using System.Text;
using Solidaire.Testing;

namespace Solidaire.Browser.Tests.Harness;

/// <summary>
/// web/ served as a separate static website would serve it (another origin than the API), with the API's
/// origin written into each page's &lt;meta name="solidaire-api-base"&gt;, as a deployment does (infra/hooks/publish-web.sh).
/// </summary>
public sealed class StaticSite : IAsyncDisposable
{
    private const string ApiBaseMeta = "<meta name=\"solidaire-api-base\" content=\"\">";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    };

    private readonly HttpListener _listener = new();
    private readonly string _root = Path.Combine(RepoPaths.Root, "web");
    private readonly string _apiBase;
    private readonly Task _serving;

    private StaticSite(int port, string apiBase)
    {
        Origin = $"http://127.0.0.1:{port}";
        _apiBase = apiBase;
        _listener.Prefixes.Add(Origin + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Origin { get; }

    /// <summary>Starts serving at once on a free port; the API's origin is given now, the API may start later.</summary>
    public static StaticSite Start(string apiBase) => new(FreePort.Next(), apiBase);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            await RespondAsync(context);
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/');
        if (relative.Length == 0)
            relative = "index.html";
        var path = Path.GetFullPath(Path.Combine(_root, relative));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
        {
            response.StatusCode = 404;
            return;
        }
        var bytes = await File.ReadAllBytesAsync(path);
        if (relative.EndsWith(".html", StringComparison.Ordinal))
        {
            var html = Encoding.UTF8.GetString(bytes);
            if (relative == "index.html" && !html.Contains(ApiBaseMeta, StringComparison.Ordinal))
                throw new InvalidOperationException("web/index.html has no empty solidaire-api-base meta to configure.");
            bytes = Encoding.UTF8.GetBytes(html.Replace(ApiBaseMeta, $"<meta name=\"solidaire-api-base\" content=\"{_apiBase}\">", StringComparison.Ordinal));
        }
        response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
