using Solidaire.Core.Deadlines;
using Solidaire.Core.Engagements;
using Solidaire.Core.Intake;
using Solidaire.Core.Statistics;

namespace Solidaire.Benchmarks;

/// <summary>
/// Table Storage requests per operation. They are exact and do not depend on the machine, so they are
/// counted in the test suite (StorageRequestCounter, on the operation's own async flow) and held there
/// to the ceiling written next to each operation in core; this prints those ceilings and the tests that
/// hold them, rather than counting again from outside the app.
/// </summary>
internal static class RoundTripsMode
{
    private static readonly (string Operation, string Requests, string Test)[] Rows =
    [
        ("intake (request path)", $"{IntakeService.RoundTrips}", "IntakeSubmissionTests.NewIntake_CostsTwoStorageRoundTrips_OnTheRequestPath"),
        ("intake (to every email sent)", $"{IntakeService.RoundTripsToEveryEmailSent}", "DispatchCostTests.OneIntake_CostsFiveStorageRequests_FromSubmitToEveryEmailSentAndIndexed"),
        ("contract signature (request path)", $"{Solidaire.Core.Contracts.ContractService.SigningRoundTrips}", "ContractRoundTripTests.Issue_CostsFour_FirstReadingTwo_LaterReadingsOne_AndSigningThree"),
        ("session record (request path)", $"{Solidaire.Core.Sessions.SessionService.RecordRoundTrips}", "SessionRecordingTests.RecordingASession_CostsTwoStorageRoundTrips_OnTheRequestPath"),
        ("closure (request path)", $"{EngagementClosure.RoundTrips}", "OperationRoundTripTests.ClosingAnEngagement_CostsAtMostItsCeiling_OnTheRequestPath"),
        ("one deadline run (a statistics count)", $"{DeadlineRunner.RoundTrips} + {StatisticsCounter.RoundTrips}", "OperationRoundTripTests.OneDeadlineRun_CostsTheRunnersPage_AndItsHandlersOwn"),
        ("one subject destroyed (unfollowed intake)", $"{DeadlineRunner.RoundTrips} + {IntakeDestruction.RoundTrips}", "OperationRoundTripTests.OneSubjectDestroyed_CostsTheRunnersPage_AndTheDestructionsOwn"),
        ("purge of 100 due among 1,000 / 20,000", "equal", "PurgeScalingTests"),
    ];

    public static void Print()
    {
        Console.WriteLine("Round trips: Table Storage requests per operation, as asserted (at most) in the test suite");
        Console.WriteLine($"{"operation",-42} {"requests",-9} test");
        foreach (var (operation, requests, test) in Rows)
            Console.WriteLine($"{operation,-42} {requests,-9} {test}");
    }
}
