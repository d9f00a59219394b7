using System.Net;
using System.Text.Json;

namespace Solidaire.Integration.Tests.Harness;

/// <summary>
/// A small collective in a test app: a coordinator; a coach ready to be assigned (profile, charter)
/// to whom one intake is assigned; another coach; a coach to deactivate; one intake still waiting;
/// an ethics referent (the configured one) and one complaint.
/// </summary>
public sealed class StaffWorld
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private StaffWorld(StaffClient coordinator, StaffClient assigned, StaffClient other, StaffClient referent)
    {
        Coordinator = coordinator;
        AssignedCoach = assigned;
        OtherCoach = other;
        Referent = referent;
    }

    public StaffClient Coordinator { get; }
    public StaffClient AssignedCoach { get; }
    public StaffClient OtherCoach { get; }
    public StaffClient Referent { get; }

    /// <summary>The ethics referents' address in the test settings (Complaints:Referents).</summary>
    public const string ReferentEmail = "ethique@solidaire.test";

    /// <summary>A coordinator makes <paramref name="email"/> a referent, who then signs in.</summary>
    public static async Task<StaffClient> ReferentAsync(TestApp app, StaffClient coordinator, string email, string displayName = "Référente")
    {
        await coordinator.JsonAsync(HttpMethod.Post, "/api/staff/referents", new { email, displayName }, HttpStatusCode.Created);
        return await StaffClient.SignInAsync(app, email);
    }

    /// <summary>The console id of the complaint whose reference is <paramref name="reference"/>, as a referent finds it.</summary>
    public static async Task<string> ComplaintIdAsync(StaffClient referent, string reference)
    {
        var list = await referent.JsonAsync(HttpMethod.Get, "/api/staff/complaints");
        return list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("reference").GetString() == reference).GetProperty("id").GetString()!;
    }

    public string this[string name] => _values[name];

    /// <summary>Replaces each {name} in <paramref name="text"/> by this world's value.</summary>
    public string Fill(string text) => _values.Aggregate(text, (t, kv) => t.Replace("{" + kv.Key + "}", kv.Value, StringComparison.Ordinal));

    public static readonly object ReadyProfile = new
    {
        displayName = "Claire Martin",
        languages = new[] { "fr", "en" },
        certification = "certified",
        certifyingBody = "EMCC",
        supervisor = "Groupe de supervision de Lyon",
    };

    public static async Task<StaffClient> ReadyCoachAsync(TestApp app, StaffClient coordinator, string email)
    {
        await coordinator.JsonAsync(HttpMethod.Post, "/api/staff/coaches", new { email, displayName = "Coach" }, HttpStatusCode.Created);
        var coach = await StaffClient.SignInAsync(app, email);
        await coach.JsonAsync(HttpMethod.Put, "/api/staff/me/profile", ReadyProfile);
        var charter = (await coach.JsonAsync(HttpMethod.Get, "/api/staff/charter")).GetProperty("sha256").GetString();
        await coach.JsonAsync(HttpMethod.Post, "/api/staff/me/charter-signature", new { charterSha256 = charter });
        return coach;
    }

    /// <summary>The API id of the intake <paramref name="email"/> sent, found in the coordinators' queue by its reference.</summary>
    public static async Task<string> IntakeIdAsync(TestApp app, StaffClient coordinator, string reference)
    {
        string? id = null;
        await Eventually.TrueAsync(async () =>
        {
            var queue = await coordinator.JsonAsync(HttpMethod.Get, "/api/staff/intakes?status=new");
            id = queue.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("reference").GetString() == reference) is { ValueKind: JsonValueKind.Object } item
                ? item.GetProperty("id").GetString()
                : null;
            return id is not null;
        }, "the intake is in the queue");
        return id!;
    }

    public static async Task<StaffWorld> CreateAsync(TestApp app)
    {
        var coordinator = await StaffClient.SignInAsync(app, StaffClient.Coordinator);
        var assigned = await ReadyCoachAsync(app, coordinator, "assigned-coach@example.org");
        var other = await ReadyCoachAsync(app, coordinator, "other-coach@example.org");
        var victim = await coordinator.JsonAsync(HttpMethod.Post, "/api/staff/coaches", new { email = "victim@example.org", displayName = "Victime" }, HttpStatusCode.Created);
        var referent = await ReferentAsync(app, coordinator, ReferentEmail);
        var world = new StaffWorld(coordinator, assigned, other, referent);

        var assignedRef = await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid("assigned-client@example.org")));
        var waitingRef = await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid("waiting-client@example.org")));
        var assignedIntake = await IntakeIdAsync(app, coordinator, assignedRef);
        var waitingIntake = await IntakeIdAsync(app, coordinator, waitingRef);
        var assignedCoachId = (await assigned.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString()!;
        var engagement = await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{assignedIntake}/assignment", new { coachId = assignedCoachId }, HttpStatusCode.Created);
        // A second engagement of the same coach, confirmed: the one a contract can be issued for.
        var activeRef = await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid("active-client@example.org")));
        var activeIntake = await IntakeIdAsync(app, coordinator, activeRef);
        var active = (await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{activeIntake}/assignment", new { coachId = assignedCoachId }, HttpStatusCode.Created)).GetProperty("engagementId").GetString()!;
        await assigned.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{active}/confirmation", new { noConflictDeclared = true });

        world._values["charter"] = (await assigned.JsonAsync(HttpMethod.Get, "/api/staff/charter")).GetProperty("sha256").GetString()!;
        world._values["victim"] = victim.GetProperty("coachId").GetString()!;
        world._values["assignedCoach"] = assignedCoachId;
        world._values["assignedIntake"] = assignedIntake;
        world._values["intake"] = waitingIntake;
        world._values["engagement"] = engagement.GetProperty("engagementId").GetString()!;
        world._values["activeEngagement"] = active;
        world._values["charterless"] = new string('0', 64);
        world._values["session"] = "0123456789abcdef0123456789abcdef"; // no such session: the rules answer before looking
        var complaintReference = await IntakeBodies.ReferenceOf(await app.Client.PostComplaintAsync(ComplaintBodies.Valid("plaignant@example.org")));
        world._values["complaint"] = await ComplaintIdAsync(referent, complaintReference);
        return world;
    }
}
