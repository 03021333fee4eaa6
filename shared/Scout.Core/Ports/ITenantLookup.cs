using Scout.Core.Model;

namespace Scout.Core.Ports;

/// <summary>A tenant by its id: commands that take --tenant refuse an id no tenant has (issue #18) instead of answering
/// as if it were a tenant without data.</summary>
public interface ITenantLookup
{
    /// <summary>The tenant record with this id (any of its keys), or null when no tenant has it.</summary>
    Task<TenantRecord?> GetTenantAsync(string tenantId, CancellationToken ct = default);
}
