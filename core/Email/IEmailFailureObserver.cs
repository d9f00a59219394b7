using Solidaire.Core.Dossiers;

namespace Solidaire.Core.Email;

/// <summary>Told when an email failed for good, so the feature that sent it can show it (the coordinators' queue).</summary>
public interface IEmailFailureObserver
{
    Task OnFailedAsync(RetentionUnit unit, string kind, string reason, CancellationToken cancellationToken);
}

/// <summary>Told when an email was sent, so the feature that sent it can record it (a contract's "emailed" event).</summary>
public interface IEmailSentObserver
{
    Task OnSentAsync(RetentionUnit unit, string kind, string messageId, CancellationToken cancellationToken);
}
