using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Solidaire.Integration.Tests.Harness;

/// <summary>One call SendGrid received: the message id from custom_args, the recipient, and what it answered.</summary>
public sealed record SendGridCall(string MessageId, string To, int Status, DateTimeOffset AnsweredAt);

/// <summary>
/// A local server speaking SendGrid's v3 mail send, answering each message from a script
/// (e.g. 429, then 500, then 202), so that retries can be tested against the real client.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    private FakeSendGrid(WebApplication app) => _app = app;

    public ConcurrentQueue<SendGridCall> Calls { get; } = new();

    /// <summary>Requests that were not a well-formed mail send: a test should find none.</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    /// <summary>Answers for the n-th call about one message (0-based); the status, and headers.</summary>
    public Func<int, string, (int Status, IDictionary<string, string> Headers)> Script { get; set; } = (_, _) => (202, new Dictionary<string, string>());

    /// <summary>How long to wait before answering the n-th call about a message (to provoke timeouts).</summary>
    public Func<int, TimeSpan> Delay { get; set; } = _ => TimeSpan.Zero;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSendGrid(app);
        app.MapPost("/v3/mail/send", fake.HandleAsync);
        app.MapFallback((HttpContext http) => { fake.Unexpected.Enqueue($"{http.Request.Method} {http.Request.Path} {http.Request.Headers.Authorization}"); return Results.NotFound(); });
        await app.StartAsync();
        fake.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    private async Task HandleAsync(HttpContext http)
    {
        if (http.Request.Headers.Authorization != "Bearer SG.test-key")
        {
            Unexpected.Enqueue("bad authorization: " + http.Request.Headers.Authorization);
            http.Response.StatusCode = 401;
            return;
        }
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var root = body.RootElement;
        var personalization = root.GetProperty("personalizations")[0];
        var id = personalization.GetProperty("custom_args").GetProperty("solidaire_message_id").GetString()!;
        var to = personalization.GetProperty("to")[0].GetProperty("email").GetString()!;
        var n = _attempts.AddOrUpdate(id, 0, (_, v) => v + 1);
        var delay = Delay(n);
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Calls.Enqueue(new SendGridCall(id, to, 0, DateTimeOffset.UtcNow)); // the client gave up first
                return;
            }
        }
        var (status, headers) = Script(n, to);
        foreach (var (k, v) in headers)
            http.Response.Headers[k] = v;
        http.Response.StatusCode = status;
        await http.Response.CompleteAsync();
        Calls.Enqueue(new SendGridCall(id, to, status, DateTimeOffset.UtcNow));
    }

    /// <summary>Points an app's settings at this server, with the key it accepts.</summary>
    public void UseIn(IDictionary<string, string?> settings)
    {
        settings["Email:SendGridApiKey"] = "SG.test-key";
        settings["Email:SendGridHost"] = BaseAddress.ToString();
    }

    public IReadOnlyList<SendGridCall> CallsTo(string to) => Calls.Where(c => c.To == to).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
