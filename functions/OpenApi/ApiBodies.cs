using Microsoft.OpenApi;
using Solidaire.Core.Complaints;
using Solidaire.Core.Contracts;
using Solidaire.Core.Engagements;
using Solidaire.Core.Feedback;
using Solidaire.Core.Intake;
using Solidaire.Core.Sessions;
using Solidaire.Core.Staff;
using static Solidaire.Functions.OpenApi.ApiSchemas;

namespace Solidaire.Functions.OpenApi;

/// <summary>
/// The request bodies, as their parsers in core read them: every limit is the parser's own constant,
/// every list of values the one the parser checks against.
/// </summary>
internal static class ApiBodies
{
    private static readonly string[] Languages = [.. IntakeForm.Languages.Order(StringComparer.Ordinal)];

    /// <summary><see cref="IntakeForm.Parse"/>.</summary>
    public static OpenApiSchema Intake() => Object(
        new("firstName", Name()),
        new("lastName", Name()),
        new("email", EmailAddress()),
        Field.Optional("phone", Text(IntakeForm.MaxPhone, description: "Digits, spaces, + ( ) . - and at least 5 digits.", pattern: @"^[0-9 +().\-]+$")),
        new("role", OneOf(IntakeForm.Roles.Keys, "Executives and managers are served first (charter §2).")),
        Field.Optional("organisation", Text(IntakeForm.MaxOrganisation)),
        new("situation", Text(IntakeForm.MaxSituation, IntakeForm.MinSituation, "What is happening, in the person's own words.", multiline: true)),
        new("preferredLanguage", OneOf(Languages)),
        Field.Optional("availability", Text(IntakeForm.MaxAvailability, multiline: true)),
        new("consentToProcessing", MustBeTrue("Consent to the processing of this request's data.")),
        new("acknowledgesNotTherapy", MustBeTrue("Acknowledges that coaching is not therapy (charter §3.1).")),
        Field.Optional("website", Text(IntakeForm.MaxHoneypot, description: "Left empty by people: a field only robots fill in.")),
        new("formDurationMs", Whole(0, description: "How long the form was open, in milliseconds.")));

    /// <summary><see cref="ComplaintForm.Parse"/>.</summary>
    public static OpenApiSchema Complaint() => Object(
        new("description", Text(ComplaintForm.MaxDescription, ComplaintForm.MinDescription, "What happened.", multiline: true)),
        Field.Optional("memberName", Text(ComplaintForm.MaxMemberName, description: "The member concerned, if known.")),
        Field.Optional("engagementReference", Text(ComplaintForm.MaxEngagementReference, description: "A reference as our emails give it.", pattern: ComplaintForm.ReferencePattern)),
        new("contactEmail", EmailAddress()),
        new("preferredLanguage", OneOf(Languages)));

    /// <summary><see cref="Core.Erasure.ErasureRequestForm.Parse"/> and <see cref="StaffForms.SignIn"/>.</summary>
    public static OpenApiSchema EmailOnly() => Object(new Field("email", EmailAddress()));

    /// <summary><see cref="Signature.Parse"/>: shapes only; the amount's range and the name are judged against the contract.</summary>
    public static OpenApiSchema Signature() => Object(
        new("counterpart", new OpenApiSchema
        {
            Description = "What the client gives in return, chosen by them alone (charter §2): an amount from 1 € to the coach's usual total, or a described exchange.",
            OneOf =
            [
                Object(new("kind", OneOf(["financial"])), new("amountEur", Euros(ContractIssueForm.MaxPricePerSessionEur * ContractTemplate.MaxSessions, min: 1m))),
                Object(new("kind", OneOf(["non_financial"])), new("description", Text(Core.Contracts.Signature.MaxDescription, Core.Contracts.Signature.MinDescription, multiline: true))),
            ],
        }),
        new("understood", MustBeTrue("The client confirms they understood the terms (charter §3.3).")),
        new("supervisionConsent", Boolean("Yes or no to the situation being discussed anonymously in supervision (charter §3.14).")),
        new("signatureName", Text(Core.Contracts.Signature.MaxSignatureName, description: "The client's first and last names, as in their request.")),
        new("sha256", Sha256("The SHA-256 of the contract text the client read.")));

    /// <summary><see cref="FeedbackForm.Parse"/>.</summary>
    public static OpenApiSchema Feedback() => Object(
        new("listened", Rating()),
        new("steppedBack", Rating()),
        new("wouldRecommend", Rating()),
        Field.Optional("comment", Text(FeedbackForm.MaxComment, multiline: true)));

