using Azure.Core;
using Azure.Core.Pipeline;

namespace Solidaire.Core.Storage;

/// <summary>
/// Counts every HTTP request the Table clients send (retries included), so tests can assert how many
/// storage round trips an operation costs (DESIGN.md, storage rules).
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
