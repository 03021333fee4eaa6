using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scout.Core.Api;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;
using Scout.Hosting;
using Scout.Storage.Sqlite;

namespace Scout.Advisories.Tests;

/// <summary>
/// Base images on built chains (DESIGN.md section 8), through the HTTP API on the real platform (SQLite store, queue,
/// normalizer, matcher): debian:12 -> python:3.12 -> app in a catalog, a refreshed debian:12 digest, a debian:13 tag
/// with fewer findings, and a stranger's private image that shares the app's layers.
/// </summary>
public sealed class BaseImageTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("scout-base-").FullName;
    private ScoutPlatform platform = null!;
    private SqliteWorkQueue queue = null!;
    private string catalogKey = "", acmeKey = "", strangerKey = "";

    private static string Layer(string name) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
    private static string Digest(string name) => Layer("image " + name);

    private static readonly string Debian = Layer("debian-12-rootfs"), PythonA = Layer("python-a"), PythonB = Layer("python-b"),
        AppLayer = Layer("app"), Debian12Refresh = Layer("debian-12-rootfs-refresh"), Debian13 = Layer("debian-13-rootfs"),
        StrangerLayer = Layer("stranger"), Extra = Layer("acme-extra");

    private const string OpensslOld = "pkg:deb/debian/openssl@3.0.11-1?arch=amd64&distro=debian-12";
    private const string ZlibOld = "pkg:deb/debian/zlib1g@1.2.13-1?arch=amd64&distro=debian-12&upstream=zlib";

    public async Task InitializeAsync()
    {
        var store = new SqliteScoutStore(folder);
        queue = new SqliteWorkQueue(new SqliteDatabase(folder, "queue.db"), SystemClock.Instance);
        platform = await ScoutPlatform.CreateAsync(store, queue, new ScoutOptions());
        var feed = Directory.CreateDirectory(Path.Combine(folder, "feed")).FullName;
        Advisory(feed, "CVE-2099-0001", "Debian:12", "openssl", "3.0.13-1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");  // critical
        Advisory(feed, "CVE-2099-0002", "Debian:12", "openssl", "3.0.15-1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N");  // medium
        Advisory(feed, "CVE-2099-0003", "Debian:12", "zlib", "1.2.13-2", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N");     // high
        Advisory(feed, "GHSA-0000-0000-0001", "PyPI", "pip", "23.3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N");         // high
        Advisory(feed, "GHSA-0000-0000-0002", "PyPI", "requests", "2.31.0", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N");  // medium
        await platform.ImportAdvisoriesAsync(feed);
        var (catalog, key) = await platform.Keys.CreateTenantAsync("official-images");
        await platform.Store.MarkCatalogTenantAsync(catalog.TenantId);
        catalogKey = key;
        acmeKey = (await platform.Keys.CreateTenantAsync("acme")).ApiKey;
        strangerKey = (await platform.Keys.CreateTenantAsync("stranger")).ApiKey;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private static void Advisory(string feed, string id, string ecosystem, string name, string fixedVersion, string cvss)
    {
        var dir = Directory.CreateDirectory(Path.Combine(feed, ecosystem.Split(':')[0])).FullName;
        File.WriteAllText(Path.Combine(dir, id + ".json"), new JsonObject
        {
            ["id"] = id, ["modified"] = "2026-01-01T00:00:00Z",
            ["severity"] = new JsonArray(new JsonObject { ["type"] = "CVSS_V3", ["score"] = cvss }),
            ["affected"] = new JsonArray(new JsonObject
            {
                ["package"] = new JsonObject { ["ecosystem"] = ecosystem, ["name"] = name },
                ["ranges"] = new JsonArray(new JsonObject
                {
                    ["type"] = "ECOSYSTEM",
                    ["events"] = new JsonArray(new JsonObject { ["introduced"] = "0" }, new JsonObject { ["fixed"] = fixedVersion }),
                }),
            }),
        }.ToJsonString());
    }

    private async Task UploadAsync(string key, string name, string url, string[] layers, string osVersion, string createdAt, params string[] purls)
    {
        var envelope = new JsonObject
        {
            ["image"] = new JsonObject
            {
                ["digest"] = Digest(name), ["createdAt"] = createdAt, ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)l)]),
                ["os"] = new JsonObject { ["type"] = "linux", ["version"] = osVersion },
                ["registry"] = new JsonObject { ["url"] = url, ["type"] = "dockerhub" },
            },
            ["sbom"] = new JsonObject
            {
                ["bomFormat"] = "CycloneDX", ["specVersion"] = "1.5",
                ["components"] = new JsonArray([
                    new JsonObject { ["type"] = "operating-system", ["name"] = "debian", ["version"] = osVersion },
                    .. purls.Select(p => (JsonNode)new JsonObject
                    {
                        ["type"] = "library", ["name"] = p.Split('/')[^1].Split('@')[0], ["version"] = p.Split('@')[1].Split('?')[0], ["purl"] = p,
                    })]),
            },
        };
        var response = await SendAsync("POST", "/v1/images", key, envelope.ToJsonString());
        Assert.Equal(202, response.Status);
        await new SqliteQueueWorker(queue, platform.Delivery).DrainAsync();
    }

    private Task<ApiResponse> SendAsync(string method, string path, string key, string? body = null) =>
        platform.Api.HandleAsync(new ApiRequest
        {
            Method = method, Path = path, Body = body is null ? [] : Encoding.UTF8.GetBytes(body),
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + key },
            Query = new Dictionary<string, string> { ["limit"] = "1000" },
        });

    private async Task<JsonElement> GetAsync(string path, string key)
    {
        var response = await SendAsync("GET", path, key);
        Assert.True(response.Status == 200, Encoding.UTF8.GetString(response.Body.Span));
        return JsonDocument.Parse(response.Body).RootElement.Clone();
    }

    private Task Debian12Async() => UploadAsync(catalogKey, "debian:12", "docker.io/library/debian:12", [Debian], "12", "2026-10-01T00:00:00Z", OpensslOld, ZlibOld);

    private Task PythonAsync() => UploadAsync(catalogKey, "python:3.12", "docker.io/library/python:3.12", [Debian, PythonA, PythonB], "12", "2026-10-02T00:00:00Z",
        OpensslOld, ZlibOld, "pkg:pypi/pip@23.0");

    private Task AppAsync() => UploadAsync(acmeKey, "app", "registry.example.invalid/acme/app:1.0", [Debian, PythonA, PythonB, AppLayer], "12", "2026-10-03T00:00:00Z",
        OpensslOld, ZlibOld, "pkg:pypi/pip@23.0", "pkg:pypi/requests@2.30.0");

    [Fact]
    public async Task The_chain_names_the_nearest_base_its_own_bases_and_the_origin_of_every_package_and_finding()
    {
        await Debian12Async();
        await AppAsync();   // before python: its base is debian:12 for now
        var early = await GetAsync($"/v1/images/{Digest("app")}", acmeKey);
        Assert.Equal(Digest("debian:12"), early.GetProperty("baseImage").GetProperty("digest").GetString());

        await PythonAsync(); // the catalog upload re-links the app through the layer index
        var image = await GetAsync($"/v1/images/{Digest("app")}", acmeKey);
        var baseImage = image.GetProperty("baseImage");
        Assert.Equal(Digest("python:3.12"), baseImage.GetProperty("digest").GetString());
        Assert.Equal("docker.io/library/python", baseImage.GetProperty("repository").GetString());
        Assert.Equal("3.12", baseImage.GetProperty("tag").GetString());
        Assert.Equal(3, baseImage.GetProperty("layerCount").GetInt32());
        Assert.True(baseImage.GetProperty("catalog").GetBoolean());
        var chain = Assert.Single(baseImage.GetProperty("chain").EnumerateArray());
        Assert.Equal((Digest("debian:12"), "docker.io/library/debian", "12"),
            (chain.GetProperty("digest").GetString(), chain.GetProperty("repository").GetString(), chain.GetProperty("tag").GetString()));

        var packages = (await GetAsync($"/v1/images/{Digest("app")}/packages", acmeKey)).GetProperty("packages").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("origin").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["openssl"] = "base", ["zlib1g"] = "base", ["pip"] = "base", ["requests"] = "image" }, packages);
        var findings = (await GetAsync($"/v1/images/{Digest("app")}/findings", acmeKey)).GetProperty("findings").EnumerateArray()
            .ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("origin").GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["CVE-2099-0001"] = "base", ["CVE-2099-0002"] = "base", ["CVE-2099-0003"] = "base", ["GHSA-0000-0000-0001"] = "base", ["GHSA-0000-0000-0002"] = "image",
        }, findings);
        var byOrigin = image.GetProperty("findingCounts").GetProperty("byOrigin");
        Assert.Equal((1, 2, 1), (byOrigin.GetProperty("base").GetProperty("critical").GetInt32(), byOrigin.GetProperty("base").GetProperty("high").GetInt32(),
            byOrigin.GetProperty("base").GetProperty("medium").GetInt32()));
        Assert.Equal((0, 0, 1), (byOrigin.GetProperty("image").GetProperty("critical").GetInt32(), byOrigin.GetProperty("image").GetProperty("high").GetInt32(),
            byOrigin.GetProperty("image").GetProperty("medium").GetInt32()));

        // The catalog's own python image: its base is debian:12, no chain beyond.
        var python = await GetAsync($"/v1/images/{Digest("python:3.12")}", catalogKey);
        Assert.Equal(Digest("debian:12"), python.GetProperty("baseImage").GetProperty("digest").GetString());
        Assert.Empty(python.GetProperty("baseImage").GetProperty("chain").EnumerateArray());
        var debian = await GetAsync($"/v1/images/{Digest("debian:12")}", catalogKey);
        Assert.Equal(JsonValueKind.Null, debian.GetProperty("baseImage").ValueKind);
        Assert.Equal(JsonValueKind.Null, debian.GetProperty("findingCounts").GetProperty("byOrigin").ValueKind);
    }

    [Fact]
    public async Task Recommendations_rank_fewer_critical_then_high_mark_refresh_and_change_and_give_the_smallest_fixing_versions()
    {
        await Debian12Async();
        await UploadAsync(acmeKey, "service", "registry.example.invalid/acme/service", [Debian, AppLayer], "12", "2026-10-03T00:00:00Z",
            OpensslOld, ZlibOld, "pkg:pypi/requests@2.30.0");
        // A newer debian:12 digest that fixes the critical openssl finding but not zlib; debian:13 with none of them.
        await UploadAsync(catalogKey, "debian:12 refreshed", "docker.io/library/debian:12", [Debian12Refresh], "12", "2026-11-01T00:00:00Z",
            "pkg:deb/debian/openssl@3.0.13-1?arch=amd64&distro=debian-12", ZlibOld);
        await UploadAsync(catalogKey, "debian:13", "docker.io/library/debian:13", [Debian13], "13", "2026-11-02T00:00:00Z",
            "pkg:deb/debian/openssl@3.5.1-1?arch=amd64&distro=debian-13", "pkg:deb/debian/zlib1g@1.3.1-1?arch=amd64&distro=debian-13&upstream=zlib");

        var advice = await GetAsync($"/v1/images/{Digest("service")}/recommendations", acmeKey);
        Assert.Equal(Digest("debian:12"), advice.GetProperty("baseImage").GetProperty("current").GetProperty("digest").GetString());
        var candidates = advice.GetProperty("baseImage").GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal([Digest("debian:13"), Digest("debian:12 refreshed")], candidates.Select(c => c.GetProperty("digest").GetString()));
        Assert.Equal(["change", "refresh"], candidates.Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal(["13", "12"], candidates.Select(c => c.GetProperty("tag").GetString()));
        Assert.Equal([false, true], candidates.Select(c => c.GetProperty("keepsOsMajor").GetBoolean()));
        var delta13 = candidates[0].GetProperty("delta");
        Assert.Equal((-1, -1, -1, 0), (delta13.GetProperty("critical").GetInt32(), delta13.GetProperty("high").GetInt32(),
            delta13.GetProperty("medium").GetInt32(), delta13.GetProperty("low").GetInt32()));
        var deltaRefresh = candidates[1].GetProperty("delta");
        Assert.Equal((-1, 0, 0), (deltaRefresh.GetProperty("critical").GetInt32(), deltaRefresh.GetProperty("high").GetInt32(), deltaRefresh.GetProperty("medium").GetInt32()));
        Assert.Equal(0, candidates[0].GetProperty("findingCounts").GetProperty("critical").GetInt32());

        var packages = advice.GetProperty("packages").EnumerateArray().ToDictionary(p => p.GetProperty("purl").GetString()!);
        var openssl = packages[OpensslOld];
        Assert.Equal("3.0.15-1", openssl.GetProperty("fixedVersion").GetString());
        Assert.Equal(["CVE-2099-0001", "CVE-2099-0002"], openssl.GetProperty("fixes").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("3.0.13-1", openssl.GetProperty("criticalHigh").GetProperty("fixedVersion").GetString());
        Assert.Equal(["CVE-2099-0001"], openssl.GetProperty("criticalHigh").GetProperty("fixes").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("1.2.13-2", packages[ZlibOld].GetProperty("fixedVersion").GetString());
        Assert.False(packages[ZlibOld].TryGetProperty("criticalHigh", out _));
        Assert.Equal("2.31.0", packages["pkg:pypi/requests@2.30.0"].GetProperty("fixedVersion").GetString());
        // worst first: openssl (critical) before zlib (high) before requests (medium)
        Assert.Equal([OpensslOld, ZlibOld, "pkg:pypi/requests@2.30.0"], packages.Keys);
    }

    [Fact]
    public async Task Compare_and_the_base_image_policy_read_the_stored_base_links()
    {
        await Debian12Async();
        await UploadAsync(acmeKey, "service", "registry.example.invalid/acme/service:1", [Debian, AppLayer], "12", "2026-10-03T00:00:00Z",
            OpensslOld, ZlibOld, "pkg:pypi/requests@2.30.0");
        Assert.Equal("pass", await PolicyStatusAsync("service"));  // debian:12 is the newest debian:12 so far

        // debian:12 is refreshed in the catalog: the service's base now has a refresh, and its policy says so.
        await UploadAsync(catalogKey, "debian:12 refreshed", "docker.io/library/debian:12", [Debian12Refresh], "12", "2026-11-01T00:00:00Z",
            "pkg:deb/debian/openssl@3.0.13-1?arch=amd64&distro=debian-12", ZlibOld);
        Assert.Equal("fail", await PolicyStatusAsync("service"));

        // The service rebuilt on the refreshed base: compare names both bases, the policy passes again.
        await UploadAsync(acmeKey, "service rebuilt", "registry.example.invalid/acme/service:2", [Debian12Refresh, AppLayer], "12", "2026-11-03T00:00:00Z",
            "pkg:deb/debian/openssl@3.0.13-1?arch=amd64&distro=debian-12", ZlibOld, "pkg:pypi/requests@2.30.0");
        Assert.Equal("pass", await PolicyStatusAsync("service rebuilt"));
        var compare = await GetAsync($"/v1/images/{Digest("service")}/compare/{Digest("service rebuilt")}", acmeKey);
        var bases = compare.GetProperty("baseImage");
        Assert.Equal(Digest("debian:12"), bases.GetProperty("before").GetProperty("digest").GetString());
        Assert.Equal(Digest("debian:12 refreshed"), bases.GetProperty("after").GetProperty("digest").GetString());
        Assert.Equal(["CVE-2099-0001"], compare.GetProperty("findings").GetProperty("fixed").EnumerateArray().Select(f => f.GetString()));
    }

    private async Task<string?> PolicyStatusAsync(string image) =>
        (await GetAsync($"/v1/images/{Digest(image)}/policy", acmeKey)).GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("policy").GetString() == PolicyNames.BaseImageUpToDate).GetProperty("status").GetString();

    [Fact]
    public async Task Another_tenants_private_image_is_never_a_base_never_named_never_counted()
    {
        await Debian12Async();
        // The stranger's private image extends debian:12 with two layers the acme image also has, plus a package acme has.
        await UploadAsync(strangerKey, "stranger-base", "registry.example.invalid/stranger/base:1", [Debian, PythonA, StrangerLayer], "12", "2026-10-02T00:00:00Z",
            OpensslOld, ZlibOld, "pkg:pypi/requests@2.30.0");
        await UploadAsync(acmeKey, "acme-app", "registry.example.invalid/acme/app:2", [Debian, PythonA, StrangerLayer, Extra], "12", "2026-10-03T00:00:00Z",
            OpensslOld, ZlibOld, "pkg:pypi/requests@2.30.0");
        var image = await GetAsync($"/v1/images/{Digest("acme-app")}", acmeKey);
        var text = image.GetRawText();
        Assert.Equal(Digest("debian:12"), image.GetProperty("baseImage").GetProperty("digest").GetString());
        Assert.DoesNotContain(Digest("stranger-base"), text);
        Assert.DoesNotContain("stranger", text);
        var packages = (await GetAsync($"/v1/images/{Digest("acme-app")}/packages", acmeKey)).GetProperty("packages").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("origin").GetString());
        Assert.Equal("image", packages["requests"]);
        Assert.Equal(0, image.GetProperty("findingCounts").GetProperty("byOrigin").GetProperty("image").GetProperty("high").GetInt32());
        Assert.Equal(1, image.GetProperty("findingCounts").GetProperty("byOrigin").GetProperty("image").GetProperty("medium").GetInt32());
        var advice = await GetAsync($"/v1/images/{Digest("acme-app")}/recommendations", acmeKey);
        Assert.DoesNotContain(Digest("stranger-base"), advice.GetRawText());
        // Local analysis with the same layers sees the same base.
        var local = await SendAsync("POST", "/v1/analyze/local", acmeKey,
            $$"""{"purls":["pkg:pypi/requests@2.30.0"],"layerDigests":["{{Debian}}","{{PythonA}}","{{StrangerLayer}}","{{Extra}}"]}""");
        Assert.Equal(Digest("debian:12"), JsonDocument.Parse(local.Body).RootElement.GetProperty("baseImage").GetProperty("digest").GetString());
        // The stranger's own view does see its image as acme's layers' prefix owner: its own images are its own.
        var strangers = await GetAsync($"/v1/images/{Digest("stranger-base")}", strangerKey);
        Assert.Equal(Digest("debian:12"), strangers.GetProperty("baseImage").GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Local_analysis_with_layer_digests_answers_base_and_recommendations_and_writes_nothing()
    {
        await Debian12Async();
        await PythonAsync();
        var before = Snapshot();
        var response = await SendAsync("POST", "/v1/analyze/local", acmeKey,
            $$"""{"purls":["{{OpensslOld}}","pkg:pypi/pip@23.0","pkg:pypi/requests@2.30.0"],"layerDigests":["{{Debian}}","{{PythonA}}","{{PythonB}}","{{AppLayer}}"]}""");
        Assert.Equal(200, response.Status);
        var body = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(Digest("python:3.12"), body.GetProperty("baseImage").GetProperty("digest").GetString());
        Assert.Equal(Digest("debian:12"), body.GetProperty("baseImage").GetProperty("chain")[0].GetProperty("digest").GetString());
        var origins = body.GetProperty("packages").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("origin").GetString());
        Assert.Equal("base", origins["pip"]);
        Assert.Equal("image", origins["requests"]);
        var recommended = body.GetProperty("recommendations").GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("purl").GetString()).ToList();
        Assert.Contains("pkg:pypi/requests@2.30.0", recommended);
        Assert.Equal(before, Snapshot());

        // Without layer digests: no base, origins null, recommendations still for packages.
        var plain = JsonDocument.Parse((await SendAsync("POST", "/v1/analyze/local", acmeKey, """{"purls":["pkg:pypi/requests@2.30.0"]}""")).Body).RootElement;
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("baseImage").ValueKind);
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("packages")[0].GetProperty("origin").ValueKind);
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("recommendations").GetProperty("baseImage").GetProperty("current").ValueKind);
        Assert.Equal(before, Snapshot());
    }

    /// <summary>Every row of every table of both databases, as text.</summary>
    private string Snapshot()
    {
        var text = new StringBuilder();
        foreach (var file in new[] { "scout.db", "queue.db" })
        {
            using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, file)};Mode=ReadOnly;Pooling=False");
            c.Open();
            var tables = new List<string>();
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name";
                using var r = cmd.ExecuteReader();
                while (r.Read()) tables.Add(r.GetString(0));
            }
            foreach (var table in tables)
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
                using var r = cmd.ExecuteReader();
                while (r.Read())
                    for (var i = 0; i < r.FieldCount; i++) text.Append(table).Append(':').Append(Convert.ToString(r.GetValue(i))).Append('\n');
            }
        }
        return text.ToString();
    }
}
