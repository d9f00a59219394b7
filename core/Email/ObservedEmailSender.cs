using System.Diagnostics;
using Solidaire.Core.Telemetry;

namespace Solidaire.Core.Email;

/// <summary>
/// Wraps the provider every email leaves through (outbox emails and the links that are sent, never
/// stored): each attempt gets its span, in the trace of the request that caused the email, and is
/// counted once by its outcome. Kinds of failure only, never the provider's text or the recipient.
/// </summary>
public sealed class ObservedEmailSender(IEmailSender inner) : IEmailSender
{
    /// <summary>The provider itself (SendGrid, or the pickup folder).</summary>
    public IEmailSender Inner => inner;

    public async Task<SendOutcome> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        using var activity = Correlation.StartCausedBy(SolidaireTelemetry.Spans.EmailSend, email.TraceParent, ActivityKind.Client);
        activity?.SetTag(SolidaireTelemetry.Tags.EmailKind, email.Kind).SetTag(SolidaireTelemetry.Tags.EmailMessageId, email.MessageId);
        SendOutcome outcome;
        try
        {
            outcome = await inner.SendAsync(email, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Record(activity, BusinessCounters.FailureReasons.Transient, e.GetType().Name);
            throw;
        }
        Record(activity, ReasonOf(outcome), null);
        return outcome;
    }

    /// <summary>The <c>reason</c> of a failed attempt; null when it was sent.</summary>
    private static string? ReasonOf(SendOutcome outcome) => outcome switch
    {
        SendOutcome.Sent => null,
        SendOutcome.Permanent => BusinessCounters.FailureReasons.Permanent,
        SendOutcome.ConfigurationFault => BusinessCounters.FailureReasons.Configuration,
        _ => BusinessCounters.FailureReasons.Transient,
    };

    private static void Record(Activity? activity, string? reason, string? exceptionType)
    {
        if (reason is null)
            BusinessCounters.EmailSent();
        else
            BusinessCounters.EmailFailed(reason);
        activity?.SetTag(SolidaireTelemetry.Tags.EmailOutcome, reason ?? "sent");
        if (exceptionType is not null)
            activity?.SetTag(SolidaireTelemetry.Tags.ExceptionType, exceptionType);
        if (reason is not null)
            activity?.SetStatus(ActivityStatusCode.Error, reason);
    }
}
