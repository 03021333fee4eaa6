using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

/// <summary>DESIGN.md section 6: Firestore data lives in us-east1, us-east4 or us-east5 only (nam5 is all of the US: refused).</summary>
public static class FirestoreResidency
{
    public static readonly IReadOnlyList<string> AllowedLocations = ["us-east1", "us-east4", "us-east5"];

    public static bool IsAllowed(string? location) =>
        location != null && AllowedLocations.Contains(location.Trim().ToLowerInvariant());

    /// <summary>
    /// Throws <see cref="FirestoreResidencyException"/> unless the database is provably in US-East: the configured
    /// location (SCOUT_FIRESTORE_LOCATION) must be allowed, and the database's own locationId, read through the
    /// admin API when it answers, must be allowed and agree. The emulator has no admin API: its configured location decides.
    /// </summary>
    public static async Task<string> EnsureAsync(FirestoreRestClient client, CancellationToken ct)
    {
        var options = client.Options;
        var configured = options.ConfiguredLocation?.Trim().ToLowerInvariant();
        var allowed = string.Join(", ", AllowedLocations);
        if (configured != null && !IsAllowed(configured))
            throw new FirestoreResidencyException($"SCOUT_FIRESTORE_LOCATION={configured} is outside US-East; Firestore must be in one of {allowed}");
        string? actual = null;
        if (!options.UsesEmulator) actual = (await client.GetDatabaseLocationAsync(ct))?.Trim().ToLowerInvariant();
        if (actual != null)
        {
            if (!IsAllowed(actual))
                throw new FirestoreResidencyException($"Firestore database {options.DatabasePath} is in {actual}, outside US-East; it must be in one of {allowed}");
            if (configured != null && configured != actual)
                throw new FirestoreResidencyException($"SCOUT_FIRESTORE_LOCATION={configured} but database {options.DatabasePath} is in {actual}");
            return actual;
        }
        return configured ?? throw new FirestoreResidencyException(
            $"cannot establish the Firestore location of {options.DatabasePath}: set SCOUT_FIRESTORE_LOCATION to one of {allowed}"
            + (options.UsesEmulator ? " (the emulator has no admin API to ask)" : " (the admin API did not answer)"));
    }
}
