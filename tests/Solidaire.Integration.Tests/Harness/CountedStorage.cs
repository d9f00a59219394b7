using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Solidaire.Core.Storage;

namespace Solidaire.Integration.Tests.Harness;

/// <summary>
/// The test app's tables through a client pipeline of their own, with their own request counter: for
/// looking at storage, or running a job, without touching the app's count (its timers wake when the
/// fake clock moves).
/// </summary>
public sealed class CountedStorage(Tables tables, StorageRequestCounter counter)
{
    public Tables Tables { get; } = tables;
    public StorageRequestCounter Counter { get; } = counter;

    public static CountedStorage For(TestApp app)
    {
        var counter = new StorageRequestCounter();
        return new CountedStorage(new Tables(app.Services.GetRequiredService<IOptions<StorageOptions>>(), counter), counter);
    }

    public Task<IReadOnlyList<TableEntity>> AllAsync(string table) => StorageContents.AllAsync(Tables, table);
}
