using System.Security.Cryptography;
using Scout.Core.Api;

namespace Scout.Core.Dashboard;

/// <summary>One static file of the dashboard, read once from this assembly's embedded resources.</summary>
public sealed record DashboardAsset(string Name, string ContentType, byte[] Bytes, string ETag);

/// <summary>
/// The dashboard's files (Dashboard/assets, embedded at build time: no CDN, no external font, works offline) and the
/// headers every one of them is served with. The policy allows this origin only and no inline script or style, so
/// an injected tag cannot run; the pages keep the API key in sessionStorage and send it as a bearer token.
/// </summary>
public static class DashboardAssets
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string ResourcePrefix = "dashboard/";

    private static readonly Dictionary<string, DashboardAsset> assets = Load();

    public static DashboardAsset Index => assets["index.html"];

    public static IReadOnlyCollection<string> Names => assets.Keys;

    /// <summary>The asset at a path under /ui/, or null (names are exact: nothing outside the embedded set is reachable).</summary>
    public static DashboardAsset? Find(string name) => assets.GetValueOrDefault(name);

    public static ApiResponse Respond(DashboardAsset asset, ApiRequest request, bool head)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Security-Policy"] = ContentSecurityPolicy,
            ["X-Content-Type-Options"] = "nosniff",
            ["Referrer-Policy"] = "no-referrer",
            ["X-Frame-Options"] = "DENY",
            ["Cross-Origin-Opener-Policy"] = "same-origin",
            // Revalidated on every load (a 304 when unchanged), so a new deployment is picked up at once.
            ["Cache-Control"] = "no-cache",
            ["ETag"] = asset.ETag,
        };
        if (request.Headers.TryGetValue("If-None-Match", out var match) && match.Split(',').Any(m => m.Trim() == asset.ETag))
            return new ApiResponse(304, asset.ContentType, ReadOnlyMemory<byte>.Empty) { Headers = headers };
        return new ApiResponse(200, asset.ContentType, head ? ReadOnlyMemory<byte>.Empty : asset.Bytes) { Headers = headers };
    }

    private static Dictionary<string, DashboardAsset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var found = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var name = resource[ResourcePrefix.Length..].Replace('\\', '/');
            var etag = "\"" + Convert.ToHexString(SHA256.HashData(bytes))[..20].ToLowerInvariant() + "\"";
            found[name] = new DashboardAsset(name, ContentTypeOf(name), bytes, etag);
        }
        if (!found.ContainsKey("index.html")) throw new InvalidOperationException("the dashboard's index.html is not embedded in Scout.Core");
        return found;
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
