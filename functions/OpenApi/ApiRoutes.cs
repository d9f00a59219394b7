using Microsoft.OpenApi;
using Solidaire.Core.Engagements;
using Solidaire.Core.Intake;
using Solidaire.Core.Statistics;
using Solidaire.Functions.Staff;

namespace Solidaire.Functions.OpenApi;

/// <summary>What a route answers when it succeeds: a status, and a body of some media type (none for a bare status).</summary>
internal sealed record ApiAnswer(int Status, string Description, string? ContentType = ApiAnswer.Json)
{
    public const string Json = "application/json";
}

/// <summary>A query string or header parameter a route reads.</summary>
internal sealed record ApiParameter(string Name, ParameterLocation In, OpenApiSchema Schema, string Description, bool Required = false);

/// <summary>
/// What the route table and the function's code do not say by themselves about one HTTP function:
/// what it is for, its body (as its parser reads it), its answer, and the problem codes its own code
/// path returns. What every route of a kind answers (a body's media type and size, a token, the
/// per-IP limit, storage, an unexpected error) is added by <see cref="ApiDocument"/> from the route.
/// </summary>
internal sealed record ApiRoute(string Function, string Summary, ApiAnswer Answer, params string[] Problems)
{
    public OpenApiSchema? Body { get; init; }
    public IReadOnlyList<ApiParameter> Parameters { get; init; } = [];
    public bool UsesStorage { get; init; } = true;
}

internal static class ApiRoutes
{
    private static ApiAnswer Ok(string description) => new(200, description);
    private static ApiAnswer Created(string description) => new(201, description);
    private static ApiAnswer Accepted(string description) => new(202, description);

    private static readonly ApiParameter[] Period =
    [
        new("from", ParameterLocation.Query, Month(), $"First month, yyyy-MM (UTC); {StatisticsPeriod.DefaultMonths} months before to when absent."),
        new("to", ParameterLocation.Query, Month(), "Last month, yyyy-MM (UTC); this month when absent."),
    ];

    private static readonly string[] SessionChange =
    [
        "forbidden", "engagement_not_found", "engagement_closed", "contract_not_signed", "session_limit_reached",
        "session_before_signature", "session_too_far_ahead", "sessions_too_close", "engagement_conflict",
    ];

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("Health", "Whether the app can serve: Table Storage answers.", Ok("Healthy, with the app's version.")),
        new("OpenApi", "This document.", Ok("The OpenAPI document of every HTTP function.")) { UsesStorage = false },
        new("RetentionPeriods", "The retention periods in force, as the privacy page states them.", Ok("Days and years per kind of record.")) { UsesStorage = false },

        new("SubmitIntake", "A request for help from the public form (charter §2, §3.1).", Accepted("Received: its reference, and whether it is flagged urgent."),
            "idempotency_key_reused", "intake_conflict")
        {
            Body = ApiBodies.Intake(),
            Parameters =
            [
                new(IdempotencyKey.Header, ParameterLocation.Header, ApiSchemas.Text(IdempotencyKey.MaxLength, pattern: "^[!-~]+$"),
                    "Sent again with the same request, the same answer; with another request, 422 idempotency_key_reused."),
            ],
        },
        new("SubmitComplaint", "A complaint about a member's conduct, to the ethics referents (charter §1, §4.8).", Accepted("Received: its reference."),
            "complaint_conflict") { Body = ApiBodies.Complaint() },
        new("RequestErasure", "Ask for one's data to be erased: a confirmation link is emailed if the address is known (GDPR art. 17).",
            Accepted("The same answer whether the address is known or not.")) { Body = ApiBodies.EmailOnly(), UsesStorage = false },

        new("ClientContract", "The contract the emailed link opens, to read before signing.", Ok("The contract's text, terms, hash and status."), "link_expired"),
        new("ClientContractSignature", "The client signs: their counterpart, their consent to supervision, their name (charter §2, §3.3, §3.14).",
            Created("Signed."), "link_expired", "already_signed", "contract_changed", "amount_below_minimum", "amount_above_maximum", "signature_name_mismatch",
            "contract_conflict") { Body = ApiBodies.Signature() },
        new("ClientFeedbackLink", "Whether the emailed feedback link can still be answered.", Ok("Its status, language and expiry."), "link_expired"),
        new("ClientFeedback", "The client's feedback on their support (charter §5.9).", Created("Recorded."),
            "link_expired", "already_answered", "feedback_conflict") { Body = ApiBodies.Feedback() },
        new("ClientErasurePreview", "What confirming the emailed erasure link will destroy, and what is kept and why.", Ok("Counts destroyed and contracts kept."),
            "link_expired", "already_erased"),
        new("ClientErasure", "Confirms the erasure.", Ok("Done: counts destroyed and contracts kept (202 while it is still under way)."),
            "link_expired", "already_erased", "erasure_in_progress"),

