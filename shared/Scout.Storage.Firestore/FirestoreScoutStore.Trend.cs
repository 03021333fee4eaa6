using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Core.Serialization;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

// ITrendStore: tenants/{tenant}/trend/{yyyy-MM-dd}, one small document per day, named in the tenant's trend listing
// (FirestoreScoutStore.Listings.cs). The collection holds at most the retention window (the write that records a day
// deletes the days before it), so it is read whole: the listing, then its days by name.
public sealed partial class FirestoreScoutStore
{
    private static string TrendDay(TenantScope scope, string day) => $"{scope.Document}/trend/{FirestorePaths.Id(day)}";

    public async Task SaveTrendSnapshotAsync(TrendSnapshot snapshot, string keepFromDay, CancellationToken ct = default)
    {
        var scope = paths.Tenant(snapshot.TenantId);
        var fields = new JsonObject
        {
            ["tenantId"] = Fs.Str(snapshot.TenantId), ["day"] = Fs.Str(snapshot.Day), ["body"] = Fs.Str(ScoutJson.Serialize(snapshot)),
        };
        var day = TrendDay(scope, snapshot.Day);
        // The day and its listing entry in one commit (FirestoreScoutStore.Listings.cs); days before the window go after.
        await client.CommitAsync([Fs.Set(day, fields), ListingChange(Listing(scope.Document, "trend"), [IdOf(day)], add: true)], ct);
        var stale = new List<string>();
        foreach (var d in await ListedMembersAsync(scope.Document, "trend", ct) ?? await QueryAllAsync(scope.Document, Fs.From("trend"), 300, ct).ToListAsync(ct))
            if (scope.Owns(d.Name) && string.CompareOrdinal(d.RequiredString("day"), keepFromDay) < 0) stale.Add(d.Name);
        if (stale.Count == 0) return;
        await Rest.CommitPlanner.CommitAllAsync(client, stale.Select(Fs.Delete), ct);
        await client.CommitAsync([ListingChange(Listing(scope.Document, "trend"), stale.Select(IdOf), add: false)], ct);
    }

    public async Task<IReadOnlyList<TrendSnapshot>> GetTrendSnapshotsAsync(string tenantId, string fromDay, CancellationToken ct = default)
    {
        var scope = paths.Tenant(tenantId);
        var list = new List<TrendSnapshot>();
        foreach (var d in await ListedMembersAsync(scope.Document, "trend", ct) ?? await QueryAllAsync(scope.Document, Fs.From("trend"), 300, ct).ToListAsync(ct))
            if (scope.Owns(d.Name) && string.CompareOrdinal(d.RequiredString("day"), fromDay) >= 0)
                list.Add(ScoutJson.Deserialize<TrendSnapshot>(d.RequiredString("body")));
        return list.OrderBy(s => s.Day, StringComparer.Ordinal).ToList();
    }
}
