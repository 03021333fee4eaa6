using System.Text.Json;
using System.Text.Json.Nodes;
using Scout.Cli;

namespace Scout.Advisories.Tests;

/// <summary>
/// Issue #11, feed cursor: a record the feed lists but that cannot be fetched (HTTP 500) or parsed is kept with its
/// attempts and last reason, retried on every refresh and shown by `scout advisories status`, while the records
/// listed after it are applied and the cursor moves on.
/// </summary>
[Collection("cli")]
public sealed class FeedRetryTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("scout-retry-").FullName;
    private readonly FeedFolder feed = new();

    public void Dispose()
    {
        feed.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(data, true); } catch (IOException) { }
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var exit = await CliApp.RunAsync(args, new StringReader(""), o, e);
        return (exit, o.ToString(), e.ToString());
    }

    private async Task<JsonElement> RefreshAsync(FolderHttpServer server)
    {
        var (exit, output, err) = await Run("advisories", "refresh", "--feed", server.BaseUri.AbsoluteUri, "--data", data, "--format", "json");
        Assert.True(exit == 0, err);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private async Task<JsonElement> StatusAsync()
    {
        var (exit, output, err) = await Run("advisories", "status", "--data", data, "--format", "json");
        Assert.True(exit == 0, err);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static JsonObject Dated(string id, string modified)
    {
        var r = FeedFolder.Real("npm", id);
        r["modified"] = modified;
        return r;
    }

    [Fact]
    public async Task A_record_that_fails_is_retried_and_reported_without_blocking_the_records_after_it()
    {
        feed.Put("npm", Dated("GHSA-2mhh-w6q8-5hxw", "2025-01-01T00:00:00Z")).Publish();
        using var server = new FolderHttpServer(feed.Root);
        var first = await RefreshAsync(server);
        Assert.Equal(1, first.GetProperty("advisoriesChanged").GetInt32());
        Assert.Equal(0, first.GetProperty("recordsFailed").GetInt32());
        foreach (var field in new[] { "elapsedMs", "feedMs", "reoverlayMs" }) Assert.True(first.TryGetProperty(field, out _), field);

        // Three records published after the cursor: the oldest is corrupt, the middle one's fetch fails, the newest is fine.
        feed.Put("npm", Dated("GHSA-29mw-wpgm-hmr9", "2026-01-01T00:00:00Z"))
            .Put("npm", Dated("GHSA-35jh-r3h4-6jhm", "2026-01-02T00:00:00Z"))
            .Put("npm", Dated("GHSA-4xc9-xhrj-v574", "2026-01-03T00:00:00Z")).Publish(zip: false);
        var corrupt = Path.Combine(feed.Root, "npm", "GHSA-29mw-wpgm-hmr9.json");
        var good = File.ReadAllText(corrupt);
        File.WriteAllText(corrupt, good[..(good.Length / 2)]);
        lock (server.FailPaths) server.FailPaths.Add("npm/GHSA-35jh-r3h4-6jhm.json");

        var second = await RefreshAsync(server);
        Assert.Equal(1, second.GetProperty("advisoriesChanged").GetInt32());   // the newest, not blocked by the two before it
        Assert.Equal(2, second.GetProperty("recordsFailed").GetInt32());
        var npm = (await StatusAsync()).GetProperty("feeds").EnumerateArray().Single(f => f.GetProperty("ecosystem").GetString() == "npm");
        Assert.Equal(server.BaseUri.AbsoluteUri.TrimEnd('/'), npm.GetProperty("feed").GetString());
        Assert.StartsWith("2026-01-03T00:00:00", npm.GetProperty("cursor").GetString());
        Assert.Equal(JsonValueKind.String, npm.GetProperty("lastRefresh").ValueKind);
        Assert.Equal(JsonValueKind.String, npm.GetProperty("lastPoll").ValueKind);   // the conditional listing poll records it
        var pending = npm.GetProperty("pendingRetries").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        Assert.Equal(["GHSA-29mw-wpgm-hmr9", "GHSA-35jh-r3h4-6jhm"], pending.Keys.Order());
        Assert.All(pending.Values, p => Assert.Equal(1, p.GetProperty("attempts").GetInt32()));
        Assert.Contains("not valid JSON", pending["GHSA-29mw-wpgm-hmr9"].GetProperty("reason").GetString());
        Assert.Contains("500", pending["GHSA-35jh-r3h4-6jhm"].GetProperty("reason").GetString());

        // Still failing: attempts count up and the refresh says so on stderr.
        var (_, _, err) = await Run("advisories", "refresh", "--feed", server.BaseUri.AbsoluteUri, "--data", data, "--format", "json");
        Assert.Contains("GHSA-35jh-r3h4-6jhm still failing after 2 attempts", err);

        // The publisher fixes the record in place (same `modified`, already behind the cursor) and the server recovers.
        File.WriteAllText(corrupt, good);
        lock (server.FailPaths) server.FailPaths.Clear();
        var fixedRun = await RefreshAsync(server);
        Assert.Equal(2, fixedRun.GetProperty("advisoriesChanged").GetInt32());
        Assert.Equal(0, fixedRun.GetProperty("recordsFailed").GetInt32());
        npm = (await StatusAsync()).GetProperty("feeds").EnumerateArray().Single(f => f.GetProperty("ecosystem").GetString() == "npm");
        Assert.Empty(npm.GetProperty("pendingRetries").EnumerateArray());
    }

    [Fact]
    public async Task Status_shows_the_pollers_last_poll_and_change_when_it_recorded_them()
    {
        feed.Put("npm", Dated("GHSA-2mhh-w6q8-5hxw", "2025-01-01T00:00:00Z")).Publish();
        using var server = new FolderHttpServer(feed.Root);
        await RefreshAsync(server);
        var key = server.BaseUri.AbsoluteUri.TrimEnd('/') + "|npm";
        var store = new Scout.Storage.Sqlite.SqliteScoutStore(data);
        await store.SetCursorAsync("poll:" + key, """{"etag":"\"x\"","lastModified":null,"lastPoll":"2026-05-01T10:00:00Z","lastChange":"2026-04-30T09:00:00Z"}""");
        var npm = (await StatusAsync()).GetProperty("feeds").EnumerateArray().Single();
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero), npm.GetProperty("lastPoll").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 9, 0, 0, TimeSpan.Zero), npm.GetProperty("lastChange").GetDateTimeOffset());
        var (_, table, _) = await Run("advisories", "status", "--data", data);
        Assert.Contains("npm", table);
    }
}
