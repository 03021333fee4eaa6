using System.Security.Cryptography;
using System.Text;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.UseCases;

/// <summary>
/// Tenant API keys: `scout_&lt;keyId&gt;_&lt;secret&gt;`. The key id locates the tenant; only a salted HMAC of the
/// secret is stored, compared in constant time. Keys are 256-bit random, so a fast keyed hash is enough.
/// </summary>
public sealed class ApiKeys(ITenantStore store, IClock clock)
{
    private const string Prefix = "scout_";

    public async Task<(TenantRecord Tenant, string ApiKey)> CreateTenantAsync(string name, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 128) throw new InputException("tenant name: 1 to 128 characters");
        var keyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var salt = Base64Url(RandomNumberGenerator.GetBytes(16));
        var tenant = new TenantRecord("tn_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(),
            name, keyId, salt, Hash(salt, secret), clock.UtcNow);
        await store.CreateTenantAsync(tenant, ct);
        return (tenant, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>The tenant the key belongs to, or null for any malformed, unknown or wrong key.</summary>
    public async Task<TenantRecord?> AuthenticateAsync(string? apiKey, CancellationToken ct = default)
    {
        if (apiKey is null || !apiKey.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var rest = apiKey.AsSpan(Prefix.Length);
        var sep = rest.IndexOf('_');
        if (sep != 16) return null;
        var keyId = rest[..sep].ToString();
        var secret = rest[(sep + 1)..].ToString();
        var tenant = await store.GetTenantByKeyIdAsync(keyId, ct);
        if (tenant is null) return null;
        var expected = Encoding.ASCII.GetBytes(tenant.KeyHash);
        var actual = Encoding.ASCII.GetBytes(Hash(tenant.KeySalt, secret));
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? tenant : null;
    }

    private static string Hash(string salt, string secret) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
