using System.Net;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Complaints;

/// <summary>The complaint route is anonymous: limited per IP like the intake, nothing a client sends makes it fail, and nothing personal reaches the logs.</summary>
public sealed class ComplaintAbuseTests
{
    [Fact]
    public async Task Complaints_OverTheHourlyLimit_Are429RateLimited_WithRetryAfter()
    {
        await using var app = await TestApp.StartAsync(s => s["RateLimiting:PerIpPerHour"] = "2");
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await app.Client.PostComplaintAsync(ComplaintBodies.Valid($"limite{i}@example.org"))).StatusCode);

        var response = await app.Client.PostComplaintAsync(ComplaintBodies.Valid("limite-derniere@example.org"));

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.TooManyRequests, problem.Status);
        Assert.Equal("rate_limited", problem.Code);
        Assert.True(response.Headers.Contains("Retry-After"));
    }

    [Theory]
    [InlineData("{\"description\":\"\\ud800 lone surrogate in a long enough description\"}", "validation_failed")]
    [InlineData("{\"\\udc00\":\"a field name that is not text\"}", "malformed_json")]
    [InlineData("{\"description\":{\"nested\":\"object\"},\"contactEmail\":[1,2],\"preferredLanguage\":true}", "validation_failed")]
    [InlineData("{\"__proto__\":{\"admin\":true}}", "validation_failed")]
    [InlineData("[\"not\",\"an\",\"object\"]", "malformed_json")]
    [InlineData("{\"description\":\"unterminated", "malformed_json")]
    [InlineData("{\"description\":\"x\",\"description\":\"duplicated field\"}", "malformed_json")]
    public async Task HostileBody_IsA4xxProblemWithItsCode_AndNothingIsStored(string body, string code)
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.PostAsync("/api/complaints", Json.Body(body));

        var problem = await Problem.ReadAsync(response);
        Assert.InRange((int)problem.Status, 400, 499);
        Assert.Equal(code, problem.Code);
        Assert.DoesNotContain(await StorageContents.AllAsync(app, Tables.Dossiers), r => r.PartitionKey == DossierId.Complaints.PartitionKey);
    }

    [Fact]
    public async Task HugeDescription_IsRefused_AndFilterLikeTextIsJustText()
    {
        await using var app = await TestApp.StartAsync();

        var huge = await app.Client.PostComplaintAsync(ComplaintBodies.Valid("long@example.org", description: new string('x', 4001)));
        var filter = await app.Client.PostComplaintAsync(ComplaintBodies.Valid("filtre@example.org", memberName: "' or PartitionKey ne '' or RowKey gt '"));

        Assert.Equal(["description"], (await Problem.ReadAsync(huge)).Errors.Keys);
        Assert.Equal(HttpStatusCode.Accepted, filter.StatusCode);
    }

    [Fact]
    public async Task ComplaintItsEmailsAndItsClosure_LeaveNoPersonalDataInTheLogs()
    {
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(services: logs.Register);
        var coordinator = await StaffClient.SignInAsync(app, StaffClient.Coordinator);
        var referent = await StaffWorld.ReferentAsync(app, coordinator, StaffWorld.ReferentEmail);
        var body = ComplaintBodies.Valid("Loggable.Plaignant@example.org", memberName: "Anatole Vermeersch",
            description: "Il m'a demandé mon code de carte bancaire pendant la séance du mardi.");

        var reference = await IntakeBodies.ReferenceOf(await app.Client.PostComplaintAsync(body));
        await EmlMessage.WaitForAsync(app.MailFolder, m => m.To == "Loggable.Plaignant@example.org");
        var id = await StaffWorld.ComplaintIdAsync(referent, reference);
        await referent.JsonAsync(HttpMethod.Post, $"/api/staff/complaints/{id}/closure", new { resolution = "Exclusion temporaire décidée par le collège." });

        Assert.NotEmpty(logs.Lines);
        foreach (var secret in new[] { "Anatole", "Vermeersch", "loggable.plaignant", "carte bancaire", "ABCD-2345-EFGH", "Exclusion temporaire" })
            Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }
}
