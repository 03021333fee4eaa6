using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Policy;
using Scout.Core.Serialization;

namespace Scout.Core.Api;

// GET /v1/images/{digest}/policy, GET|PUT /v1/policy (DESIGN.md section 8).
public sealed partial class ScoutApi
{
    private async Task<ApiResponse> GetImagePolicyAsync(TenantRecord tenant, string digest, CancellationToken ct)
    {
        await RequireImageAsync(tenant, digest, ct);
        var results = await Store.GetPolicyResultsAsync(tenant.TenantId, digest, ct);
        // Images analyzed before policies existed (or whose evaluation was lost) are evaluated on first read.
        if (results is null && services.Policy is { } policy)
            results = (await policy.EvaluateAsync(tenant.TenantId, digest, ct))?.Current;
        return JsonAnswers.Json(200, new PolicyResultsView(results?.Results ?? [], results?.EvaluatedAt), Json.PolicyResultsView);
    }

    private async Task<ApiResponse> PolicyConfigAsync(TenantRecord tenant, ApiRequest request, string method, CancellationToken ct)
    {
        Allow(request, method, "GET", "PUT");
        if (method == "GET")
            return JsonAnswers.Json(200, await Store.GetPolicyConfigAsync(tenant.TenantId, ct) ?? new PolicyConfig(), Json.PolicyConfig);
        using var doc = ParseJson(request, "a policy configuration");
        var current = await Store.GetPolicyConfigAsync(tenant.TenantId, ct) ?? new PolicyConfig();
        var config = PolicyConfigParser.Merge(current, doc.RootElement) with { UpdatedAt = services.Clock.UtcNow };
        await Store.SetPolicyConfigAsync(tenant.TenantId, config, ct);
        var evaluated = services.Policy is { } policy
            ? await policy.EvaluateTenantAsync(tenant.TenantId, services.PolicyEvaluated is { } after
                ? (previous, results) => after(new ImageRef(tenant.TenantId, results.Digest), previous, results, ct) : null, ct)
            : 0;
        return JsonAnswers.Json(200, new PolicyUpdated(config, evaluated), Json.PolicyUpdated);
    }
}

public sealed record PolicyResultsView(IReadOnlyList<PolicyResult> Results, DateTimeOffset? EvaluatedAt);

public sealed record PolicyUpdated(PolicyConfig Policy, int ImagesEvaluated);

/// <summary>
/// Reads PUT /v1/policy: any subset of the policies, each with <c>enabled</c> and its settings; unknown fields and bad
/// values are refused with the path that is wrong. <c>highProfileVulnerabilities.ids</c> takes an id list, and
/// <c>highProfileVulnerabilities.kev</c> a CISA KEV catalog (its JSON object, or its CSV text) whose cveID column is imported.
/// </summary>
public static class PolicyConfigParser
{
    public static PolicyConfig Merge(PolicyConfig current, JsonElement root)
    {
        var config = current;
        foreach (var p in root.EnumerateObject())
        {
            var v = p.Value;
            if (v.ValueKind != JsonValueKind.Object) throw ApiError.BadRequest($"{p.Name}: expected an object");
            config = p.Name switch
            {
                "fixableVulnerabilities" => config with { FixableVulnerabilities = new(Enabled(v, p.Name, config.FixableVulnerabilities.Enabled, "minSeverity"), Severity(v, p.Name, config.FixableVulnerabilities.MinSeverity)) },
                "copyleftLicenses" => config with { CopyleftLicenses = new(Enabled(v, p.Name, config.CopyleftLicenses.Enabled, "licenses"), Strings(v, "licenses", p.Name) ?? config.CopyleftLicenses.Licenses) },
                "baseImageUpToDate" => config with { BaseImageUpToDate = new(Enabled(v, p.Name, config.BaseImageUpToDate.Enabled)) },
                "noSecrets" => config with { NoSecrets = new(Enabled(v, p.Name, config.NoSecrets.Enabled)) },
                "sbomAttestation" => config with { SbomAttestation = new(Enabled(v, p.Name, config.SbomAttestation.Enabled)) },
                "highProfileVulnerabilities" => config with { HighProfileVulnerabilities = new(Enabled(v, p.Name, config.HighProfileVulnerabilities.Enabled, "ids", "kev"), HighProfileIds(v, p.Name) ?? config.HighProfileVulnerabilities.Ids) },
                _ => throw ApiError.BadRequest($"{p.Name}: unknown policy (expected fixableVulnerabilities, copyleftLicenses, baseImageUpToDate, noSecrets, sbomAttestation, highProfileVulnerabilities)"),
            };
        }
        return config;
    }

