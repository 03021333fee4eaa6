using Scout.Core.Ports;
using Scout.Storage.Sqlite;
using Scout.Testing.StoreContract;

namespace Scout.Storage.Sqlite.Tests;

public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly string directory = Directory.CreateTempSubdirectory("scout-sqlite-").FullName;

    protected override Task<IScoutStore> CreateStoreAsync() => Task.FromResult<IScoutStore>(new SqliteScoutStore(directory));

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }
}
