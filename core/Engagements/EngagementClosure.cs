using System.Text.Json;
using Microsoft.Extensions.Options;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Forms;
using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Retention;
using Solidaire.Core.Staff;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Engagements;

/// <summary>Where a referred client goes: another coach of the collective (a coordinator assigns one), or an outside professional of some kind (§3.1, §3.7, §5.1).</summary>
public sealed record Referral(string To, string? Professional)
{
    public const string Collective = "collective";
    public const string External = "external";
    public const int MaxProfessional = 120;
}

/// <summary>How the coach closes an engagement: its outcome and, for a referral, where to.</summary>
public sealed record ClosureForm(string Outcome, Referral? Referral)
{
    private static readonly HashSet<string> Fields = ["outcome", "referral"];
    private static readonly HashSet<string> ReferralFields = ["to", "professional"];

    public static Outcome<ClosureForm> Parse(JsonElement body)
    {
        var errors = new FieldErrors();
        if (!FormFields.OnlyKnownFields(body, Fields, errors))
            return errors.ToFailure();
        string outcome = "";
        if (!body.TryGetProperty("outcome", out var o) || o.ValueKind != JsonValueKind.String || !EngagementOutcomes.ByCoach.Contains(o.GetString()))
            errors.Add("outcome", "Must be one of: " + string.Join(", ", EngagementOutcomes.ByCoach) + ".");
        else
            outcome = o.GetString()!;
        Referral? referral = null;
        var given = body.TryGetProperty("referral", out var r) && r.ValueKind != JsonValueKind.Null;
        if (outcome == EngagementOutcomes.Referred && !given)
            errors.Add("referral", "Required for a referral: { \"to\": \"collective\" } for another coach of the collective, or { \"to\": \"external\", \"professional\": \"…\" } with the kind of professional.");
        else if (given && outcome is not (EngagementOutcomes.Referred or ""))
            errors.Add("referral", "Only a referral has one.");
        else if (given)
        {
            if (r.ValueKind != JsonValueKind.Object)
                errors.Add("referral", "Must be an object: { \"to\": \"collective\" | \"external\", \"professional\"?: \"…\" }.");
            else
            {
                var inner = new FieldErrors();
                if (FormFields.OnlyKnownFields(r, ReferralFields, inner))
                {
                    var to = r.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    var professional = FormFields.Text(r, "professional", inner, required: to == Referral.External, max: Referral.MaxProfessional, multiline: false);
                    if (to is not (Referral.Collective or Referral.External))
                        inner.Add("to", "Must be collective or external.");
                    else if (to == Referral.Collective && professional is not null)
                        inner.Add("professional", "Only for a referral outside the collective.");
                    referral = new Referral(to ?? "", professional);
                }
                foreach (var (field, messages) in inner.ToDictionary())
                    foreach (var message in messages)
                        errors.Add("referral." + field, message);
            }
        }
        return errors.Any ? errors.ToFailure() : Outcome<ClosureForm>.Ok(new ClosureForm(outcome, referral));
    }
}

/// <summary>The kinds of email closure sends.</summary>
public static class ClosureEmails
{
    public const string Thanks = "closure-thanks";
}

