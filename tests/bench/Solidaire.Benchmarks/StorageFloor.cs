using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace Solidaire.Benchmarks;

internal static partial class ThroughputMode
{
    /// <summary>
    /// The floor under the intake figure: what the same Azurite costs for an intake's storage alone, with no
    /// app, so a ratio below the goal can be told apart as the app's cost or the storage's. An intake's rows
    /// are written straight with Azure.Data.Tables, shaped as the app writes them (a real intake, listed table
    /// by table): 5 deadlines added in the one deadlines partition; the dossier's transaction (data key, intake,
    /// two sealed emails, a duplicate marker) in a new partition; the two emails recorded sent; the queue row;
    /// 2 deadlines settled. That is <see cref="StepRequests"/> requests and <see cref="EntityOperations"/>
    /// entity operations. Step by step, each intake on its own: the app does the same, except that it shares
    /// deadline and queue requests between intakes of the same moment, which this does not. Then as many
    /// entity operations in one transaction: the best batching any design with these rows could have.
    /// </summary>
    private static async Task FloorAsync(string connectionString, int operations, RawInserts raw, double appRatio)
    {
        Bench.Progress($"storage floor at {GoalClients} clients: raw inserts, an intake's rows step by step, in one transaction, raw inserts again");
        var floor = await IntakeRowsStraight.CreateAsync(connectionString, raw.Strings);
        await floor.StepByStepAsync(WarmUpOperations, WarmUpClients);
        await floor.OneTransactionAsync(WarmUpOperations, WarmUpClients);
        var before = await raw.RunAsync(operations * RawPerOperation, GoalClients);
        var steps = await floor.StepByStepAsync(operations, GoalClients);
        var together = await floor.OneTransactionAsync(operations, GoalClients);
        var after = await raw.RunAsync(operations * RawPerOperation, GoalClients);
        // The baseline on both sides of what it is compared with, so a drift of the machine weighs on both.
        var baseline = new Phase(before.Operations + after.Operations, before.Seconds + after.Seconds, [.. before.LatenciesMs, .. after.LatenciesMs]);

        Console.WriteLine($"storage floor: an intake's rows written straight into the same Azurite, no app ({IntakeRowsStraight.StepRequests} requests, " +
            $"{IntakeRowsStraight.EntityOperations} entity operations per intake, shaped as the app's); raw inserts before and after, together the baseline");
        TableHeader();
        Row(GoalClients, "raw insert (before + after)", baseline, null);
        Row(GoalClients, "intake rows, step by step", steps, baseline);
        Row(GoalClients, "intake rows, one transaction", together, baseline);
        Console.WriteLine($"floor: at {GoalClients} clients an intake's storage alone reaches {steps.PerSecond / baseline.PerSecond:0.000} × raw step by step " +
            $"and {together.PerSecond / baseline.PerSecond:0.000} × raw in one transaction; the app's intake, all emails sent, reached {appRatio:0.000} × raw above");
    }

    private sealed class IntakeRowsStraight
    {
        public const int StepRequests = 5;
        public const int EntityOperations = 15;

        private readonly TableClient _deadlines;
        private readonly TableClient _dossiers;
        private readonly TableClient _queue;
        private readonly IReadOnlyDictionary<string, string> _intakeStrings;
        private long _n;

        private IntakeRowsStraight(TableClient deadlines, TableClient dossiers, TableClient queue, IReadOnlyDictionary<string, string> intakeStrings)
        {
            _deadlines = deadlines;
            _dossiers = dossiers;
            _queue = queue;
            _intakeStrings = intakeStrings;
        }

        public static async Task<IntakeRowsStraight> CreateAsync(string connectionString, IReadOnlyDictionary<string, string> intakeStrings)
        {
            var run = Guid.NewGuid().ToString("N")[..8];
            TableClient Table(string name) => new(connectionString, $"benchfloor{name}{run}");
            var floor = new IntakeRowsStraight(Table("deadlines"), Table("dossiers"), Table("queue"), intakeStrings);
            foreach (var table in new[] { floor._deadlines, floor._dossiers, floor._queue })
                await table.CreateIfNotExistsAsync();
            return floor;
        }

