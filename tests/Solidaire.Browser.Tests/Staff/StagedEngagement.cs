namespace Solidaire.Browser.Tests.Staff;

/// <summary>An engagement set up through the API: its coach, its client's address and request reference, its id.</summary>
public sealed record StagedEngagement(string CoachEmail, string CoachName, string ClientEmail, string Reference, string EngagementId);
