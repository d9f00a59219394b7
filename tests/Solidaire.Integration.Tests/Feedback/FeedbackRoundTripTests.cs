using System.Net;
using Solidaire.Integration.Tests.Harness;

namespace Solidaire.Integration.Tests.Feedback;

/// <summary>What feedback costs in Table Storage requests: on the request path, and once the work it leaves behind (the index) has settled.</summary>
public sealed class FeedbackRoundTripTests : AppTest
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Email:DispatchImmediately"] = "false";

    /// <summary>The requests <paramref name="operation"/> made on its request path, and in all once nothing more happens.</summary>
    private async Task<(long RequestPath, long All)> CostAsync(Func<Task> operation)
    {
        await Task.Delay(300); // nothing of the setup still running
        var before = App.StorageRequests;
        await operation();
        var requestPath = App.StorageRequests - before;
        var last = await App.StorageQuietAsync();
        return (requestPath, last - before);
    }

    [Fact]
    public async Task Reading_CostsOne_AnsweringThreeOnTheRequestPathAndFiveInAll_ASecondAnswerOne()
    {
        var world = await FeedbackWorld.CreateAsync(App);
        var (coach, coachId) = await world.CoachAsync("rt-feedback-coach@example.org");
        var token = FeedbackWorld.TokenOf(world.Link(await world.EngagementAsync(coachId), coachId));

        var read = await CostAsync(async () => Assert.Equal(HttpStatusCode.OK, (await world.ReadAsync(token)).StatusCode));
        var answer = await CostAsync(async () => Assert.Equal(HttpStatusCode.Created, (await world.AnswerAsync(token, FeedbackWorld.Good)).StatusCode));
        var again = await CostAsync(async () => Assert.Equal(HttpStatusCode.Conflict, (await world.AnswerAsync(token, FeedbackWorld.Good)).StatusCode));
        var refused = await CostAsync(async () => Assert.Equal(HttpStatusCode.BadRequest, (await world.AnswerAsync(token, new { listened = 9 })).StatusCode));
        var overview = await CostAsync(async () => await coach.JsonAsync(HttpMethod.Get, "/api/staff/feedback"));

        Assert.Equal((1, 1), read); // the dossier read
        // The dossier read, the index deadline, the insert; then the index row and the deadline settled,
        // in the background (which may have begun when the answer is read).
        Assert.InRange(answer.RequestPath, 3, 5);
        Assert.Equal(5, answer.All);
        Assert.Equal((1, 1), again); // the dossier read finds the answer
        Assert.Equal((0, 0), refused); // refused before any read
        Assert.Equal((2, 2), overview); // the coach's record, their index partition (below three answers, nothing else is read)
    }

    [Fact]
    public async Task ACoachsOverview_FromThreeAnswers_CostsThree_PlusOnePerEngagement()
    {
        var world = await FeedbackWorld.CreateAsync(App);
        var (coach, coachId) = await world.CoachAsync("rt-feedback-coach@example.org");
        for (var i = 0; i < 4; i++)
        {
            var engagement = await world.EngagementAsync(coachId);
            if (i < 3)
                Assert.Equal(HttpStatusCode.Created, (await world.AnswerAsync(FeedbackWorld.TokenOf(world.Link(engagement, coachId)), FeedbackWorld.Good)).StatusCode);
        }

        var overview = await CostAsync(async () => Assert.Equal(3, (await coach.JsonAsync(HttpMethod.Get, "/api/staff/feedback")).GetProperty("comments").GetArrayLength()));

        Assert.Equal((7, 7), overview); // the coach's record, their index partition, their engagements, then one read per engagement (4), together
    }
}
