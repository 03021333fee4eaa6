using Scout.Testing.Servers;

namespace Scout.Storage.Firestore.Tests;

/// <summary>One Firestore emulator for every class of this project (classes share it through fresh tenant ids; JVMs are not cheap on 2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class FirestoreEmulatorCollection : ICollectionFixture<FirestoreEmulatorFixture>
{
    public const string Name = "firestore-emulator";
}
