using Azure.Data.Tables;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Feedback;

/// <summary>
/// The Feedback table: numbers only, one partition per coach (their aggregate is one read), one row
/// per answer keyed by the answer's random <see cref="FeedbackAnswer.IndexId"/>: no comment, no date
/// of its own, nothing that leads back to the client. Written after the answer committed, by a
/// deadline recorded before it, so it can lag but never miss one; writing it twice writes one row.
/// It outlives the client's dossier: the anonymous counts are what stays after destruction (rule 10).
/// </summary>
public sealed class FeedbackIndex(Tables tables, IDossierStore dossiers) : IDeadlineHandler
{
    /// <summary>"Copy this answer's numbers into the index": subject = "intakeId|engagementId".</summary>
    public static readonly DeadlineKind Index = new("feedback.index", DeadlineLane.Prompt);

    public DeadlineKind Kind => Index;

    private TableClient Table => tables.Get(Tables.Feedback);

    public static Deadline NewDeadline(DateTimeOffset due, DossierId dossier, string intakeId, string engagementId) =>
        Deadline.New(Index, due, dossier.PartitionKey, intakeId + "|" + engagementId);

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var dossier = DossierId.Parse(deadline.Dossier);
        var ids = deadline.Subject.Split('|');
        var key = FeedbackAnswer.RowKeyOf(ids[0], ids[1]);
        var snapshot = await dossiers.LoadAsync(dossier, [new RowSelector.Exact(key)], cancellationToken).ConfigureAwait(false);
        // No answer: the request that recorded this deadline lost its race, or was refused.
        if (snapshot.Find(key) is { } row)
            await WriteAsync(FeedbackAnswer.From(row), cancellationToken).ConfigureAwait(false);
        return DeadlineResult.Done;
    }

    /// <summary>Writes the answer's numbers. Idempotent.</summary>
    public async Task WriteAsync(FeedbackAnswer answer, CancellationToken cancellationToken)
    {
        var row = new TableEntity(answer.CoachId, answer.IndexId)
        {
            [nameof(FeedbackRatings.Listened)] = answer.Ratings.Listened,
            [nameof(FeedbackRatings.SteppedBack)] = answer.Ratings.SteppedBack,
            [nameof(FeedbackRatings.WouldRecommend)] = answer.Ratings.WouldRecommend,
        };
        // Replace: the row is this answer's numbers, whichever of the request or the runner writes them.
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One coach's answers' numbers. One read.</summary>
    public Task<IReadOnlyList<FeedbackRatings>> OfCoachAsync(string coachId, CancellationToken cancellationToken) =>
        ReadAsync(TableClient.CreateQueryFilter($"PartitionKey eq {coachId}"), cancellationToken);

    /// <summary>The whole collective's answers' numbers (one read a thousand answers).</summary>
    public Task<IReadOnlyList<FeedbackRatings>> AllAsync(CancellationToken cancellationToken) => ReadAsync(null, cancellationToken);

    private async Task<IReadOnlyList<FeedbackRatings>> ReadAsync(string? filter, CancellationToken cancellationToken)
    {
        var list = new List<FeedbackRatings>();
        string[] columns = [nameof(FeedbackRatings.Listened), nameof(FeedbackRatings.SteppedBack), nameof(FeedbackRatings.WouldRecommend)];
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(new FeedbackRatings(e.GetInt32(columns[0]) ?? 0, e.GetInt32(columns[1]) ?? 0, e.GetInt32(columns[2]) ?? 0));
        return list;
    }
}
