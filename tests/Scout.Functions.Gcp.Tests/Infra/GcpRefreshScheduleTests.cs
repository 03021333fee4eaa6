namespace Scout.Functions.Gcp.Tests.Infra;

// Issue #18: Cloud Scheduler runs the advisory refresh every minute unless the operator sets another cron.
public sealed partial class GcpInfraTests
{
    [Fact]
    public void The_refresh_schedule_defaults_to_every_minute()
    {
        Assert.Equal("var.refresh_schedule", Resource("google_cloud_scheduler_job", "advisory_refresh")["schedule"]);
        var fields = Unquote(Variable("refresh_schedule")["default"]!).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["*", "*", "*", "*", "*"], fields);
    }
}
