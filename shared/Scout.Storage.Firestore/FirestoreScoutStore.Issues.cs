using System.Text.Json.Nodes;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

/// <summary>The re-overlay issue of an image: one document "issues/reoverlay" under the tenant's image.</summary>
public sealed partial class FirestoreScoutStore
{
    public async Task SetReoverlayIssueAsync(string tenantId, string digest, string? reason, DateTimeOffset at, CancellationToken ct = default)
    {
        var name = paths.Tenant(tenantId).Image(digest) + "/issues/reoverlay";
        await client.CommitAsync([reason == null
            ? Fs.Delete(name)
            : Fs.Set(name, new JsonObject { ["tenantId"] = Fs.Str(tenantId), ["reason"] = Fs.Str(reason), ["at"] = Fs.Time(at) })], ct);
    }

    public async Task<string?> GetReoverlayIssueAsync(string tenantId, string digest, CancellationToken ct = default) =>
        (await client.GetAsync(paths.Tenant(tenantId).Image(digest) + "/issues/reoverlay", ct))?.String("reason");
}
