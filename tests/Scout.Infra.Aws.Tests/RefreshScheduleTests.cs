using Scout.Testing;

namespace Scout.Infra.Aws.Tests;

/// <summary>Issue #18: the advisory refresh runs every minute as deployed (SAM here; the CDK rule in CdkStackTests).</summary>
public sealed class RefreshScheduleTests
{
    private readonly Template template = new(CloudFormationYaml.Load(Path.Combine(TestData.RepoRoot, "template.yaml")));

    [Fact]
    public void The_sam_refresh_schedule_defaults_to_every_minute()
    {
        var refresh = template.OfType("AWS::Serverless::Function").Single(f => (string?)f.Properties["Handler"] == "AdvisoryRefresh").Properties;
        var schedule = refresh["Events"]!["Schedule"]!["Properties"]!["Schedule"]!;
        // The schedule is a parameter so an operator can slow it down; its default is what a plain deploy gets.
        var parameter = (string)schedule["Ref"]!;
        Assert.Equal("rate(1 minute)", (string?)template.Root["Parameters"]![parameter]!["Default"]);
    }

    [Fact]
    public void The_sam_refresh_function_polls_twice_per_invocation()
    {
        var refresh = template.OfType("AWS::Serverless::Function").Single(f => (string?)f.Properties["Handler"] == "AdvisoryRefresh").Properties;
        Assert.Equal("2", (string?)refresh["Environment"]!["Variables"]!["SCOUT_REFRESH_POLLS"]);
    }
}
