using System.Text.Json;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Scout.Dashboard.Tests;

/// <summary>
/// The dashboard in a real browser against the real API: sign in, overview, images (filters), an image (findings
/// sorted), an advisory, environments. Every value shown is compared with what the API returns, and every test fails
/// on a console error or a failed request.
/// </summary>
[Collection("browser")]
public sealed class DashboardBrowserTests(DashboardFixture fixture, ITestOutputHelper output) : IClassFixture<DashboardFixture>, IDisposable
{
    private static readonly string[] Severities = ["critical", "high", "medium", "low", "unknown"];
    private DashboardSite Site => fixture.Site;
    private Browser B => fixture.Browser;

    /// <summary>Every test ends with a clean console: no script error, CSP violation or failed request.</summary>
    public void Dispose() => fixture.AssertCleanConsole();

    private void SignIn() => fixture.SignIn();

    private async Task<List<JsonElement>> ApiImagesAsync() =>
        [.. (await Site.GetJsonAsync("/v1/images?limit=500")).GetProperty("images").EnumerateArray()];

    private static string Repository(JsonElement image)
    {
        var url = image.GetProperty("registry").GetProperty("url").GetString()!;
        var colon = url.LastIndexOf(':');
        return colon > url.LastIndexOf('/') ? url[..colon] : url;
    }

    private static int Count(JsonElement image, string severity) =>
        image.GetProperty("findingCounts").TryGetProperty(severity, out var n) ? n.GetInt32() : 0;

    /// <summary>Picks an option the way a user does: the select's value changes and it fires input.</summary>
    private void Choose(string css, string value)
    {
        var select = B.Find(css);
        select.Click();
        select.FindElement(By.CssSelector($"option[value='{value}']")).Click();
    }

    private void Shot(string name) => output.WriteLine("screenshot: " + B.Screenshot(name));

    [Fact]
    public void A_wrong_key_is_refused_with_a_message_and_no_key_is_kept()
    {
        B.Width(1280);
        B.Driver.Navigate().GoToUrl(Site.BaseUrl + "/#/");
        B.Driver.ExecuteScript("sessionStorage.clear()");
        B.Driver.Navigate().Refresh();
        B.Wait().Until(d => d.FindElement(By.Id("sign-in")).Displayed);
        Shot("sign-in-1280");
        B.Find("input[name=apiKey]").SendKeys("scout_0000000000000000_not-a-real-key");
        B.Find("#sign-in-form button[type=submit]").Click();
        B.Wait().Until(d => d.FindElement(By.Id("sign-in-message")).Text.Contains("refused"));
        Assert.True(B.Find("#sign-in").Displayed);
        Assert.Null(B.Driver.ExecuteScript("return sessionStorage.getItem('scout.apiKey')"));
        // The refused request is the one expected failure: the browser reports the 401, nothing else.
        var errors = B.TakeConsoleErrors();
        Assert.All(errors, e => Assert.Contains("401", e));
    }

    [Fact]
    public async Task Overview_totals_and_trend_match_the_api()
    {
        SignIn();
        B.Open(Site.BaseUrl, "#/");
        var images = await ApiImagesAsync();
        Assert.Equal(images.Count.ToString(), B.Find("[data-total=images] .value").Text);
        foreach (var s in Severities)
            Assert.Equal(images.Sum(i => Count(i, s)).ToString(), B.Find($"[data-total={s}] .value").Text);
        var trend = await Site.GetJsonAsync("/v1/trend?days=30");
        var today = trend.GetProperty("days").EnumerateArray().Last();
        B.Find("#page .trend-wrap details summary").Click();
        var latest = B.FindAll("#trend-table tbody tr")[0].FindElements(By.TagName("td")).Select(c => c.Text).ToList();
        Assert.Equal(today.GetProperty("day").GetString(), latest[0]);
        Assert.Equal(images.Count.ToString(), latest[1]);
        Assert.Equal(images.Sum(i => Count(i, "critical")).ToString(), latest[2]);
        Assert.NotEmpty(B.FindAll("svg.trend polyline"));
    }

