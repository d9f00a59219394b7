using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Solidaire.Core.PersonalData;

/// <summary>
/// For local runs with no configured keys: generates the keys once into a file (owner-only) and
/// reads them from it afterwards, so data written by one run can be read by the next.
/// </summary>
internal sealed partial class LocalKeyFile : IPostConfigureOptions<PersonalDataOptions>
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
                Create(path);
            stored = JsonSerializer.Deserialize(File.ReadAllText(path), KeyFileJson.Default.Stored)
                ?? throw new InvalidOperationException($"The local key file {path} is empty.");
        }
        options.MasterKeys = new Dictionary<string, string>(stored.MasterKeys, StringComparer.Ordinal);
        options.ActiveMasterKeyId ??= stored.ActiveMasterKeyId;
        options.LookupKey ??= stored.LookupKey;
    }

    /// <summary>
    /// Writes fresh keys to a temp file created here and now, owner-only, then moves it into place. A
    /// temp file left by a run that stopped half-way holds no key in use (the key file does not exist)
    /// and may have any mode: it is deleted, never reused, and CreateNew refuses a file that reappears.
    /// </summary>
    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fresh = new Stored("local1", new() { ["local1"] = NewKey() }, NewKey());
        var temp = path + ".tmp";
        File.Delete(temp);
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, streamOptions))
            JsonSerializer.Serialize(stream, fresh, KeyFileJson.Default.Stored);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process wrote the key file first: use its keys, not ours.
            File.Delete(temp);
        }
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private sealed record Stored(string ActiveMasterKeyId, Dictionary<string, string> MasterKeys, string LookupKey);

    /// <summary>The file's shape, read by code generated at build: reflection over it cost about 30 ms of each start.</summary>
    [JsonSerializable(typeof(Stored))]
    private sealed partial class KeyFileJson : JsonSerializerContext;
}
