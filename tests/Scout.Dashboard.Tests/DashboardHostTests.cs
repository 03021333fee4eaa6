using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using OpenQA.Selenium;
using Scout.Core.Dashboard;
using Scout.Functions.Aws.Events;
using Scout.Functions.Aws.Handlers;
using Scout.Functions.Aws.Runtime;
using Scout.Functions.Gcp;

namespace Scout.Dashboard.Tests;

/// <summary>GET / on every host: the local ASP.NET host, the Cloud Run HTTP function and the Lambda API Gateway handler all
/// answer it from the same ScoutApi, with the same Content-Security-Policy.</summary>
[Collection("browser")]
public sealed class DashboardHostTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardSite Site => fixture.Site;

    private static void AssertStrictPolicy(string? policy)
    {
        Assert.NotNull(policy);
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToArray());
        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["script-src"]); // no 'unsafe-inline', no other origin
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.DoesNotContain(directives.Values.SelectMany(v => v), v => v.Contains("unsafe") || v.Contains("http") || v == "*");
    }

    [Fact]
    public async Task The_local_host_serves_the_dashboard_with_a_strict_policy_and_every_asset_is_local()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Site.BaseUrl) };
        using var root = await http.GetAsync("/");
        Assert.Equal(200, (int)root.StatusCode);
        Assert.Equal("text/html", root.Content.Headers.ContentType?.MediaType);
        AssertStrictPolicy(root.Headers.GetValues("Content-Security-Policy").Single());
        var html = await root.Content.ReadAsStringAsync();
        Assert.Matches("<input[^>]+name=\"apiKey\"", html);
        Assert.Matches("<button[^>]+type=\"submit\"", html);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html); // no inline script
        // Every file the pages load is one of the embedded assets, by a same-origin path.
        foreach (var name in DashboardAssets.Names)
        {
            using var asset = await http.GetAsync("/ui/" + name);
            Assert.Equal(200, (int)asset.StatusCode);
            AssertStrictPolicy(asset.Headers.GetValues("Content-Security-Policy").Single());
            var text = await asset.Content.ReadAsStringAsync();
            foreach (Match m in Regex.Matches(text, "(?:src|href)=\"([^\"#]+)\"|(?:from|import)\\s*'([^']+)'|url\\(([^)]+)\\)"))
            {
                var target = m.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value;
                Assert.True(target.StartsWith("/ui/") || target.StartsWith("./"), $"{name} loads {target}, which is not a local asset");
            }
        }
        using var missing = await http.GetAsync("/ui/../openapi.json");
        Assert.NotEqual(500, (int)missing.StatusCode);
        using var unknown = await http.GetAsync("/ui/nope.js");
        Assert.Equal(404, (int)unknown.StatusCode);
    }

    [Fact]
    public async Task An_unchanged_asset_is_answered_304_and_head_has_no_body()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Site.BaseUrl) };
        using var first = await http.GetAsync("/ui/app.css");
        var etag = first.Headers.ETag!.Tag;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/ui/app.css") { Headers = { { "If-None-Match", etag } } };
        using var second = await http.SendAsync(again);
        Assert.Equal(304, (int)second.StatusCode);
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        Assert.Equal(200, (int)head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        using var post = await http.PostAsync("/", new StringContent("x"));
        Assert.Equal(405, (int)post.StatusCode);
    }

    [Fact]
    public async Task The_lambda_api_gateway_handler_serves_the_dashboard()
    {
        var log = new StringWriter();
        var handler = new HttpUploadHandler(Site.Platform.Api.HandleAsync, new JsonLog(log, "HttpUpload"));
        var gatewayEvent = """
            { "version": "2.0", "routeKey": "GET /", "rawPath": "/", "rawQueryString": "", "headers": { "accept": "text/html" },
              "requestContext": { "requestId": "r1", "http": { "method": "GET", "path": "/" } }, "isBase64Encoded": false }
            """;
        var output = await handler.HandleAsync(new LambdaInvocation("r1", Encoding.UTF8.GetBytes(gatewayEvent), null, null, null), CancellationToken.None);
        var response = JsonSerializer.Deserialize(output, LambdaJson.Default.ApiGatewayHttpResponse)!;
        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("text/html", response.Headers["content-type"]);
        AssertStrictPolicy(response.Headers.First(h => h.Key.Equals("Content-Security-Policy", StringComparison.OrdinalIgnoreCase)).Value);
        Assert.Contains("name=\"apiKey\"", response.IsBase64Encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(response.Body!)) : response.Body);
    }

    [Fact]
    public async Task The_cloud_run_http_function_serves_the_dashboard_and_it_works_in_the_browser()
    {
        await using var app = GcpFunctionHost.Build(Site.Platform, new GcpFunctionSettings { Function = GcpFunctionSettings.Http, ProjectId = "demo-test" },
            b => b.WebHost.UseUrls("http://127.0.0.1:0"));
        await app.StartAsync();
        var url = app.Urls.First().TrimEnd('/');
        using var http = new HttpClient();
        using var root = await http.GetAsync(url + "/");
        AssertStrictPolicy(root.Headers.GetValues("Content-Security-Policy").Single());

        var b = fixture.Browser;
        b.Width(1280);
        b.Driver.Navigate().GoToUrl(url + "/#/images"); // another origin than the local host: a fresh sessionStorage
        b.Wait().Until(d => d.FindElement(By.Id("sign-in")).Displayed);
        b.MarkStale();
        b.Find("input[name=apiKey]").SendKeys(Site.ApiKey);
        b.Find("#sign-in-form button[type=submit]").Click();
        b.WaitReady();
        Assert.Equal(DashboardSite.Images.Length, b.FindAll("#images-table tbody tr").Count);
        var errors = b.TakeConsoleErrors();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await app.StopAsync();
    }
}
