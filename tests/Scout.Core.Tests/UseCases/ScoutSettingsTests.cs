using Scout.Core.Settings;

namespace Scout.Core.Tests.UseCases;

/// <summary>Every variable is read in one place: trimmed, empty as unset, with the documented fallbacks.</summary>
public sealed class ScoutSettingsTests
{
    private static ScoutSettings From(params (string Name, string Value)[] vars) =>
        ScoutSettings.FromEnvironment(name => vars.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void Values_are_trimmed_and_blank_ones_are_unset()
    {
        var settings = From(("SCOUT_DATA", "  /tmp/scout  "), ("SCOUT_QUEUE_URL", "   "), ("SCOUT_FUNCTION", "queue"));
        Assert.Equal("/tmp/scout", settings.DataDirectory);
        Assert.Null(settings.QueueUrl);
        Assert.Equal("queue", settings.Function);
    }

    [Fact]
    public void Fallback_variables_apply_only_when_the_specific_one_is_unset()
    {
        var fallback = From(("AWS_DEFAULT_REGION", "us-east-2"), ("AWS_ENDPOINT_URL", "http://local:1"), ("GCLOUD_PROJECT", "p2"));
        Assert.Equal(("us-east-2", "http://local:1", "http://local:1", "p2"), (fallback.AwsRegion, fallback.SqsEndpoint, fallback.DynamoDbEndpoint, fallback.GoogleProject));
        var specific = From(("AWS_REGION", "us-east-1"), ("AWS_DEFAULT_REGION", "us-east-2"), ("AWS_ENDPOINT_URL", "http://local:1"),
            ("AWS_ENDPOINT_URL_SQS", "http://sqs:2"), ("GOOGLE_CLOUD_PROJECT", "p1"), ("GCLOUD_PROJECT", "p2"));
        Assert.Equal(("us-east-1", "http://sqs:2", "http://local:1", "p1"), (specific.AwsRegion, specific.SqsEndpoint, specific.DynamoDbEndpoint, specific.GoogleProject));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("-1")]
    [InlineData("two")]
    public void A_bad_refresh_poll_count_names_the_variable(string value)
    {
        var e = Assert.Throws<Scout.Core.Ports.InputException>(() => From(("SCOUT_REFRESH_POLLS", value)));
        Assert.StartsWith($"SCOUT_REFRESH_POLLS={value}:", e.Message);
    }

    [Theory]
    [InlineData("8")]
    [InlineData("5000")]
    [InlineData("1.5")]
    [InlineData("lots")]
    public void A_bad_advisory_cache_size_names_the_variable(string value)
    {
        var e = Assert.Throws<Scout.Core.Ports.InputException>(() => From(("SCOUT_ADVISORY_CACHE_MB", value)));
        Assert.StartsWith($"SCOUT_ADVISORY_CACHE_MB={value}:", e.Message);
    }

    [Fact]
    public void The_advisory_cache_is_128_MiB_unless_set_in_MiB()
    {
        Assert.Equal(128L * 1024 * 1024, From().AdvisoryCacheBytes);
        Assert.Equal(300L * 1024 * 1024, From(("SCOUT_ADVISORY_CACHE_MB", "300")).AdvisoryCacheBytes);
    }

    [Fact]
    public void The_refresh_poll_count_defaults_to_one()
    {
        Assert.Equal(1, From().RefreshPolls);
        Assert.Equal(2, From(("SCOUT_REFRESH_POLLS", " 2 ")).RefreshPolls);
    }
}
