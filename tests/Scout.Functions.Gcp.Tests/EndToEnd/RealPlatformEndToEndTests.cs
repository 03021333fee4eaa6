using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Scout.Hosting;
using Scout.Queue.PubSub;
using Scout.Storage.Firestore;
using Scout.Storage.Firestore.Rest;
using Scout.Testing;
using Scout.Testing.Servers;

namespace Scout.Functions.Gcp.Tests.EndToEnd;

/// <summary>
/// The platform as Program.cs composes it (ScoutPlatform.CreateAsync: real normalizer, matcher and secret rules,
/// advisory index loaded from Firestore) behind the Cloud Run host, with Pub/Sub pushing to it.
/// </summary>
[Collection(GcpEmulatorsCollection.Name)]
public sealed class RealPlatformEndToEndTests(GcpEmulatorsFixture emulators)
{
    [Fact]
    public async Task An_alpine_sbom_uploaded_over_http_is_analyzed_against_imported_osv_advisories()
    {
        var store = new FirestoreScoutStore(FirestoreRestClient.Create(new FirestoreOptions
        {
            ProjectId = FirestoreEmulatorFixture.ProjectId, EmulatorHost = emulators.Firestore.HostPort, ConfiguredLocation = "us-east5",
        }));
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var pubsub = new PubSubOptions
        {
            ProjectId = PubSubEmulatorFixture.ProjectId, EmulatorHost = emulators.PubSub.HostPort, Topic = "real-" + suffix,
            Subscription = "real-w-" + suffix, DeadLetterTopic = "real-d-" + suffix, DeadLetterSubscription = "real-dk-" + suffix,
        };
        var platform = await ScoutPlatform.CreateAsync(store, new PubSubWorkQueue(PubSubRestClient.Create(pubsub)), new ScoutOptions());
        var imported = await platform.ImportAdvisoriesAsync(TestData.Path("osv", "Alpine"));
        Assert.True(imported.AdvisoriesChanged > 0, "no advisories imported");
        await using var app = GcpFunctionHost.Build(platform, new GcpFunctionSettings { ProjectId = pubsub.ProjectId, EventRoutes = GcpStack.AllEventRoutes }, b => b.WebHost.UseUrls("http://127.0.0.1:0"));
        await app.StartAsync();
        var baseUrl = new Uri(app.Urls.First());
        await new PubSubProvisioner(PubSubRestClient.Create(pubsub with { PushEndpoint = new Uri(baseUrl, GcpFunctionHost.PubSubRoute) })).ProvisionAsync();

        using var http = new HttpClient { BaseAddress = baseUrl };
        var key = (await platform.Keys.CreateTenantAsync("acme")).ApiKey;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var digest = GcpStack.NewDigest();
        var sbom = Convert.ToBase64String(await File.ReadAllBytesAsync(TestData.Path("sbom", "images", "osv-scanner-sbom-insecure", "alpine.cdx.xml")));
        var envelope = $$$"""{"image":{"digest":"{{{digest}}}","os":{"type":"linux","version":"3.17"}},"sbomBase64":"{{{sbom}}}"}""";
        using var accepted = await http.PostAsync("/v1/images", new StringContent(envelope, Encoding.UTF8, "application/json"));
        Assert.Equal(202, (int)accepted.StatusCode);
        var uploadId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("uploadId").GetString();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        string? status;
        do
        {
            await Task.Delay(300);
            status = JsonDocument.Parse(await http.GetStringAsync($"/v1/uploads/{uploadId}")).RootElement.GetProperty("status").GetString();
        } while (status is "queued" or "analyzing" && DateTime.UtcNow < deadline);
        Assert.Equal("done", status);

        var image = JsonDocument.Parse(await http.GetStringAsync($"/v1/images/{digest}")).RootElement;
        var stored = (await store.GetPackagesAsync((await store.GetTenantByKeyIdAsync(key.Split('_')[1]))!.TenantId, digest)).Count;
        Assert.Equal(stored, image.GetProperty("packageCount").GetInt32());
        Assert.True(stored > 5, $"only {stored} packages");
        var findings = JsonDocument.Parse(await http.GetStringAsync($"/v1/images/{digest}/findings")).RootElement.ToString();
        var importedIds = Directory.GetFiles(TestData.Path("osv", "Alpine"), "*.json").Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Contains(importedIds, id => findings.Contains(id!, StringComparison.Ordinal));
    }
}
