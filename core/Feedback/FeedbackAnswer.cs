using Azure.Data.Tables;
using Solidaire.Core.Dossiers;

namespace Solidaire.Core.Feedback;

/// <summary>
/// A client's one answer about an engagement (§5.9), in their dossier next to the engagement and in
/// the intake's retention unit (row "feedback|intakeId|engagementId"), so it is destroyed with the
/// engagement's working data. The ratings are plain numbers; the comment, the client's own words,
/// is sealed. <see cref="IndexId"/> names its anonymous copy in the Feedback index, chosen at random
/// so that nothing there leads back to the client.
/// </summary>
public sealed record FeedbackAnswer(string IntakeId, string EngagementId, string CoachId, string IndexId, FeedbackRatings Ratings, DateTimeOffset AnsweredAt)
{
    public const string Prefix = "feedback|";
    private const string Comment = nameof(Comment);

    public static string PrefixOf(string intakeId) => Prefix + intakeId + "|";

    public static string RowKeyOf(string intakeId, string engagementId) => PrefixOf(intakeId) + engagementId;

    public string RowKey => RowKeyOf(IntakeId, EngagementId);

    public TableEntity ToEntity(DossierId dossier, UnitCipher cipher, string? comment) => new(dossier.PartitionKey, RowKey)
    {
        [nameof(CoachId)] = CoachId,
        [nameof(IndexId)] = IndexId,
        [nameof(FeedbackRatings.Listened)] = Ratings.Listened,
        [nameof(FeedbackRatings.SteppedBack)] = Ratings.SteppedBack,
        [nameof(FeedbackRatings.WouldRecommend)] = Ratings.WouldRecommend,
        [nameof(AnsweredAt)] = AnsweredAt,
        [Comment] = cipher.Seal(RowKey, Comment, comment),
    };

    public static FeedbackAnswer From(TableEntity e)
    {
        var parts = e.RowKey.Split('|');
        return new FeedbackAnswer(parts[1], parts[2], e.GetString(nameof(CoachId)), e.GetString(nameof(IndexId)),
            new FeedbackRatings(e.GetInt32(nameof(FeedbackRatings.Listened)) ?? 0, e.GetInt32(nameof(FeedbackRatings.SteppedBack)) ?? 0, e.GetInt32(nameof(FeedbackRatings.WouldRecommend)) ?? 0),
            e.GetDateTimeOffset(nameof(AnsweredAt)) ?? default);
    }

    /// <summary>The client's comment, opened with the intake unit's key; null when they wrote none.</summary>
    public static string? CommentOf(UnitCipher cipher, TableEntity e) => cipher.Open(e.RowKey, Comment, e.GetString(Comment));
}
