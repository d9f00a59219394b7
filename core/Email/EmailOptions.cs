using System.ComponentModel.DataAnnotations;

namespace Solidaire.Core.Email;

/// <summary>Section "Email".</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    /// <summary>SendGrid API key (Key Vault in Azure). Without one, emails are written to <see cref="PickupFolder"/>.</summary>
    public string? SendGridApiKey { get; set; }

    /// <summary>SendGrid's base address; only tests point it elsewhere.</summary>
    public Uri? SendGridHost { get; set; }

    /// <summary>Where .eml files go when no SendGrid key is set (relative to the working directory).</summary>
    public string PickupFolder { get; set; } = ".mail";

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "noreply@solidaire.localhost";

    [Required]
    public string FromName { get; set; } = "Solidaire";

    /// <summary>Try to send right after the request that caused an email, not only on the dispatcher's schedule.</summary>
    public bool DispatchImmediately { get; set; } = true;

    /// <summary>Attempts before a message is recorded as failed for good.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First wait after a transient failure; doubled each attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an email waits when the provider refused the app's credentials (401/403) before it is tried again; it spends no attempt.</summary>
    public TimeSpan ConfigurationFaultRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a dispatcher holds a message it is sending before another may take it over.</summary>
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Timeout of one call to SendGrid.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ConfigurationFaultRetryDelay <= TimeSpan.Zero)
            yield return new ValidationResult("Email:ConfigurationFaultRetryDelay must be positive.");
        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
            yield return new ValidationResult("Email:FirstRetryDelay must be positive and at most Email:MaxRetryDelay.");
        if (SendLease <= SendTimeout)
            yield return new ValidationResult("Email:SendLease must be longer than Email:SendTimeout, or two dispatchers could send one message.");
    }
}
