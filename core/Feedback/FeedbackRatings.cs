namespace Solidaire.Core.Feedback;

/// <summary>The three ratings of an answer, each from 1 to 5 (§5.9).</summary>
public sealed record FeedbackRatings(int Listened, int SteppedBack, int WouldRecommend);
