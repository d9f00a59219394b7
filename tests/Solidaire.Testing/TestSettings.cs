namespace Solidaire.Testing;

/// <summary>The settings a test run of the app uses: its own tables, mail folder and keys, and no waiting.</summary>
public static class TestSettings
{
    public static Dictionary<string, string?> For(string connectionString, string tablePrefix, string workFolder) => new()
    {
        ["Storage:ConnectionString"] = connectionString,
        ["Storage:TablePrefix"] = tablePrefix,
        ["Email:PickupFolder"] = Path.Combine(workFolder, "mail"),
        ["PersonalData:LocalKeyFile"] = Path.Combine(workFolder, "keys.json"),
        ["Staff:BootstrapCoordinators"] = "coordination@solidaire.test",
        ["Complaints:Referents"] = "ethique@solidaire.test",
        ["OutboxSchedule"] = "0 */1 * * * *",
        ["PurgeSchedule"] = "0 */15 * * * *",
        ["RateLimiting:PerIpPerHour"] = "1000",
        // Load tests and benchmarks send thousands of intakes an hour from one process.
        ["Intake:AcknowledgementsPerHour"] = "100000",
        // Automated tests fill a form in well under the 3 s a person needs.
        ["Intake:MinimumFormSeconds"] = "0",
    };

    /// <summary>The same settings as environment variables (Section__Key), for the app run as a process.</summary>
    public static Dictionary<string, string> AsEnvironment(IDictionary<string, string?> settings) =>
        settings.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value ?? "");

    public static string NewTablePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
