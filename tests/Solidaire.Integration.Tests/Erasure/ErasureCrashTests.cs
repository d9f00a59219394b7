using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Storage;
using Solidaire.Functions.Standalone;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Erasure;

/// <summary>An erasure cut short (its process dies between two batches) is finished by the timer, and nothing was readable in between.</summary>
public sealed class ErasureCrashTests
{
    /// <summary>The dossiers, with one commit that fails once armed: the first deletion after the data keys' (a crash between batches).</summary>
    private sealed class CrashingStore(IDossierStore inner) : IDossierStore
    {
        public bool Armed { get; set; }

        public Task<DossierSnapshot> LoadAsync(DossierId dossier, IReadOnlyList<RowSelector> rows, CancellationToken cancellationToken) =>
            inner.LoadAsync(dossier, rows, cancellationToken);

        public Task<Outcome<CommitReceipt>> CommitAsync(PartitionTransaction transaction)
        {
            if (Armed && transaction.Actions.All(a => a.ActionType == TableTransactionActionType.Delete)
                && transaction.Actions.All(a => !a.Entity.RowKey.StartsWith("key|", StringComparison.Ordinal)))
            {
                Armed = false;
                throw new IOException("The process died.");
            }
            return inner.CommitAsync(transaction);
        }
    }

    [Fact]
    public async Task ErasureCutShortBetweenBatches_IsFinishedByTheTimer_AndNothingWasReadableInBetween()
    {
        CrashingStore? store = null;
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<IDossierStore>(sp => store = new CrashingStore(new TableDossierStore(sp.GetRequiredService<Tables>()))));
        const string client = "crash-client@example.org";
        var e = await SignedEngagement.CreateAsync(app, client, "crash-coach@example.org");
        var token = await ErasureLinks.TokenAsync(app, client);
        var dossier = DossierId.ForEmail(app.Services.GetRequiredService<PersonalDataProtector>(), client);
        async Task<IReadOnlyList<TableEntity>> Rows() => (await StorageContents.AllAsync(app, Tables.Dossiers)).Where(r => r.PartitionKey == dossier.PartitionKey).ToArray();
        store!.Armed = true;

        var answer = await ErasureLinks.JsonOf(await ErasureLinks.ConfirmAsync(app, token), HttpStatusCode.Accepted);

        Assert.Equal("in_progress", answer.GetProperty("status").GetString());
        var between = await Rows();
        Assert.Contains(between, r => r.RowKey.StartsWith("intake|", StringComparison.Ordinal)); // cut short: rows are left…
        var key = Assert.Single(between, r => r.RowKey.StartsWith("key|", StringComparison.Ordinal)); // …but no key that opens them
        Assert.Contains(between, r => r.RowKey == "contract|" + key.RowKey["key|".Length..]);
        Assert.DoesNotContain(EmlMessage.ReadFolder(app.MailFolder), m => m.To == client && m.Subject == "Vos données ont été effacées");

        app.Time.Advance(TimeSpan.FromMinutes(6)); // past the request's hold on its deadline
        var timers = app.Services.GetRequiredService<TimerScheduler>();
        await timers.RunNowAsync("DispatchOutbox", CancellationToken.None);
        await timers.RunNowAsync("DispatchOutbox", CancellationToken.None);

        Assert.All(await Rows(), r => Assert.Matches("^(key|contract|contract-event)\\|", r.RowKey));
        await EmlMessage.WaitForAsync(app.MailFolder, m => m.To == client && m.Subject == "Vos données ont été effacées");
        await EmlMessage.WaitForAsync(app.MailFolder, m => m.To == e.CoachEmail && m.Subject.Contains("a pris fin", StringComparison.Ordinal));
        var again = await Problem.ReadAsync(await ErasureLinks.ConfirmAsync(app, token));
        Assert.Equal("already_erased", again.Code);
    }
}