    /// <summary><see cref="StaffForms.AccessToken"/>.</summary>
    public static OpenApiSchema AccessToken() => Object(new Field("token", Text(StaffForms.MaxToken, description: "The token of the emailed sign-in link.")));

    /// <summary><see cref="StaffForms.Invitation"/>.</summary>
    public static OpenApiSchema Invitation() => Object(new("email", EmailAddress()), new("displayName", Name()));

    /// <summary><see cref="StaffForms.Profile"/>.</summary>
    public static OpenApiSchema Profile() => Object(
        new("displayName", Name()),
        new("languages", List(OneOf(Languages), 1, StaffForms.MaxLanguages)),
        new("certification", OneOf(Certifications.All, "Certified, or in training (charter §3.9).")),
        Field.Optional("certifyingBody", Text(StaffForms.MaxProfileText)),
        new("supervisor", Text(StaffForms.MaxProfileText, description: "A supervisor or peer group (charter §3.14).")),
        Field.Optional("insurance", Text(StaffForms.MaxProfileText)));

    /// <summary><see cref="StaffForms.CharterSignature"/>.</summary>
    public static OpenApiSchema CharterSignature() => Object(new Field("charterSha256", Sha256("The SHA-256 of the charter in force, as read.")));

    /// <summary><see cref="StaffForms.Assignment"/>.</summary>
    public static OpenApiSchema Assignment() => Object(new Field("coachId", Text(StaffForms.MaxMemberId)));

    /// <summary><see cref="StaffForms.Decline"/>.</summary>
    public static OpenApiSchema Decline() => Object(
        new("reason", Text(StaffForms.MaxReason, multiline: true)),
        Field.Optional("referral", Text(StaffForms.MaxReason, description: "Where the person may turn instead.", multiline: true)));

    /// <summary><see cref="StaffForms.Confirmation"/>.</summary>
    public static OpenApiSchema Confirmation() => Object(new Field("noConflictDeclared",
        Boolean("The coach declares no prior personal or business relationship with this person (charter §3.18); false is refused.")));

    /// <summary><see cref="StaffForms.Refusal"/>.</summary>
    public static OpenApiSchema Refusal() => Object(new Field("reason", Text(StaffForms.MaxReason, multiline: true)));

    /// <summary><see cref="StaffForms.ComplaintClosure"/>.</summary>
    public static OpenApiSchema ComplaintClosure() => Object(new Field("resolution", Text(StaffForms.MaxResolution, multiline: true)));

    /// <summary><see cref="ContractIssueForm.Parse"/>.</summary>
    public static OpenApiSchema ContractIssue() => Object(
        new("sessionsPlanned", Whole(1, ContractTemplate.MaxSessions, "Sessions planned (charter §3.5).")),
        Field.Optional("format", OneOf(SessionFormats.All, $"How the sessions take place; {SessionFormats.Default} when absent (charter §3.15).")),
        new("usualPricePerSessionEur", Euros(ContractIssueForm.MaxPricePerSessionEur, above: 0m, description: "The coach's usual price for one session, shown to the client (charter §2).")),
        Field.Optional("message", Text(ContractIssueForm.MaxMessage, description: "The coach's own words to the client.", multiline: true)));

    /// <summary><see cref="SessionForm.Parse"/>.</summary>
    public static OpenApiSchema Session() => Object(
        new("date", new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Format = "date-time",
            Description = "The session's start with its UTC offset, e.g. 2026-12-03T14:00+01:00; seconds are dropped.",
        }),
        new("durationMinutes", Whole(SessionForm.MinDurationMinutes, SessionForm.MaxDurationMinutes)),
        new("medium", OneOf(SessionFormats.All, "Charter §3.15.")),
        Field.Optional("notes", Text(SessionForm.MaxNotes, description: "Private notes only this coach reads.", multiline: true)));

    /// <summary><see cref="ClosureForm.Parse"/>.</summary>
    public static OpenApiSchema Closure() => Object(
        new("outcome", OneOf(EngagementOutcomes.ByCoach)),
        Field.Optional("referral", Object(
            new("to", OneOf([Referral.Collective, Referral.External], "Another coach of the collective, or an outside professional.")),
            Field.Optional("professional", Text(Referral.MaxProfessional, description: "The kind of professional; required when to is external.")))
            .Described("Required when the outcome is referred, refused otherwise.")));

    private static OpenApiSchema Rating() => Whole(FeedbackForm.MinRating, FeedbackForm.MaxRating);

    private static OpenApiSchema Sha256(string description) =>
        Text(StaffForms.Sha256Length, StaffForms.Sha256Length, description, $"^[0-9a-f]{{{StaffForms.Sha256Length}}}$");
}
