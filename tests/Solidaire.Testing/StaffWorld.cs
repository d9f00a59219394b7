using System.Net;
using System.Text.Json;

namespace Solidaire.Testing;

/// <summary>How tests build a small collective: ready coaches, referents, and intakes found in the queue.</summary>
public static class StaffWorld
{
    /// <summary>The ethics referents' address in the test settings (Complaints:Referents).</summary>
    public const string ReferentEmail = "ethique@solidaire.test";

    /// <summary>A coordinator makes <paramref name="email"/> a referent, who then signs in.</summary>
    public static async Task<StaffClient> ReferentAsync(IServedApp app, StaffClient coordinator, string email, string displayName = "Référente")
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

    public static readonly object ReadyProfile = new
    {
        displayName = "Claire Martin",
        languages = new[] { "fr", "en" },
        certification = "certified",
        certifyingBody = "EMCC",
        supervisor = "Groupe de supervision de Lyon",
    };

    public static async Task<StaffClient> ReadyCoachAsync(IServedApp app, StaffClient coordinator, string email)
    {
        await coordinator.JsonAsync(HttpMethod.Post, "/api/staff/coaches", new { email, displayName = "Coach" }, HttpStatusCode.Created);
        var coach = await StaffClient.SignInAsync(app, email);
        await coach.JsonAsync(HttpMethod.Put, "/api/staff/me/profile", ReadyProfile);
        var charter = (await coach.JsonAsync(HttpMethod.Get, "/api/staff/charter")).GetProperty("sha256").GetString();
        await coach.JsonAsync(HttpMethod.Post, "/api/staff/me/charter-signature", new { charterSha256 = charter });
        return coach;
    }

    /// <summary>The API id of the intake <paramref name="email"/> sent, found in the coordinators' queue by its reference.</summary>
    public static async Task<string> IntakeIdAsync(IServedApp app, StaffClient coordinator, string reference)
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
}
