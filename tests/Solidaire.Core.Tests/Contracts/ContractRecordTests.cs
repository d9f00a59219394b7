using System.Text.Json;
using Solidaire.Core.Contracts;

namespace Solidaire.Core.Tests.Contracts;

public sealed class ContractRecordTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void IssueForm_WithTheCoachsTerms_IsRead_VideoByDefault()
    {
        var form = ContractIssueForm.Parse(Json("""{"sessionsPlanned":3,"usualPricePerSessionEur":90,"message":"À bientôt."}"""));

        Assert.True(form.IsSuccess);
        Assert.Equal(new ContractIssueForm(3, "video", 90m, "À bientôt."), form.Value);
    }

    [Theory]
    [InlineData("""{"sessionsPlanned":0,"usualPricePerSessionEur":90}""", "sessionsPlanned")]
    [InlineData("""{"sessionsPlanned":5,"usualPricePerSessionEur":90}""", "sessionsPlanned")]
    [InlineData("""{"sessionsPlanned":2.5,"usualPricePerSessionEur":90}""", "sessionsPlanned")]
    [InlineData("""{"sessionsPlanned":2,"usualPricePerSessionEur":0}""", "usualPricePerSessionEur")]
    [InlineData("""{"sessionsPlanned":2}""", "usualPricePerSessionEur")]
    [InlineData("""{"sessionsPlanned":2,"usualPricePerSessionEur":90.005}""", "usualPricePerSessionEur")]
    [InlineData("""{"sessionsPlanned":2,"usualPricePerSessionEur":90,"format":"email"}""", "format")]
    [InlineData("""{"sessionsPlanned":2,"usualPricePerSessionEur":90,"counterpart":{"kind":"financial","amountEur":1}}""", "counterpart")]
    [InlineData("""{"sessionsPlanned":2,"usualPricePerSessionEur":90,"amountEur":1}""", "amountEur")]
    public void IssueForm_OutsideTheRules_OrSettingTheClientsContribution_IsRefused(string body, string field)
    {
        var form = ContractIssueForm.Parse(Json(body));

        Assert.False(form.IsSuccess);
        Assert.Contains(field, form.Failure!.Errors!.Keys);
    }

    [Fact]
    public void EventChain_EachHashCoversThePreviousOne_SoChangingAnEarlierEventShows()
    {
        var at = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
        var sha = new string('a', 64);
        var issued = StoredContract.ChainHash("", "issued", at, sha);
        var opened = StoredContract.ChainHash(issued, "opened", at.AddHours(1), sha);

        Assert.NotEqual(opened, StoredContract.ChainHash(StoredContract.ChainHash("", "issued", at.AddSeconds(1), sha), "opened", at.AddHours(1), sha));
        Assert.NotEqual(opened, StoredContract.ChainHash(issued, "opened", at.AddHours(1), new string('b', 64)));
        Assert.Matches("^[0-9a-f]{64}$", opened);
    }
}
