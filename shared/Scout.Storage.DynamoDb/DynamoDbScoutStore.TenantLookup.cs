using Scout.Core.Model;

namespace Scout.Storage.DynamoDb;

public sealed partial class DynamoDbScoutStore
{
    /// <summary>The tenant item CreateTenantAsync writes beside the key-id item (same attributes): one strongly consistent get.</summary>
    public async Task<TenantRecord?> GetTenantAsync(string tenantId, CancellationToken ct = default)
    {
        var item = await table.GetAsync(Keys.TenantItem(tenantId), Keys.Meta, ct);
        return item is null
            ? null
            : new TenantRecord(item.GetS("tid")!, item.GetS("name")!, item.GetS("kid")!, item.GetS("salt")!, item.GetS("hash")!, Codec.ParseTime(item.GetS("created")));
    }
}
