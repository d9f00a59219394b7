using System.ComponentModel.DataAnnotations;
using Solidaire.Core.Staff;

namespace Solidaire.Core.Tests.Staff;

public sealed class StaffOptionsTests
{
    private static List<string> Validate(StaffOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }

    [Fact]
    public void Validate_WhenOneCoordinatorIsSet_Accepts()
    {
        var messages = Validate(new StaffOptions { BootstrapCoordinators = "coord@solidaire.example" });

        Assert.Empty(messages);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" , ; ")]
    public void Validate_WhenNoCoordinatorIsSet_Refuses(string coordinators)
    {
        var messages = Validate(new StaffOptions { BootstrapCoordinators = coordinators });

        Assert.Equal(["Staff:BootstrapCoordinators is empty: no one would hear of new intakes."], messages);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("coord@")]
    [InlineData("coord@solidaire.example, @solidaire.example")]
    public void Validate_WhenAnAddressIsInvalid_Refuses(string coordinators)
    {
        var messages = Validate(new StaffOptions { BootstrapCoordinators = coordinators });

        Assert.Equal(["Staff:BootstrapCoordinators holds an invalid address."], messages);
    }

    [Fact]
    public void Coordinators_OfACommaSeparatedList_AreEachAddressTrimmed()
    {
        var options = new StaffOptions { BootstrapCoordinators = " anne@solidaire.example, bruno@solidaire.example ,claire@solidaire.example" };

        Assert.Equal(["anne@solidaire.example", "bruno@solidaire.example", "claire@solidaire.example"], options.Coordinators);
    }

    [Fact]
    public void Validate_WhenSeveralValidAddressesAreListed_Accepts()
    {
        var messages = Validate(new StaffOptions { BootstrapCoordinators = "anne@solidaire.example, bruno@solidaire.example" });

        Assert.Empty(messages);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Validate_WhenLanguageIsFrenchOrEnglish_Accepts(string language)
    {
        var messages = Validate(new StaffOptions { BootstrapCoordinators = "anne@solidaire.example", Language = language });

        Assert.Empty(messages);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("FR")]
    [InlineData("french")]
    public void Validate_WhenLanguageIsNotFrOrEn_Refuses(string language)
    {
        var results = new List<ValidationResult>();
        var options = new StaffOptions { BootstrapCoordinators = "anne@solidaire.example", Language = language };

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.Contains(results, r => r.MemberNames.Contains(nameof(StaffOptions.Language)));
    }
}
