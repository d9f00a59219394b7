namespace Solidaire.Core.Email;

/// <summary>
/// An email ready to send. <see cref="MessageId"/> travels with it (SendGrid custom_args, .eml header).
/// <see cref="AttachmentReference"/> names a document made when the email is sent (never stored in
/// the outbox: a signed contract's PDF is made from the contract itself); <see cref="Attachments"/> holds it then.
/// </summary>
public sealed record OutgoingEmail(
    string MessageId, string To, string Language, string Subject, string Text, string Html,
    string? AttachmentReference = null, IReadOnlyList<EmailAttachment>? Attachments = null)
{
    /// <summary>Its kind (the outbox's, or the link it carries): what its span is tagged with, never its content.</summary>
    public string? Kind { get; init; }

    /// <summary>The trace context of the request that caused it (<see cref="Telemetry.Correlation"/>): sending it joins that trace.</summary>
    public string? TraceParent { get; init; }
}

/// <summary>A file sent with an email.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Makes the attachment an outbox email names, when it is sent. One per kind of reference ("kind|…").</summary>
public interface IAttachmentSource
{
    /// <summary>The first part of the references this source makes attachments for.</summary>
    string Kind { get; }

    /// <summary>The attachment, made from the unit's records; null when they are gone (destroyed): the email leaves without it.</summary>
    Task<EmailAttachment?> MakeAsync(Dossiers.RetentionUnit unit, string reference, string language, CancellationToken cancellationToken);
}

public abstract record SendOutcome
{
    public sealed record Sent : SendOutcome;

    /// <summary>Try again later; <see cref="After"/> when the provider said when.</summary>
    public sealed record Transient(string Reason, TimeSpan? After) : SendOutcome;

    /// <summary>The provider refused the message for good.</summary>
    public sealed record Permanent(string Reason) : SendOutcome;

    /// <summary>
    /// The provider refused the sender, not the message (SendGrid 401/403: a wrong, revoked or
    /// unresolved API key, or a sender not allowed): every email would be refused alike. The message
    /// waits without spending an attempt, and the fault is reported as the app's, loudly.
    /// </summary>
    public sealed record ConfigurationFault(string Reason) : SendOutcome;
}

/// <summary>Sends one email. Adapters: SendGrid in Azure, the pickup folder locally.</summary>
public interface IEmailSender
{
    Task<SendOutcome> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}
