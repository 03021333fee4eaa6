using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Scout.Core.Residency;
using Scout.Storage.DynamoDb;

namespace Scout.Storage.DynamoDb.Tests;

public sealed class ResidencyTests
{
    [Theory]
    [InlineData("eu-west-1")]
    [InlineData("us-west-2")]
    [InlineData("ap-southeast-1")]
    [InlineData("us-gov-east-1")]
    public void Client_factory_refuses_regions_outside_us_east(string region)
    {
        var e = Assert.Throws<ResidencyException>(() => DynamoDbClientFactory.Create(region, null));
        Assert.Contains(region, e.Message);
        Assert.Contains("us-east-1", e.Message);
    }

    [Fact]
    public void Client_factory_refuses_a_missing_region() =>
        Assert.Throws<ResidencyException>(() => DynamoDbClientFactory.Create(null, "http://127.0.0.1:1"));

    [Fact]
    public void Store_refuses_a_client_built_for_another_region()
    {
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("x", "y"), Amazon.RegionEndpoint.EUCentral1);
        var e = Assert.Throws<ResidencyException>(() => new DynamoDbScoutStore(client));
        Assert.Contains("eu-central-1", e.Message);
    }

    [Fact]
    public void Store_refuses_a_local_endpoint_signing_for_another_region()
    {
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("x", "y"),
            new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:1", AuthenticationRegion = "us-west-1" });
        Assert.Throws<ResidencyException>(() => new DynamoDbScoutStore(client));
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("us-east-2")]
    public void Us_east_regions_are_accepted(string region)
    {
        using var client = DynamoDbClientFactory.Create(region, null, new BasicAWSCredentials("x", "y"));
        Assert.Equal(region, DynamoDbClientFactory.RegionOf(client));
        _ = new DynamoDbScoutStore(client);
    }
}
