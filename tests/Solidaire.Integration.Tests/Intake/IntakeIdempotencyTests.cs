using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Email;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Intake;

/// <summary>The same request twice, or ten times at once, is one record and one email.</summary>
public sealed class IntakeIdempotencyTests : AppTest
{

    private async Task<int> IntakeRows() => (await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|")).Count;

    private async Task<int> Acknowledgements(string email)
    {
        // Let every dispatch that can run, run: then count.
        await App.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        await Eventually.TrueAsync(async () => (await StorageContents.RowsAsync(App, Tables.Dossiers, "outbox|"))
            .All(o => o.GetString("Status") == OutboxStatus.Sent), "every recorded email is sent");
        return EmlMessage.ReadFolder(App.MailFolder).Count(m => m.To == email);
    }

    [Fact]
    public async Task SameIdempotencyKeyTwice_ReturnsTheFirstReference_OneRecordOneEmail()
    {
        var body = IntakeBodies.Valid("twice@example.org");

        var first = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(body, "key-twice-1"));
        var second = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(body, "key-twice-1"));

        Assert.Equal(first, second);
        Assert.Equal(1, await IntakeRows());
        Assert.Equal(1, await Acknowledgements("twice@example.org"));
    }

    [Fact]
    public async Task TenAtOnceWithOneIdempotencyKey_GiveOneReference_OneRecordOneEmail()
    {
        var body = IntakeBodies.Valid("ten@example.org");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => App.Client.PostAsync(body, "key-ten-at-once")));
        var references = await Task.WhenAll(responses.Select(IntakeBodies.ReferenceOf));

        Assert.Single(references.Distinct());
        Assert.Equal(1, await IntakeRows());
        Assert.Equal(1, await Acknowledgements("ten@example.org"));
    }

    [Fact]
    public async Task TenAtOnceWithoutKey_SameEmailAndSituation_GiveOneRecordOneEmail()
    {
        var body = IntakeBodies.Valid("ten-nokey@example.org");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => App.Client.PostAsync(body)));
        var references = await Task.WhenAll(responses.Select(IntakeBodies.ReferenceOf));

        Assert.Single(references.Distinct());
        Assert.Equal(1, await IntakeRows());
        Assert.Equal(1, await Acknowledgements("ten-nokey@example.org"));
    }

    [Fact]
    public async Task SameEmailAndSituation_WithinTenMinutes_ReturnsTheFirstAnswer_EvenWithAnotherKey()
    {
        var body = IntakeBodies.Valid("again@example.org");
        var first = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(body, "key-a"));
        App.Time.Advance(TimeSpan.FromMinutes(9));

        var second = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(body, "key-b"));

        Assert.Equal(first, second);
        Assert.Equal(1, await IntakeRows());
    }

    [Fact]
    public async Task SameEmailAndSituation_AfterTenMinutes_IsANewRequest()
    {
        var body = IntakeBodies.Valid("later@example.org");
        var first = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(body));
        App.Time.Advance(TimeSpan.FromMinutes(11));

        var second = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(body));

        Assert.NotEqual(first, second);
        Assert.Equal(2, await IntakeRows());
        Assert.Equal(2, await Acknowledgements("later@example.org"));
    }

    [Fact]
    public async Task SameEmailWithAnotherSituation_IsANewRequest()
    {
        var first = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("other@example.org")));

        var second = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("other@example.org", situation: "Une autre difficulté, tout à fait différente, depuis hier.")));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task IdempotencyKeyReusedForADifferentRequest_Is422()
    {
        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("reuse@example.org"), "key-reused"));
        var changed = IntakeBodies.Valid("reuse@example.org");
        changed["availability"] = "Plutôt le vendredi";

        var problem = await Problem.ReadAsync(await App.Client.PostAsync(changed, "key-reused"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, problem.Status);
        Assert.Equal("idempotency_key_reused", problem.Code);
        Assert.Equal(1, await IntakeRows());
    }

    [Fact]
    public async Task InvalidIdempotencyKey_IsAValidationProblem()
    {
        var problem = await Problem.ReadAsync(await App.Client.PostAsync(IntakeBodies.Valid("badkey@example.org"), new string('k', 201)));

        Assert.Equal("validation_failed", problem.Code);
        Assert.Contains("Idempotency-Key", problem.Errors.Keys);
    }
}