    [Fact]
    public async Task Images_view_lists_repositories_and_counts_and_filters_them()
    {
        SignIn();
        B.Open(Site.BaseUrl, "#/images");
        var images = await ApiImagesAsync();
        var rows = B.FindAll("#images-table tbody tr");
        Assert.Equal(images.Count, rows.Count);
        foreach (var row in rows)
        {
            var image = images.Single(i => i.GetProperty("digest").GetString() == row.GetAttribute("data-digest"));
            Assert.Equal(Repository(image), row.FindElement(By.CssSelector("td.repo a")).Text);
            foreach (var s in Severities)
            {
                var shown = row.FindElements(By.CssSelector($".count[data-severity={s}]"));
                if (Count(image, s) == 0) Assert.Empty(shown);
                else Assert.Equal(Count(image, s).ToString(), shown.Single().Text.Split(':')[^1].Trim());
            }
        }

        B.Find("#image-search").SendKeys("payments");
        var expected = images.Where(i => Repository(i).Contains("payments")).Select(i => i.GetProperty("digest").GetString()).Order().ToList();
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, B.FindAll("#images-table tbody tr").Select(r => r.GetAttribute("data-digest")).Order().ToList());

        B.Find("#image-search").Clear();
        B.Driver.ExecuteScript("arguments[0].dispatchEvent(new Event('input'))", B.Find("#image-search"));
        Choose("#image-severity", "critical");
        var critical = images.Where(i => Count(i, "critical") > 0).Select(i => i.GetProperty("digest").GetString()).Order().ToList();
        Assert.NotEmpty(critical);
        Assert.True(critical.Count < images.Count, "the sample set must have images without critical findings for this filter to mean something");
        Assert.Equal(critical, B.FindAll("#images-table tbody tr").Select(r => r.GetAttribute("data-digest")).Order().ToList());

