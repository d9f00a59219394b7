using System.Net;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Complaints;

/// <summary>The public complaint route (rule 12, §1, §4.8): what is accepted, who hears of it, what is refused.</summary>
public sealed class ComplaintSubmissionTests : AppTest
{
    private const string ClaireEmail = "claire@example.org";

    protected override void Configure(IDictionary<string, string?> settings) =>
        // Claire is both a configured referent and a coach: the complaint about her must still not reach her.
        settings["Complaints:Referents"] = StaffWorld.ReferentEmail + "," + ClaireEmail;

    [Fact]
    public async Task Complaint_ReachesTheReferentsPickupEmail_AndNotTheNamedCoachsEvenWhenSheIsAReferent()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var claire = await StaffWorld.ReadyCoachAsync(App, coordinator, ClaireEmail); // display name "Claire Martin"
        await coordinator.JsonAsync(HttpMethod.Post, "/api/staff/referents", new { email = ClaireEmail, displayName = "Claire Martin" }, HttpStatusCode.Created);
        var referent = await StaffWorld.ReferentAsync(App, coordinator, StaffWorld.ReferentEmail);

        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostComplaintAsync(ComplaintBodies.Valid("plaignant@example.org", memberName: "  claire MARTÍN ")));

        var notice = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == StaffWorld.ReferentEmail && m.Subject.Contains(reference));
        Assert.Contains("/staff/#complaint=", notice.Text);
        Assert.DoesNotContain("insistance", notice.Text);
        Assert.DoesNotContain("Claire", notice.Text);
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "plaignant@example.org");
        Assert.DoesNotContain(EmlMessage.ReadFolder(App.MailFolder), m => m.To == ClaireEmail && m.Subject.Contains(reference));
        // Nor can she read it in the console: to her it does not exist.
        var id = await StaffWorld.ComplaintIdAsync(referent, reference);
        var herList = await claire.JsonAsync(HttpMethod.Get, "/api/staff/complaints");
        Assert.Empty(herList.GetProperty("items").EnumerateArray());
        var detail = await claire.SendAsync(HttpMethod.Get, $"/api/staff/complaints/{id}");
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.Equal("complaint_not_found", (await Problem.ReadAsync(detail)).Code);
        var closure = await claire.SendAsync(HttpMethod.Post, $"/api/staff/complaints/{id}/closure", new { resolution = "Rien à signaler." });
        Assert.Equal("complaint_not_found", (await Problem.ReadAsync(closure)).Code);
    }

    [Theory]
    [InlineData("fr", "Nous avons bien reçu votre réclamation")]
    [InlineData("en", "We have received your complaint")]
    public async Task ValidComplaint_Is202WithReference_AndTheComplainantIsAcknowledgedInTheirLanguage(string language, string subject)
    {
        var email = $"plaignant-{language}@example.org";

        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostComplaintAsync(ComplaintBodies.Valid(email, language)));

        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", reference);
        var ack = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == email);
        Assert.Equal(language, ack.Language);
        Assert.Contains(subject, ack.Subject);
        Assert.Contains(reference, ack.Text);
        // Anyone can give any address: nothing of what was written is echoed to it.
        Assert.DoesNotContain("insistance", ack.Text);
        Assert.DoesNotContain("insistance", ack.Html);
    }

    [Fact]
    public async Task StoredComplaint_KeepsItsWordsAndContactSealed()
    {
        await IntakeBodies.ReferenceOf(await App.Client.PostComplaintAsync(ComplaintBodies.Valid("scelle@example.org", memberName: "Bruno Leroy")));

        var dump = await StorageContents.DumpAsync(App);
        Assert.Contains("complaints complaint|", dump);
        foreach (var personal in new[] { "insistance", "scelle@example.org", "Bruno", "ABCD-2345-EFGH" })
            Assert.DoesNotContain(personal, dump);
    }

    [Theory]
    [InlineData("description", "\"Trop court\"")]
    [InlineData("description", "null")]
    [InlineData("contactEmail", "\"pas-une-adresse\"")]
    [InlineData("contactEmail", "null")]
    [InlineData("preferredLanguage", "\"de\"")]
    [InlineData("engagementReference", "\"12345\"")]
    [InlineData("memberName", "\"Claire\\u202EMartin\"")]
    [InlineData("memberName", "42")]
    public async Task InvalidField_Is400WithItsError_AndNothingIsStoredOrSent(string field, string json)
    {
        var body = ComplaintBodies.Valid("refuse@example.org");
        body[field] = System.Text.Json.Nodes.JsonNode.Parse(json);

        var response = await App.Client.PostComplaintAsync(body);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("validation_failed", problem.Code);
        Assert.Equal([field], problem.Errors.Keys);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task UnknownField_Is400_AndNothingIsStoredOrSent()
    {
        var body = ComplaintBodies.Valid("inconnu@example.org");
        body["coachEmail"] = "claire@example.org";

        var response = await App.Client.PostComplaintAsync(body);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("validation_failed", problem.Code);
        Assert.Contains("coachEmail", problem.Errors.Keys);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Complaint_CostsTwoStorageRequestsOnTheRequestPath()
    {
        var before = App.StorageRequests;
        var response = await App.Client.PostComplaintAsync(ComplaintBodies.Valid("compte@example.org"));
        var requestPath = App.StorageRequests - before;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // The emails' deadline, then one transaction: complaint, data key, emails. (Sending may already have begun.)
        Assert.InRange(requestPath, 2, 4);
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "compte@example.org");
    }

    private async Task AssertNothingStoredAsync()
    {
        var rows = await StorageContents.AllAsync(App, Tables.Dossiers);
        Assert.DoesNotContain(rows, r => r.PartitionKey == DossierId.Complaints.PartitionKey);
        Assert.Empty(EmlMessage.ReadFolder(App.MailFolder));
    }
}
