using System.Net;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Solidaire.Core.Email;

/// <summary>
/// SendGrid's v3 mail send. Each message carries its id in custom_args, so a message SendGrid
/// received can be traced. 429 answers give the wait from X-RateLimit-Reset; 5xx, timeouts and
/// network failures are transient; other 4xx are permanent. Retrying is the dispatcher's job.
/// </summary>
public sealed class SendGridSender : IEmailSender
{
    public const string MessageIdArgument = "solidaire_message_id";

    private readonly SendGridClient _client;
    private readonly EmailOptions _options;
    private readonly TimeProvider _time;

    public SendGridSender(IOptions<EmailOptions> options, IHttpClientFactory httpClients, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        var http = httpClients.CreateClient(nameof(SendGridSender));
        http.Timeout = _options.SendTimeout;
        var clientOptions = new SendGridClientOptions { ApiKey = _options.SendGridApiKey };
        if (_options.SendGridHost is { } host)
            clientOptions.Host = host.ToString().TrimEnd('/');
        _client = new SendGridClient(http, clientOptions);
    }

    public async Task<SendOutcome> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var message = MailHelper.CreateSingleEmail(
            new EmailAddress(_options.FromAddress, _options.FromName),
            new EmailAddress(email.To),
            email.Subject,
            email.Text,
            email.Html);
        message.AddCustomArg(MessageIdArgument, email.MessageId);
        message.AddHeader("Content-Language", email.Language);
        foreach (var file in email.Attachments ?? [])
            message.AddAttachment(file.FileName, Convert.ToBase64String(file.Content), file.ContentType, "attachment");

        Response response;
        try
        {
            response = await _client.SendEmailAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome.Transient("sendgrid_timeout", null);
        }
        catch (HttpRequestException)
        {
            return new SendOutcome.Transient("sendgrid_unreachable", null);
        }

        var status = (int)response.StatusCode;
        return status switch
        {
            >= 200 and < 300 => new SendOutcome.Sent(),
            (int)HttpStatusCode.TooManyRequests => new SendOutcome.Transient("sendgrid_429", ResetDelay(response)),
            >= 500 or (int)HttpStatusCode.RequestTimeout => new SendOutcome.Transient("sendgrid_" + status, null),
            (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden => new SendOutcome.ConfigurationFault("sendgrid_" + status),
            _ => new SendOutcome.Permanent("sendgrid_" + status),
        };
    }

    /// <summary>X-RateLimit-Reset is the Unix time (seconds) when sending may resume.</summary>
    private TimeSpan? ResetDelay(Response response)
    {
        if (response.Headers is not null
            && response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), out var unix))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(unix) - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return response.Headers?.RetryAfter?.Delta;
    }
}
