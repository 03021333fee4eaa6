using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

/// <summary>DESIGN.md section 6: Firestore data lives in us-east1, us-east4 or us-east5 only (nam5 is all of the US: refused).</summary>
public static class FirestoreResidency
{
    public static readonly IReadOnlyList<string> AllowedLocations = ["us-east1", "us-east4", "us-east5"];

    public static bool IsAllowed(string? location) =>
        location != null && AllowedLocations.Contains(location.Trim().ToLowerInvariant());

    /// <summary>The IAM permission that reads a database's locationId (roles/datastore.viewer has it).</summary>
    public const string LocationPermission = "datastore.databases.getMetadata";

    /// <summary>
    /// Throws <see cref="FirestoreResidencyException"/> unless the database is provably in US-East. Against Firestore
    /// the database's own locationId must be read through the admin API and be allowed (and agree with
    /// SCOUT_FIRESTORE_LOCATION when that is set): a location that cannot be read (403/404) refuses to start — it
    /// fails closed, naming the missing permission. Only the emulator (FIRESTORE_EMULATOR_HOST, an explicit setting)
    /// has no admin API: there the configured location decides.
    /// </summary>
    public static async Task<string> EnsureAsync(FirestoreRestClient client, CancellationToken ct)
    {
        var options = client.Options;
        var configured = options.ConfiguredLocation?.Trim().ToLowerInvariant();
        var allowed = string.Join(", ", AllowedLocations);
        if (configured != null && !IsAllowed(configured))
            throw new FirestoreResidencyException($"SCOUT_FIRESTORE_LOCATION={configured} is outside US-East; Firestore must be in one of {allowed}");
        if (options.UsesEmulator)
            return configured ?? throw new FirestoreResidencyException(
                $"cannot establish the Firestore location of {options.DatabasePath}: set SCOUT_FIRESTORE_LOCATION to one of {allowed} (the emulator has no admin API to ask)");
        var (location, status) = await client.GetDatabaseLocationAsync(ct);
        var actual = location?.Trim().ToLowerInvariant();
        if (actual == null)
            throw new FirestoreResidencyException(
                $"cannot read the location of Firestore database {options.DatabasePath} (HTTP {(int)status}): grant the service account the {LocationPermission} permission (roles/datastore.viewer) so residency can be checked");
        if (!IsAllowed(actual))
            throw new FirestoreResidencyException($"Firestore database {options.DatabasePath} is in {actual}, outside US-East; it must be in one of {allowed}");
        if (configured != null && configured != actual)
            throw new FirestoreResidencyException($"SCOUT_FIRESTORE_LOCATION={configured} but database {options.DatabasePath} is in {actual}");
        return actual;
    }
}
