using System.Text.Json;
using Solidaire.Core.Forms;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Feedback;

/// <summary>The client's feedback as the page sends it: three ratings and an optional comment.</summary>
public sealed record FeedbackForm(FeedbackRatings Ratings, string? Comment)
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int MaxComment = 2000;

    private static readonly HashSet<string> Fields = ["listened", "steppedBack", "wouldRecommend", "comment"];

    /// <summary>Reads the body: every rating a whole number from 1 to 5, the comment free text; nothing else.</summary>
    public static Outcome<FeedbackForm> Parse(JsonElement body)
    {
        var errors = new FieldErrors();
        if (!FormFields.OnlyKnownFields(body, Fields, errors))
            return errors.ToFailure();
        var listened = Rating(body, "listened", errors);
        var steppedBack = Rating(body, "steppedBack", errors);
        var wouldRecommend = Rating(body, "wouldRecommend", errors);
        var comment = FormFields.Text(body, "comment", errors, required: false, max: MaxComment, multiline: true);
        if (errors.Any)
            return errors.ToFailure();
        return Outcome<FeedbackForm>.Ok(new FeedbackForm(new FeedbackRatings(listened!.Value, steppedBack!.Value, wouldRecommend!.Value), comment));
    }

    private static int? Rating(JsonElement body, string name, FieldErrors errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(name, $"Required: a whole number from {MinRating} to {MaxRating}.");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var rating) || rating is < MinRating or > MaxRating)
        {
            errors.Add(name, $"Must be a whole number from {MinRating} to {MaxRating}.");
            return null;
        }
        return rating;
    }
}
