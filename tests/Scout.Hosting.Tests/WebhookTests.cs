using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;
using Scout.Core.Webhooks;

namespace Scout.Hosting.Tests;

/// <summary>Webhooks end to end on the real platform: a local receiver (allowed by the operator's list) verifies every signature.</summary>
public sealed class WebhookTests : IDisposable
{
    private const string Secret = "a-webhook-secret-of-some-length";
    private readonly SwitchMatcher matcher = new();
    private readonly Receiver receiver = new();
    private readonly RealPlatform platform;

    public WebhookTests() => platform = new RealPlatform(matcher, new ScoutOptions { Webhooks = new WebhookSettings(RandomNumberGenerator.GetBytes(32), ["127.0.0.1"]) });

    public void Dispose()
    {
        receiver.Dispose();
        platform.Dispose();
    }

    /// <summary>Finds nothing until switched on; then every package has one high finding with a fix (an advisory "published").</summary>
    private sealed class SwitchMatcher : IAdvisoryMatcher
    {
        public bool On;
        public OverlayResult Overlay(OverlayRequest request) => new(On
            ? [.. request.Packages.Select(p => new Finding { Id = "CVE-2099-" + p.Name, Kind = FindingKinds.Vulnerability, Purl = p.Purl, Severity = Severities.High, FixState = FixStates.Fixed, FixedVersions = ["2.0.0"] })]
            : [], [], []);
    }

    private sealed class AllKeys : IAdvisoryCatalog
    {
        public IReadOnlyCollection<PackageKey> Apply(IReadOnlyList<StoredAdvisory> advisories) => [];
        public IReadOnlyList<PackageKey> KeysOf(PackageRecord package, OsRelease? os) => [new("npm", package.Name)];
        public int Count => 0;
    }

    /// <summary>An HTTP server on 127.0.0.1 that records what it is sent and answers with <see cref="Status"/>.</summary>
    private sealed class Receiver : IDisposable
    {
        private readonly HttpListener listener = new();
        public ConcurrentQueue<(Dictionary<string, string> Headers, string Body)> Received { get; } = new();
        public int Status = 200;
        public string Url { get; }

        public Receiver()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/hook/";
            listener.Prefixes.Add(Url);
            listener.Start();
            _ = Task.Run(LoopAsync);
        }

