using Scout.Core.Model;

namespace Scout.Core.Ports;

/// <summary>Per-tenant policy configuration and the stored per-image results (tenant-scoped like every tenant read).</summary>
public interface IPolicyStore
{
    /// <summary>Null when the tenant never set one (the defaults apply).</summary>
    Task<PolicyConfig?> GetPolicyConfigAsync(string tenantId, CancellationToken ct = default);
    Task SetPolicyConfigAsync(string tenantId, PolicyConfig config, CancellationToken ct = default);
    Task SavePolicyResultsAsync(string tenantId, ImagePolicyResults results, CancellationToken ct = default);
    Task<ImagePolicyResults?> GetPolicyResultsAsync(string tenantId, string digest, CancellationToken ct = default);
}
