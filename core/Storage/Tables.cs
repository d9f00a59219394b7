using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace Solidaire.Core.Storage;

/// <summary>The tables Solidaire uses, all from one account and one client pipeline.</summary>
public sealed class Tables
{
    /// <summary>Client dossiers: one partition per client (keyed hash of the email), holding the
    /// intakes, their data keys, their pending emails and duplicate markers.</summary>
    public const string Dossiers = "Dossiers";

    /// <summary>Durable deadlines of every kind, in one partition ordered by lane and due time (see Deadlines/).</summary>
    public const string Deadlines = "Deadlines";

    /// <summary>The coordinators' queue of intakes waiting for triage.</summary>
    public const string IntakeQueue = "IntakeQueue";

    /// <summary>Engagements by coach: a coach's list, and the open engagements by organisation (§3.20). No personal data.</summary>
    public const string Engagements = "Engagements";

    /// <summary>Clients' feedback by coach (§5.9): the three ratings of each answer, nothing else (no comment, no id of the client).</summary>
    public const string Feedback = "Feedback";

    /// <summary>What remains of destroyed subjects: one entry per destruction (kind, day, counts), no personal data, no id of the subject.</summary>
    public const string Destructions = "Destructions";

    /// <summary>Anonymous monthly counts (intakes by role, engagements by outcome, sessions, counterparts): no personal data, no id of anyone.</summary>
    public const string Statistics = "Statistics";

    public static readonly IReadOnlyList<string> All = [Dossiers, Deadlines, IntakeQueue, Engagements, Feedback, Destructions, Statistics];

    private readonly string _prefix;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Table, string Partition), GroupCommit> _groups = new();

    public Tables(IOptions<StorageOptions> options, StorageRequestCounter counter)
    {
        var o = options.Value;
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        // Fail over quickly: a request waits on the caller, and the timer jobs catch up anyway.
        clientOptions.Retry.MaxRetries = 3;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);

        Service = o.TableServiceUri is { } uri
            ? new TableServiceClient(uri, new DefaultAzureCredential(), clientOptions)
            : new TableServiceClient(o.ConnectionString, clientOptions);
        _prefix = o.TablePrefix;
    }

    public TableServiceClient Service { get; }

    public TableClient Get(string logicalName) => Service.GetTableClient(_prefix + logicalName);

    /// <summary>The one <see cref="GroupCommit"/> of a hot partition: this process's writers to it share transactions.</summary>
    public GroupCommit Grouped(string logicalName, string partitionKey) =>
        _groups.GetOrAdd((logicalName, partitionKey), key => new GroupCommit(Get(key.Table)));

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var name in All)
            await Get(name).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True for a storage failure a caller can do nothing about but wait (network, 5xx, throttling).</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        RequestFailedException { Status: 404, ErrorCode: "TableNotFound" } => true,
        AggregateException { InnerExceptions: var inner } => inner.All(IsUnavailable),
        HttpRequestException or TimeoutException => true,
        _ => false,
    };
}