        private async Task LoopAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); } catch (Exception) { return; }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
                Received.Enqueue((headers, body));
                context.Response.StatusCode = Status;
                context.Response.Close();
            }
        }

        public void Dispose() => listener.Close();
    }

    private async Task<(string TenantId, string Key, string Digest)> ImageWithWebhookAsync()
    {
        var (tenantId, key) = await platform.NewTenantAsync();
        var created = await platform.SendAsync("POST", "/v1/webhooks", key, Encoding.UTF8.GetBytes(
            $$"""{"url":"{{receiver.Url}}","secret":"{{Secret}}","minSeverity":"high","events":["finding.added","policy.changed"]}"""));
        Assert.True(created.Status == 201, Encoding.UTF8.GetString(created.Body.Span));
        var digest = RealPlatform.DigestOf(Guid.NewGuid().ToString());
        var bom = """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"left-pad","version":"1.0.0","purl":"pkg:npm/left-pad@1.0.0"}]}""";
        Assert.Equal("done", (await platform.UploadAsync(key, digest, Encoding.UTF8.GetBytes(bom))).GetProperty("status").GetString());
        return (tenantId, key, digest);
    }

    /// <summary>An advisory appears: the re-overlay the refresh would run, reporting to the platform's handler.</summary>
    private async Task PublishAdvisoryAsync(string tenantId, string digest)
    {
        matcher.On = true;
        var rescan = new ImageRescan(platform.Store, matcher, new AllKeys()) { Observer = platform.Platform.ImageChanges };
        var diff = await rescan.RescanImageAsync(new ImageRef(tenantId, digest));
        Assert.Single(diff!.Added);
    }

    private static bool SignatureHolds(Dictionary<string, string> headers, string body)
    {
        var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret),
            Encoding.UTF8.GetBytes(headers["X-Scout-Timestamp"] + "." + body))).ToLowerInvariant();
        return headers["X-Scout-Signature"] == expected;
    }

    [Fact]
    public async Task Finding_added_and_policy_changed_arrive_signed_once_per_delivery_id_despite_a_forced_redelivery()
    {
        var (tenantId, _, digest) = await ImageWithWebhookAsync();
        await PublishAdvisoryAsync(tenantId, digest);
        await platform.DrainAsync();

        var received = receiver.Received.ToList();
        Assert.Equal(["finding.added", "policy.changed"], received.Select(r => r.Headers["X-Scout-Event"]).Order());
        foreach (var (headers, body) in received)
        {
            Assert.True(SignatureHolds(headers, body), "signature does not verify");
            Assert.True(long.Parse(headers["X-Scout-Timestamp"]) > 0);
            var e = JsonDocument.Parse(body).RootElement;
            Assert.Equal(headers["X-Scout-Delivery"], e.GetProperty("id").GetString());
            Assert.Equal(tenantId, e.GetProperty("tenantId").GetString());
            Assert.Equal(digest, e.GetProperty("image").GetProperty("digest").GetString());
        }
        var added = JsonDocument.Parse(received.Single(r => r.Headers["X-Scout-Event"] == "finding.added").Body).RootElement;
        Assert.Equal("CVE-2099-left-pad", Assert.Single(added.GetProperty("findings").EnumerateArray()).GetProperty("id").GetString());
        var flipped = JsonDocument.Parse(received.Single(r => r.Headers["X-Scout-Event"] == "policy.changed").Body).RootElement;
        Assert.Contains(flipped.GetProperty("policies").EnumerateArray(), p => p.GetProperty("policy").GetString() == PolicyNames.FixableVulnerabilities
            && p.GetProperty("from").GetString() == "pass" && p.GetProperty("to").GetString() == "fail");

        // The queue delivers the same messages again (at-least-once): the receiver hears nothing new.
        foreach (var (headers, _) in received)
            await platform.Queue.EnqueueAsync(WebhookDeliveries.Message(tenantId, headers["X-Scout-Delivery"]));
        await platform.DrainAsync();
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_and_finally_kept_as_dead_with_the_error()
    {
        var (tenantId, key, digest) = await ImageWithWebhookAsync();
        receiver.Status = 500;
        await PublishAdvisoryAsync(tenantId, digest);
        // The first attempt comes from the queue; the queue's own retry timing is its business, so the remaining
        // attempts are driven here as the queue would redeliver the message after each failure.
        await platform.DrainAsync();
        for (var attempt = 2; attempt <= WebhookSettings.MaxAttempts + 1; attempt++)
            foreach (var id in receiver.Received.Select(r => r.Headers["X-Scout-Delivery"]).Distinct().ToList())
            {
                try { await platform.Platform.QueueAnalysis.HandleAsync(WebhookDeliveries.Message(tenantId, id)); }
                catch (WebhookDeliveryException) { }
            }
        var one = receiver.Received.First(r => r.Headers["X-Scout-Event"] == "finding.added").Headers["X-Scout-Delivery"];
        Assert.Equal(WebhookSettings.MaxAttempts, receiver.Received.Count(r => r.Headers["X-Scout-Delivery"] == one));
        var record = await platform.Store.GetDeliveryAsync(tenantId, one);
        Assert.Equal(DeliveryStatuses.Dead, record!.Status);
        Assert.Equal("HTTP 500", record.LastError);

        // Its owner sees what became of it; another tenant cannot even learn the webhook exists.
        var listing = await platform.SendAsync("GET", $"/v1/webhooks/{record.WebhookId}/deliveries", key);
        Assert.Equal(200, listing.Status);
        var view = JsonDocument.Parse(listing.Body).RootElement;
        var deliveries = view.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal(receiver.Received.Select(r => r.Headers["X-Scout-Delivery"]).Distinct().Order(), deliveries.Select(d => d.GetProperty("id").GetString()).Order());
        Assert.All(deliveries, d => Assert.Equal((DeliveryStatuses.Dead, WebhookSettings.MaxAttempts, "HTTP 500"),
            (d.GetProperty("status").GetString(), d.GetProperty("attempts").GetInt32(), d.GetProperty("lastError").GetString())));
        Assert.Equal(deliveries.Count, view.GetProperty("counts").GetProperty(DeliveryStatuses.Dead).GetInt32());
        var (_, otherKey) = await platform.NewTenantAsync();
        Assert.Equal(404, (await platform.SendAsync("GET", $"/v1/webhooks/{record.WebhookId}/deliveries", otherKey)).Status);
    }

    [Theory]
    [InlineData("http://10.1.2.3/hook", "a private address")]
    [InlineData("http://169.254.169.254/latest/meta-data", "a cloud metadata address")]
    [InlineData("http://[::1]:8080/", "a loopback address")]
    [InlineData("http://192.168.0.10/", "a private address")]
    [InlineData("ftp://example.com/", "expected an absolute http(s) URL")]
    public async Task Private_loopback_and_metadata_urls_are_refused(string url, string why)
    {
        var (_, key) = await platform.NewTenantAsync();
        var response = await platform.SendAsync("POST", "/v1/webhooks", key, Encoding.UTF8.GetBytes($$"""{"url":"{{url}}","secret":"{{Secret}}"}"""));
        Assert.Equal(400, response.Status);
        Assert.Contains(why, RealPlatform.Json(response).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Loopback_is_refused_unless_allowed_and_the_secret_is_never_at_rest_or_shown_in_clear()
    {
        using var strict = new RealPlatform(options: new ScoutOptions { Webhooks = new WebhookSettings(RandomNumberGenerator.GetBytes(32), []) });
        var (_, strictKey) = await strict.NewTenantAsync();
        var refused = await strict.SendAsync("POST", "/v1/webhooks", strictKey, Encoding.UTF8.GetBytes($$"""{"url":"{{receiver.Url}}","secret":"{{Secret}}"}"""));
        Assert.Equal(400, refused.Status);
        Assert.Contains("loopback", RealPlatform.Json(refused).GetProperty("detail").GetString());

        var (tenantId, key, _) = await ImageWithWebhookAsync();
        var list = await platform.SendAsync("GET", "/v1/webhooks", key);
        Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(list.Body.Span));
        var hook = Assert.Single(await platform.Store.ListWebhooksAsync(tenantId));
        Assert.DoesNotContain(Secret, hook.SecretCiphertext);
        var raw = File.ReadAllBytes(Path.Combine(platform.Directory, Directory.GetFiles(platform.Directory, "*.db").Select(Path.GetFileName).First(n => n != "queue.db")!));
        Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(raw));

        Assert.Equal(204, (await platform.SendAsync("DELETE", $"/v1/webhooks/{hook.Id}", key)).Status);
        Assert.Equal(404, (await platform.SendAsync("DELETE", $"/v1/webhooks/{hook.Id}", key)).Status);
        Assert.Empty(await platform.Store.ListWebhooksAsync(tenantId));
    }
}
