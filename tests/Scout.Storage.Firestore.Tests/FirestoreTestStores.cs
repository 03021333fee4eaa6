using Scout.Storage.Firestore;
using Scout.Storage.Firestore.Rest;
using Scout.Testing.Servers;

namespace Scout.Storage.Firestore.Tests;

internal static class FirestoreTestStores
{
    public static FirestoreOptions Options(FirestoreEmulatorFixture emulator, string? location = "us-east4") => new()
    {
        ProjectId = FirestoreEmulatorFixture.ProjectId, EmulatorHost = emulator.HostPort, ConfiguredLocation = location,
    };

    public static FirestoreScoutStore Create(FirestoreEmulatorFixture emulator, string? location = "us-east4") =>
        new(FirestoreRestClient.Create(Options(emulator, location)));
}
