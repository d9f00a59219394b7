using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Resilience;

/// <summary>
/// The access policy, stated once: every route of the served API, called by each kind of caller
/// with the same request, gets the answer (status and problem code) in this table. A route missing
/// from it fails the test. Callers are about engagement A (the assigned coach's); the "client link"
/// is the contract link emailed to engagement B's client, the other coach's.
/// Every caller sends the same valid request, so only who calls decides a refusal (the role is checked
/// after the body is read, so an invalid body would answer 400 to anyone). A caller the policy lets in
/// mostly meets a rule that changes nothing (409); the rows that end something run last, one at a time.
/// One shared world for every request (it replaces StaffAuthorizationTests, which built a world for each
/// of its 175 staff-route cases in 74 s).
/// </summary>
public sealed class AuthorisationMatrixTests(ResilienceWorld world, ITestOutputHelper output) : IClassFixture<ResilienceWorld>
{
    public enum Caller { Anonymous, OtherClientLink, OtherCoach, AssignedCoach, Coordinator, Referent }

    private const string Unauthenticated = "401 invalid_token";
    private const string Forbidden = "403 forbidden";
    private const string Invalid = "400 validation_failed";
    private const string NotSigned = "409 contract_not_signed";
    private const string NotProposed = "409 engagement_not_proposed";