        public Task<Phase> StepByStepAsync(int operations, int clients) =>
            AnsweredAsync(operations, clients, async (_, cancellationToken) =>
            {
                var (n, dossier) = Next();
                var deadlines = Deadlines(n);
                await _deadlines.SubmitTransactionAsync(deadlines.Select(d => new TableTransactionAction(TableTransactionActionType.Add, d)), cancellationToken);
                await _dossiers.SubmitTransactionAsync(DossierRows(dossier, n).Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
                await _dossiers.SubmitTransactionAsync(
                    EmailRowKeys(n).Select(key => new TableTransactionAction(TableTransactionActionType.UpdateMerge, Sent(dossier, key), ETag.All)), cancellationToken);
                await _queue.AddEntityAsync(QueueRow(dossier, n), cancellationToken);
                await _deadlines.SubmitTransactionAsync(
                    deadlines.Take(2).Select(d => new TableTransactionAction(TableTransactionActionType.Delete, d, ETag.All)), cancellationToken);
                return null;
            });

        public Task<Phase> OneTransactionAsync(int operations, int clients) =>
            AnsweredAsync(operations, clients, async (_, cancellationToken) =>
            {
                var (n, dossier) = Next();
                // As many entity operations, each an add of a row of the same size, all in the dossier's partition
                // (a transaction holds one partition, and cannot both add and delete a row): the deadlines (twice
                // the two settled), the dossier's rows, the queue row, the two "sent" records.
                var deadlines = Deadlines(n);
                var rows = deadlines.Concat(deadlines.Take(2).Select(d => new TableEntity(d) { RowKey = d.RowKey + "|settled" }))
                    .Concat(DossierRows(dossier, n))
                    .Append(QueueRow(dossier, n))
                    .Select(r => new TableEntity(r) { PartitionKey = dossier })
                    .Concat(EmailRowKeys(n).Select(key => Sent(dossier, "sent|" + key)))
                    .Select(r => new TableTransactionAction(TableTransactionActionType.Add, r))
                    .ToList();
                await _dossiers.SubmitTransactionAsync(rows, cancellationToken);
                return null;
            });

        private (long N, string Dossier) Next() => (Interlocked.Increment(ref _n), "c" + Guid.NewGuid().ToString("N"));

        private static string[] EmailRowKeys(long n) => [$"outbox|{n:D8}|ack", $"outbox|{n:D8}|notice"];

        private static TableEntity Sent(string dossier, string rowKey) => new(dossier, rowKey) { ["State"] = "sent", ["SentAt"] = DateTimeOffset.UtcNow };

        private static List<TableEntity> Deadlines(long n)
        {
            var now = DateTimeOffset.UtcNow;
            return new[] { "dispatch", "email-purge", "queue-index", "destroy", "count" }
                .Select((kind, i) => new TableEntity("deadlines", $"retention|{now.AddMinutes(i):yyyyMMddHHmmssfff}|{n:D8}-{i}")
                {
                    ["Kind"] = kind,
                    ["Due"] = now.AddMinutes(i),
                    ["Subject"] = Sealed(48),
                    ["Attempts"] = 0,
                })
                .ToList();
        }

        private IEnumerable<TableEntity> DossierRows(string dossier, long n)
        {
            var intake = new TableEntity(dossier, $"intake|{n:D8}") { ["CreatedAt"] = DateTimeOffset.UtcNow, ["Urgent"] = false };
            foreach (var (name, value) in _intakeStrings)
                intake[name] = value;
            var keys = EmailRowKeys(n);
            return
            [
                new TableEntity(dossier, $"key|{n:D8}") { ["WrappedKey"] = Sealed(32), ["KeyId"] = "local" },
                intake,
                new TableEntity(dossier, keys[0]) { ["To"] = Sealed(32), ["Subject"] = Sealed(80), ["Body"] = Sealed(3000), ["State"] = "pending" },
                new TableEntity(dossier, keys[1]) { ["To"] = Sealed(32), ["Subject"] = Sealed(80), ["Body"] = Sealed(1200), ["State"] = "pending" },
                new TableEntity(dossier, "dedup|content|" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16))) { ["IntakeId"] = n.ToString(CultureInfo.InvariantCulture) },
            ];
        }

        private static TableEntity QueueRow(string dossier, long n) => new("queue", $"10|{n:D19}")
        {
            ["Reference"] = n.ToString("D12", CultureInfo.InvariantCulture),
            ["Dossier"] = dossier,
            ["Role"] = "manager",
            ["Urgent"] = false,
            ["HasPriority"] = true,
            ["ArrivedAt"] = DateTimeOffset.UtcNow,
        };
    }
}
