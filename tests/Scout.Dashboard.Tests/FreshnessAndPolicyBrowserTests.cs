using System.Text.Json;
using OpenQA.Selenium;
using Scout.Core.UseCases;
using Xunit.Abstractions;

namespace Scout.Dashboard.Tests;

/// <summary>
/// The overview's advisory freshness (issue #18), its fixable / not fixable / secrets totals and policy summary, and
/// the image page's policy results, in a real browser, each compared with what the API answers.
/// </summary>
[Collection("browser")]
public sealed class FreshnessAndPolicyBrowserTests(DashboardFixture fixture, ITestOutputHelper output) : IClassFixture<DashboardFixture>, IDisposable
{
    private static readonly string[] Severities = ["critical", "high", "medium", "low", "unknown"];
    private DashboardSite Site => fixture.Site;
    private Browser B => fixture.Browser;

    public void Dispose() => fixture.AssertCleanConsole();

    private void SignIn() => fixture.SignIn();

    private async Task<List<string>> DigestsAsync() =>
        [.. (await Site.GetJsonAsync("/v1/images?limit=500")).GetProperty("images").EnumerateArray().Select(i => i.GetProperty("digest").GetString()!)];

    private async Task<List<JsonElement>> FindingsAsync(string digest) =>
        [.. (await Site.GetJsonAsync($"/v1/images/{digest}/findings?limit=10000")).GetProperty("findings").EnumerateArray()];

    private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    [Fact]
    public async Task The_overview_says_how_fresh_the_advisories_are_and_warns_about_a_feed_no_longer_polled()
    {
        // A feed whose schedule stopped three hours ago: its poll state as the poller leaves it (ListingPolls), with
        // credentials in its URL that must never be shown.
        var now = DateTimeOffset.UtcNow;
        var scope = new FeedScope("https://reader:s3cret@osv-mirror.example.invalid/osv?token=t0ken", "PyPI");
        var states = new FeedStateStore(Site.Platform.Store);
        await states.SaveAsync(scope, new FeedState { LastRefresh = now.AddHours(-3) });
        await Site.Platform.Store.SetCursorAsync(scope.CursorKey, OsvBucket3339(now.AddHours(-5)));
        await Site.Platform.Store.SetCursorAsync("poll:" + scope.CursorKey,
            $$"""{"lastPoll":"{{now.AddHours(-3):O}}","lastChange":"{{now.AddHours(-5):O}}"}""");

        var status = await Site.GetJsonAsync("/v1/advisories/status");
        Assert.DoesNotContain("s3cret", status.ToString());
        Assert.DoesNotContain("t0ken", status.ToString());
        Assert.DoesNotContain(Scout.Testing.TestData.RepoRoot, status.ToString()); // the imported folder is named, not its path
        var feeds = status.GetProperty("feeds").EnumerateArray().ToList();
        var polled = feeds.Single(f => Text(f, "feed") == Site.FeedUri.AbsoluteUri.TrimEnd('/') && Text(f, "ecosystem") == "Alpine");
        Assert.False(polled.GetProperty("stale").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, polled.GetProperty("lastPoll").ValueKind);
        var stopped = feeds.Single(f => Text(f, "feed") == "https://osv-mirror.example.invalid/osv" && Text(f, "ecosystem") == "PyPI");
        Assert.True(stopped.GetProperty("stale").GetBoolean());
        Assert.Equal(60, status.GetProperty("pollIntervalSeconds").GetInt32()); // the deployed schedule: every minute

        SignIn();
        B.Open(Site.BaseUrl, "#/");
        var line = B.Find("#advisories-as-of");
        Assert.StartsWith("Advisories as of", line.Text);
        // "as of": the newest cursor time over the feeds; "last poll": the newest poll (or import) time.
        var asOf = feeds.Select(f => Text(f, "cursor").Split('|')[0]).Where(c => c.Length > 0).Select(c => DateTimeOffset.Parse(c)).Max();
        var shownAsOf = DateTimeOffset.Parse(line.FindElements(By.CssSelector("strong"))[0].GetAttribute("data-time")!);
        Assert.True(Math.Abs((asOf - shownAsOf).TotalMilliseconds) < 1, $"as of {shownAsOf:O}, expected {asOf:O}");
        var lastPoll = feeds.Select(f => f.GetProperty("lastPoll") is { ValueKind: JsonValueKind.String } p ? p.GetDateTimeOffset() : f.GetProperty("lastRefresh").GetDateTimeOffset()).Max();
        Assert.Equal(lastPoll, DateTimeOffset.Parse(line.FindElements(By.CssSelector("strong"))[1].GetAttribute("data-time")!));
        var warning = B.Find("#feed-stale");
        Assert.Contains("PyPI", warning.Text);
        Assert.DoesNotContain("Alpine", warning.Text);
        B.Find("#freshness details summary").Click();
        var rows = B.FindAll("#feeds-table tbody tr");
        Assert.Equal(feeds.Count, rows.Count);
        foreach (var row in rows)
        {
            var feed = feeds.Single(f => Text(f, "feed") == row.GetAttribute("data-feed") && Text(f, "ecosystem") == row.GetAttribute("data-ecosystem"));
            Assert.Equal(feed.GetProperty("stale").GetBoolean() ? "true" : "false", row.GetAttribute("data-stale"));
        }
        Assert.DoesNotContain("s3cret", B.Driver.PageSource);
        output.WriteLine("screenshot: " + B.Screenshot("overview-freshness-1280"));
        B.Width(390);
        B.Open(Site.BaseUrl, "#/");
        Assert.Contains("PyPI", B.Find("#feed-stale").Text);
        output.WriteLine("screenshot: " + B.Screenshot("overview-freshness-390"));
        var beyond = B.ElementsBeyondRightEdge();
        B.Width(1280);
        Assert.True(beyond.Count == 0, "past the right edge at 390 px:\n" + string.Join("\n", beyond));
    }

