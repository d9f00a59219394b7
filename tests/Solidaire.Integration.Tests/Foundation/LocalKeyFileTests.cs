using Solidaire.Core.PersonalData;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>The personal-data keys a local run generates for itself: readable by their owner only (Unix modes: the test machines are Linux).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalKeyFileTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _folder = Directory.CreateTempSubdirectory("solidaire-keys-").FullName;

    private string KeyFile => Path.Combine(_folder, "keys.json");

    private PersonalDataOptions Configure()
    {
        var options = new PersonalDataOptions { LocalKeyFile = KeyFile };
        new LocalKeyFile().PostConfigure(null, options);
        return options;
    }

    [Fact]
    public void StaleWorldReadableTempFile_DoesNotMakeTheKeyFileWorldReadable()
    {
        var stale = KeyFile + ".tmp";
        File.WriteAllText(stale, "left by a run that stopped half-way, and much longer than the keys it will not hold");
        File.SetUnixFileMode(stale, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var options = Configure();

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(KeyFile));
        Assert.False(File.Exists(stale));
        Assert.Equal(options.MasterKeys, Configure().MasterKeys);
    }

    [Fact]
    public void FreshKeyFile_IsOwnerOnly_AndReadBackByTheNextRun()
    {
        var first = Configure();

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(KeyFile));
        var second = Configure();
        Assert.Equal(first.MasterKeys, second.MasterKeys);
        Assert.Equal(first.LookupKey, second.LookupKey);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
