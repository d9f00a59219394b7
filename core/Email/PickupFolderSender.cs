using System.Text;
using Microsoft.Extensions.Options;

namespace Solidaire.Core.Email;

/// <summary>
/// Local stand-in for SendGrid: each email becomes {messageId}.eml in the pickup folder. Named by
/// message id, so sending a message again rewrites the same file instead of adding a copy.
/// </summary>
public sealed class PickupFolderSender(IOptions<EmailOptions> options, TimeProvider time) : IEmailSender
{
    public string Folder { get; } = Path.GetFullPath(options.Value.PickupFolder);

    public async Task<SendOutcome> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var content = EmlFile.Write(email, options.Value.FromAddress, options.Value.FromName, time.GetUtcNow());
        var path = Path.Combine(Folder, email.MessageId + ".eml");
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, content, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
        return new SendOutcome.Sent();
    }
}
