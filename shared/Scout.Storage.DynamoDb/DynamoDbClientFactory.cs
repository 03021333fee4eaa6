using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Scout.Aws;
using Scout.Core.Residency;

namespace Scout.Storage.DynamoDb;

/// <summary>Builds DynamoDB clients from the standard variables, refusing regions outside US-East before any call.</summary>
public static class DynamoDbClientFactory
{
    /// <summary>AWS_REGION (or AWS_DEFAULT_REGION), and AWS_ENDPOINT_URL_DYNAMODB (or AWS_ENDPOINT_URL) for DynamoDB Local.</summary>
    public static IAmazonDynamoDB FromEnvironment() =>
        Create(Scout.Core.Settings.ScoutSettings.Current.AwsRegion, Scout.Core.Settings.ScoutSettings.Current.DynamoDbEndpoint);

    public static IAmazonDynamoDB Create(string? region, string? serviceUrl, AWSCredentials? credentials = null)
    {
        var config = new AmazonDynamoDBConfig();
        credentials = AwsClientSettings.Configure(config, region, serviceUrl, "DynamoDB", credentials);
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }

    /// <summary>The region a client signs for: its region endpoint, or the authentication region of an endpoint override.</summary>
    public static string? RegionOf(IAmazonDynamoDB client) => AwsClientSettings.RegionOf(client.Config);
}
