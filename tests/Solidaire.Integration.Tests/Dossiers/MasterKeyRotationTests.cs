using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Dossiers;

/// <summary>
/// Master-key rotation (issue 12): data sealed under key 1; the app given key 2 as the active one
/// re-wraps every data key; key 1 removed, everything still opens.
/// </summary>
public sealed class MasterKeyRotationTests
{
    private static readonly string Key1 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string Key2 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string Lookup = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string Signing = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static Action<IDictionary<string, string?>> Keys(string? prefix, params (string Id, string Key)[] keys) => s =>
    {
        if (prefix is not null)
            s["Storage:TablePrefix"] = prefix;
        s["PersonalData:LocalKeyFile"] = "";
        foreach (var (id, key) in keys)
            s[$"PersonalData:MasterKeys:{id}"] = key;
        s["PersonalData:ActiveMasterKeyId"] = keys[^1].Id;
        s["PersonalData:LookupKey"] = Lookup;
        s["Tokens:SigningKeys:t1"] = Signing;
        s["Tokens:ActiveSigningKeyId"] = "t1";
    };

    [Fact]
    public async Task DataSealedUnderKey1_RewrappedUnderKey2_StillOpensOnceKey1IsRemoved()
    {
        string prefix, intake;
        await using (var first = await TestApp.StartAsync(Keys(null, ("k1", Key1))))
        {
            prefix = first.TablePrefix;
            var reference = await IntakeBodies.ReferenceOf(await first.Client.PostAsync(IntakeBodies.Valid("rotation@example.org")));
            var coordinator = await StaffClient.SignInAsync(first, StaffClient.Coordinator);
            intake = await StaffWorld.IntakeIdAsync(first, coordinator, reference);
            Assert.All(await KeyRowsAsync(first), k => Assert.StartsWith("k1:", k, StringComparison.Ordinal));
        }

        RewrapReport report;
        await using (var rotating = await TestApp.StartAsync(Keys(prefix, ("k1", Key1), ("k2", Key2))))
        {
            report = await rotating.Services.GetRequiredService<DataKeyRewrap>().RunAsync(CancellationToken.None);
            Assert.All(await KeyRowsAsync(rotating), k => Assert.StartsWith("k2:", k, StringComparison.Ordinal));
            Assert.Equal(report.Rewrapped, (await rotating.Services.GetRequiredService<DataKeyRewrap>().RunAsync(CancellationToken.None)).AlreadyActive);
        }
        Assert.True(report.Rewrapped >= 2, $"{report.Rewrapped} keys re-wrapped (the intake's and the coordinator's at least)");

        await using var after = await TestApp.StartAsync(Keys(prefix, ("k2", Key2)));
        var signedIn = await StaffClient.SignInAsync(after, StaffClient.Coordinator);
        var detail = await signedIn.JsonAsync(HttpMethod.Get, $"/api/staff/intakes/{intake}");
        Assert.Contains("Jeanne", detail.ToString(), StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> KeyRowsAsync(TestApp app) =>
        [.. (await StorageContents.AllAsync(app, Tables.Dossiers)).Where(r => r.RowKey.StartsWith("key|", StringComparison.Ordinal)).Select(r => r.GetString("WrappedKey")!)];
}