    private static bool Enabled(JsonElement v, string path, bool fallback, params string[] settings)
    {
        foreach (var f in v.EnumerateObject())
            if (f.Name != "enabled" && !settings.Contains(f.Name))
                throw ApiError.BadRequest($"{path}.{f.Name}: unknown field (expected enabled{string.Concat(settings.Select(s => ", " + s))})");
        if (!v.TryGetProperty("enabled", out var e)) return fallback;
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ApiError.BadRequest($"{path}.enabled: expected true or false"),
        };
    }

    private static string Severity(JsonElement v, string path, string fallback)
    {
        if (!v.TryGetProperty("minSeverity", out var s)) return fallback;
        var value = s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
        if (value is not (Severities.Critical or Severities.High or Severities.Medium or Severities.Low))
            throw ApiError.BadRequest($"{path}.minSeverity: expected critical, high, medium or low");
        return value;
    }

    private static List<string>? Strings(JsonElement v, string name, string path)
    {
        if (!v.TryGetProperty(name, out var a)) return null;
        if (a.ValueKind != JsonValueKind.Array) throw ApiError.BadRequest($"{path}.{name}: expected an array of strings");
        var list = new List<string>();
        foreach (var item in a.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                throw ApiError.BadRequest($"{path}.{name}[{list.Count}]: expected a non-empty string");
            list.Add(item.GetString()!.Trim());
            if (list.Count > 100_000) throw ApiError.BadRequest($"{path}.{name}: more than 100000 entries");
        }
        return list;
    }

    private static List<string>? HighProfileIds(JsonElement v, string path)
    {
        var ids = Strings(v, "ids", path);
        if (!v.TryGetProperty("kev", out var kev)) return ids;
        var imported = kev.ValueKind switch
        {
            JsonValueKind.Object => KevCatalog.FromJson(kev, $"{path}.kev"),
            JsonValueKind.String => KevCatalog.FromCsv(kev.GetString()!, $"{path}.kev"),
            _ => throw ApiError.BadRequest($"{path}.kev: expected the KEV catalog as a JSON object or CSV text"),
        };
        return [.. (ids ?? []).Concat(imported).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}

/// <summary>CISA's Known Exploited Vulnerabilities catalog: JSON <c>{vulnerabilities: [{cveID}]}</c> or CSV with a cveID column.</summary>
public static class KevCatalog
{
    public static List<string> FromJson(JsonElement catalog, string path)
    {
        if (!catalog.TryGetProperty("vulnerabilities", out var list) || list.ValueKind != JsonValueKind.Array)
            throw ApiError.BadRequest($"{path}.vulnerabilities: required, an array of {{cveID}}");
        var ids = new List<string>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("cveID", out var id) || id.ValueKind != JsonValueKind.String)
                throw ApiError.BadRequest($"{path}.vulnerabilities[{i}].cveID: required, a string");
            ids.Add(id.GetString()!.Trim());
            i++;
        }
        return ids;
    }

    public static List<string> FromCsv(string csv, string path)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) throw ApiError.BadRequest($"{path}: empty CSV");
        var header = lines[0].Split(',').Select(h => h.Trim().Trim('"')).ToList();
        var column = header.FindIndex(h => h.Equals("cveID", StringComparison.OrdinalIgnoreCase));
        if (column < 0) throw ApiError.BadRequest($"{path}: the CSV header has no cveID column");
        var ids = new List<string>();
        for (var n = 1; n < lines.Length; n++)
        {
            // cveID is the first column of CISA's file and never holds a comma; quoted fields after it may.
            var cell = lines[n].Split(',')[column < lines[n].Split(',').Length ? column : 0].Trim().Trim('"');
            if (cell.Length == 0) throw ApiError.BadRequest($"{path}: line {n + 1} has no cveID");
            ids.Add(cell);
        }
        return ids;
    }
}
