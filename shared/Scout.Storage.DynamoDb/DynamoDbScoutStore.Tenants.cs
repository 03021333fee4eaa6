using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Storage.DynamoDb;

public sealed partial class DynamoDbScoutStore
{
    /// <summary>The key-id lookup item and the tenant item are written in one transaction, both conditional.</summary>
    public async Task CreateTenantAsync(TenantRecord tenant, CancellationToken ct = default)
    {
        Dictionary<string, AttributeValue> Item(string pk, string type) => new()
        {
            [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S(Keys.Meta), [Keys.EntityType] = Codec.S(type),
            ["tid"] = Codec.S(tenant.TenantId), ["name"] = Codec.S(tenant.Name), ["kid"] = Codec.S(tenant.KeyId),
            ["salt"] = Codec.S(tenant.KeySalt), ["hash"] = Codec.S(tenant.KeyHash), ["created"] = Codec.S(Codec.Time(tenant.CreatedAt)),
        };
        try
        {
            await table.Client.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                TransactItems =
                [
                    new TransactWriteItem { Put = new Put { TableName = table.TableName, Item = Item(Keys.ApiKey(tenant.KeyId), EntityTypes.ApiKey), ConditionExpression = "attribute_not_exists(PK)" } },
                    new TransactWriteItem { Put = new Put { TableName = table.TableName, Item = Item(Keys.TenantItem(tenant.TenantId), EntityTypes.Tenant), ConditionExpression = "attribute_not_exists(PK)" } },
                ],
            }, ct);
        }
        catch (TransactionCanceledException e) when (IsConditionFailure(e))
        {
            throw new DuplicateException($"tenant {tenant.TenantId} or key id {tenant.KeyId} already exists");
        }
    }

    public async Task<TenantRecord?> GetTenantByKeyIdAsync(string keyId, CancellationToken ct = default)
    {
        var item = await table.GetAsync(Keys.ApiKey(keyId), Keys.Meta, ct);
        return item is null
            ? null
            : new TenantRecord(item.GetS("tid")!, item.GetS("name")!, item.GetS("kid")!, item.GetS("salt")!, item.GetS("hash")!, Codec.ParseTime(item.GetS("created")));
    }
}