    /// <summary>One row per route: method, path, body, then the answer to each <see cref="Caller"/> in order.</summary>
    private static readonly (string Method, string Path, string? Body, string[] Answers)[] Table =
    [
        // Public routes: whoever calls, a token changes nothing.
        ("GET", "/api/health", null, [.. Everyone("200")]),
        ("GET", "/api/openapi.json", null, [.. Everyone("200")]),
        ("GET", "/api/retention-periods", null, [.. Everyone("200")]),
        ("POST", "/api/intakes", "{}", [.. Everyone(Invalid)]),
        ("POST", "/api/complaints", "{}", [.. Everyone(Invalid)]),
        ("POST", "/api/erasure-requests", "{}", [.. Everyone(Invalid)]),
        ("POST", "/api/staff/sign-in", "{}", [.. Everyone(Invalid)]),
        // A sign-in link works once: its replay is refused to everyone, staff included.
        ("POST", "/api/staff/access-tokens", """{"token":"{usedSignInLink}"}""", [.. Everyone(Unauthenticated)]),

        //                                                                                           anonymous        client link B    other coach  assigned coach   coordinator  referent
        ("GET", "/api/staff/me", null, [Unauthenticated, Unauthenticated, "200", "200", "200", "200"]),
        ("GET", "/api/staff/charter", null, [Unauthenticated, Unauthenticated, "200", "200", "200", "200"]),
        ("PUT", "/api/staff/me/profile", """{"displayName":"Claire Martin","languages":["fr","en"],"certification":"certified","certifyingBody":"EMCC","supervisor":"Groupe de supervision de Lyon"}""", [Unauthenticated, Unauthenticated, "200", "200", Forbidden, Forbidden]),
        ("POST", "/api/staff/me/charter-signature", """{"charterSha256":"{wrongSha}"}""", [Unauthenticated, Unauthenticated, "409 charter_outdated", "409 charter_outdated", Forbidden, Forbidden]),
        ("GET", "/api/staff/coaches", null, [Unauthenticated, Unauthenticated, Forbidden, Forbidden, "200", Forbidden]),
        ("POST", "/api/staff/coaches", """{"email":"other-coach@example.org","displayName":"Déjà là"}""", [Unauthenticated, Unauthenticated, Forbidden, Forbidden, "409 already_registered", Forbidden]),
        ("POST", "/api/staff/coaches/{victim}/deactivation", null, [Unauthenticated, Unauthenticated, Forbidden, Forbidden, "200", Forbidden]),
        ("POST", "/api/staff/referents", """{"email":"ethique@solidaire.test","displayName":"Référente"}""", [Unauthenticated, Unauthenticated, Forbidden, Forbidden, "409 already_registered", Forbidden]),
        // Triage: the queue is the coordinators'; one intake is theirs and its coach's.
        ("GET", "/api/staff/intakes", null, [Unauthenticated, Unauthenticated, Forbidden, Forbidden, "200", Forbidden]),
        ("GET", "/api/staff/intakes/{intake}", null, [Unauthenticated, Unauthenticated, Forbidden, "200", "200", Forbidden]),
        ("POST", "/api/staff/intakes/{waitingIntake}/assignment", """{"coachId":"{victim}"}""", [Unauthenticated, Unauthenticated, Forbidden, Forbidden, "409 coach_not_assignable", Forbidden]),
        ("POST", "/api/staff/intakes/{intake}/decline", """{"reason":"Hors du champ du collectif"}""", [Unauthenticated, Unauthenticated, Forbidden, Forbidden, "409 already_assigned", Forbidden]),
        ("GET", "/api/staff/collective/engagements", null, [Unauthenticated, Unauthenticated, Forbidden, Forbidden, "200", Forbidden]),
        // An engagement is its coach's alone: not another coach's, not the coordinators'. A (confirmed, its contract issued) waits for no answer.
        ("GET", "/api/staff/engagements", null, [Unauthenticated, Unauthenticated, "200", "200", Forbidden, Forbidden]),
        ("GET", "/api/staff/engagements/{engagement}", null, [Unauthenticated, Unauthenticated, Forbidden, "200", Forbidden, Forbidden]),
        ("POST", "/api/staff/engagements/{engagement}/confirmation", """{"noConflictDeclared":true}""", [Unauthenticated, Unauthenticated, Forbidden, NotProposed, Forbidden, Forbidden]),
        ("POST", "/api/staff/engagements/{engagement}/refusal", """{"reason":"Je connais cette personne"}""", [Unauthenticated, Unauthenticated, Forbidden, NotProposed, Forbidden, Forbidden]),
        ("POST", "/api/staff/engagements/{engagement}/contract", """{"sessionsPlanned":2,"usualPricePerSessionEur":80}""", [Unauthenticated, Unauthenticated, Forbidden, "201", Forbidden, Forbidden]),
        ("POST", "/api/staff/engagements/{engagement}/sessions", """{"date":"2030-01-02T10:00+01:00","durationMinutes":60,"medium":"video"}""", [Unauthenticated, Unauthenticated, Forbidden, NotSigned, Forbidden, Forbidden]),
        ("PUT", "/api/staff/engagements/{engagement}/sessions/{session}", """{"date":"2030-01-02T10:00+01:00","durationMinutes":60,"medium":"video"}""", [Unauthenticated, Unauthenticated, Forbidden, NotSigned, Forbidden, Forbidden]),
        ("DELETE", "/api/staff/engagements/{engagement}/sessions/{session}", null, [Unauthenticated, Unauthenticated, Forbidden, NotSigned, Forbidden, Forbidden]),
        ("GET", "/api/staff/feedback", null, [Unauthenticated, Unauthenticated, "200", "200", "200", "200"]),
        // Anonymous statistics: coordinators only.
        ("GET", "/api/staff/statistics", null, [Unauthenticated, Unauthenticated, Forbidden, Forbidden, "200", Forbidden]),
        ("GET", "/api/staff/statistics.csv", null, [Unauthenticated, Unauthenticated, Forbidden, Forbidden, "200", Forbidden]),
        // Complaints: the referents only, not even a coordinator.
        ("GET", "/api/staff/complaints", null, [Unauthenticated, Unauthenticated, Forbidden, Forbidden, Forbidden, "200"]),
        ("GET", "/api/staff/complaints/{complaint}", null, [Unauthenticated, Unauthenticated, Forbidden, Forbidden, Forbidden, "200"]),
        // Client routes answer to their own link only. B's link opens B's contract, and cannot sign A's text.
        ("GET", "/api/client/contract", null, [Unauthenticated, "200", Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated]),
        ("POST", "/api/client/contract/signature", """{"counterpart":{"kind":"financial","amountEur":1},"understood":true,"supervisionConsent":true,"signatureName":"{otherClientName}","sha256":"{contractSha}"}""",
            [Unauthenticated, "409 contract_changed", Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated]),
        // A contract link is not a feedback or an erasure link.
        ("GET", "/api/client/feedback", null, [.. Everyone(Unauthenticated)]),
        ("POST", "/api/client/feedback", """{"listened":5,"steppedBack":5,"wouldRecommend":5}""", [.. Everyone(Unauthenticated)]),
        ("GET", "/api/client/erasure", null, [.. Everyone(Unauthenticated)]),
        ("POST", "/api/client/erasure", null, [.. Everyone(Unauthenticated)]),
        // Last, one caller after the other, since they end what the rows above need: a closed
        // engagement takes no session, a closed complaint no second closure, a signed-out member no request.
        ("POST", "/api/staff/engagements/{engagement}/closure", """{"outcome":"ended_by_client"}""", [Unauthenticated, Unauthenticated, Forbidden, "200", Forbidden, Forbidden]),
        ("POST", "/api/staff/complaints/{complaint}/closure", """{"resolution":"Entretien avec le membre, rappel de la charte."}""", [Unauthenticated, Unauthenticated, Forbidden, Forbidden, Forbidden, "200"]),
        ("POST", "/api/staff/sign-out", null, [Unauthenticated, Unauthenticated, "204", "204", "204", "204"]),
    ];

