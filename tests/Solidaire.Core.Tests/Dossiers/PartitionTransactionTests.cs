using Azure;
using Azure.Data.Tables;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Tests.Dossiers;

/// <summary>Azure's limits on an entity-group transaction, enforced before anything is sent (Azurite does not enforce them).</summary>
public sealed class PartitionTransactionTests
{
    [Fact]
    public void AnEntityOfASecondPartition_IsRefused()
    {
        var transaction = new PartitionTransaction("c1").Add(new TableEntity("c1", "a"));

        var refused = Assert.Throws<InvalidOperationException>(() => transaction.Add(new TableEntity("c2", "b")));

        Assert.Contains("one partition", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, transaction.Count);
    }

    [Fact]
    public void AHundredActions_AreAccepted_AndTheHundredAndFirstIsRefused()
    {
        var transaction = new PartitionTransaction("c1");
        for (var i = 0; i < 100; i++)
            transaction.Add(new TableEntity("c1", $"row{i}"));

        Assert.Throws<InvalidOperationException>(() => transaction.Delete("row100", ETag.All));
        Assert.Equal(100, transaction.Count);
    }

    [Fact]
    public void MoreThanFourMebibytes_IsRefused()
    {
        var transaction = new PartitionTransaction("c1");
        var big = new string('x', 500_000); // about 1 MB as the service counts it (UTF-16)
        for (var i = 0; i < 4; i++)
            transaction.Add(new TableEntity("c1", $"row{i}") { ["Data"] = big });

        Assert.Throws<InvalidOperationException>(() => transaction.Add(new TableEntity("c1", "row4") { ["Data"] = big }));
        Assert.Equal(4, transaction.Count);
        Assert.True(transaction.EstimatedBytes <= PartitionTransaction.MaxPayloadBytes);
    }

    [Fact]
    public void EachActionKeepsItsKindAndETag_InOrder()
    {
        var etag = new ETag("W/\"1\"");
        var transaction = new PartitionTransaction("c1")
            .Add(new TableEntity("c1", "a"))
            .Replace(new TableEntity("c1", "b"), etag)
            .Delete("c", ETag.All);

        Assert.Equal(
            [TableTransactionActionType.Add, TableTransactionActionType.UpdateReplace, TableTransactionActionType.Delete],
            transaction.Actions.Select(a => a.ActionType));
        Assert.Equal(etag, transaction.Actions[1].ETag);
    }
}
