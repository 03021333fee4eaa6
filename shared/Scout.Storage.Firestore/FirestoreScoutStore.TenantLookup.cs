using Scout.Core.Model;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

public sealed partial class FirestoreScoutStore
{
    /// <summary>Tenants are stored by key id (tenantKeys/{keyId}): an equality query on tenantId, served by Firestore's
    /// automatic single-field index (no composite index to deploy).</summary>
    public async Task<TenantRecord?> GetTenantAsync(string tenantId, CancellationToken ct = default)
    {
        var query = Fs.From("tenantKeys");
        query["where"] = Fs.FieldFilter("tenantId", "EQUAL", Fs.Str(tenantId));
        query["limit"] = 1;
        var d = (await client.RunQueryAsync(paths.Root, query, ct)).FirstOrDefault();
        return d == null ? null : new TenantRecord(d.RequiredString("tenantId"), d.RequiredString("name"), d.RequiredString("keyId"),
            d.RequiredString("keySalt"), d.RequiredString("keyHash"), FirestoreFields.Time(d, "createdAt") ?? default);
    }
}
