using Scout.Core.Model;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Testing.StoreContract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task A_tenant_is_found_by_its_id_and_an_unknown_id_is_no_tenant()
    {
        var tenant = new TenantRecord(NewTenantId(), "lookup", "k" + Guid.NewGuid().ToString("N"), "salt", "hash", At(1));
        var other = new TenantRecord(NewTenantId(), "other", "k" + Guid.NewGuid().ToString("N"), "salt2", "hash2", At(2));
        await Store.CreateTenantAsync(tenant);
        await Store.CreateTenantAsync(other);
        Assert.Equal(tenant, await Store.GetTenantAsync(tenant.TenantId));
        Assert.Equal(other, await Store.GetTenantAsync(other.TenantId));
        Assert.Null(await Store.GetTenantAsync(NewTenantId()));
        // an id that only differs in case is another id
        Assert.Null(await Store.GetTenantAsync(tenant.TenantId.ToUpperInvariant()));
    }
}
