namespace Solidaire.Core.Contracts;

/// <summary>
/// Everything a contract's text is made from (rule 5): the template reads nothing else, so the
/// same terms always give the same text, and the same SHA-256 for the client to sign.
/// </summary>
/// <param name="Language">"en" for English; anything else is French, the default.</param>
/// <param name="Reference">The intake's reference, as in the client's emails.</param>
/// <param name="CoachCertification">"certified" or "in_training" (<see cref="Staff.Certifications"/>, §3.9).</param>
/// <param name="CoachCertifyingBody">Who certified the coach, or whose certification they are training for, if they said.</param>
/// <param name="SessionsPlanned">1 to 4 (§3.5, §3.22).</param>
/// <param name="Format">One of <see cref="SessionFormats.All"/> (§3.15).</param>
/// <param name="UsualPricePerSessionEur">The coach's usual price per session, to the cent, more than 0 (§2 Solidaire).</param>
/// <param name="CoachMessage">The coach's own words to the client, if any; may hold several lines.</param>
/// <param name="ComplaintContact">The email address of the collective's ethics referents (§1, rule 12).</param>
/// <param name="IssuedAt">When the coach issued the contract; printed in UTC.</param>
public sealed record ContractTerms(
    string Language,
    string Reference,
    string ClientFirstName,
    string ClientLastName,
    string CoachDisplayName,
    string CoachCertification,
    string? CoachCertifyingBody,
    int SessionsPlanned,
    string Format,
    decimal UsualPricePerSessionEur,
    string? CoachMessage,
    ContractRetention Retention,
    string ComplaintContact,
    DateTimeOffset IssuedAt)
{
    /// <summary>The most a financial contribution can be: the usual price for every session planned (rule 6).</summary>
    public decimal UsualTotalEur => UsualPricePerSessionEur * SessionsPlanned;
}
