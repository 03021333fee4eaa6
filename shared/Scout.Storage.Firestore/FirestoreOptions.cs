namespace Scout.Storage.Firestore;

/// <summary>Where the store talks to: a real Firestore database or the emulator (FIRESTORE_EMULATOR_HOST).</summary>
public sealed record FirestoreOptions
{
    public required string ProjectId { get; init; }
    public string DatabaseId { get; init; } = "(default)";
    /// <summary>host:port of the emulator; null for the real service.</summary>
    public string? EmulatorHost { get; init; }
    /// <summary>The location the operator says the database lives in (SCOUT_FIRESTORE_LOCATION).</summary>
    public string? ConfiguredLocation { get; init; }
    /// <summary>Overrides https://firestore.googleapis.com/ (tests point it at a fake admin endpoint).</summary>
    public Uri? ServiceEndpoint { get; init; }

    /// <summary>
    /// Estimated JSON bytes per commit. Firestore takes 10 MiB per request; the emulator's internal gRPC hop
    /// stops at 4 MiB of decoded payload, so against it commits are kept smaller.
    /// </summary>
    public int MaxCommitBytes => UsesEmulator ? 3 * 1024 * 1024 : Rest.CommitPlanner.MaxRequestBytes;

    public bool UsesEmulator => !string.IsNullOrEmpty(EmulatorHost);

    public Uri BaseAddress => ServiceEndpoint
        ?? (UsesEmulator ? new Uri($"http://{EmulatorHost}/") : new Uri("https://firestore.googleapis.com/"));

    public string DatabasePath => $"projects/{ProjectId}/databases/{DatabaseId}";
    public string DocumentsRoot => DatabasePath + "/documents";

    /// <summary>GOOGLE_CLOUD_PROJECT (or GCLOUD_PROJECT), FIRESTORE_EMULATOR_HOST, SCOUT_FIRESTORE_LOCATION, SCOUT_FIRESTORE_DATABASE.</summary>
    public static FirestoreOptions FromEnvironment(Func<string, string?>? env = null) => From(Scout.Core.Settings.ScoutSettings.FromEnvironment(env));

    public static FirestoreOptions From(Scout.Core.Settings.ScoutSettings settings) => new()
    {
        ProjectId = settings.GoogleProject ?? throw new FirestoreConfigurationException("GOOGLE_CLOUD_PROJECT is not set: the Firestore store needs the project id"),
        DatabaseId = settings.FirestoreDatabase ?? "(default)",
        EmulatorHost = settings.FirestoreEmulatorHost,
        ConfiguredLocation = settings.FirestoreLocation,
    };
}

/// <summary>Configuration that makes the store refuse to start (exit code 2 in the hosts).</summary>
public class FirestoreConfigurationException(string message) : Scout.Core.Ports.InputException(message);

/// <summary>The database is (or is configured to be) outside the US-East locations of DESIGN.md section 6.</summary>
public sealed class FirestoreResidencyException(string message) : FirestoreConfigurationException(message);
