using System.ComponentModel.DataAnnotations;
using Solidaire.Core.Email;

namespace Solidaire.Core.Tests.Email;

public sealed class EmailOptionsTests
{
    private const string LeaseMessage = "Email:SendLease must be longer than Email:SendTimeout, or two dispatchers could send one message.";
    private const string RetryMessage = "Email:FirstRetryDelay must be positive and at most Email:MaxRetryDelay.";

    private static List<string> Validate(EmailOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }

    [Fact]
    public void Validate_WithTheDefaults_Accepts()
    {
        var messages = Validate(new EmailOptions());

        Assert.Empty(messages);
    }

    [Fact]
    public void Validate_WhenSendLeaseEqualsSendTimeout_Refuses()
    {
        var messages = Validate(new EmailOptions { SendLease = TimeSpan.FromSeconds(20), SendTimeout = TimeSpan.FromSeconds(20) });

        Assert.Equal([LeaseMessage], messages);
    }

    [Fact]
    public void Validate_WhenSendLeaseIsShorterThanSendTimeout_Refuses()
    {
        var messages = Validate(new EmailOptions { SendLease = TimeSpan.FromSeconds(10), SendTimeout = TimeSpan.FromSeconds(20) });

        Assert.Equal([LeaseMessage], messages);
    }

    [Fact]
    public void Validate_WhenSendLeaseIsJustLongerThanSendTimeout_Accepts()
    {
        var messages = Validate(new EmailOptions { SendLease = TimeSpan.FromSeconds(21), SendTimeout = TimeSpan.FromSeconds(20) });

        Assert.Empty(messages);
    }

    [Fact]
    public void Validate_WhenFirstRetryDelayIsZero_Refuses()
    {
        var messages = Validate(new EmailOptions { FirstRetryDelay = TimeSpan.Zero });

        Assert.Equal([RetryMessage], messages);
    }

    [Fact]
    public void Validate_WhenMaxRetryDelayIsShorterThanTheFirst_Refuses()
    {
        var messages = Validate(new EmailOptions { FirstRetryDelay = TimeSpan.FromMinutes(10), MaxRetryDelay = TimeSpan.FromMinutes(5) });

        Assert.Equal([RetryMessage], messages);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void Validate_WhenMaxAttemptsIsOutOfRange_RefusesIt(int maxAttempts)
    {
        var results = new List<ValidationResult>();
        var options = new EmailOptions { MaxAttempts = maxAttempts };

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.Contains(results, r => r.MemberNames.Contains(nameof(EmailOptions.MaxAttempts)));
    }
}
