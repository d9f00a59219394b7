using Azure.Core;
using Azure.Core.Pipeline;

namespace Solidaire.Core.Storage;

/// <summary>
/// Counts every HTTP request the Table clients send (retries included), so tests can assert how many
/// storage round trips an operation costs (DESIGN.md, storage rules).
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private static readonly AsyncLocal<Scope?> Current = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message)
    {
        Interlocked.Increment(ref _count);
        if (Current.Value is { } scope)
            Interlocked.Increment(ref scope.CountField);
    }

    /// <summary>
    /// Counts, from now until disposed, only the requests of this async flow: an operation's own
    /// request path, without the work it left to run in the background (sent emails, indexes).
    /// </summary>
    public static Scope BeginScope() => Current.Value = new Scope();

    public sealed class Scope : IDisposable
    {
        internal long CountField;

        public long Count => Interlocked.Read(ref CountField);

        public void Dispose()
        {
            if (Current.Value == this)
                Current.Value = null;
        }
    }
}