    /// <summary>How many rows at the end of <see cref="Table"/> end something, and so run after the others, one request at a time.</summary>
    private const int EndingRows = 3;

    private static IEnumerable<string> Everyone(string answer) => Enumerable.Repeat(answer, Enum.GetValues<Caller>().Length);

    [Fact]
    public async Task EveryRoute_IsInTheTable_AndTheTableHasNothingElse()
    {
        var served = (await ServedRoute.ReadAsync(world.App)).Select(r => $"{r.Method} {ServedRoute.Shape(r.Template)}").Order(StringComparer.Ordinal);
        var table = Table.Select(r => $"{r.Method} {ServedRoute.Shape(r.Path)}").Order(StringComparer.Ordinal);

        Assert.Equal(served, table);
        Assert.All(Table, r => Assert.Equal(Enum.GetValues<Caller>().Length, r.Answers.Length));
    }

    [Fact]
    public async Task EveryRoute_AnswersEachCallerAsTheTableSays()
    {
        var clock = Stopwatch.StartNew();
        var wrong = new ConcurrentBag<string>();
        var ending = Table[^EndingRows..];
        var cases = Table[..^EndingRows].SelectMany(r => Enum.GetValues<Caller>().Select(c => (Row: r, Caller: c))).ToArray();

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (c, _) => await CheckAsync(c.Row, c.Caller, wrong));
        foreach (var row in ending)
        {
            foreach (var caller in Enum.GetValues<Caller>())
                await CheckAsync(row, caller, wrong);
        }

        output.WriteLine($"{Table.Length} routes × {Enum.GetValues<Caller>().Length} callers = {Table.Length * Enum.GetValues<Caller>().Length} requests in {clock.Elapsed.TotalSeconds:0.0} s; {wrong.Count} answers not as the table says.");
        Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Order(StringComparer.Ordinal)));
    }

    private async Task CheckAsync((string Method, string Path, string? Body, string[] Answers) row, Caller caller, ConcurrentBag<string> wrong)
    {
        var token = caller switch
        {
            Caller.OtherClientLink => world.OtherClientContractLink,
            Caller.OtherCoach => world.OtherCoach.AccessToken,
            Caller.AssignedCoach => world.AssignedCoach.AccessToken,
            Caller.Coordinator => world.Coordinator.AccessToken,
            Caller.Referent => world.Referent.AccessToken,
            _ => null,
        };
        var body = row.Body?.Replace("{usedSignInLink}", world.UsedSignInLink, StringComparison.Ordinal);
        using var response = await StaffClient.SendAsync(world.App, new HttpMethod(row.Method), world.Fill(row.Path), token, body is null ? null : world.Fill(body));
        var text = await response.Content.ReadAsStringAsync();
        var answer = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if ((int)response.StatusCode >= 400)
            answer += " " + ProblemCode(response, text);
        var expected = row.Answers[(int)caller];
        if (answer != expected)
            wrong.Add($"{row.Method} {row.Path} as {caller}: expected {expected}, got {answer} {Shorten(text)}");
    }

    /// <summary>The problem's code, or what the answer is instead of a problem.</summary>
    public static string ProblemCode(HttpResponseMessage response, string text)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"(not a problem: {response.Content.Headers.ContentType})";
        try
        {
            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.GetProperty("status").GetInt32() == (int)response.StatusCode
                && problem.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() is { Length: > 0 } c
                ? c
                : "(a problem without a code or with another status)";
        }
        catch (JsonException)
        {
            return "(a problem that is not JSON)";
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
