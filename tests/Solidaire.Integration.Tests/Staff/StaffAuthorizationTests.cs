using System.Net;
using Solidaire.Functions.Http;
using Solidaire.Functions.Metadata;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Staff;

/// <summary>
/// Deny by default (issue 8, DESIGN.md rule 11): every staff route, called by each kind of caller,
/// gets the answer in this table. A route added without a row here fails <see cref="EveryStaffRoute_IsInTheTable"/>.
/// </summary>
public sealed class StaffAuthorizationTests : AppTest
{
    public enum Caller { Anonymous, OtherCoach, AssignedCoach, Coordinator, Referent }

    private static readonly (string Method, string Path, string? Body, int Anonymous, int OtherCoach, int AssignedCoach, int Coordinator, int Referent)[] Table =
    [
        ("GET", "/api/staff/me", null, 401, 200, 200, 200, 200),
        ("GET", "/api/staff/charter", null, 401, 200, 200, 200, 200),
        ("PUT", "/api/staff/me/profile", """{"displayName":"Anne","languages":["fr"],"certification":"in_training","supervisor":"Groupe"}""", 401, 200, 200, 403, 403),
        ("POST", "/api/staff/me/charter-signature", """{"charterSha256":"{charter}"}""", 401, 200, 200, 403, 403),
        ("GET", "/api/staff/coaches", null, 401, 403, 403, 200, 403),
        ("POST", "/api/staff/coaches", """{"email":"new-coach@example.org","displayName":"Nouveau"}""", 401, 403, 403, 201, 403),
        ("POST", "/api/staff/coaches/{victim}/deactivation", null, 401, 403, 403, 200, 403),
        ("GET", "/api/staff/intakes", null, 401, 403, 403, 200, 403),
        ("GET", "/api/staff/intakes/{assignedIntake}", null, 401, 403, 200, 200, 403),
        ("POST", "/api/staff/intakes/{intake}/assignment", """{"coachId":"{assignedCoach}"}""", 401, 403, 403, 201, 403),
        ("POST", "/api/staff/intakes/{intake}/decline", """{"reason":"Hors du champ du collectif"}""", 401, 403, 403, 200, 403),
        ("GET", "/api/staff/engagements", null, 401, 200, 200, 403, 403),
        ("POST", "/api/staff/engagements/{engagement}/confirmation", """{"noConflictDeclared":true}""", 401, 403, 200, 403, 403),
        ("POST", "/api/staff/engagements/{engagement}/refusal", """{"reason":"Je connais cette personne"}""", 401, 403, 200, 403, 403),
        ("POST", "/api/staff/engagements/{activeEngagement}/contract", """{"sessionsPlanned":2,"usualPricePerSessionEur":80}""", 401, 403, 201, 403, 403),
        ("GET", "/api/staff/engagements/{activeEngagement}", null, 401, 403, 200, 403, 403),
        ("GET", "/api/staff/collective/engagements", null, 401, 403, 403, 200, 403),
        // Sessions wait for the client's signature: the assigned coach is told so (409), nobody else learns anything.
        ("POST", "/api/staff/engagements/{activeEngagement}/sessions", """{"date":"2030-01-02T10:00+01:00","durationMinutes":60,"medium":"video"}""", 401, 403, 409, 403, 403),
        ("PUT", "/api/staff/engagements/{activeEngagement}/sessions/{session}", """{"date":"2030-01-02T10:00+01:00","durationMinutes":60,"medium":"video"}""", 401, 403, 409, 403, 403),
        ("DELETE", "/api/staff/engagements/{activeEngagement}/sessions/{session}", null, 401, 403, 409, 403, 403),
        ("POST", "/api/staff/engagements/{activeEngagement}/closure", """{"outcome":"ended_by_client"}""", 401, 403, 200, 403, 403),
        ("GET", "/api/staff/feedback", null, 401, 200, 200, 200, 200),
        // Anonymous statistics (rule 10): coordinators only.
        ("GET", "/api/staff/statistics", null, 401, 403, 403, 200, 403),
        ("GET", "/api/staff/statistics.csv", null, 401, 403, 403, 200, 403),
        // Complaints (rule 12): only a coordinator names a referent; only referents read and close complaints.
        ("POST", "/api/staff/referents", """{"email":"new-referent@example.org","displayName":"Nouvelle"}""", 401, 403, 403, 201, 403),
        ("GET", "/api/staff/complaints", null, 401, 403, 403, 403, 200),
        ("GET", "/api/staff/complaints/{complaint}", null, 401, 403, 403, 403, 200),
        ("POST", "/api/staff/complaints/{complaint}/closure", """{"resolution":"Entretien avec le membre, rappel de la charte."}""", 401, 403, 403, 403, 200),
        // The client's routes answer to the emailed link only: no staff token opens them.
        ("GET", "/api/client/contract", null, 401, 401, 401, 401, 401),
        ("POST", "/api/client/contract/signature", """{"counterpart":{"kind":"financial","amountEur":1},"understood":true,"supervisionConsent":true,"signatureName":"Jeanne Dupont-Lefèvre","sha256":"{charterless}"}""", 401, 401, 401, 401, 401),
        ("GET", "/api/client/feedback", null, 401, 401, 401, 401, 401),
        ("POST", "/api/client/feedback", """{"listened":5,"steppedBack":5,"wouldRecommend":5}""", 401, 401, 401, 401, 401),
        ("GET", "/api/client/erasure", null, 401, 401, 401, 401, 401),
        ("POST", "/api/client/erasure", null, 401, 401, 401, 401, 401),
        ("POST", "/api/staff/sign-out", null, 401, 204, 204, 204, 204),
    ];

