using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Solidaire.Core.Tests.PersonalData;

public sealed partial class PersonalDataProtectorTests
{
    private const string Owner = "dossier-7|intake-42";
    private const string Context = "Intakes|intake-42|FirstName";

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex LowercaseHex64();

    [Fact]
    public void Open_OfASealedValue_GivesBackTheClearText()
    {
        var protector = Keys.Protector(Keys.Options());
        var (key, _) = protector.NewDataKey(Owner);
        var sealedText = protector.Seal(key, "Amélie Durand 🙂", Context);

        var opened = protector.Open(key, sealedText, Context);

        Assert.Equal("Amélie Durand 🙂", opened);
    }

    [Fact]
    public void Seal_OfAValue_ContainsNoPartOfTheClearText()
    {
        const string clear = "Jean-Baptiste Durand-Lefebvre";
        var protector = Keys.Protector(Keys.Options());
        var (key, _) = protector.NewDataKey(Owner);

        var sealedText = protector.Seal(key, clear, Context)!;

        for (var i = 0; i + 5 <= clear.Length; i++)
            Assert.DoesNotContain(clear.Substring(i, 5), sealedText, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(clear))[..12], sealedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_OfTheSameValueTwice_GivesDifferentTexts()
    {
        var protector = Keys.Protector(Keys.Options());
        var (key, _) = protector.NewDataKey(Owner);

        var first = protector.Seal(key, "Amélie", Context);
        var second = protector.Seal(key, "Amélie", Context);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Seal_OfNull_StaysNull()
    {
        var protector = Keys.Protector(Keys.Options());
        var (key, _) = protector.NewDataKey(Owner);

        Assert.Null(protector.Seal(key, null, Context));
    }

    [Theory]
    [InlineData("Intakes|intake-42|LastName")] // another field of the same row
    [InlineData("Intakes|intake-43|FirstName")] // the same field of another row
    public void Open_InAnotherContext_Fails(string otherContext)
    {
        var protector = Keys.Protector(Keys.Options());
        var (key, _) = protector.NewDataKey(Owner);
        var sealedText = protector.Seal(key, "Amélie", Context);

        Assert.ThrowsAny<CryptographicException>(() => protector.Open(key, sealedText, otherContext));
    }

    [Fact]
    public void Open_WithAnotherDossiersDataKey_Fails()
    {
        var protector = Keys.Protector(Keys.Options());
        var (key, _) = protector.NewDataKey(Owner);
        var (otherKey, _) = protector.NewDataKey("dossier-8|intake-43");
        var sealedText = protector.Seal(key, "Amélie", Context);

        Assert.ThrowsAny<CryptographicException>(() => protector.Open(otherKey, sealedText, Context));
    }

    [Fact]
    public void Open_OfTamperedCiphertext_Fails()
    {
        var protector = Keys.Protector(Keys.Options());
        var (key, _) = protector.NewDataKey(Owner);
        var sealedText = protector.Seal(key, "Amélie", Context)!;
        var bytes = Convert.FromBase64String(sealedText["v1:".Length..]);
        bytes[14] ^= 0x01; // a byte of the ciphertext, after the 12-byte nonce
        var tampered = "v1:" + Convert.ToBase64String(bytes);

        Assert.ThrowsAny<CryptographicException>(() => protector.Open(key, tampered, Context));
    }

    [Fact]
    public void Open_OfTruncatedCiphertext_Fails()
    {
        var protector = Keys.Protector(Keys.Options());
        var (key, _) = protector.NewDataKey(Owner);

        Assert.ThrowsAny<CryptographicException>(() => protector.Open(key, "v1:" + Convert.ToBase64String(new byte[20]), Context));
    }

    [Fact]
    public void Open_OfAValueThatWasNeverSealed_Fails()
    {
        var protector = Keys.Protector(Keys.Options());
        var (key, _) = protector.NewDataKey(Owner);

        Assert.ThrowsAny<CryptographicException>(() => protector.Open(key, "Amélie", Context));
    }

    [Fact]
    public void UnwrapDataKey_OfAFreshlyWrappedKey_OpensWhatTheKeySealed()
    {
        var protector = Keys.Protector(Keys.Options());
        var (key, wrapped) = protector.NewDataKey(Owner);
        var sealedText = protector.Seal(key, "Amélie", Context);

        using var unwrapped = protector.UnwrapDataKey(wrapped, Owner);

        Assert.Equal("Amélie", protector.Open(unwrapped, sealedText, Context));
    }

    [Fact]
    public void UnwrapDataKey_ForAnotherOwner_Fails()
    {
        var protector = Keys.Protector(Keys.Options());
        var (_, wrapped) = protector.NewDataKey(Owner);

        Assert.ThrowsAny<CryptographicException>(() => protector.UnwrapDataKey(wrapped, "dossier-8|intake-43"));
    }

    [Fact]
    public void UnwrapDataKey_AfterRotationWithTheOldKeyKept_StillOpensOldData()
    {
        var oldKey = Keys.New();
        var lookup = Keys.New();
        var before = Keys.Protector(Keys.Options("k1", new Dictionary<string, string> { ["k1"] = oldKey }, lookup));
        var (key, wrapped) = before.NewDataKey(Owner);
        var sealedText = before.Seal(key, "Amélie", Context);
        var after = Keys.Protector(Keys.Options("k2", new Dictionary<string, string> { ["k1"] = oldKey, ["k2"] = Keys.New() }, lookup));

        using var unwrapped = after.UnwrapDataKey(wrapped, Owner);

        Assert.Equal("Amélie", after.Open(unwrapped, sealedText, Context));
    }

    [Fact]
    public void NewDataKey_AfterRotation_WrapsWithTheNewActiveKey()
    {
        var options = Keys.Options("k2", new Dictionary<string, string> { ["k1"] = Keys.New(), ["k2"] = Keys.New() }, Keys.New());

        var (_, wrapped) = Keys.Protector(options).NewDataKey(Owner);

        Assert.StartsWith("k2:", wrapped, StringComparison.Ordinal);
    }

    [Fact]
    public void UnwrapDataKey_AfterTheOldMasterKeyIsRemoved_Fails()
    {
        var lookup = Keys.New();
        var before = Keys.Protector(Keys.Options("k1", new Dictionary<string, string> { ["k1"] = Keys.New() }, lookup));
        var (_, wrapped) = before.NewDataKey(Owner);
        var after = Keys.Protector(Keys.Options("k2", new Dictionary<string, string> { ["k2"] = Keys.New() }, lookup));

        Assert.ThrowsAny<CryptographicException>(() => after.UnwrapDataKey(wrapped, Owner));
    }

    [Fact]
    public void UnwrapDataKey_WhenTheMasterKeyUnderTheSameIdChanged_Fails()
    {
        var lookup = Keys.New();
        var before = Keys.Protector(Keys.Options("k1", new Dictionary<string, string> { ["k1"] = Keys.New() }, lookup));
        var (_, wrapped) = before.NewDataKey(Owner);
        var after = Keys.Protector(Keys.Options("k1", new Dictionary<string, string> { ["k1"] = Keys.New() }, lookup));

        Assert.ThrowsAny<CryptographicException>(() => after.UnwrapDataKey(wrapped, Owner));
    }

    [Fact]
    public void LookupHash_OfTheSameValue_IsStableAcrossInstances()
    {
        var options = Keys.Options();

        var first = Keys.Protector(options).LookupHash("email", "amelie@example.org");
        var second = Keys.Protector(options).LookupHash("email", "amelie@example.org");

        Assert.Equal(first, second);
    }

    [Fact]
    public void LookupHash_ForAnotherPurpose_Differs()
    {
        var protector = Keys.Protector(Keys.Options());

        var asEmail = protector.LookupHash("email", "amelie@example.org");
        var asDuplicate = protector.LookupHash("duplicate", "amelie@example.org");

        Assert.NotEqual(asEmail, asDuplicate);
    }

    [Fact]
    public void LookupHash_WithAnotherLookupKey_Differs()
    {
        var first = Keys.Protector(Keys.Options()).LookupHash("email", "amelie@example.org");
        var second = Keys.Protector(Keys.Options()).LookupHash("email", "amelie@example.org");

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void LookupHash_IsLowercaseHexOf64Characters()
    {
        var hash = Keys.Protector(Keys.Options()).LookupHash("email", "amelie@example.org");

        Assert.Matches(LowercaseHex64(), hash);
    }

    [Fact]
    public void LookupHash_DoesNotContainTheClearValue()
    {
        var hash = Keys.Protector(Keys.Options()).LookupHash("email", "amelie@example.org");

        Assert.DoesNotContain("amelie", hash, StringComparison.OrdinalIgnoreCase);
    }
}
