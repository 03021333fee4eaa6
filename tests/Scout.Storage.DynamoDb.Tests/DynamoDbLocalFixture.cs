using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Scout.Storage.DynamoDb;
using Scout.Testing.Servers;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>One DynamoDB Local per test run; each test gets its own table so tests stay independent.</summary>
public sealed class DynamoDbLocalFixture : IDisposable
{
    private readonly AwsDynamoDbLocalServer server = new();
    private int tables;

    public string Endpoint => server.Endpoint;

    public IAmazonDynamoDB CreateClient() =>
        DynamoDbClientFactory.Create(AwsDynamoDbLocalServer.Region, server.Endpoint, new BasicAWSCredentials("test", "test"));

    public string NewTableName(string purpose) => $"scout-{purpose}-{Interlocked.Increment(ref tables)}-{Guid.NewGuid():N}"[..40];

    public async Task<DynamoDbScoutStore> NewStoreAsync(string purpose, IAmazonDynamoDB? client = null, DynamoDbStoreOptions? options = null)
    {
        var store = new DynamoDbScoutStore(client ?? CreateClient(), (options ?? new DynamoDbStoreOptions()) with { TableName = NewTableName(purpose) });
        await store.InitializeAsync();
        return store;
    }

    public void Dispose() => server.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DynamoDbLocalCollection : ICollectionFixture<DynamoDbLocalFixture>
{
    public const string Name = "DynamoDB Local";
}