    public static TheoryData<int, Caller> Cases()
    {
        var data = new TheoryData<int, Caller>();
        for (var i = 0; i < Table.Length; i++)
        {
            foreach (var caller in Enum.GetValues<Caller>())
                data.Add(i, caller);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task StaffRoute_AnswersEachCallerAsTheTableSays(int row, Caller caller)
    {
        var (method, path, body, anonymous, otherCoach, assignedCoach, coordinator, referent) = Table[row];
        var world = await StaffWorld.CreateAsync(App);
        var token = caller switch
        {
            Caller.OtherCoach => world.OtherCoach.AccessToken,
            Caller.AssignedCoach => world.AssignedCoach.AccessToken,
            Caller.Coordinator => world.Coordinator.AccessToken,
            Caller.Referent => world.Referent.AccessToken,
            _ => null,
        };

        var response = await StaffClient.SendAsync(App, new HttpMethod(method), world.Fill(path), token, body is null ? null : world.Fill(body));

        var expected = caller switch { Caller.OtherCoach => otherCoach, Caller.AssignedCoach => assignedCoach, Caller.Coordinator => coordinator, Caller.Referent => referent, _ => anonymous };
        Assert.True((int)response.StatusCode == expected, $"{method} {path} as {caller}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (expected is 401 or 403)
            Assert.Equal(expected == 401 ? "invalid_token" : "forbidden", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public void EveryStaffRoute_IsInTheTable()
    {
        var routes = FunctionCatalog.Load(RepoPaths.FunctionsOutput).Functions
            .Select(f => f.Trigger).OfType<HttpTrigger>()
            .Where(HttpFunctionGate.IsTokenProtected)
            .SelectMany(t => t.Methods.Select(m => (m.ToUpperInvariant(), "/api/" + t.Route)))
            .ToHashSet();
        var table = Table.Select(r => (r.Method, System.Text.RegularExpressions.Regex.Replace(r.Path, @"\{\w+\}", "{x}")))
            .ToHashSet();

        Assert.Equal(
            routes.Select(r => (r.Item1, System.Text.RegularExpressions.Regex.Replace(r.Item2, @"\{\w+\}", "{x}"))).Order(),
            table.Order());
    }
}
