using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Scout.Core.Ports;

namespace Scout.Advisories.Feeds;

/// <summary>
/// Cheap polling of an HTTP feed (issue #18): the listing of an ecosystem (modified_id.csv) is fetched with
/// If-None-Match / If-Modified-Since, so a refresh that finds nothing new costs one small 304 per ecosystem.
/// The validators and the poll times are kept in the cursor store under <c>poll:&lt;cursor key&gt;</c> as
/// <c>{"etag","lastModified","lastPoll","lastChange","cursor"}</c>; `scout advisories status` reads lastPoll and
/// lastChange from there.
/// </summary>
/// <remarks>
/// The validators are only used while the feed's cursor is still the one the validated listing led to: the poll state
/// is written before the refresh applies the changes, so if applying fails the cursor stays behind, the stored
/// "cursor" no longer matches, and the next poll asks for the whole listing again instead of being told "not modified".
/// </remarks>
public sealed class ListingPolls(IAdvisoryStore store, IClock clock)
{
    public const string KeyPrefix = "poll:";
    private readonly IAdvisoryStore store = store;

    // ecosystems.txt: validators and text per URL for this process (a warm function or `scout serve` revalidates it
    // with one conditional request; a cold start reads it once).
    private readonly ConcurrentDictionary<string, CachedText> texts = new();

    private sealed record CachedText(string? ETag, DateTimeOffset? LastModified, string Text);

    /// <summary>The key of the poll state of the feed ecosystem whose cursor is stored under <paramref name="cursorKey"/>.</summary>
    public static string KeyOf(string cursorKey) => KeyPrefix + cursorKey;

    /// <summary>Starts one poll of a listing; <paramref name="polls"/> null gives plain unconditional requests.</summary>
    public static async Task<ListingPoll> BeginAsync(ListingPolls? polls, string cursorKey, string? cursor, CancellationToken ct)
    {
        if (polls == null) return new ListingPoll(null, cursorKey, cursor, null);
        var stored = ListingPollState.Parse(await polls.store.GetCursorAsync(KeyOf(cursorKey), ct));
        return new ListingPoll(polls, cursorKey, cursor, stored);
    }

    /// <summary>A small text file (ecosystems.txt) revalidated with the validators of the last read; null when 404.</summary>
    public async Task<string?> GetTextAsync(HttpClient http, Uri uri, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var known = texts.GetValueOrDefault(uri.AbsoluteUri);
        if (known != null) ListingPoll.AddValidators(request, known.ETag, known.LastModified);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotModified && known != null) return known.Text;
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(ct));
        var etag = response.Headers.ETag?.ToString();
        var lastModified = response.Content.Headers.LastModified;
        if (etag != null || lastModified != null) texts[uri.AbsoluteUri] = new CachedText(etag, lastModified, text);
        return text;
    }

    internal Task SaveAsync(string cursorKey, ListingPollState state, CancellationToken ct) =>
        store.SetCursorAsync(KeyOf(cursorKey), state.ToJson(), ct);

    internal DateTimeOffset Now => clock.UtcNow;
}

/// <summary>One poll of one ecosystem's listing: the conditional GET, then the record of what it found.</summary>
public sealed class ListingPoll
{
    private readonly ListingPolls? polls;
    private readonly string cursorKey;
    private readonly string? cursor;
    private readonly ListingPollState? stored;
    private string? etag;
    private DateTimeOffset? lastModified;

    internal ListingPoll(ListingPolls? polls, string cursorKey, string? cursor, ListingPollState? stored)
    {
        this.polls = polls;
        this.cursorKey = cursorKey;
        this.cursor = cursor;
        this.stored = stored;
    }

    /// <summary>GETs the listing, conditionally when the stored validators belong to the current cursor; 304 means nothing new.</summary>
    public async Task<HttpResponseMessage> GetAsync(HttpClient http, Uri uri, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (cursor != null && stored != null && stored.Cursor == cursor) AddValidators(request, stored.ETag, stored.LastModified);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode == HttpStatusCode.NotModified)
            (etag, lastModified) = (stored?.ETag, stored?.LastModified);
        else if (response.IsSuccessStatusCode)
            (etag, lastModified) = (response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
        return response;
    }

    /// <summary>Records a successful poll: the validators, when it happened, and whether it found anything new.</summary>
    public Task CompleteAsync(string? cursorAfter, bool changed, CancellationToken ct)
    {
        if (polls == null) return Task.CompletedTask;
        var now = polls.Now;
        return polls.SaveAsync(cursorKey, new ListingPollState(etag, lastModified, now, changed ? now : stored?.LastChange, cursorAfter ?? cursor), ct);
    }

    internal static void AddValidators(HttpRequestMessage request, string? etag, DateTimeOffset? lastModified)
    {
        if (etag != null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (lastModified != null) request.Headers.IfModifiedSince = lastModified;
    }
}

/// <summary>The stored poll state of one feed ecosystem (JSON written by hand: no reflection, AOT-safe).</summary>
public sealed record ListingPollState(string? ETag, DateTimeOffset? LastModified, DateTimeOffset? LastPoll, DateTimeOffset? LastChange, string? Cursor)
{
    public static ListingPollState? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            DateTimeOffset? Time(string name) =>
                Text(name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
            return new ListingPollState(Text("etag"), Time("lastModified"), Time("lastPoll"), Time("lastChange"), Text("cursor"));
        }
        catch (JsonException)
        {
            return null; // unreadable state only costs one unconditional request
        }
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("etag", ETag);
            WriteTime(w, "lastModified", LastModified);
            WriteTime(w, "lastPoll", LastPoll);
            WriteTime(w, "lastChange", LastChange);
            w.WriteString("cursor", Cursor);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } t) w.WriteString(name, t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        else w.WriteNull(name);
    }
}
