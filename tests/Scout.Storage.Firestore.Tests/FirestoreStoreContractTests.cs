using Scout.Core.Ports;
using Scout.Testing.Servers;
using Scout.Testing.StoreContract;

namespace Scout.Storage.Firestore.Tests;

/// <summary>The shared store contract, run against the real Firestore emulator.</summary>
public sealed class FirestoreStoreContractTests(FirestoreEmulatorFixture emulator) : StoreContractTests, IClassFixture<FirestoreEmulatorFixture>
{
    protected override Task<IScoutStore> CreateStoreAsync() => Task.FromResult<IScoutStore>(FirestoreTestStores.Create(emulator));
}
