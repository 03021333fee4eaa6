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
        string? location;
        System.Net.HttpStatusCode status;
        try
        {
            (location, status) = await client.GetDatabaseLocationAsync(ct);
        }
        catch (Exception e) when (Unreadable(e, ct))
        {
            // No credentials, an unreachable API or an unexpected answer: the location is unknown, so the store does not start.
            throw new FirestoreResidencyException(
                $"cannot read the location of Firestore database {options.DatabasePath} ({OneLine(e.Message)}): the store needs credentials with the {LocationPermission} permission (roles/datastore.viewer) and a reachable Firestore API so residency can be checked");
        }
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

    private static bool Unreadable(Exception e, CancellationToken ct) =>
        e is HttpRequestException or InvalidOperationException or IOException or Rest.FirestoreRestException or System.Text.Json.JsonException
            or Google.Apis.Auth.OAuth2.Responses.TokenResponseException
        || (e is TaskCanceledException && !ct.IsCancellationRequested);

    private static string OneLine(string message)
    {
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
