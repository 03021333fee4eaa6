using Scout.Core.Ports;
using Scout.Testing.StoreContract;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>The shared store contract on DynamoDB Local; all tests share one table (they use fresh tenant ids).</summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbStoreContractTests(DynamoDbLocalFixture server) : StoreContractTests
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? sharedTable;

    protected override async Task<IScoutStore> CreateStoreAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (sharedTable is null)
            {
                var created = await server.NewStoreAsync("contract");
                sharedTable = created.TableName;
                return created;
            }
            return new DynamoDbScoutStore(server.CreateClient(), new DynamoDbStoreOptions { TableName = sharedTable });
        }
        finally
        {
            Gate.Release();
        }
    }
}
