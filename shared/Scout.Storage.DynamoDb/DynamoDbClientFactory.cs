using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Scout.Core.Residency;

namespace Scout.Storage.DynamoDb;

/// <summary>Builds DynamoDB clients from the standard variables, refusing regions outside US-East before any call.</summary>
public static class DynamoDbClientFactory
{
    /// <summary>AWS_REGION (or AWS_DEFAULT_REGION), and AWS_ENDPOINT_URL_DYNAMODB (or AWS_ENDPOINT_URL) for DynamoDB Local.</summary>
    public static IAmazonDynamoDB FromEnvironment()
    {
        var endpoint = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB") is { Length: > 0 } e
            ? e
            : Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        return Create(AwsResidency.RegionFromEnvironment(), string.IsNullOrEmpty(endpoint) ? null : endpoint);
    }

    /// <param name="serviceUrl">an endpoint override (DynamoDB Local); without credentials in the environment a
    /// local endpoint gets placeholder credentials, since local servers do not check them</param>
    public static IAmazonDynamoDB Create(string? region, string? serviceUrl, AWSCredentials? credentials = null)
    {
        var allowed = AwsResidency.Require(region, "DynamoDB");
        var config = new AmazonDynamoDBConfig();
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
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }

    /// <summary>The region a client signs for: its region endpoint, or the authentication region of an endpoint override.</summary>
    public static string? RegionOf(IAmazonDynamoDB client) =>
        client.Config.RegionEndpoint?.SystemName ?? client.Config.AuthenticationRegion;
}
