using Amazon.Runtime;
using Amazon.SQS;
using Scout.Core.Residency;

namespace Scout.Queue.Sqs;

/// <summary>Builds SQS clients from the standard variables, refusing regions outside US-East before any call.</summary>
public static class SqsClientFactory
{
    /// <summary>AWS_REGION (or AWS_DEFAULT_REGION), and AWS_ENDPOINT_URL_SQS (or AWS_ENDPOINT_URL) for a local server.</summary>
    public static IAmazonSQS FromEnvironment()
    {
        var endpoint = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_SQS") is { Length: > 0 } e
            ? e
            : Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        return Create(AwsResidency.RegionFromEnvironment(), string.IsNullOrEmpty(endpoint) ? null : endpoint);
    }

    public static IAmazonSQS Create(string? region, string? serviceUrl, AWSCredentials? credentials = null)
    {
        var allowed = AwsResidency.Require(region, "SQS");
        var config = new AmazonSQSConfig();
        if (serviceUrl is null)
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(allowed);
        else
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = allowed;
            credentials ??= Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is { Length: > 0 }
                ? null
                : new BasicAWSCredentials("local", "local");
        }
        return credentials is null ? new AmazonSQSClient(config) : new AmazonSQSClient(credentials, config);
    }

    public static string? RegionOf(IAmazonSQS client) =>
        client.Config.RegionEndpoint?.SystemName ?? client.Config.AuthenticationRegion;
}
