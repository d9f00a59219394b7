using System.ComponentModel.DataAnnotations;

namespace Solidaire.Core.Feedback;

/// <summary>Section "Feedback".</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>How long the feedback link of the thank-you sent at closure works.</summary>
    [Range(1, 365)]
    public int LinkDays { get; set; } = 30;
}
