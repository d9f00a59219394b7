using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Solidaire.Core.PersonalData;

/// <summary>
/// For local runs with no configured keys: generates the keys once into a file (owner-only) and
/// reads them from it afterwards, so data written by one run can be read by the next.
/// </summary>
internal sealed class LocalKeyFile : IPostConfigureOptions<PersonalDataOptions>
{
    private static readonly Lock Gate = new();

    public void PostConfigure(string? name, PersonalDataOptions options)
    {
        if (options.MasterKeys.Count > 0 || string.IsNullOrWhiteSpace(options.LocalKeyFile))
            return;
        var path = Path.GetFullPath(options.LocalKeyFile);
        Stored stored;
        lock (Gate)
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var fresh = new Stored("local1", new() { ["local1"] = NewKey() }, NewKey());
                var temp = path + ".tmp";
                var streamOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                    streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using (var stream = new FileStream(temp, streamOptions))
                    JsonSerializer.Serialize(stream, fresh);
                File.Move(temp, path, overwrite: false);
            }
            stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path))
                ?? throw new InvalidOperationException($"The local key file {path} is empty.");
        }
        options.MasterKeys = new Dictionary<string, string>(stored.MasterKeys, StringComparer.Ordinal);
        options.ActiveMasterKeyId ??= stored.ActiveMasterKeyId;
        options.LookupKey ??= stored.LookupKey;
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private sealed record Stored(string ActiveMasterKeyId, Dictionary<string, string> MasterKeys, string LookupKey);
}
