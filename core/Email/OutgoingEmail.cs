namespace Solidaire.Core.Email;

/// <summary>An email ready to send. <see cref="MessageId"/> travels with it (SendGrid custom_args, .eml header).</summary>
public sealed record OutgoingEmail(string MessageId, string To, string Language, string Subject, string Text, string Html);

public abstract record SendOutcome
{
    public sealed record Sent : SendOutcome;

    /// <summary>Try again later; <see cref="After"/> when the provider said when.</summary>
    public sealed record Transient(string Reason, TimeSpan? After) : SendOutcome;

    /// <summary>The provider refused the message for good.</summary>
    public sealed record Permanent(string Reason) : SendOutcome;
}

/// <summary>Sends one email. Adapters: SendGrid in Azure, the pickup folder locally.</summary>
public interface IEmailSender
{
    Task<SendOutcome> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}
