using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Storage;
using Solidaire.Core.Tokens;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Feedback;

/// <summary>The client's feedback through the thank-you's link (issue 10, §5.9): once per engagement, anonymous to the coach below three answers.</summary>
public sealed class FeedbackTests : AppTest
{
    private async Task<(FeedbackWorld World, string CoachId, string Token)> OneLinkAsync(string language = "fr")
    {
        var world = await FeedbackWorld.CreateAsync(App);
        var (_, coachId) = await world.CoachAsync("feedback-coach@example.org");
        var engagement = await world.EngagementAsync(coachId, language);
        return (world, coachId, FeedbackWorld.TokenOf(world.Link(engagement, coachId)));
    }

    [Fact]
    public async Task TheLink_PointsAtTheFeedbackPage_AndWorksThirtyDays()
    {
        var world = await FeedbackWorld.CreateAsync(App);
        var (_, coachId) = await world.CoachAsync("feedback-coach@example.org");
        var engagement = await world.EngagementAsync(coachId);

        var link = world.Link(engagement, coachId);

        Assert.Matches(@"^http://127\.0\.0\.1:\d+/feedback\.html#token=[A-Za-z0-9_\-\.]+$", link.Url);
        Assert.InRange(link.ExpiresAt - App.Time.GetUtcNow(), TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(30));
        Assert.DoesNotContain("@", link.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientAnswers_Once_TheCommentIsSealed_AndTheIndexHoldsNumbersOnly()
    {
        var (world, coachId, token) = await OneLinkAsync("en");
        var before = JsonDocument.Parse(await (await world.ReadAsync(token)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("open", before.GetProperty("status").GetString());
        Assert.Equal("en", before.GetProperty("language").GetString());

        var answered = await world.AnswerAsync(token, new { listened = 5, steppedBack = 3, wouldRecommend = 4, comment = "Un vrai soutien pendant la crise." });

        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        Assert.Equal("answered", JsonDocument.Parse(await (await world.ReadAsync(token)).Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        var row = Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "feedback|"));
        Assert.Equal(5, row.GetInt32("Listened"));
        Assert.Equal(3, row.GetInt32("SteppedBack"));
        Assert.Equal(4, row.GetInt32("WouldRecommend"));
        Assert.DoesNotContain("vrai soutien", await StorageContents.DumpAsync(App), StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await StorageContents.AllAsync(App, Tables.Feedback)).Count == 1, "the answer is indexed");
        var indexed = Assert.Single(await StorageContents.AllAsync(App, Tables.Feedback));
        Assert.Equal(coachId, indexed.PartitionKey);
        Assert.Equal(["Listened", "SteppedBack", "WouldRecommend"], indexed.Keys.Except(["PartitionKey", "RowKey", "Timestamp", "odata.etag"]).Order());
        Assert.DoesNotContain(row.PartitionKey, indexed.RowKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondAnswer_IsAlreadyAnswered_AndChangesNothing()
    {
        var (world, _, token) = await OneLinkAsync();
        Assert.Equal(HttpStatusCode.Created, (await world.AnswerAsync(token, FeedbackWorld.Good)).StatusCode);

        var second = await Problem.ReadAsync(await world.AnswerAsync(token, new { listened = 1, steppedBack = 1, wouldRecommend = 1 }));

        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("already_answered", second.Code);
        Assert.Equal(5, Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "feedback|")).GetInt32("Listened"));
    }

    [Theory]
    [InlineData("""{"listened":0,"steppedBack":3,"wouldRecommend":3}""", "listened")]
    [InlineData("""{"listened":6,"steppedBack":3,"wouldRecommend":3}""", "listened")]
    [InlineData("""{"listened":"5","steppedBack":3,"wouldRecommend":3}""", "listened")]
    [InlineData("""{"listened":3.5,"steppedBack":3,"wouldRecommend":3}""", "listened")]
    [InlineData("""{"listened":null,"steppedBack":3,"wouldRecommend":3}""", "listened")]
    [InlineData("""{"listened":3,"wouldRecommend":3}""", "steppedBack")]
    [InlineData("""{"listened":3,"steppedBack":-1,"wouldRecommend":3}""", "steppedBack")]
    [InlineData("""{"listened":3,"steppedBack":3,"wouldRecommend":true}""", "wouldRecommend")]
    [InlineData("""{"listened":3,"steppedBack":3,"wouldRecommend":[5]}""", "wouldRecommend")]
    [InlineData("""{"listened":3,"steppedBack":3}""", "wouldRecommend")]
    [InlineData("""{"listened":3,"steppedBack":3,"wouldRecommend":3,"comment":42}""", "comment")]
    [InlineData("""{"listened":3,"steppedBack":3,"wouldRecommend":3,"rating":5}""", "rating")]
    [InlineData("""{"listened":3,"steppedBack":3,"wouldRecommend":3,"coachId":"m1"}""", "coachId")]
    public async Task AWrongAnswer_IsRefusedWithItsFieldError_AndNothingIsStored(string body, string field)
    {
        var (world, _, token) = await OneLinkAsync();

        var problem = await Problem.ReadAsync(await world.AnswerAsync(token, body));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("validation_failed", problem.Code);
        Assert.Contains(field, problem.Errors.Keys);
        await NothingStoredAsync();
    }

    [Fact]
    public async Task NoRatingAtAll_NamesEachMissingRating()
    {
        var (world, _, token) = await OneLinkAsync();

        var problem = await Problem.ReadAsync(await world.AnswerAsync(token, "{}"));

        Assert.Equal(["listened", "steppedBack", "wouldRecommend"], problem.Errors.Keys.Order());
    }

    [Fact]
    public async Task ACommentOfTwoThousandCharacters_IsAccepted_OneMoreIsTooLong()
    {
        var (world, _, token) = await OneLinkAsync();

        var tooLong = await Problem.ReadAsync(await world.AnswerAsync(token, new { listened = 4, steppedBack = 4, wouldRecommend = 4, comment = new string('é', 2001) }));
        Assert.Equal("validation_failed", tooLong.Code);
        Assert.Contains("comment", tooLong.Errors.Keys);
        Assert.Empty(await StorageContents.RowsAsync(App, Tables.Dossiers, "feedback|"));

        Assert.Equal(HttpStatusCode.Created, (await world.AnswerAsync(token, new { listened = 4, steppedBack = 4, wouldRecommend = 4, comment = new string('é', 2000) })).StatusCode);
    }

    [Fact]
    public async Task AnExpiredLink_IsGone_BeforeAndAfterItsBodyIsRead()
    {
        var (world, _, token) = await OneLinkAsync();
        App.Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        var read = await Problem.ReadAsync(await world.ReadAsync(token));
        var answer = await Problem.ReadAsync(await world.AnswerAsync(token, FeedbackWorld.Good));

        Assert.Equal((HttpStatusCode.Gone, "link_expired"), (read.Status, read.Code));
        Assert.Equal((HttpStatusCode.Gone, "link_expired"), (answer.Status, answer.Code));
        await NothingStoredAsync();
    }

    [Fact]
    public async Task AForgedOrForeignToken_IsNotALink()
    {
        var (world, coachId, token) = await OneLinkAsync();
        var tampered = token[..^3] + (token[^3] == 'a' ? "bcd" : "abc");
        // A genuine token of another purpose, naming the same engagement: a contract's link.
        var subject = JsonDocument.Parse(Base64Url(token.Split('.')[1])).RootElement.GetProperty("sub").GetString()!;
        var contractLink = App.Services.GetRequiredService<TokenService>().Issue(TokenPurpose.ContractLink, subject, TimeSpan.FromDays(14)).Text;

        foreach (var bad in new[] { tampered, contractLink, world.Coordinator.AccessToken, "not-a-token", null })
        {
            var read = await Problem.ReadAsync(await world.ReadAsync(bad));
            var answer = await Problem.ReadAsync(await world.AnswerAsync(bad, "{ this is not even JSON"));
            Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (read.Status, read.Code));
            Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (answer.Status, answer.Code));
        }
        await NothingStoredAsync();
        Assert.NotEmpty(coachId);
    }

    [Fact]
    public async Task TwentyConcurrentAnswers_StoreExactlyOne()
    {
        var (world, _, token) = await OneLinkAsync();

        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => world.AnswerAsync(token, new { listened = 1 + i % 5, steppedBack = 3, wouldRecommend = 3 })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            Assert.Equal("already_answered", (await Problem.ReadAsync(refused)).Code);
        Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "feedback|"));
        await Eventually.TrueAsync(async () => (await StorageContents.AllAsync(App, Tables.Feedback)).Count == 1, "the answer is indexed");
        await App.Services.GetRequiredService<Solidaire.Core.Email.OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        App.Time.Advance(TimeSpan.FromMinutes(10)); // every deadline the losers wrote falls due: none adds a row
        await App.Services.GetRequiredService<Solidaire.Core.Email.OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        Assert.Single(await StorageContents.AllAsync(App, Tables.Feedback));
    }

    [Fact]
    public async Task ACoach_SeesOnlyTheNumberOfAnswers_UntilThree_ThenTheirAverages_AndNeverAnotherCoachs()
    {
        var world = await FeedbackWorld.CreateAsync(App);
        var (coach, coachId) = await world.CoachAsync("feedback-coach@example.org");
        var (other, otherId) = await world.CoachAsync("other-feedback-coach@example.org");
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
            tokens.Add(FeedbackWorld.TokenOf(world.Link(await world.EngagementAsync(coachId), coachId)));
        var othersToken = FeedbackWorld.TokenOf(world.Link(await world.EngagementAsync(otherId), otherId));

        Assert.Equal(HttpStatusCode.Created, (await world.AnswerAsync(tokens[0], new { listened = 5, steppedBack = 4, wouldRecommend = 5, comment = "Première" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await world.AnswerAsync(tokens[1], new { listened = 4, steppedBack = 4, wouldRecommend = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await world.AnswerAsync(othersToken, new { listened = 1, steppedBack = 1, wouldRecommend = 1, comment = "Pas pour moi" })).StatusCode);
        await IndexedAsync(3);

        var two = await coach.JsonAsync(HttpMethod.Get, "/api/staff/feedback");
        Assert.Equal(3, two.GetProperty("minimumAnswers").GetInt32());
        Assert.Equal(2, two.GetProperty("mine").GetProperty("answers").GetInt32());
        foreach (var rating in new[] { "listened", "steppedBack", "wouldRecommend" })
            Assert.Equal(JsonValueKind.Null, two.GetProperty("mine").GetProperty(rating).ValueKind);
        Assert.Equal(JsonValueKind.Null, two.GetProperty("comments").ValueKind);
        Assert.Equal(JsonValueKind.Null, two.GetProperty("collective").ValueKind);

        Assert.Equal(HttpStatusCode.Created, (await world.AnswerAsync(tokens[2], new { listened = 3, steppedBack = 5, wouldRecommend = 4, comment = "Troisième" })).StatusCode);
        await IndexedAsync(4);

        var three = await coach.JsonAsync(HttpMethod.Get, "/api/staff/feedback");
        var mine = three.GetProperty("mine");
        Assert.Equal(3, mine.GetProperty("answers").GetInt32());
        Assert.Equal(4.0, mine.GetProperty("listened").GetDouble());
        Assert.Equal(4.33, mine.GetProperty("steppedBack").GetDouble());
        Assert.Equal(4.0, mine.GetProperty("wouldRecommend").GetDouble());
        Assert.Equal(["Première", "Troisième"], three.GetProperty("comments").EnumerateArray().Select(c => c.GetString()).Order());
        Assert.DoesNotContain("Pas pour moi", three.ToString(), StringComparison.Ordinal);

        var others = await other.JsonAsync(HttpMethod.Get, "/api/staff/feedback");
        Assert.Equal(1, others.GetProperty("mine").GetProperty("answers").GetInt32());
        Assert.Equal(JsonValueKind.Null, others.GetProperty("mine").GetProperty("listened").ValueKind);
        Assert.Equal(JsonValueKind.Null, others.GetProperty("comments").ValueKind);
    }

    [Fact]
    public async Task ACoordinator_SeesTheCollectivesAggregate_FromThreeAnswers()
    {
        var world = await FeedbackWorld.CreateAsync(App);
        var (_, coachId) = await world.CoachAsync("feedback-coach@example.org");
        var (_, otherId) = await world.CoachAsync("other-feedback-coach@example.org");
        var first = FeedbackWorld.TokenOf(world.Link(await world.EngagementAsync(coachId), coachId));
        var second = FeedbackWorld.TokenOf(world.Link(await world.EngagementAsync(otherId), otherId));
        var third = FeedbackWorld.TokenOf(world.Link(await world.EngagementAsync(otherId), otherId));
        await world.AnswerAsync(first, new { listened = 5, steppedBack = 5, wouldRecommend = 5, comment = "Merci" });
        await world.AnswerAsync(second, new { listened = 2, steppedBack = 3, wouldRecommend = 4 });
        await IndexedAsync(2);

        var two = await world.Coordinator.JsonAsync(HttpMethod.Get, "/api/staff/feedback");
        Assert.Equal(2, two.GetProperty("collective").GetProperty("answers").GetInt32());
        Assert.Equal(JsonValueKind.Null, two.GetProperty("collective").GetProperty("listened").ValueKind);
        Assert.Equal(JsonValueKind.Null, two.GetProperty("mine").ValueKind); // a coordinator is not a coach

        await world.AnswerAsync(third, new { listened = 2, steppedBack = 1, wouldRecommend = 3 });
        await IndexedAsync(3);

        var collective = (await world.Coordinator.JsonAsync(HttpMethod.Get, "/api/staff/feedback")).GetProperty("collective");
        Assert.Equal(3, collective.GetProperty("answers").GetInt32());
        Assert.Equal(3.0, collective.GetProperty("listened").GetDouble());
        Assert.Equal(3.0, collective.GetProperty("steppedBack").GetDouble());
        Assert.Equal(4.0, collective.GetProperty("wouldRecommend").GetDouble());
        Assert.DoesNotContain("Merci", (await world.Coordinator.JsonAsync(HttpMethod.Get, "/api/staff/feedback")).ToString(), StringComparison.Ordinal);
    }

    /// <summary>No answer, no index row, no index deadline: what a refused answer must leave.</summary>
    private async Task NothingStoredAsync()
    {
        Assert.Empty(await StorageContents.RowsAsync(App, Tables.Dossiers, "feedback|"));
        Assert.Empty(await StorageContents.AllAsync(App, Tables.Feedback));
        Assert.DoesNotContain(await StorageContents.AllAsync(App, Tables.Deadlines), d => d.GetString("Kind") == "feedback.index");
    }

    private Task IndexedAsync(int rows) =>
        Eventually.TrueAsync(async () => (await StorageContents.AllAsync(App, Tables.Feedback)).Count == rows, $"{rows} answers are indexed");

    private static string Base64Url(string part) =>
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/') + new string('=', (4 - part.Length % 4) % 4)));

}
