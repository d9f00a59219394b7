using System.Text.RegularExpressions;
using Solidaire.Core.Intake;

namespace Solidaire.Core.Tests.Intake;

public sealed partial class ReferenceTests
{
    [GeneratedRegex("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")]
    private static partial Regex Shown();

    [Fact]
    public void Display_OfANewReference_IsThreeGroupsOfFourCharacters()
    {
        var shown = Reference.Display(Reference.New());

        Assert.Matches(Shown(), shown);
    }

    [Fact]
    public void New_NeverUsesTheLettersILOU()
    {
        var characters = string.Concat(Enumerable.Range(0, 10_000).Select(_ => Reference.New()));

        Assert.DoesNotContain(characters, c => c is 'I' or 'L' or 'O' or 'U');
    }

    [Fact]
    public void New_UsesOnlyDigitsAndUppercaseLetters()
    {
        var characters = string.Concat(Enumerable.Range(0, 10_000).Select(_ => Reference.New()));

        Assert.All(characters, c => Assert.True(char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c), $"'{c}'"));
    }

    [Fact]
    public void New_Gives10000DistinctReferences()
    {
        var references = Enumerable.Range(0, 10_000).Select(_ => Reference.New()).ToList();

        Assert.Equal(10_000, references.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Display_SplitsTheTwelveCharactersInOrder()
    {
        var shown = Reference.Display("ABCD23456789");

        Assert.Equal("ABCD-2345-6789", shown);
    }
}
