using Amazon.Runtime;
using Amazon.SQS;
using Scout.Aws;
using Scout.Core.Residency;

namespace Scout.Queue.Sqs;

/// <summary>Builds SQS clients from the standard variables, refusing regions outside US-East before any call.</summary>
public static class SqsClientFactory
{
    /// <summary>AWS_REGION (or AWS_DEFAULT_REGION), and AWS_ENDPOINT_URL_SQS (or AWS_ENDPOINT_URL) for a local server.</summary>
    public static IAmazonSQS FromEnvironment() =>
        Create(Scout.Core.Settings.ScoutSettings.Current.AwsRegion, Scout.Core.Settings.ScoutSettings.Current.SqsEndpoint);

    public static IAmazonSQS Create(string? region, string? serviceUrl, AWSCredentials? credentials = null)
    {
        var config = new AmazonSQSConfig();
        credentials = AwsClientSettings.Configure(config, region, serviceUrl, "SQS", credentials);
        return credentials is null ? new AmazonSQSClient(config) : new AmazonSQSClient(credentials, config);
    }

    public static string? RegionOf(IAmazonSQS client) => AwsClientSettings.RegionOf(client.Config);
}
