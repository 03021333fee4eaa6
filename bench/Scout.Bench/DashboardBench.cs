using System.Diagnostics;
using System.Net.Http.Headers;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Scout.Cli.Platform;
using Scout.Core.Model;
using Scout.Hosting;

namespace Scout.Bench;

/// <summary>
/// Load time of each dashboard page with N stored images (default 1,000) on the embedded default, in Debian's headless
/// Chromium: navigation start to the page rendered from the API (the 'scout-view-ready' mark), median of R full reloads.
/// Baseline in the same process: the same page's API calls made with HttpClient (what the page cannot be faster than).
/// </summary>
public static class DashboardBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = UploadBench.Arg(args, "--images", 1000);
        var runs = UploadBench.Arg(args, "--runs", 5);
        var directory = Directory.CreateTempSubdirectory("scout-bench-dashboard-").FullName;
        try
        {
            var backend = await Backends.OpenAsync(new PlatformSelection(directory, "sqlite", "inprocess"), _ => { }, CancellationToken.None);
            var platform = await ScoutPlatform.CreateAsync(backend.Store, backend.Queue, new ScoutOptions(), CancellationToken.None);
            var samples = Path.Combine(AppContext.BaseDirectory, "samples");
            await platform.ImportAdvisoriesAsync(Path.Combine(samples, "advisories"));
            var (tenant, key) = await platform.Keys.CreateTenantAsync("bench");
            await using var app = LocalWebHost.Build(platform, 0, Console.Error.WriteLine);
            await app.StartAsync();
            var url = app.Urls.First().TrimEnd('/');
            using var stop = new CancellationTokenSource();
            var worker = backend.Consumer(platform).RunAsync(platform, stop.Token);
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            // One real upload through the pipeline, then its analysis stored again under N digests and repositories.
            var seed = Stopwatch.StartNew();
            using var accepted = await http.PostAsync("/v1/images", new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(samples, "demo-image.json")))
                { Headers = { ContentType = new("application/json") } });
            accepted.EnsureSuccessStatusCode();
            while ((await backend.Store.ListImagesAsync(tenant.TenantId, 1, null)).Items.Count == 0) await Task.Delay(50);
            var demo = (await backend.Store.ListImagesAsync(tenant.TenantId, 1, null)).Items[0];
            var packages = await backend.Store.GetPackagesAsync(tenant.TenantId, demo.Image.Digest);
            var findings = await backend.Store.GetFindingsAsync(tenant.TenantId, demo.Image.Digest);
            string? digest = null;
            for (var i = 0; i < count - 1; i++)
            {
                digest = "sha256:" + i.ToString("x").PadLeft(64, 'b');
                await backend.Store.SaveAnalysisAsync(new ImageAnalysis
                {
                    TenantId = tenant.TenantId,
                    Image = demo.Image with { Digest = digest, Registry = new RegistryInfo($"registry.example.invalid/team{i % 40}/service{i}:1.{i % 7}", "generic") },
                    SbomSha256 = demo.SbomSha256, SbomFormat = demo.SbomFormat, SbomSpecVersion = demo.SbomSpecVersion, SbomOs = demo.SbomOs,
                    TotalPackages = packages.Count, Packages = packages, Findings = findings.Take(1 + i % findings.Count).ToList(),
                    AnalyzedAt = DateTimeOffset.UtcNow,
                });
                if (i % 3 == 0)
                    await backend.Store.AddEnvironmentAsync(tenant.TenantId, new EnvironmentRecord
                    { Namespace = $"ns{i % 12}", WorkloadName = $"service{i}", WorkloadType = "Deployment", ImageDigest = digest, SeenAt = DateTimeOffset.UtcNow });
            }
            await platform.Trend.RecordAsync(tenant.TenantId);
            Console.WriteLine($"seeded {count} images ({packages.Count} packages, up to {findings.Count} findings each) in {seed.Elapsed.TotalSeconds:F1} s");

            var image = Uri.EscapeDataString(digest!);
            var pages = new (string Name, string Hash, string[] Api)[]
            {
                ("overview", "#/", ["/v1/images?limit=500", "/v1/trend?days=30", "/v1/advisories/status", "/v1/overview"]),
                ("images", "#/images", ["/v1/images?limit=500", "/v1/environments"]),
                ("image", $"#/images/{image}", [$"/v1/images/{image}", $"/v1/images/{image}/findings?limit=10000", $"/v1/images/{image}/packages?limit=10000", $"/v1/images/{image}/policy"]),
                ("environments", "#/environments", ["/v1/environments"]),
                ("advisory", "#/advisories/CVE-2021-44228?aliases=GHSA-jfh8-c2jp-5v3q", ["/v1/advisories/CVE-2021-44228/images?aliases=GHSA-jfh8-c2jp-5v3q"]),
            };
            using var driver = StartChromium();
            driver.Navigate().GoToUrl(url + "/");
            driver.FindElement(By.CssSelector("input[name=apiKey]")).SendKeys(key);
            driver.FindElement(By.CssSelector("#sign-in-form button[type=submit]")).Click();
            new WebDriverWait(driver, TimeSpan.FromMinutes(2)).Until(d => d.FindElements(By.CssSelector("#page .view[data-ready]")).Count > 0);

            Console.WriteLine($"page load, median of {runs} full reloads (navigation start to rendered), vs the same API calls from HttpClient:");
            Console.WriteLine($"{"page",-14}{"browser ms",12}{"API ms",10}{"ratio",8}");
            foreach (var (name, hash, api) in pages)
            {
                var loads = new List<double>();
                for (var r = 0; r < runs; r++)
                {
                    driver.Navigate().GoToUrl("about:blank");
                    driver.Navigate().GoToUrl($"{url}/{hash}");
                    var ms = new WebDriverWait(driver, TimeSpan.FromMinutes(2)).Until(d =>
                        ((IJavaScriptExecutor)d).ExecuteScript("const m = performance.getEntriesByName('scout-view-ready'); return m.length ? m[m.length - 1].startTime : null"));
                    loads.Add(Convert.ToDouble(ms));
                }
                var apiTimes = new List<double>();
                for (var r = 0; r < runs; r++)
                {
                    var sw = Stopwatch.StartNew();
                    await Task.WhenAll(api.Select(async path => await AllPagesAsync(http, path)));
                    apiTimes.Add(sw.Elapsed.TotalMilliseconds);
                }
                var (b, a) = (Median(loads), Median(apiTimes));
                Console.WriteLine($"{name,-14}{b,12:F0}{a,10:F0}{b / a,8:F1}");
            }
            driver.Quit();
            stop.Cancel();
            await worker;
            await app.StopAsync();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A paged list read to its end, as the page does.</summary>
    private static async Task AllPagesAsync(HttpClient http, string path)
    {
        string? token = null;
        do
        {
            var body = await http.GetStringAsync(token is null ? path : $"{path}&pageToken={Uri.EscapeDataString(token)}");
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            token = doc.RootElement.TryGetProperty("nextPageToken", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String ? t.GetString() : null;
        } while (token != null);
    }

    private static double Median(List<double> values) { values.Sort(); return values[values.Count / 2]; }

    private static ChromeDriver StartChromium()
    {
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
            "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-component-update");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
