using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Scout.Core.Webhooks;

/// <summary>
/// The operator's webhook settings: SCOUT_WEBHOOK_KEY (base64 of 32 random bytes) encrypts webhook secrets at rest,
/// SCOUT_WEBHOOK_ALLOW lists hosts or CIDRs that may be private/loopback/link-local (the SSRF guard refuses them otherwise).
/// Without a key, webhooks cannot be created (the platform must sign with the secret, so it cannot keep only a hash).
/// </summary>
public sealed record WebhookSettings(byte[]? Key, IReadOnlyList<string> Allow)
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static WebhookSettings FromEnvironment(Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        byte[]? key = null;
        if (env("SCOUT_WEBHOOK_KEY") is { Length: > 0 } text)
        {
            try { key = Convert.FromBase64String(text.Trim()); } catch (FormatException) { key = null; }
            if (key is not { Length: 32 }) throw new Ports.InputException("SCOUT_WEBHOOK_KEY: expected base64 of 32 bytes (e.g. `openssl rand -base64 32`)");
        }
        var allow = (env("SCOUT_WEBHOOK_ALLOW") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new WebhookSettings(key, allow);
    }
}

/// <summary>
/// AES-256-GCM of a webhook secret under the operator's key, bound to (tenant, webhook id) as associated data so a
/// ciphertext copied to another webhook does not decrypt. Stored as base64(nonce | tag | ciphertext).
/// </summary>
public static class WebhookSecretBox
{
    public static string Seal(byte[] key, string tenantId, string webhookId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var cipher = new byte[plain.Length];
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plain, cipher, tag, Aad(tenantId, webhookId));
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public static string Open(byte[] key, string tenantId, string webhookId, string sealedText)
    {
        var all = Convert.FromBase64String(sealedText);
        var plain = new byte[all.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(all.AsSpan(0, 12), all.AsSpan(28), all.AsSpan(12, 16), plain, Aad(tenantId, webhookId));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Aad(string tenantId, string webhookId) => Encoding.UTF8.GetBytes($"{tenantId}\n{webhookId}");
}

/// <summary>The SSRF guard: which addresses a webhook may reach.</summary>
public static class WebhookAddressGuard
{
    /// <summary>Null when the address may be reached, else why not.</summary>
    public static string? Refusal(IPAddress address, string host, IReadOnlyList<string> allow)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (allow.Any(a => a.Equals(host, StringComparison.OrdinalIgnoreCase) || Matches(a, address))) return null;
        if (IPAddress.IsLoopback(address)) return "a loopback address";
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            if (b[0] == 169 && b[1] == 254) return b[2] == 169 && b[3] == 254 ? "a cloud metadata address" : "a link-local address";
            if (b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168)) return "a private address";
            if (b[0] == 100 && (b[1] & 0xC0) == 64) return "a shared (carrier-grade NAT) address";
            if (b[0] == 0 || b[0] >= 224) return "not a unicast address";
            return null;
        }
        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)) return "not a unicast address";
        if (address.IsIPv6LinkLocal) return "a link-local address";
        if (b[0] == 0xfd && b[1] == 0x00 && b[2] == 0x0e && b[3] == 0xc2) return "a cloud metadata address";
        if ((b[0] & 0xFE) == 0xFC || address.IsIPv6SiteLocal) return "a private address";
        if (address.IsIPv6Multicast) return "not a unicast address";
        return null;
    }

    /// <summary>Checks the URL's shape and every address its host resolves to now (delivery checks the connected address again).</summary>
    public static async Task<string?> CheckUrlAsync(string url, IReadOnlyList<string> allow, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "url: expected an absolute http(s) URL";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "url: credentials in the URL are not accepted (use the secret)";
        if (uri.Host.Equals("metadata.google.internal", StringComparison.OrdinalIgnoreCase) && !allow.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            return $"url: {uri.Host} is a cloud metadata address";
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, ct);
        }
        catch (SocketException e)
        {
            return $"url: {uri.Host} does not resolve ({e.SocketErrorCode})";
        }
        foreach (var a in addresses)
            if (Refusal(a, uri.Host, allow) is { } why)
                return $"url: {uri.Host} resolves to {a}, {why}; the operator may allow it in SCOUT_WEBHOOK_ALLOW";
        return addresses.Length == 0 ? $"url: {uri.Host} does not resolve" : null;
    }

    private static bool Matches(string entry, IPAddress address)
    {
        var slash = entry.IndexOf('/');
        if (slash < 0) return IPAddress.TryParse(entry, out var single) && single.Equals(address);
        if (!IPAddress.TryParse(entry[..slash], out var network) || !int.TryParse(entry[(slash + 1)..], out var bits)) return false;
        if (network.AddressFamily != address.AddressFamily) return false;
        var n = network.GetAddressBytes();
        var a = address.GetAddressBytes();
        for (var i = 0; i < n.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((n[i] & mask) != (a[i] & mask)) return false;
        }
        return true;
    }
}
