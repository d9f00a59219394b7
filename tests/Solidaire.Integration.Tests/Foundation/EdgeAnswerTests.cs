using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Solidaire.Functions.Standalone;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>What a client gets at the edge whatever it sends: HTTP the server cannot read, too many fields, any address.</summary>
public sealed class EdgeAnswerTests : AppTest
{
    [Fact]
    public async Task MalformedChunkedBody_Is400MalformedRequest_AndNoErrorLog()
    {
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(services: logs.Register);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port);
        var stream = tcp.GetStream();
        var request = $"POST /api/intakes HTTP/1.1\r\nHost: {app.BaseAddress.Authority}\r\nContent-Type: application/json\r\n" +
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        var answer = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"malformed_request\"", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith(nameof(LogLevel.Error), StringComparison.Ordinal) || l.StartsWith(nameof(LogLevel.Critical), StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string?> Answers() => new()
    {
        { "GET", "/api/health", null },
        { "GET", "/api/nothing-here", null },
        { "DELETE", "/api/intakes", null },
        { "POST", "/api/intakes", "{}" },
        { "GET", "/admin/functions", null },
        { "POST", "/admin/functions/Nothing", "{}" },
        { "GET", "/dev/mail/", null },
        { "GET", "/dev/mail/0123456789abcdef", null },
        { "GET", "/no-such-page", null },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task EveryApiAdminAndMailboxAnswer_IsNotSniffedStoredFramedOrReferred(string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : Json.Body(body) };

        var response = await App.Client.SendAsync(request);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWebFoldersReadme_IsNotServed()
    {
        Assert.True(File.Exists(Path.Combine(Solidaire.Testing.RepoPaths.Root, "web", "README.md")));

        var problem = await Problem.ReadAsync(await App.Client.GetAsync("/README.md"));

        Assert.Equal("not_found", problem.Code);
    }

    [Fact]
    public async Task WebRoot_ServesOnlyThePagesKindsOfFile_AndNoDotfiles()
    {
        var root = Directory.CreateTempSubdirectory("solidaire-web-").FullName;
        foreach (var file in new[] { "index.html", "site.css", "notes.md", "data.json", ".env", ".git/config", ".well-known/a.txt" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, file))!);
            await File.WriteAllTextAsync(Path.Combine(root, file), "x");
        }
        File.Copy(Path.Combine(Solidaire.Testing.RepoPaths.Root, "web", SiteFiles.ConfigFileName), Path.Combine(root, SiteFiles.ConfigFileName));
        await using var app = await TestApp.StartAsync(s => s["Standalone:WebRoot"] = root);

        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/site.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/")).StatusCode);
        foreach (var path in new[] { "/notes.md", "/data.json", "/" + SiteFiles.ConfigFileName, "/.env", "/.git/config", "/.well-known/a.txt" })
            Assert.True((await app.Client.GetAsync(path)).StatusCode == HttpStatusCode.NotFound, path);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task ThousandsOfUnknownFields_GetAShortProblem_ListingTwentyAndCountingTheRest()
    {
        var body = IntakeBodies.Valid("many-fields@example.org");
        for (var i = 0; i < 2000; i++)
            body[$"x{i:D4}"] = 1;

        var response = await App.Client.PostAsync(body);
        var text = await response.Content.ReadAsStringAsync();

        var problem = await Problem.ReadAsync(response);
        Assert.Equal("validation_failed", problem.Code);
        Assert.Equal(20, problem.Errors.Count);
        Assert.Equal(2000 - 20, problem.Body.GetProperty("moreErrors").GetInt32());
        Assert.True(text.Length < 4096, $"{text.Length} characters");
    }
}
