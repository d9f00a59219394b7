using System.Security.Cryptography;
using Solidaire.Core.PersonalData;

namespace Solidaire.Core.Tests.PersonalData;

internal static class Keys
{
    public static string New(int bytes = 32) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    public static PersonalDataOptions Options(string activeId, IReadOnlyDictionary<string, string> masterKeys, string lookupKey) => new()
    {
        MasterKeys = new Dictionary<string, string>(masterKeys, StringComparer.Ordinal),
        ActiveMasterKeyId = activeId,
        LookupKey = lookupKey,
    };

    public static PersonalDataOptions Options() =>
        Options("k1", new Dictionary<string, string> { ["k1"] = New() }, New());

    public static PersonalDataProtector Protector(PersonalDataOptions options) =>
        new(Microsoft.Extensions.Options.Options.Create(options));
}
