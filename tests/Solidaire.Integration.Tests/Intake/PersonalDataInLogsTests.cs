using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Email;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Intake;

public sealed class PersonalDataInLogsTests
{
    [Fact]
    public async Task IntakeAndItsEmails_LeaveNoPersonalDataInTheLogs()
    {
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(services: logs.Register);
        var body = IntakeBodies.Valid("Loggable.Person@example.org", situation: "Je suis en danger, il me frappe depuis le confinement, aidez-moi.");
        body["firstName"] = "Anatole";
        body["lastName"] = "Vermeersch";
        body["phone"] = "+33 6 55 44 33 22";

        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(body));
        await EmlMessage.WaitForAsync(app.MailFolder, m => m.To == "Loggable.Person@example.org");
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid("second@example.org"))); // and a bad one:
        await app.Client.PostAsync("/api/intakes", Json.Body("{\"firstName\":\"Anatole\",\"email\":\"Loggable.Person@example.org\"}"));

        Assert.NotEmpty(logs.Lines);
        foreach (var secret in new[] { "Anatole", "Vermeersch", "loggable.person", "55 44 33", "frappe", "confinement", "second@example.org" })
            Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }
}
