using System.ComponentModel.DataAnnotations;
using Solidaire.Core.PersonalData;

namespace Solidaire.Core.Tests.PersonalData;

public sealed class PersonalDataOptionsTests
{
    private static List<string> Validate(PersonalDataOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }

    [Fact]
    public void Validate_WhenKeysAreComplete_AcceptsThem()
    {
        var messages = Validate(Keys.Options());

        Assert.Empty(messages);
    }

    [Fact]
    public void Validate_WhenNoMasterKeyIsSet_RefusesNamingTheSetting()
    {
        var options = Keys.Options();
        options.MasterKeys.Clear();

        var messages = Validate(options);

        Assert.Contains(messages, m => m.StartsWith("PersonalData:MasterKeys is empty", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Validate_WhenAMasterKeyIsNot32Bytes_RefusesThatKey(int bytes)
    {
        var options = Keys.Options("k1", new Dictionary<string, string> { ["k1"] = Keys.New(), ["old"] = Keys.New(bytes) }, Keys.New());

        var messages = Validate(options);

        Assert.Equal(["PersonalData:MasterKeys:old must be 32 bytes in base64."], messages);
    }

    [Fact]
    public void Validate_WhenAMasterKeyIsNotBase64_RefusesThatKey()
    {
        var options = Keys.Options("k1", new Dictionary<string, string> { ["k1"] = "not base64 at all!" }, Keys.New());

        var messages = Validate(options);

        Assert.Equal(["PersonalData:MasterKeys:k1 must be 32 bytes in base64."], messages);
    }

    [Fact]
    public void Validate_WhenActiveMasterKeyIdIsNotAmongTheKeys_RefusesIt()
    {
        var options = Keys.Options("k2", new Dictionary<string, string> { ["k1"] = Keys.New() }, Keys.New());

        var messages = Validate(options);

        Assert.Equal(["PersonalData:ActiveMasterKeyId must name one of PersonalData:MasterKeys."], messages);
    }

    [Fact]
    public void Validate_WhenActiveMasterKeyIdIsMissing_RefusesIt()
    {
        var options = Keys.Options();
        options.ActiveMasterKeyId = null;

        var messages = Validate(options);

        Assert.Equal(["PersonalData:ActiveMasterKeyId must name one of PersonalData:MasterKeys."], messages);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("c2hvcnQ=")] // "short"
    public void Validate_WhenLookupKeyIsMissingOrNot32Bytes_RefusesIt(string? lookupKey)
    {
        var options = Keys.Options();
        options.LookupKey = lookupKey;

        var messages = Validate(options);

        Assert.Equal(["PersonalData:LookupKey must be 32 bytes in base64."], messages);
    }
}