    private static string OsvBucket3339(DateTimeOffset t) => Scout.Testing.OsvBucket.Rfc3339(t);

    [Fact]
    public async Task The_overview_totals_fixable_and_not_fixable_findings_secrets_and_policy_results()
    {
        var digests = await DigestsAsync();
        var fixable = Severities.ToDictionary(s => s, _ => 0);
        var notFixable = Severities.ToDictionary(s => s, _ => 0);
        var secrets = 0;
        var policy = new Dictionary<(string, string), int>();
        foreach (var digest in digests)
        {
            foreach (var f in await FindingsAsync(digest))
            {
                if (Text(f, "kind") == "secret") { secrets++; continue; }
                if (Text(f, "kind") != "vulnerability" || f.TryGetProperty("suppressed", out var s) && s.GetBoolean()) continue;
                (Text(f, "fixState") == "fixed" ? fixable : notFixable)[Text(f, "severity")]++;
            }
            // Reading an image's policy evaluates it if it never was: afterwards every image has stored results.
            foreach (var r in (await Site.GetJsonAsync($"/v1/images/{digest}/policy")).GetProperty("results").EnumerateArray())
                policy[(Text(r, "policy"), Text(r, "status"))] = policy.GetValueOrDefault((Text(r, "policy"), Text(r, "status"))) + 1;
        }
        Assert.True(fixable.Values.Sum() > 0, "the sample images must have fixable findings"); // every sample advisory names a fix: not fixable is 0
        Assert.True(secrets > 0, "the sample image's env holds a secret");

        SignIn();
        B.Open(Site.BaseUrl, "#/");
        Assert.Equal(fixable.Values.Sum().ToString(), B.Find("[data-total=fixable] .value").Text);
        Assert.Equal(notFixable.Values.Sum().ToString(), B.Find("[data-total=not-fixable] .value").Text);
        Assert.Equal(secrets.ToString(), B.Find("[data-total=secrets] .value").Text);
        foreach (var s in Severities)
        {
            Assert.Equal(fixable[s].ToString(), B.Find($"#fixable-table tr[data-severity={s}] td[data-kind=fixable]").Text);
            Assert.Equal(notFixable[s].ToString(), B.Find($"#fixable-table tr[data-severity={s}] td[data-kind=not-fixable]").Text);
        }
        var names = policy.Keys.Select(k => k.Item1).Distinct().Order().ToList();
        Assert.NotEmpty(names);
        Assert.Equal(names, B.FindAll("#policy-summary tbody tr").Select(r => r.GetAttribute("data-policy") ?? "").Order().ToList());
        foreach (var name in names)
            foreach (var status in new[] { "pass", "fail", "unknown" })
                Assert.Equal(policy.GetValueOrDefault((name, status)).ToString(), B.Find($"#policy-summary tr[data-policy='{name}'] td[data-status={status}]").Text);
        output.WriteLine("screenshot: " + B.Screenshot("overview-totals-1280"));
    }

    [Fact]
    public async Task The_image_page_lists_each_policy_with_its_status_and_reasons()
    {
        var digest = "sha256:" + 1.ToString("x").PadLeft(64, 'd'); // the checkout image: fixable findings and a secret
        var results = (await Site.GetJsonAsync($"/v1/images/{digest}/policy")).GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => Text(r, "status") == "fail");

        SignIn();
        B.Open(Site.BaseUrl, $"#/images/{Uri.EscapeDataString(digest)}");
        var shown = B.FindAll("#policy-results > li");
        Assert.Equal(results.Select(r => Text(r, "policy")).Order(), shown.Select(li => li.GetAttribute("data-policy")).Order());
        foreach (var r in results)
        {
            var li = B.Find($"#policy-results > li[data-policy='{Text(r, "policy")}']");
            Assert.Equal(Text(r, "status"), li.GetAttribute("data-status"));
            Assert.Equal(Text(r, "status"), li.FindElement(By.CssSelector(".policy-status")).Text);
            var reasons = r.GetProperty("reasons").EnumerateArray().Select(x => x.GetString()!).ToList();
            var listed = li.FindElements(By.CssSelector(".reasons > li")).Select(x => x.Text).ToList();
            Assert.Equal(reasons.Take(20), listed.Take(Math.Min(20, reasons.Count)));
        }
        var failing = results.Count(r => Text(r, "status") == "fail");
        Assert.Contains($"{failing} failing", B.Find("#policy-h").Text);
        output.WriteLine("screenshot: " + B.Screenshot("image-policy-1280"));
    }
}
