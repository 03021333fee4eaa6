using System.Net.Http.Headers;
using System.Text.Json;

namespace Scout.Dashboard.Tests;

/// <summary>The read-only routes the pages call: bad input is a 400 naming the parameter, and nothing names another tenant's data.</summary>
[Collection("browser")]
public sealed class DashboardApiTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardSite Site => fixture.Site;

    private async Task<(int Status, JsonElement Body)> GetAsync(string path, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? Site.ApiKey);
        using var response = await Site.Http.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Theory]
    [InlineData("/v1/trend?days=0", "days")]
    [InlineData("/v1/trend?days=91", "days")]
    [InlineData("/v1/trend?days=x", "days")]
    public async Task Bad_parameters_are_400_naming_them(string path, string name)
    {
        var (status, body) = await GetAsync(path);
        Assert.Equal(400, status);
        Assert.StartsWith(name + ":", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Too_many_aliases_are_refused()
    {
        var aliases = string.Join(",", Enumerable.Range(0, 51).Select(i => $"CVE-2000-{i:D4}"));
        var (status, body) = await GetAsync($"/v1/advisories/CVE-2021-44228/images?aliases={aliases}");
        Assert.Equal(400, status);
        Assert.StartsWith("aliases:", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Another_tenant_sees_no_workload_no_trend_and_no_image_of_this_one()
    {
        var other = (await Site.Platform.Keys.CreateTenantAsync("other-" + Guid.NewGuid().ToString("N")[..8])).ApiKey;
        var (_, mine) = await GetAsync("/v1/advisories/CVE-2021-44228/images?aliases=GHSA-jfh8-c2jp-5v3q");
        Assert.NotEqual(0, mine.GetProperty("images").GetArrayLength());
        var (status, theirs) = await GetAsync("/v1/advisories/CVE-2021-44228/images?aliases=GHSA-jfh8-c2jp-5v3q", other);
        Assert.Equal(200, status); // advisories are public data; the images are not
        Assert.Equal(0, theirs.GetProperty("images").GetArrayLength());
        Assert.Equal(0, (await GetAsync("/v1/environments", other)).Body.GetProperty("workloads").GetArrayLength());
        Assert.Equal(0, (await GetAsync("/v1/trend", other)).Body.GetProperty("days").GetArrayLength());
        Assert.Equal(401, (await GetAsync("/v1/trend", "scout_0000_wrong")).Status);
    }

    [Fact]
    public async Task The_trend_follows_a_vex_document_that_suppresses_a_finding()
    {
        var before = (await GetAsync("/v1/trend")).Body.GetProperty("days").EnumerateArray().Last().GetProperty("counts");
        var digest = "sha256:" + 1.ToString("x").PadLeft(64, 'd'); // the checkout image: log4j-core is in it
        var vex = """
            { "@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.invalid/vex/1", "author": "test", "timestamp": "2026-12-01T00:00:00Z", "version": 1,
              "statements": [ { "vulnerability": { "name": "CVE-2021-44228" }, "products": [ { "@id": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1" } ],
                "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path" } ] }
            """;
        using var response = await Site.Http.PostAsync($"/v1/images/{digest}/vex", new StringContent(vex, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)response.StatusCode);
        var image = (await GetAsync($"/v1/images/{digest}")).Body.GetProperty("findingCounts");
        Assert.Equal(1, image.GetProperty("suppressed").GetInt32());
        var after = (await GetAsync("/v1/trend")).Body.GetProperty("days").EnumerateArray().Last().GetProperty("counts");
        Assert.Equal(before.GetProperty("suppressed").GetInt32() + 1, after.GetProperty("suppressed").GetInt32());
        Assert.Equal(before.GetProperty("critical").GetInt32() - 1, after.GetProperty("critical").GetInt32());
    }
}
