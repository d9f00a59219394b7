using Solidaire.Core.Configuration;

namespace Solidaire.Core.Tests;

public sealed class SettingListTests
{
    [Theory]
    [InlineData(null, new string[0])]
    [InlineData("", new string[0])]
    [InlineData("a@x.org", new[] { "a@x.org" })]
    [InlineData(" a@x.org , b@x.org,,", new[] { "a@x.org", "b@x.org" })]
    [InlineData("a@x.org;b@x.org", new[] { "a@x.org", "b@x.org" })]
    public void Split_TrimsAndDropsEmptyEntries(string? value, string[] expected) =>
        Assert.Equal(expected, SettingList.Split(value));
}
