using System.Text.Json.Nodes;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

// Small per-tenant JSON documents (policy configuration and results, webhooks, deliveries): tenants/{t}/{kind}/{key},
// named only through the tenant's scope (FirestorePaths.cs), the body kept as one string field.
public sealed partial class FirestoreScoutStore
{
    private string DocumentName(string tenantId, string kind, string key) => $"{paths.Tenant(tenantId).Document}/{kind}/{FirestorePaths.Id(key)}";

    private async Task PutDocumentAsync(string tenantId, string kind, string key, string body, CancellationToken ct) =>
        await client.CommitAsync(WithListing(tenantId, kind, key, Fs.Set(DocumentName(tenantId, kind, key), Fields(tenantId, key, body)), add: true), ct);

    /// <summary>A write of a listed kind (webhooks) carries its listing change in the same commit (FirestoreScoutStore.Listings.cs).</summary>
    private List<JsonObject> WithListing(string tenantId, string kind, string key, JsonObject write, bool add) => IdListed.Contains(kind)
        ? [write, ListingChange(Listing(paths.Tenant(tenantId).Document, kind), [IdOf(DocumentName(tenantId, kind, key))], add)]
        : [write];

    /// <summary>Writes only when absent; false when the key exists.</summary>
    private async Task<bool> CreateDocumentAsync(string tenantId, string kind, string key, string body, CancellationToken ct)
    {
        try
        {
            await client.CommitAsync(WithListing(tenantId, kind, key, Fs.Create(DocumentName(tenantId, kind, key), Fields(tenantId, key, body)), add: true), ct);
            return true;
        }
        catch (FirestoreRestException e) when (e.AlreadyExists)
        {
            return false;
        }
    }

    private async Task<string?> GetDocumentAsync(string tenantId, string kind, string key, CancellationToken ct) =>
        (await client.GetAsync(DocumentName(tenantId, kind, key), ct))?.String("body");

    private async Task<List<string>> ListDocumentsAsync(string tenantId, string kind, CancellationToken ct)
    {
        var scope = paths.Tenant(tenantId);
        var list = new List<(string Key, string Body)>();
        var listed = IdListed.Contains(kind) ? await ListedMembersAsync(scope.Document, kind, ct) : null;
        foreach (var d in listed ?? await QueryAllAsync(scope.Document, Fs.From(kind), 300, ct).ToListAsync(ct))
            if (scope.Owns(d.Name)) list.Add((d.RequiredString("key"), d.RequiredString("body")));
        return [.. list.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Body)];
    }

    private async Task<bool> DeleteDocumentAsync(string tenantId, string kind, string key, CancellationToken ct)
    {
        var name = DocumentName(tenantId, kind, key);
        if (await client.GetAsync(name, ct) is null) return false;
        await client.CommitAsync(WithListing(tenantId, kind, key, Fs.Delete(name), add: false), ct);
        return true;
    }

    private static JsonObject Fields(string tenantId, string key, string body) => new()
    {
        ["tenantId"] = Fs.Str(tenantId), ["key"] = Fs.Str(key), ["body"] = Fs.Str(body),
    };
}
