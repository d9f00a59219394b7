using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Contracts;

/// <summary>Issuing and signing a contract through the API (issue 9; rules 5–7).</summary>
public sealed partial class ContractSigningTests(Xunit.Abstractions.ITestOutputHelper output) : AppTest
{
    private const string ClientEmail = "contract-client@example.org";

    /// <summary>A confirmed engagement: the coach (ready, confirmed, no conflict) and the engagement's id.</summary>
    private async Task<(StaffClient Coach, string EngagementId)> ActiveEngagementAsync(string language = "fr")
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var coach = await StaffWorld.ReadyCoachAsync(App, coordinator, "contract-coach@example.org");
        var coachId = (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString();
        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid(ClientEmail, language)));
        var intake = await StaffWorld.IntakeIdAsync(App, coordinator, reference);
        var engagement = (await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{intake}/assignment", new { coachId }, HttpStatusCode.Created)).GetProperty("engagementId").GetString()!;
        await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/confirmation", new { noConflictDeclared = true });
        return (coach, engagement);
    }

    private static readonly object Terms = new { sessionsPlanned = 3, format = "video", usualPricePerSessionEur = 90, message = "Au plaisir de vous accompagner." };

    /// <summary>Issues the contract and returns the token of the link the client was emailed.</summary>
    private async Task<(string Token, string Sha256)> IssueAsync(StaffClient coach, string engagement, object? terms = null)
    {
        var before = EmlMessage.ReadFolder(App.MailFolder).Count(m => m.To == ClientEmail && LinkToken().IsMatch(m.Text));
        var issued = await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/contract", terms ?? Terms, HttpStatusCode.Created);
        await Eventually.TrueAsync(() => Task.FromResult(EmlMessage.ReadFolder(App.MailFolder).Count(m => m.To == ClientEmail && LinkToken().IsMatch(m.Text)) > before), "the contract link is emailed");
        var email = EmlMessage.ReadFolder(App.MailFolder).Where(m => m.To == ClientEmail && LinkToken().IsMatch(m.Text)).OrderBy(m => File.GetLastWriteTimeUtc(Path.Combine(App.MailFolder, m.FileName))).Last();
        // Once the link has left, the contract says so (its "emailed" event), as a client would find it.
        await Eventually.TrueAsync(async () => (await coach.JsonAsync(HttpMethod.Get, "/api/staff/engagements")).GetProperty("items").EnumerateArray()
            .Any(e => e.GetProperty("contract") is { ValueKind: JsonValueKind.Object } c && c.GetProperty("status").GetString() == "emailed"), "the contract is recorded as emailed");
        return (LinkToken().Match(email.Text).Groups[1].Value, issued.GetProperty("sha256").GetString()!);
    }

    private Task<HttpResponseMessage> ReadAsync(string token) => StaffClient.SendAsync(App, HttpMethod.Get, "/api/client/contract", token);

    private Task<HttpResponseMessage> SignAsync(string token, object body) => StaffClient.SendAsync(App, HttpMethod.Post, "/api/client/contract/signature", token, body);

    private static object Signature(string sha, object? counterpart = null, string name = "Jeanne Dupont-Lefèvre", bool supervision = true) => new
    {
        counterpart = counterpart ?? new { kind = "financial", amountEur = 1 },
        understood = true,
        supervisionConsent = supervision,
        signatureName = name,
        sha256 = sha,
    };

    [Fact]
    public async Task Client_ReadsTheContract_ChoosesOneEuro_AndSigns_BothPartiesAreTold()
    {
        var (coach, engagement) = await ActiveEngagementAsync();
        var (token, sha) = await IssueAsync(coach, engagement);
        var issuedView = Assert.Single((await coach.JsonAsync(HttpMethod.Get, "/api/staff/engagements")).GetProperty("items").EnumerateArray()).GetProperty("contract");
        Assert.Equal("emailed", issuedView.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, issuedView.GetProperty("signed").ValueKind);
        Assert.Equal(3, issuedView.GetProperty("terms").GetProperty("sessionsPlanned").GetInt32()); // what was sent, to show it and to start a new version from it
        Assert.Equal(90m, issuedView.GetProperty("terms").GetProperty("usualPricePerSessionEur").GetDecimal());

        var read = JsonDocument.Parse(await (await ReadAsync(token)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(sha, read.GetProperty("sha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(read.GetProperty("text").GetString()!))), sha);
        Assert.Equal(270m, read.GetProperty("maxAmountEur").GetDecimal());
        Assert.Equal("opened", read.GetProperty("status").GetString());
        Assert.Equal("Claire Martin", read.GetProperty("coach").GetProperty("displayName").GetString());

        var signed = await SignAsync(token, Signature(sha));

        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var summary = JsonDocument.Parse(await signed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1m, summary.GetProperty("counterpart").GetProperty("amountEur").GetDecimal());
        var toClient = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == ClientEmail && m.Subject.Contains("signé", StringComparison.Ordinal));
        Assert.Contains("1,00", toClient.Text, StringComparison.Ordinal);
        Assert.Contains(sha, toClient.Text, StringComparison.Ordinal);
        var toCoach = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "contract-coach@example.org" && m.Subject.Contains("signé", StringComparison.Ordinal));
        Assert.Contains("supervision : oui", toCoach.Text, StringComparison.Ordinal);
        Assert.Equal("signed", JsonDocument.Parse(await (await ReadAsync(token)).Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        // The coach sees the contract signed, with the contribution and both answers (rule 7).
        var mine = await coach.JsonAsync(HttpMethod.Get, "/api/staff/engagements");
        var contract = Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("contract");
        Assert.Equal("signed", contract.GetProperty("status").GetString());
        Assert.Equal(1m, contract.GetProperty("signed").GetProperty("counterpart").GetProperty("amountEur").GetDecimal());
        Assert.True(contract.GetProperty("signed").GetProperty("supervisionConsent").GetBoolean());
    }

    [Fact]
    public async Task BothParties_GetTheSignedContractAsAPdf_WhoseLastPageHoldsTheEvidence()
    {
        var (coach, engagement) = await ActiveEngagementAsync();
        var (token, sha) = await IssueAsync(coach, engagement);
        await ReadAsync(token);

        Assert.Equal(HttpStatusCode.Created, (await SignAsync(token, Signature(sha, supervision: false))).StatusCode);

        foreach (var to in new[] { ClientEmail, "contract-coach@example.org" })
        {
            var email = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == to && m.Subject.Contains("signé", StringComparison.Ordinal));
            var pdf = Assert.Single(email.Attachments);
            Assert.Equal("application/pdf", pdf.ContentType);
            Assert.EndsWith(".pdf", pdf.FileName, StringComparison.Ordinal);
            using var tools = new PdfTools(pdf.Content);
            var (exit, qpdf) = tools.QpdfCheck();
            Assert.True(exit == 0, qpdf);
            var text = tools.Text();
            var pages = text.Count(c => c == '\f');
            output.WriteLine($"{to}: {pdf.FileName}, {pdf.Content.Length} bytes, {pages} pages; last page: {text.Split('\f')[pages - 1].Length} characters");
            Assert.Contains("Preuve de la signature", text.Split('\f')[pages - 1], StringComparison.Ordinal); // the evidence is the last page
            Assert.Contains("Contrat d", text, StringComparison.Ordinal);
            Assert.Contains(sha, text.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("Contrepartie choisie", text, StringComparison.Ordinal);
            Assert.Contains("1,00", text, StringComparison.Ordinal);
            Assert.Contains("Conditions comprises", text, StringComparison.Ordinal);
            Assert.Contains("supervision", text, StringComparison.Ordinal);
            Assert.Contains("Jeanne Dupont-Lefèvre", text, StringComparison.Ordinal);
            // The event chain in the reader's language, in the order things happened.
            var flat = string.Join(" ", text.Split((char[])['\n', '\f'], StringSplitOptions.RemoveEmptyEntries));
            Assert.Matches("émis [0-9TZ:-]+ · envoyé par email [0-9TZ:-]+ · ouvert [0-9TZ:-]+ · signé [0-9TZ:-]+", flat);
        }
    }

    [Fact]
    public async Task Client_ChoosesANonFinancialContribution_InEnglish()
    {
        var (coach, engagement) = await ActiveEngagementAsync("en");
        var (token, sha) = await IssueAsync(coach, engagement);

        var signed = await SignAsync(token, Signature(sha, new { kind = "non_financial", description = "I will proofread the collective's newsletter." }, supervision: false));

        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var toClient = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == ClientEmail && m.Subject.Contains("signed", StringComparison.Ordinal));
        Assert.Contains("non-financial: I will proofread", toClient.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("counterpart", toClient.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"kind":"financial","amountEur":0}""", "amount_below_minimum")]
    [InlineData("""{"kind":"financial","amountEur":-1}""", "amount_below_minimum")]
    [InlineData("""{"kind":"financial","amountEur":270.01}""", "amount_above_maximum")]
    [InlineData("""{"kind":"financial","amountEur":"dix"}""", "validation_failed")]
    [InlineData("""{"kind":"non_financial","description":""}""", "validation_failed")]
    public async Task ABadContribution_IsRefusedWithItsOwnCode_AndNothingIsStored(string counterpart, string code)
    {
        var (coach, engagement) = await ActiveEngagementAsync();
        var (token, sha) = await IssueAsync(coach, engagement);
        await ReadAsync(token);
        var before = await StorageContents.DumpAsync(App);

        var problem = await Problem.ReadAsync(await SignAsync(token, $$"""{"counterpart":{{counterpart}},"understood":true,"supervisionConsent":true,"signatureName":"Jeanne Dupont-Lefèvre","sha256":"{{sha}}"}"""));

        Assert.Equal(code, problem.Code);
        Assert.Equal(StripTimestamps(before), StripTimestamps(await StorageContents.DumpAsync(App)));
    }

    [Fact]
    public async Task AWrongHash_OrAnotherName_IsRefusedWithItsOwnCode()
    {
        var (coach, engagement) = await ActiveEngagementAsync();
        var (token, sha) = await IssueAsync(coach, engagement);

        Assert.Equal("contract_changed", (await Problem.ReadAsync(await SignAsync(token, Signature(new string('0', 64))))).Code);
        Assert.Equal("signature_name_mismatch", (await Problem.ReadAsync(await SignAsync(token, Signature(sha, name: "Marie Curie")))).Code);
        Assert.Equal(HttpStatusCode.Created, (await SignAsync(token, Signature(sha, name: "DUPONT-LEFEVRE jeanne"))).StatusCode);
    }

    [Fact]
    public async Task SigningTwice_IsAlreadySigned_AndTheContractCannotBeReissued()
    {
        var (coach, engagement) = await ActiveEngagementAsync();
        var (token, sha) = await IssueAsync(coach, engagement);
        Assert.Equal(HttpStatusCode.Created, (await SignAsync(token, Signature(sha))).StatusCode);

        Assert.Equal("already_signed", (await Problem.ReadAsync(await SignAsync(token, Signature(sha)))).Code);
        Assert.Equal("already_signed", (await Problem.ReadAsync(await coach.SendAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/contract", Terms))).Code);
    }

    [Fact]
    public async Task TwentyConcurrentSignatures_WithOneLink_GiveExactlyOne()
    {
        var (coach, engagement) = await ActiveEngagementAsync();
        var (token, sha) = await IssueAsync(coach, engagement);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SignAsync(token, Signature(sha))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            Assert.Contains((await Problem.ReadAsync(refused)).Code, new[] { "already_signed", "contract_conflict" });
        Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "contract-event|"), r => r.GetString("Kind") == "signed");
    }

    [Fact]
    public async Task AReissuedContract_MakesTheOldLinkExpire_AndHasANewHash()
    {
        var (coach, engagement) = await ActiveEngagementAsync();
        var (oldToken, oldSha) = await IssueAsync(coach, engagement);

        var (newToken, newSha) = await IssueAsync(coach, engagement, new { sessionsPlanned = 2, usualPricePerSessionEur = 80 });

        Assert.NotEqual(oldSha, newSha);
        Assert.Equal("link_expired", (await Problem.ReadAsync(await ReadAsync(oldToken))).Code);
        var problem = await Problem.ReadAsync(await SignAsync(oldToken, Signature(oldSha)));
        Assert.Equal(HttpStatusCode.Gone, problem.Status);
        Assert.Equal("link_expired", problem.Code);
        Assert.Equal(HttpStatusCode.Created, (await SignAsync(newToken, Signature(newSha))).StatusCode);
    }

    [Fact]
    public async Task AnExpiredLink_IsGone_ATamperedOneIsNotALink()
    {
        var (coach, engagement) = await ActiveEngagementAsync();
        var (token, sha) = await IssueAsync(coach, engagement);
        var tampered = token[..^3] + (token[^3] == 'a' ? "bcd" : "abc");

        Assert.Equal("invalid_token", (await Problem.ReadAsync(await SignAsync(tampered, Signature(sha)))).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReadAsync("not-a-token")).StatusCode);
        App.Time.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        Assert.Equal("link_expired", (await Problem.ReadAsync(await ReadAsync(token))).Code);
        Assert.Equal("link_expired", (await Problem.ReadAsync(await SignAsync(token, Signature(sha)))).Code);
    }

    [Fact]
    public async Task TheCoach_CannotSetTheContribution_NorIssueBeforeConfirming()
    {
        var (coach, engagement) = await ActiveEngagementAsync();

        var problem = await Problem.ReadAsync(await coach.SendAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/contract",
            new { sessionsPlanned = 3, usualPricePerSessionEur = 90, counterpart = new { kind = "financial", amountEur = 270 } }));

        Assert.Equal("validation_failed", problem.Code);
        Assert.Contains("counterpart", problem.Errors.Keys);
    }

    [Fact]
    public async Task Signing_CostsThreeStorageRoundTrips_OnTheRequestPath()
    {
        var (coach, engagement) = await ActiveEngagementAsync();
        var (token, sha) = await IssueAsync(coach, engagement);
        await ReadAsync(token);
        await Task.Delay(500); // the reading's own requests are over

        var before = App.StorageRequests;
        var signed = await SignAsync(token, Signature(sha));
        var cost = App.StorageRequests - before;

        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        Assert.InRange(cost, 3, 5); // the read, the emails' deadline, the transaction; sending them may have begun
    }

    [Fact]
    public async Task ContractEvidence_IsSealedAtRest_AndItsEventsFormAChain()
    {
        var (coach, engagement) = await ActiveEngagementAsync();
        var (token, sha) = await IssueAsync(coach, engagement);
        await ReadAsync(token);
        await SignAsync(token, Signature(sha, new { kind = "non_financial", description = "Relire la lettre d'information du collectif." }));

        var dump = await StorageContents.DumpAsync(App);
        foreach (var clear in new[] { "Relire la lettre", "Dupont-Lefèvre", "Au plaisir de vous accompagner", "Claire Martin" })
            Assert.DoesNotContain(clear, dump, StringComparison.Ordinal);
        var events = (await StorageContents.RowsAsync(App, Tables.Dossiers, "contract-event|")).OrderBy(r => r.RowKey).ToArray();
        Assert.Equal(["issued", "emailed", "opened", "signed"], events.Select(e => e.GetString("Kind")));
        for (var i = 1; i < events.Length; i++)
            Assert.Equal(events[i - 1].GetString("Hash"), events[i].GetString("PreviousHash"));
    }

    private static string StripTimestamps(string dump) => TimestampField().Replace(dump, "");

    [GeneratedRegex(@"contract\.html#token=([A-Za-z0-9_\-\.]+)")]
    private static partial Regex LinkToken();

    [GeneratedRegex(@"Timestamp=[^ \n]*")]
    private static partial Regex TimestampField();
}
