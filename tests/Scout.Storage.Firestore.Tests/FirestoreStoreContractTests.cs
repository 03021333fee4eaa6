using Scout.Core.Ports;
using Scout.Testing.Servers;
using Scout.Testing.StoreContract;

namespace Scout.Storage.Firestore.Tests;

/// <summary>The shared store contract, run against the real Firestore emulator.</summary>
[Collection(FirestoreEmulatorCollection.Name)]
public sealed class FirestoreStoreContractTests(FirestoreEmulatorFixture emulator) : StoreContractTests
{
    protected override Task<IScoutStore> CreateStoreAsync() => Task.FromResult<IScoutStore>(FirestoreTestStores.Create(emulator));
}