        Choose("#image-severity", "");
        Choose("#image-namespace", "shop");
        Assert.Single(B.FindAll("#images-table tbody tr"));
    }

    [Fact]
    public async Task An_image_row_opens_the_image_page_which_lists_its_findings_sorted_as_asked()
    {
        SignIn();
        B.Open(Site.BaseUrl, "#/images");
        var images = await ApiImagesAsync();
        var target = images.OrderByDescending(i => Severities.Sum(s => Count(i, s))).First();
        var digest = target.GetProperty("digest").GetString()!;
        B.MarkStale();
        B.Find($"#images-table tr[data-digest='{digest}'] td.repo a").Click();
        B.WaitReady();
        Assert.Equal(digest, B.Find("#image-digest").Text);

        var findings = (await Site.GetJsonAsync($"/v1/images/{digest}/findings?limit=10000")).GetProperty("findings").EnumerateArray().ToList();
        var vulns = findings.Where(f => f.GetProperty("kind").GetString() != "secret").ToList();
        List<string> Shown() => [.. B.FindAll("#findings-table tbody tr").Select(r => r.GetAttribute("data-id") ?? "")];
        Assert.Equal(vulns.Select(f => f.GetProperty("id").GetString()).Order(), Shown().Order());
        double Score(string id) => vulns.First(f => f.GetProperty("id").GetString() == id) is var f && f.TryGetProperty("cvss", out var c)
            && c.TryGetProperty("score", out var s) ? s.GetDouble() : -1;
        int Rank(string id) => vulns.First(f => f.GetProperty("id").GetString() == id).GetProperty("severity").GetString() switch
        { "critical" => 4, "high" => 3, "medium" => 2, "low" => 1, _ => 0 };

        // default: worst severity first
        var ranks = Shown().Select(Rank).ToList();
        Assert.Equal(ranks.OrderByDescending(r => r), ranks);
        B.Find("#findings-table th[data-key=cvss] button").Click();
        Assert.Equal("descending", B.Find("#findings-table th[data-key=cvss]").GetAttribute("aria-sort"));
        var scores = Shown().Select(Score).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        B.Find("#findings-table th[data-key=cvss] button").Click();
        scores = Shown().Select(Score).ToList();
        Assert.Equal(scores.Order(), scores);
        B.Find("#findings-table th[data-key=fix] button").Click();
        var fixStates = Shown().Select(id => vulns.First(f => f.GetProperty("id").GetString() == id).GetProperty("fixState").GetString()).ToList();
        Assert.Equal("fixed", fixStates[0]);

        var secrets = findings.Count(f => f.GetProperty("kind").GetString() == "secret");
        Assert.Equal(secrets, B.FindAll("#secrets-table tbody tr").Count);
        Assert.Equal(target.GetProperty("packageCount").GetInt32(), B.FindAll("#packages-table tbody tr").Count);
        // secrets are shown redacted: the sample's secret env value never reaches the page
        Assert.DoesNotContain("wJalrXUtnFEMI", B.Driver.PageSource);
        Shot("image-1280");
    }

    [Fact]
    public async Task A_finding_links_to_its_advisory_which_lists_the_images_it_hits()
    {
        SignIn();
        var images = await ApiImagesAsync();
        var digest = images.OrderByDescending(i => Count(i, "critical")).First().GetProperty("digest").GetString()!;
        B.Open(Site.BaseUrl, $"#/images/{Uri.EscapeDataString(digest)}");
        var link = B.Find("#findings-table tbody tr td.finding-id a");
        var id = link.Text;
        B.MarkStale();
        link.Click();
        B.WaitReady();
        Assert.Equal(id, B.Find("#advisory-title").Text);
        var hits = B.FindAll("#advisory-images tbody tr").Select(r => r.GetAttribute("data-digest")).ToList();
        Assert.Contains(digest, hits);
        // every listed image really has a finding for this advisory
        foreach (var hit in hits.Distinct())
        {
            var findings = (await Site.GetJsonAsync($"/v1/images/{hit}/findings?limit=10000")).GetProperty("findings").EnumerateArray();
            Assert.Contains(findings, f => f.GetProperty("id").GetString() == id);
        }
        Shot("advisory-1280");
    }

    [Fact]
    public async Task Environments_view_groups_workloads_by_namespace()
    {
        SignIn();
        B.Open(Site.BaseUrl, "#/environments");
        var workloads = (await Site.GetJsonAsync("/v1/environments")).GetProperty("workloads").EnumerateArray().ToList();
        Assert.Equal(workloads.Select(w => w.GetProperty("namespace").GetString()).Distinct().Order(),
            B.FindAll("section[data-namespace]").Select(s => s.GetAttribute("data-namespace")).Order());
        Assert.Equal(workloads.Count, B.FindAll("section[data-namespace] tbody tr").Count);
        Shot("environments-1280");
    }

    [Fact]
    public void Every_page_is_readable_at_1280_and_390_pixels()
    {
        SignIn();
        var digest = DashboardSiteDigest();
        var pages = new[] { ("overview", "#/"), ("images", "#/images"), ("image", $"#/images/{Uri.EscapeDataString(digest)}"), ("environments", "#/environments"),
            ("advisory", "#/advisories/CVE-2021-44228?aliases=GHSA-jfh8-c2jp-5v3q") };
        foreach (var width in new[] { 1280, 390 })
        {
            B.Width(width);
            foreach (var (name, hash) in pages)
            {
                B.Open(Site.BaseUrl, hash);
                // nothing wider than the screen: wide tables scroll inside their own box, the page never sideways
                Shot($"{name}-{width}");
                var overflow = Convert.ToInt64(B.Driver.ExecuteScript("return document.documentElement.scrollWidth - window.innerWidth"));
                Assert.True(overflow <= 0, $"{name} at {width}px is {overflow}px wider than the window");
                var beyond = B.ElementsBeyondRightEdge();
                Assert.True(beyond.Count == 0, $"{name} at {width}px: elements past the right edge of the page:\n" + string.Join("\n", beyond));
            }
        }
        B.Width(1280);
    }

    [Fact]
    public void The_key_is_never_in_a_url_a_cookie_or_the_server_log()
    {
        SignIn();
        B.Open(Site.BaseUrl, "#/images");
        Assert.DoesNotContain(Site.ApiKey, B.Driver.Url);
        Assert.Equal("", B.Driver.ExecuteScript("return document.cookie"));
        var urls = (IReadOnlyCollection<object>?)B.Driver.ExecuteScript("return performance.getEntriesByType('resource').map(e => e.name)") ?? [];
        Assert.NotEmpty(urls);
        Assert.All(urls.Cast<string>(), u =>
        {
            Assert.DoesNotContain(Site.ApiKey, u);
            Assert.StartsWith(Site.BaseUrl + "/", u); // nothing from another origin
        });
        lock (Site.ServerLog) Assert.DoesNotContain(Site.ServerLog, l => l.Contains(Site.ApiKey));
    }

    private string DashboardSiteDigest() => "sha256:" + 1.ToString("x").PadLeft(64, 'd');
}

[CollectionDefinition("browser", DisableParallelization = true)]
public sealed class BrowserCollection;
