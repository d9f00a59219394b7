using System.Text.Json;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

/// <summary>The alerts, the availability test, the budget and the Log Analytics limits (infra/app/alerts.bicep, monitoring.bicep).</summary>
[Collection(CompiledMainCollection.Name)]
public sealed class MonitoringTests(CompiledMain main)
{
    private Snapshot Snapshot => main.Snapshot;

    private string ActionGroupId => Snapshot.Single("Microsoft.Insights/actionGroups").GetProperty("id").GetString()!;

    [Fact]
    public void ActionGroup_EmailsEveryAlertAddress()
    {
        var group = Snapshot.Single("Microsoft.Insights/actionGroups");
        var emails = group.At("properties", "emailReceivers").EnumerateArray().Select(r => r.GetProperty("emailAddress").GetString()).ToList();

        Assert.Equal(["ops@example.org", "astreinte@example.org"], emails);
        Assert.Equal(JsonValueKind.True, group.At("properties", "enabled").ValueKind);
        Assert.Equal("global", group.GetProperty("location").GetString());
        Assert.Equal(JsonValueKind.Undefined, main.Template.Root.At("parameters", "alertEmails", "defaultValue").ValueKind); // required
    }

    [Theory]
    [InlineData("worker-start-failure", "Solidaire cannot start", 0)]
    [InlineData("emails-failed", "name == \"solidaire.emails.failed\"", 2)]
    [InlineData("deadlines-parked", "name == \"solidaire.deadlines.parked\"", 1)]
    public void LogAlert_QueriesApplicationInsights_AndTellsTheActionGroup(string name, string queried, int severity)
    {
        var rule = Snapshot.OfType("Microsoft.Insights/scheduledQueryRules")
            .Single(r => r.GetProperty("name").GetString()!.StartsWith($"alert-{name}-", StringComparison.Ordinal));
        var properties = rule.GetProperty("properties");
        var criterion = Assert.Single(properties.At("criteria", "allOf").EnumerateArray());

        Assert.Contains(queried, criterion.GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.Equal("Count", criterion.GetProperty("timeAggregation").GetString());
        Assert.Equal("GreaterThan", criterion.GetProperty("operator").GetString());
        Assert.Equal(0, criterion.GetProperty("threshold").GetInt32());
        Assert.Equal(severity, properties.GetProperty("severity").GetInt32());
        Assert.Equal(JsonValueKind.True, properties.At("enabled").ValueKind);
        var scope = Assert.Single(properties.GetProperty("scopes").EnumerateArray()).GetString()!;
        Assert.EndsWith($"/providers/Microsoft.Insights/components/{InsightsName}", scope, StringComparison.Ordinal);
        Assert.Equal([ActionGroupId], properties.At("actions", "actionGroups").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public void WorkerStartAlert_MatchesTheLineTheAppWritesWhenASettingStopsIt()
    {
        var program = Repository.ReadText("functions/Program.cs");
        var query = Snapshot.OfType("Microsoft.Insights/scheduledQueryRules")
            .Select(r => r.At("properties", "criteria", "allOf")[0].GetProperty("query").GetString()!)
            .Single(q => q.Contains("cannot start", StringComparison.Ordinal));

        Assert.Contains("\"Solidaire cannot start: \"", program, StringComparison.Ordinal);
        Assert.Contains("union traces, exceptions", query, StringComparison.Ordinal);
        // The host's own words when the worker does not come up (or keeps dying).
        Assert.Contains("Failed to start a new language worker", query, StringComparison.Ordinal);
        Assert.Contains("Exceeded language worker restart retry count", query, StringComparison.Ordinal);
    }

    [Fact]
    public void Http5xxAlert_WatchesTheFunctionAppsMetric()
    {
        var alert = MetricAlert("alert-http-5xx-");
        var criterion = Assert.Single(alert.At("properties", "criteria", "allOf").EnumerateArray());

        Assert.Equal("Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria", alert.At("properties", "criteria", "odata.type").GetString());
        Assert.Equal("Http5xx", criterion.GetProperty("metricName").GetString());
        Assert.Equal("Microsoft.Web/sites", criterion.GetProperty("metricNamespace").GetString());
        Assert.Equal("Total", criterion.GetProperty("timeAggregation").GetString());
        var scope = Assert.Single(alert.At("properties", "scopes").EnumerateArray()).GetString()!;
        Assert.EndsWith($"/providers/Microsoft.Web/sites/{Snapshot.Output("AZURE_FUNCTION_APP_NAME")}", scope, StringComparison.Ordinal);
        Assert.Equal([ActionGroupId], alert.At("properties", "actions").EnumerateArray().Select(a => a.GetProperty("actionGroupId").GetString()));
    }

    [Fact]
    public void AvailabilityTest_GetsApiHealthFromEuLocations_AndItsAlertTellsTheActionGroup()
    {
        var test = Snapshot.Single("Microsoft.Insights/webtests");
        var properties = test.GetProperty("properties");
        var url = properties.At("Request", "RequestUrl").GetString()!;

        Assert.Equal("standard", test.GetProperty("kind").GetString());
        Assert.True(Snapshot.ReadsResource(url, "Microsoft.Web/sites", "defaultHostName"), url);
        Assert.StartsWith("[format('{0}/api/health', format('https://{0}', ", url, StringComparison.Ordinal);
        Assert.Equal("GET", properties.At("Request", "HttpVerb").GetString());
        Assert.Equal(200, properties.At("ValidationRules", "ExpectedHttpStatusCode").GetInt32());
        Assert.All(properties.GetProperty("Locations").EnumerateArray(), l => Assert.StartsWith("emea-", l.GetProperty("Id").GetString(), StringComparison.Ordinal));
        // The component finds its tests by this tag.
        Assert.Contains(test.GetProperty("tags").EnumerateObject(), t => t.Name.StartsWith("hidden-link:", StringComparison.Ordinal)
            && t.Name.EndsWith($"/providers/Microsoft.Insights/components/{InsightsName}", StringComparison.Ordinal) && t.Value.GetString() == "Resource");

        var alert = MetricAlert("alert-availability-");
        Assert.Equal("Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria", alert.At("properties", "criteria", "odata.type").GetString());
        Assert.Equal(test.GetProperty("id").GetString(), alert.At("properties", "criteria", "webTestId").GetString());
        Assert.Equal(2, alert.At("properties", "criteria", "failedLocationCount").GetInt32());
        Assert.Equal([ActionGroupId], alert.At("properties", "actions").EnumerateArray().Select(a => a.GetProperty("actionGroupId").GetString()));
    }

    [Fact]
    public void Budget_IsMonthly_WithTheParameterAmount_TellingTheSameAddresses()
    {
        var snapshot = Snapshot.Of(new Dictionary<string, object> { ["budgetAmount"] = 75 });
        var budget = snapshot.Single("Microsoft.Consumption/budgets");
        var properties = budget.GetProperty("properties");

        Assert.Equal(75, properties.GetProperty("amount").GetInt32());
        Assert.Equal("Monthly", properties.GetProperty("timeGrain").GetString());
        Assert.Equal("2026-11-01", properties.At("timePeriod", "startDate").GetString());
        Assert.Contains("/resourceGroups/rg-test/", budget.GetProperty("id").GetString(), StringComparison.Ordinal);
        var notifications = properties.GetProperty("notifications").EnumerateObject().Select(n => n.Value).ToList();
        Assert.Equal(["Actual", "Forecasted"], notifications.Select(n => n.GetProperty("thresholdType").GetString()).Order());
        Assert.All(notifications, n =>
        {
            Assert.Equal(["ops@example.org", "astreinte@example.org"], n.GetProperty("contactEmails").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal([snapshot.Single("Microsoft.Insights/actionGroups").GetProperty("id").GetString()], n.GetProperty("contactGroups").EnumerateArray().Select(e => e.GetString()));
        });
    }

    [Fact]
    public void LogAnalytics_RetentionAndDailyCap_AreParameters()
    {
        var defaults = Snapshot.Single("Microsoft.OperationalInsights/workspaces").GetProperty("properties");
        var set = Snapshot.Of(new Dictionary<string, object> { ["logRetentionDays"] = 90, ["logDailyCapGb"] = 5 })
            .Single("Microsoft.OperationalInsights/workspaces").GetProperty("properties");

        Assert.Equal(30, defaults.GetProperty("retentionInDays").GetInt32());
        Assert.Equal(1, defaults.At("workspaceCapping", "dailyQuotaGb").GetInt32());
        Assert.Equal(90, set.GetProperty("retentionInDays").GetInt32());
        Assert.Equal(5, set.At("workspaceCapping", "dailyQuotaGb").GetInt32());
    }

    private string InsightsName => Snapshot.Single("Microsoft.Insights/components").GetProperty("name").GetString()!;

    private JsonElement MetricAlert(string prefix) =>
        Snapshot.OfType("Microsoft.Insights/metricAlerts").Single(a => a.GetProperty("name").GetString()!.StartsWith(prefix, StringComparison.Ordinal));
}
