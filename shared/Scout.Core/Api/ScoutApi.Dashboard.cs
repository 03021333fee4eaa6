using System.Text.Json;
using Scout.Core.Dashboard;
using Scout.Core.Model;
using Scout.Core.UseCases;

namespace Scout.Core.Api;

// The dashboard (DESIGN.md section 8): its static files at / and /ui/*, served by the same handler on every host, and
// the read-only resources its pages call with the tenant's bearer key.
public sealed partial class ScoutApi
{
    private const int MaxAliases = 50;

    private static ApiResponse ServeDashboard(ApiRequest request, string method, string[] segments)
    {
        Allow(request, method, "GET", "HEAD");
        var asset = segments.Length == 0 ? DashboardAssets.Index : DashboardAssets.Find(string.Join('/', segments[1..]))
            ?? throw ApiError.NotFound($"no resource at {request.Path}");
        return DashboardAssets.Respond(asset, request, head: method == "HEAD");
    }

    private async Task<ApiResponse> ListEnvironmentsAsync(TenantRecord tenant, CancellationToken ct)
    {
        var workloads = new List<WorkloadView>();
        string? token = null;
        do
        {
            var page = await Store.ListImagesAsync(tenant.TenantId, 1000, token, ct);
            var found = new WorkloadView[page.Items.Count][];
            // Environments live under their image in every store: one read per image, a few at a time.
            await Parallel.ForEachAsync(Enumerable.Range(0, page.Items.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
                async (i, token2) =>
                {
                    var image = page.Items[i];
                    var links = await Store.GetEnvironmentsAsync(tenant.TenantId, image.Image.Digest, token2);
                    found[i] = [.. links.Select(e => new WorkloadView(e.Namespace, e.WorkloadName, e.WorkloadType, e.SeenAt, image.Image.Digest,
                        new RegistryView(image.Image.Registry?.Url, image.Image.Registry?.Type), image.FindingCounts))];
                });
            workloads.AddRange(found.SelectMany(w => w));
            token = page.NextPageToken;
        } while (token != null);
        var ordered = workloads.OrderBy(w => w.Namespace, StringComparer.Ordinal).ThenBy(w => w.WorkloadName, StringComparer.Ordinal)
            .ThenBy(w => w.WorkloadType, StringComparer.Ordinal).ThenBy(w => w.ImageDigest, StringComparer.Ordinal).ToList();
        return JsonAnswers.Json(200, new EnvironmentListView(ordered), Json.EnvironmentListView);
    }

    private async Task<ApiResponse> GetTrendAsync(TenantRecord tenant, ApiRequest request, CancellationToken ct)
    {
        var days = 30;
        if (request.Query.TryGetValue("days", out var text)
            && (!int.TryParse(text, out days) || days < 1 || days > TenantTrend.RetentionDays))
            throw ApiError.BadRequest($"days: expected a whole number from 1 to {TenantTrend.RetentionDays}");
        var from = TrendSnapshot.DayOf(services.Clock.UtcNow.AddDays(-(days - 1)));
        var snapshots = (await Store.GetTrendSnapshotsAsync(tenant.TenantId, from, ct)).ToList();
        // Today's point is live: recording after analyses is rate-limited (TenantTrend.AnalysisInterval).
        var today = await new TenantTrend(Store, services.Clock).TodayAsync(tenant.TenantId, ct);
        if (snapshots.Count > 0 && snapshots[^1].Day == today.Day) snapshots[^1] = today;
        else if (today.Images > 0 || snapshots.Count > 0) snapshots.Add(today);
        return JsonAnswers.Json(200, new TrendView([.. snapshots.Select(s => new TrendDayView(s.Day, s.Images, s.Counts, s.RecordedAt))],
            TenantTrend.RetentionDays), Json.TrendView);
    }

    /// <summary>A finding's id is the preferred one among merged advisories (FindingMerger), which need not be a stored
    /// record's id: the caller passes the finding's aliases too, and every stored record among them is used.</summary>
    private async Task<ApiResponse> GetAdvisoryImagesAsync(TenantRecord tenant, string id, ApiRequest request, CancellationToken ct)
    {
        var aliases = request.Query.TryGetValue("aliases", out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        if (aliases.Length > MaxAliases) throw ApiError.BadRequest($"aliases: more than {MaxAliases} ids");
        var ids = new HashSet<string>(aliases.Prepend(id), StringComparer.Ordinal);
        var stored = new List<StoredAdvisory>();
        foreach (var candidate in ids.Order(StringComparer.Ordinal))
            stored.AddRange(await Store.GetAdvisoriesByIdAsync(candidate, ct)); // every source's record of the id
        if (stored.Count == 0) throw ApiError.NotFound($"no advisory {id}" + (aliases.Length > 0 ? " nor any of its aliases" : ""));
        stored = [.. stored.OrderBy(a => a.Id == id ? 0 : 1).ThenBy(a => a.Id, StringComparer.Ordinal)];
        foreach (var a in stored) ids.UnionWith(AliasesOf(a));

        var digests = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in stored.SelectMany(a => a.Keys).Distinct())
            foreach (var image in await Store.FindImagesByPackageAsync(key, ct))
                if (image.TenantId == tenant.TenantId) digests.Add(image.Digest); // the index spans tenants: keep only this one's
        var hits = new List<AdvisoryImageView>();
        foreach (var digest in digests)
        {
            var image = await Store.GetImageAsync(tenant.TenantId, digest, ct);
            if (image is null) continue;
            foreach (var f in await Store.GetFindingsAsync(tenant.TenantId, digest, ct))
                if (f.Kind != FindingKinds.Secret && (ids.Contains(f.Id) || f.Aliases.Any(ids.Contains)))
                    hits.Add(new AdvisoryImageView(digest, new RegistryView(image.Image.Registry?.Url, image.Image.Registry?.Type), f.Id,
                        f.Purl, f.InstalledVersion, f.Severity, f.FixState, f.Suppressed));
        }
        var records = stored.Select(a => JsonDocument.Parse(a.Json).RootElement.Clone()).ToList();
        return JsonAnswers.Json(200, new AdvisoryImagesView(id, records, hits), Json.AdvisoryImagesView);
    }

    private static IEnumerable<string> AliasesOf(StoredAdvisory advisory)
    {
        using var doc = JsonDocument.Parse(advisory.Json);
        if (doc.RootElement.TryGetProperty("aliases", out var aliases) && aliases.ValueKind == JsonValueKind.Array)
            foreach (var a in aliases.EnumerateArray())
                if (a.ValueKind == JsonValueKind.String) yield return a.GetString()!;
    }
}