        new("StaffSignIn", "Ask for a sign-in link by email (sent only to active members).", new(202, "The same answer whether the address is known or not.", null))
            { Body = ApiBodies.EmailOnly() },
        new("StaffAccessToken", "Exchange the emailed sign-in link's token for an access token.", Ok("The access token, its expiry and the member's roles."),
            "invalid_token") { Body = ApiBodies.AccessToken() },
        new("StaffSignOut", "Ends every access token and unused link of the member.", new(204, "Signed out.", null), "staff_not_found", "staff_conflict"),
        new("StaffMe", "The signed-in member, and what they still miss to be assigned.", Ok("The member.")),
        new("StaffCharter", "The charter in force, to read and sign.", Ok("Its text and SHA-256.")),
        new("StaffCharterSignature", "The member signs the charter in force (charter §3.2).", Ok("The member."),
            "forbidden", "charter_outdated", "staff_not_found", "staff_conflict") { Body = ApiBodies.CharterSignature() },
        new("StaffProfile", "A coach's profile: languages, certification, supervision (charter §3.9, §3.14).", Ok("The member."),
            "forbidden", "staff_not_found", "staff_conflict") { Body = ApiBodies.Profile() },
        new("StaffCoaches", "The coaches of the collective (coordinators).", Ok("The coaches."), "forbidden"),
        new("StaffInviteCoach", "Invite a coach (coordinators).", Created("The new coach's id."), "forbidden", "already_registered", "staff_conflict")
            { Body = ApiBodies.Invitation() },
        new("StaffDeactivateCoach", "Deactivate a member (coordinators).", Ok("The member, inactive."), "forbidden", "staff_not_found", "last_coordinator", "staff_conflict"),
        new("StaffGrantReferent", "Name an ethics referent (coordinators).", Created("The referent's id and roles."), "forbidden", "already_registered", "staff_conflict")
            { Body = ApiBodies.Invitation() },

        new("StaffIntakes", "The intakes waiting for triage, priority first (coordinators).", Ok("A page of intakes and the cursor of the next."), "forbidden", "validation_failed")
        {
            Parameters =
            [
                new("status", ParameterLocation.Query, ApiSchemas.OneOf([IntakeStatus.New]), "Only the intakes waiting for triage can be listed."),
                new("cursor", ParameterLocation.Query, ApiSchemas.Text(StaffFunctions.MaxCursor), "The next page, as the previous page gave it."),
            ],
        },
        new("StaffIntake", "One intake with its contact details; the reading is recorded (coordinators).", Ok("The intake."),
            "forbidden", "intake_not_found", "concurrent_change"),
        new("StaffAssignment", "Assign a coach to an intake (coordinators; charter §3.2, §3.9, §3.14).", Created("The engagement's id."),
            "forbidden", "intake_not_found", "coach_not_assignable", "intake_closed", "already_assigned", "intake_conflict") { Body = ApiBodies.Assignment() },
        new("StaffDecline", "Decline an intake, saying where to turn instead (coordinators).", Ok("Declined."),
            "forbidden", "intake_not_found", "intake_closed", "already_assigned", "intake_conflict") { Body = ApiBodies.Decline() },
        new("StaffEngagements", "The coach's own engagements.", Ok("The engagements."), "forbidden"),
        new("StaffEngagement", "One engagement of the coach, with its contract and sessions.", Ok("The engagement."), "forbidden", "engagement_not_found"),
        new("StaffConfirmation", "The coach accepts an engagement, declaring no conflict of interest (charter §3.18).", Ok("Its new status."),
            "forbidden", "engagement_not_found", "engagement_not_proposed", "engagement_conflict") { Body = ApiBodies.Confirmation() },
        new("StaffRefusal", "The coach declines an engagement.", Ok("Its new status."),
            "forbidden", "engagement_not_found", "engagement_not_proposed", "engagement_conflict") { Body = ApiBodies.Refusal() },
        new("StaffCollectiveEngagements", "Every engagement of the collective, without client data (coordinators).", Ok("The engagements."),
            "forbidden", "validation_failed")
        {
            Parameters = [new("status", ParameterLocation.Query, ApiSchemas.OneOf(EngagementStatus.All), "Only the engagements of this status.")],
        },
        new("StaffIssueContract", "Issue (or re-issue while unsigned) the contract of an engagement (charter §3.2, §3.3).", Created("The contract's id and SHA-256."),
            "forbidden", "engagement_not_found", "engagement_not_active", "already_signed", "contract_conflict") { Body = ApiBodies.ContractIssue() },
        new("StaffRecordSession", "Record a session (1 to 4 per engagement, charter §3.5, §3.22).", Created("The session."), SessionChange)
            { Body = ApiBodies.Session() },
        new("StaffAmendSession", "Change a session.", Ok("The session."), [.. SessionChange, "session_not_found"]) { Body = ApiBodies.Session() },
        new("StaffRemoveSession", "Remove a session.", Ok("Removed."),
            "forbidden", "engagement_not_found", "session_not_found", "engagement_closed", "contract_not_signed", "engagement_conflict"),
        new("StaffCloseEngagement", "Close an engagement with its outcome (charter §3.21–3.23, §5.1).", Ok("Its new status."),
            "forbidden", "engagement_not_found", "engagement_closed", "engagement_not_active", "engagement_conflict") { Body = ApiBodies.Closure() },

        new("StaffFeedback", "Clients' feedback put together: the coach's own, the collective's for coordinators (charter §5.9).", Ok("The aggregates.")),
        new("StaffComplaints", "The complaints (ethics referents).", Ok("The complaints, without contact addresses."), "forbidden"),
        new("StaffComplaint", "One complaint (ethics referents).", Ok("The complaint."), "forbidden", "complaint_not_found"),
        new("StaffComplaintClosure", "Close a complaint with its resolution (ethics referents).", Ok("The complaint."),
            "forbidden", "complaint_not_found", "already_closed", "complaint_conflict") { Body = ApiBodies.ComplaintClosure() },
        new("StaffStatistics", "The anonymous monthly counts (coordinators).", Ok("Counts by dimension and month."), "forbidden", "invalid_period")
            { Parameters = Period },
        new("StaffStatisticsCsv", "The same counts as a CSV file.", new(200, "A CSV file to download.", "text/csv"), "forbidden", "invalid_period")
            { Parameters = Period },
    ];

    private static OpenApiSchema Month() => new() { Type = JsonSchemaType.String, Pattern = "^[0-9]{4}-[0-9]{2}$" };
}
