using System.Text.Json;
using Scout.Core.Ports;
using Scout.Core.Serialization;

namespace Scout.Core.UseCases;

/// <summary>A record a feed listed that could not be used yet: retried on every refresh until it is.</summary>
public sealed record PendingRetry(string Id, int Attempts, string Reason);

/// <summary>What a refresh remembers per (feed, ecosystem) beside the cursor.</summary>
public sealed record FeedState
{
    public IReadOnlyList<PendingRetry> PendingRetries { get; init; } = [];
    public DateTimeOffset? LastRefresh { get; init; }
}

/// <summary>One (feed, ecosystem) a refresh has read: the cursor store keys its cursor as "{Feed}|{Ecosystem}".</summary>
public sealed record FeedScope(string Feed, string Ecosystem)
{
    public string CursorKey => $"{Feed}|{Ecosystem}";
}

/// <summary>`scout advisories status`: per feed and ecosystem, the cursor, pending retries and refresh/poll times.</summary>
public sealed record FeedStatusReport(IReadOnlyList<FeedStatus> Feeds)
{
    /// <summary>Images whose re-overlay failed and is retried by every refresh (ReoverlayRetries.cs).</summary>
    public IReadOnlyList<PendingReoverlay> PendingReoverlays { get; init; } = [];
}

public sealed record FeedStatus(string Feed, string Ecosystem, string? Cursor, IReadOnlyList<PendingRetry> PendingRetries,
    DateTimeOffset? LastRefresh, DateTimeOffset? LastPoll, DateTimeOffset? LastChange);

/// <summary>
/// Feed state kept in the cursor store (every store has one, so no adapter changes): "state:{cursorKey}" holds the
/// <see cref="FeedState"/> JSON, "state:feeds" the scopes ever refreshed (what status lists). The scheduled refresh
/// is the only writer; a scope lost to two refreshes racing on "state:feeds" is added back by the next refresh.
/// </summary>
public sealed class FeedStateStore(IAdvisoryStore store)
{
    private const string RegistryKey = "state:feeds";

    public async Task<FeedState> GetAsync(FeedScope scope, CancellationToken ct = default) =>
        await store.GetCursorAsync("state:" + scope.CursorKey, ct) is { } json
            ? JsonSerializer.Deserialize(json, ScoutJsonContext.Default.FeedState) ?? new FeedState()
            : new FeedState();

    public async Task SaveAsync(FeedScope scope, FeedState state, CancellationToken ct = default)
    {
        await store.SetCursorAsync("state:" + scope.CursorKey, JsonSerializer.Serialize(state, ScoutJsonContext.Default.FeedState), ct);
        var scopes = await ListAsync(ct);
        if (!scopes.Contains(scope))
            await store.SetCursorAsync(RegistryKey, JsonSerializer.Serialize(scopes.Append(scope).ToList(), ScoutJsonContext.Default.ListFeedScope), ct);
    }

    public async Task<IReadOnlyList<FeedScope>> ListAsync(CancellationToken ct = default) =>
        await store.GetCursorAsync(RegistryKey, ct) is { } json
            ? JsonSerializer.Deserialize(json, ScoutJsonContext.Default.ListFeedScope) ?? []
            : [];

    public async Task<FeedStatusReport> StatusAsync(CancellationToken ct = default)
    {
        var feeds = new List<FeedStatus>();
        foreach (var scope in (await ListAsync(ct)).OrderBy(s => s.Feed, StringComparer.Ordinal).ThenBy(s => s.Ecosystem, StringComparer.Ordinal))
        {
            var state = await GetAsync(scope, ct);
            var (lastPoll, lastChange) = await PollTimesAsync(scope, ct);
            feeds.Add(new FeedStatus(scope.Feed, scope.Ecosystem, await store.GetCursorAsync(scope.CursorKey, ct), state.PendingRetries,
                state.LastRefresh, lastPoll, lastChange));
        }
        return new FeedStatusReport(feeds) { PendingReoverlays = await new ReoverlayRetries(store).ListAsync(ct) };
    }

    /// <summary>
    /// The conditional poller's metadata ("poll:{key}": {etag, lastModified, lastPoll, lastChange}) under the scope's
    /// cursor key or the feed's own key; read leniently, since another component writes it.
    /// </summary>
    private async Task<(DateTimeOffset?, DateTimeOffset?)> PollTimesAsync(FeedScope scope, CancellationToken ct)
    {
        var json = await store.GetCursorAsync("poll:" + scope.CursorKey, ct) ?? await store.GetCursorAsync("poll:" + scope.Feed, ct);
        if (json == null) return (null, null);
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
            return (Time(doc.RootElement, "lastPoll"), Time(doc.RootElement, "lastChange"));
        }
        catch (JsonException) { return (null, null); }

        static DateTimeOffset? Time(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(),
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null;
    }
}
