using Solidaire.Core.PersonalData;

namespace Solidaire.Core.Dossiers;

/// <summary>
/// Seals and opens the personal fields of one retention unit with the unit's data key, each value
/// bound to its partition, row and field. Holds the clear key only while it is used: dispose it.
/// </summary>
public sealed class UnitCipher : IDisposable
{
    private readonly PersonalDataProtector _protector;
    private readonly DataKey _key;

    private UnitCipher(PersonalDataProtector protector, RetentionUnit unit, DataKey key, string wrappedKey)
    {
        _protector = protector;
        _key = key;
        Unit = unit;
        WrappedKey = wrappedKey;
    }

    public RetentionUnit Unit { get; }

    /// <summary>The data key as stored: wrapped by a master key, bound to the unit.</summary>
    public string WrappedKey { get; }

    /// <summary>A new unit: a fresh data key to store with its first rows (<see cref="DataKeyRow"/>).</summary>
    public static UnitCipher New(PersonalDataProtector protector, RetentionUnit unit)
    {
        var (key, wrapped) = protector.NewDataKey(unit.KeyOwner);
        return new UnitCipher(protector, unit, key, wrapped);
    }

    /// <summary>An existing unit, from its stored (wrapped) data key.</summary>
    public static UnitCipher Open(PersonalDataProtector protector, RetentionUnit unit, string wrappedKey) =>
        new(protector, unit, protector.UnwrapDataKey(wrappedKey, unit.KeyOwner), wrappedKey);

    public string? Seal(string rowKey, string field, string? value) =>
        _protector.Seal(_key, value, DossierKeys.FieldContext(Unit.Dossier.PartitionKey, rowKey, field));

    public string? Open(string rowKey, string field, string? sealedValue) =>
        _protector.Open(_key, sealedValue, DossierKeys.FieldContext(Unit.Dossier.PartitionKey, rowKey, field));

    public void Dispose() => _key.Dispose();
}
