using Scout.Core.Residency;
using Scout.Functions.Aws.Runtime;
using Scout.Testing.Servers;

namespace Scout.Functions.Aws.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>The function host refuses to start outside US-East, before any AWS call, and says why in its init error.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class HostResidencyTests
{
    [Theory]
    [InlineData("eu-west-1")]
    [InlineData("ap-northeast-1")]
    public async Task The_bootstrap_reports_an_init_error_for_a_region_outside_us_east(string region)
    {
        var saved = (Environment.GetEnvironmentVariable("AWS_REGION"), Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"));
        Environment.SetEnvironmentVariable("AWS_REGION", region);
        Environment.SetEnvironmentVariable("AWS_DEFAULT_REGION", null);
        try
        {
            var settings = AwsHostSettings.FromEnvironment(name => name == AwsHostSettings.HandlerVariable ? LambdaHandlers.QueueAnalysis : null);
            await Assert.ThrowsAsync<ResidencyException>(() => LambdaHandlers.CreateAsync(settings, LambdaRuntimeTests.Log(), CancellationToken.None));

            using var api = new FakeLambdaRuntimeApi();
            using var runtime = new LambdaRuntimeClient(api.Address);
            var exit = await new LambdaBootstrap(runtime, LambdaRuntimeTests.Log()).RunAsync(ct => LambdaHandlers.CreateAsync(settings, LambdaRuntimeTests.Log(), ct), CancellationToken.None);
            Assert.Equal(1, exit);
            Assert.Contains(region, System.Text.Encoding.UTF8.GetString(Assert.Single(api.InitErrors)));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_REGION", saved.Item1);
            Environment.SetEnvironmentVariable("AWS_DEFAULT_REGION", saved.Item2);
        }
    }

    [Fact]
    public async Task An_unknown_handler_name_is_an_init_error()
    {
        var settings = new AwsHostSettings { Handler = "Nope" };
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => LambdaHandlers.CreateAsync(settings, LambdaRuntimeTests.Log(), CancellationToken.None));
        Assert.Contains("HttpUpload", e.Message);
    }
}