/// <summary>
/// The coach closes their engagement (§3.21–3.23, §5.1, §5.2, §5.9): with its outcome, in one
/// transaction guarded by the engagement's ETag. The client is thanked and asked for feedback; the
/// retention clock starts (<see cref="EngagementClosing"/>); a referral within the collective puts
/// the intake back in the coordinators' queue, the client keeping only what is left of the charter's 4.
/// </summary>
public sealed class EngagementClosure(
    IDossierStore dossiers,
    IDeadlineStore deadlines,
    IntakeQueue queue,
    EngagementIndex index,
    PersonalDataProtector protector,
    ChangeEmailSender emails,
    HeldWork held,
    Feedback.FeedbackLinks feedbackLinks,
    IOptions<RetentionOptions> retention,
    IOptions<Configuration.SiteOptions> site,
    TimeProvider time)
{
    /// <summary>
    /// Table Storage requests of a closure on its request path, at most (asserted in the integration
    /// tests, printed by the benchmark): the engagement's rows read, its deadlines written, one transaction.
    /// The thank-you email and the index are sent and written after the answer, off the request path.
    /// </summary>
    public const int RoundTrips = 3;

    public static readonly Failure NotActive = new(FailureKind.Conflict, "engagement_not_active", "Only an engagement its coach has confirmed can be closed.");

    public async Task<Outcome<Engagement>> CloseAsync(StaffMember actor, string engagementApiId, ClosureForm form, CancellationToken cancellationToken)
    {
        if (!StaffIds.TryEngagement(engagementApiId, out var dossier, out var intakeId, out var engagementId))
            return EngagementState.NotFound;
        var unit = new RetentionUnit(dossier, intakeId);
        var change = emails.Start(unit);
        var now = time.GetUtcNow();
        var requeue = form.Referral?.To == Referral.Collective;
        var indexing = EngagementIndex.NewDeadline(change.Dispatch.Due, dossier, intakeId, engagementId);
        IReadOnlyList<Deadline>? scheduled = null;
        var superseded = new List<Deadline>();
        EngagementClosing.Closed? closed = null;
        var outcome = await OptimisticConcurrency.RunAsync<Engagement>(dossiers, dossier, EngagementState.Selectors(intakeId), snapshot =>
        {
            var opened = EngagementState.ForCoach(snapshot, intakeId, engagementId, actor, protector);
            if (!opened.IsSuccess)
                return opened.Failure;
            var state = opened.Value;
            if (state.Engagement.Status != EngagementStatus.Active)
                return state.Engagement.Status == EngagementStatus.Closed ? Sessions.SessionService.EngagementClosed : NotActive;
            var transaction = new PartitionTransaction(dossier.PartitionKey);
            using var cipher = state.OpenCipher(protector);
            closed = EngagementClosing.Apply(transaction, state, form.Outcome, now, retention.Value, requeue, row =>
            {
                row["ReferralTo"] = form.Referral?.To;
                row["ReferralProfessional"] = cipher.Seal(state.Row.RowKey, "ReferralProfessional", form.Referral?.Professional);
            });
            ThankClient(change, cipher, state, actor);
            change.AppendTo(transaction);
            return new Decision<Engagement>.Commit(transaction, receipt =>
            {
                change.Committed(receipt);
                return closed.Engagement;
            });
        }, EngagementState.Contended, cancellationToken, beforeCommit: async ct =>
        {
            // Written once, before the first attempt that commits: the emails, the index, the destruction, the count.
            if (scheduled is null)
            {
                await deadlines.ScheduleAsync([.. change.Deadlines, indexing, .. closed!.Deadlines], ct).ConfigureAwait(false);
                scheduled = closed.Deadlines;
                return;
            }
            // A retry read the engagement anew (a session landed meanwhile): count what this attempt commits, once.
            var count = EngagementClosing.CountOf(closed!.Deadlines);
            var counted = EngagementClosing.CountOf(scheduled);
            if (count.Subject != counted.Subject)
            {
                await deadlines.ScheduleAsync([count], ct).ConfigureAwait(false);
                superseded.Add(counted);
                scheduled = [.. scheduled.Where(d => d != counted), count];
            }
        }).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            if (scheduled is not null)
                emails.Abandon(change, [indexing, .. scheduled, .. superseded]);
            return outcome.Failure;
        }
        if (superseded.Count > 0)
            held.Forget(superseded);
        var done = closed!;
        emails.SendAfterCommit(change, new HeldDeadline(indexing, async ct =>
        {
            await index.WriteAsync(dossier, done.Engagement, ct).ConfigureAwait(false);
            if (done.Requeued)
                await queue.IndexAsync(dossier, done.Intake, ct).ConfigureAwait(false);
            return DeadlineResult.Done;
        }));
        return outcome;
    }

    /// <summary>The client's thank-you, with the feedback link (§5.9).</summary>
    private void ThankClient(ChangeEmails change, UnitCipher cipher, EngagementState state, StaffMember coach)
    {
        var client = IntakeRow.Open(cipher, state.IntakeEntity);
        var link = feedbackLinks.NewLink(state.Unit.Dossier, state.Intake.IntakeId, state.Engagement.EngagementId, state.Engagement.CoachId);
        change.Add(cipher, ClosureEmails.Thanks, client.Email, EmailTemplates.ClosureThanks(
            state.Intake.PreferredLanguage, client.FirstName, Reference.Display(state.Intake.IntakeId), coach.DisplayName, link.Url, link.ExpiresAt, site.Value.ErasureLink));
    }
}
