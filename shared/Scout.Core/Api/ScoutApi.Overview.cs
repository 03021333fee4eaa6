using Scout.Core.Model;
using Scout.Core.Serialization;
using Scout.Core.UseCases;

namespace Scout.Core.Api;

// What the dashboard's overview shows beyond the image list (issues #14, #18): how fresh the advisories are
// (GET /v1/advisories/status, the data of `scout advisories status --format json`) and the tenant's totals that the
// stored finding counts do not hold (GET /v1/overview: fixable vs not, secrets, policy results).
public sealed partial class ScoutApi
{
    /// <summary>
    /// Feed state is the platform's, not a tenant's: any tenant may read it. The feed is named without what could be
    /// the operator's secret or layout (URL credentials and query, a local folder's path).
    /// </summary>
    private async Task<ApiResponse> GetFeedStatusAsync(CancellationToken ct)
    {
        var report = await new FeedStateStore(Store).StatusAsync(ct);
        var now = services.Clock.UtcNow;
        var interval = services.AdvisoryPollInterval;
        var staleAfter = FeedStatusView.StaleAfter(interval);
        var feeds = report.Feeds.Select(f => new FeedStatusEntry(FeedStatusView.PublicName(f.Feed), f.Ecosystem, f.Cursor, f.PendingRetries,
            f.LastRefresh, f.LastPoll, f.LastChange, Stale: f.LastPoll is { } seen && now - seen > staleAfter)).ToList();
        return JsonAnswers.Json(200, new FeedStatusView(feeds, (int)interval.TotalSeconds, (int)staleAfter.TotalSeconds, now),
            ScoutJson.TypeInfo<FeedStatusView>(ScoutJson.WithNulls));
    }

    /// <summary>Reads every image's findings and stored policy results (a few at a time): the totals no stored count holds.</summary>
    private async Task<ApiResponse> GetOverviewAsync(TenantRecord tenant, CancellationToken ct)
    {
        var totals = new OverviewTotals();
        string? token = null;
        do
        {
            var page = await Store.ListImagesAsync(tenant.TenantId, 1000, token, ct);
            await Parallel.ForEachAsync(page.Items, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (image, token2) =>
            {
                var digest = image.Image.Digest;
                var findings = await Store.GetFindingsAsync(tenant.TenantId, digest, token2);
                var policy = await Store.GetPolicyResultsAsync(tenant.TenantId, digest, token2);
                lock (totals) totals.Add(image, findings, policy);
            });
            token = page.NextPageToken;
        } while (token != null);
        return JsonAnswers.Json(200, totals.ToView(), Json.OverviewView);
    }
}

/// <summary>GET /v1/advisories/status: per feed and ecosystem what `scout advisories status --format json` shows, and
/// whether its last poll is older than the refresh schedule allows. Only polled feeds (HTTP, on a schedule) can be stale:
/// a folder or archive import has no schedule, its advisories are as of the import.</summary>
public sealed record FeedStatusView(IReadOnlyList<FeedStatusEntry> Feeds, int PollIntervalSeconds, int StaleAfterSeconds, DateTimeOffset CheckedAt)
{
    /// <summary>Two missed polls and a minute of slack: one slow or failed poll is not yet stale.</summary>
    public static TimeSpan StaleAfter(TimeSpan interval) => 2 * interval + TimeSpan.FromMinutes(1);

    public static string PublicName(string feed)
    {
        if (Uri.TryCreate(feed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri.AbsoluteUri.TrimEnd('/');
        var colon = feed.IndexOf(':');
        // dir:/srv/osv or zip:/data/all.zip: the kind and the last name, not the server's layout.
        return colon > 0 ? feed[..(colon + 1)] + Path.GetFileName(feed[(colon + 1)..].TrimEnd('/', '\\')) : Path.GetFileName(feed);
    }
}

public sealed record FeedStatusEntry(string Feed, string Ecosystem, string? Cursor, IReadOnlyList<PendingRetry> PendingRetries,
    DateTimeOffset? LastRefresh, DateTimeOffset? LastPoll, DateTimeOffset? LastChange, bool Stale);

/// <summary>GET /v1/overview: the tenant's totals. Fixable and not fixable count open vulnerabilities (not suppressed,
/// not indeterminate) by severity; secrets count secret findings; policy counts images per policy and status
/// (an image never evaluated counts under notEvaluated).</summary>
public sealed record OverviewView(int Images, IReadOnlyDictionary<string, int> Fixable, IReadOnlyDictionary<string, int> NotFixable,
    int Secrets, int ImagesWithSecrets, IReadOnlyList<PolicySummaryView> Policy, int PolicyNotEvaluated);

public sealed record PolicySummaryView(string Policy, int Pass, int Fail, int Unknown);

internal sealed class OverviewTotals
{
    private int images, secrets, imagesWithSecrets, notEvaluated;
    private readonly Dictionary<string, int> fixable = Zeros(), notFixable = Zeros();
    private readonly SortedDictionary<string, int[]> policy = new(StringComparer.Ordinal);

    private static Dictionary<string, int> Zeros() => Severities.Ordered.ToDictionary(s => s, _ => 0);

    public void Add(StoredImage image, IReadOnlyList<Finding> findings, ImagePolicyResults? results)
    {
        images++;
        var imageSecrets = 0;
        foreach (var f in findings)
        {
            if (f.Kind == FindingKinds.Secret) { imageSecrets++; continue; }
            if (f.Kind != FindingKinds.Vulnerability || f.Suppressed) continue;
            var bucket = f.FixState == FixStates.Fixed ? fixable : notFixable;
            var severity = bucket.ContainsKey(f.Severity) ? f.Severity : Severities.Unknown;
            bucket[severity]++;
        }
        secrets += imageSecrets;
        if (imageSecrets > 0) imagesWithSecrets++;
        if (results is null) { notEvaluated++; return; }
        foreach (var r in results.Results)
        {
            if (!policy.TryGetValue(r.Policy, out var counts)) policy[r.Policy] = counts = new int[3];
            counts[r.Status switch { PolicyStatuses.Pass => 0, PolicyStatuses.Fail => 1, _ => 2 }]++;
        }
    }

    public OverviewView ToView() => new(images, fixable, notFixable, secrets, imagesWithSecrets,
        [.. policy.Select(p => new PolicySummaryView(p.Key, p.Value[0], p.Value[1], p.Value[2]))], notEvaluated);
}
