using Azure.Data.Tables;

namespace Solidaire.Core.Dossiers;

/// <summary>A retention unit's data key, wrapped. Deleting this row destroys the unit (crypto-shredding).</summary>
public static class DataKeyRow
{
    public const string WrappedKey = nameof(WrappedKey);

    public static TableEntity New(UnitCipher cipher) =>
        new(cipher.Unit.Dossier.PartitionKey, cipher.Unit.DataKeyRow) { [WrappedKey] = cipher.WrappedKey };

    public static string? WrappedKeyOf(TableEntity? row) => row?.GetString(WrappedKey);
}
