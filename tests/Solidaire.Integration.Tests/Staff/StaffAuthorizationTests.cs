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
    public enum Caller { Anonymous, Coach, Coordinator }

    private const string Self = "{self}";
    private const string OtherCoach = "{otherCoach}";

    private static readonly (string Method, string Path, string? Body, int Anonymous, int Coach, int Coordinator)[] Table =
    [
        ("GET", "/api/staff/me", null, 401, 200, 200),
        ("GET", "/api/staff/charter", null, 401, 200, 200),
        ("PUT", "/api/staff/me/profile", """{"displayName":"Anne","languages":["fr"],"certification":"in_training","supervisor":"Groupe"}""", 401, 200, 403),
        ("POST", "/api/staff/me/charter-signature", """{"charterSha256":"{charter}"}""", 401, 200, 403),
        ("GET", "/api/staff/coaches", null, 401, 403, 200),
        ("POST", "/api/staff/coaches", """{"email":"new-coach@example.org","displayName":"Nouveau"}""", 401, 403, 201),
        ("POST", $"/api/staff/coaches/{OtherCoach}/deactivation", null, 401, 403, 200),
        ("POST", "/api/staff/sign-out", null, 401, 204, 204),
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
        var (method, path, body, anonymous, coach, coordinator) = Table[row];
        var coordinatorClient = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        await coordinatorClient.JsonAsync(HttpMethod.Post, "/api/staff/coaches", new { email = "coach@example.org", displayName = "Coach" }, HttpStatusCode.Created);
        var other = await coordinatorClient.JsonAsync(HttpMethod.Post, "/api/staff/coaches", new { email = "other@example.org", displayName = "Autre" }, HttpStatusCode.Created);
        var coachClient = await StaffClient.SignInAsync(App, "coach@example.org");
        var charter = (await coachClient.JsonAsync(HttpMethod.Get, "/api/staff/charter")).GetProperty("sha256").GetString()!;
        var token = caller switch
        {
            Caller.Coach => coachClient.AccessToken,
            Caller.Coordinator => coordinatorClient.AccessToken,
            _ => null,
        };
        path = path.Replace(OtherCoach, other.GetProperty("coachId").GetString(), StringComparison.Ordinal);

        var response = await StaffClient.SendAsync(App, new HttpMethod(method), path, token, body?.Replace("{charter}", charter, StringComparison.Ordinal));

        var expected = caller switch { Caller.Coach => coach, Caller.Coordinator => coordinator, _ => anonymous };
        Assert.True((int)response.StatusCode == expected, $"{method} {path} as {caller}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (expected >= 400)
            Assert.Equal(expected == 401 ? "invalid_token" : "forbidden", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public void EveryStaffRoute_IsInTheTable()
    {
        var routes = FunctionCatalog.Load(RepoPaths.FunctionsOutput).Functions
            .Select(f => f.Trigger).OfType<HttpTrigger>()
            .Where(HttpFunctionGate.IsTokenProtected)
            .SelectMany(t => t.Methods.Select(m => (m.ToUpperInvariant(), "/api/" + t.Route.Replace("{coachId}", OtherCoach, StringComparison.Ordinal))))
            .ToHashSet();

        Assert.Equal(routes.Order(), Table.Select(r => (r.Method, r.Path)).ToHashSet().Order());
    }
}
