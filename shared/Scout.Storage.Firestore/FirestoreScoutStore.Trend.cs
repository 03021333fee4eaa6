using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Core.Serialization;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

// ITrendStore: tenants/{tenant}/trend/{yyyy-MM-dd}, one small document per day. The collection holds at most the
// retention window (the write that records a day deletes the days before it), so it is read whole, in name (= day) order.
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
        var writes = new List<JsonObject> { Fs.Set(TrendDay(scope, snapshot.Day), fields) };
        await foreach (var d in QueryAllAsync(scope.Document, Fs.From("trend"), 300, ct))
            if (scope.Owns(d.Name) && string.CompareOrdinal(d.RequiredString("day"), keepFromDay) < 0) writes.Add(Fs.Delete(d.Name));
        await Rest.CommitPlanner.CommitAllAsync(client, writes, ct);
    }

    public async Task<IReadOnlyList<TrendSnapshot>> GetTrendSnapshotsAsync(string tenantId, string fromDay, CancellationToken ct = default)
    {
        var scope = paths.Tenant(tenantId);
        var list = new List<TrendSnapshot>();
        await foreach (var d in QueryAllAsync(scope.Document, Fs.From("trend"), 300, ct))
            if (scope.Owns(d.Name) && string.CompareOrdinal(d.RequiredString("day"), fromDay) >= 0)
                list.Add(ScoutJson.Deserialize<TrendSnapshot>(d.RequiredString("body")));
        return list.OrderBy(s => s.Day, StringComparer.Ordinal).ToList();
    }
}
