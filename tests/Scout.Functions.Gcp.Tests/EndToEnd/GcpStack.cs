using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Queue.PubSub;
using Scout.Sbom;
using Scout.Storage.Firestore;
using Scout.Storage.Firestore.Rest;
using Scout.Testing;
using Scout.Testing.Servers;
using Scout.Testing.Fakes;

namespace Scout.Functions.Gcp.Tests.EndToEnd;

/// <summary>Both emulators, shared by the end-to-end tests of a class.</summary>
public sealed class GcpEmulatorsFixture : IAsyncLifetime
{
    public GcpEmulator Firestore { get; private set; } = null!;
    public GcpEmulator PubSub { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var firestore = GcpEmulator.StartFirestoreAsync(FirestoreEmulatorFixture.ProjectId);
        var pubsub = GcpEmulator.StartPubSubAsync(PubSubEmulatorFixture.ProjectId);
        (Firestore, PubSub) = (await firestore, await pubsub);
    }

    public async Task DisposeAsync()
    {
        if (Firestore != null) await Firestore.DisposeAsync();
        if (PubSub != null) await PubSub.DisposeAsync();
    }
}

/// <summary>
/// The GCP deployment in miniature: the function host on Kestrel (127.0.0.1), Firestore and Pub/Sub emulators,
/// a fresh topic/subscription/dead-letter topic per stack, and the subscription pushing to the function (or pulled).
/// </summary>
public sealed class GcpStack : IAsyncDisposable
{
    private GcpStack(WebApplication app, ScoutPlatform platform, FirestoreScoutStore store, PubSubRestClient pubsub, Uri baseUrl)
    {
        App = app; Platform = platform; Store = store; PubSub = pubsub; BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }
    public ScoutPlatform Platform { get; }
    public FirestoreScoutStore Store { get; }
    public PubSubRestClient PubSub { get; }
    public Uri BaseUrl { get; }
    public HttpClient Http { get; }
    public Uri QueueFunctionUrl => new(BaseUrl, GcpFunctionHost.PubSubRoute);

    /// <param name="deadLetterPush">false: the dead-letter recording subscription is a pull one, as `scout provision` makes it locally.</param>
    public static async Task<GcpStack> StartAsync(GcpEmulatorsFixture emulators, bool push, ISbomNormalizer? normalizer = null, string function = GcpFunctionSettings.All,
        bool deadLetterPush = true)
    {
        var store = new FirestoreScoutStore(FirestoreRestClient.Create(new FirestoreOptions
        {
            ProjectId = FirestoreEmulatorFixture.ProjectId, EmulatorHost = emulators.Firestore.HostPort, ConfiguredLocation = "us-east1",
        }));
        await store.InitializeAsync();
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var options = new PubSubOptions
        {
            ProjectId = PubSubEmulatorFixture.ProjectId, EmulatorHost = emulators.PubSub.HostPort,
            Topic = "analyze-" + suffix, Subscription = "worker-" + suffix, DeadLetterTopic = "dead-" + suffix, DeadLetterSubscription = "dead-keep-" + suffix, DeadLetterPushSubscription = "dead-record-" + suffix,
            AckDeadlineSeconds = 10, MinimumBackoff = TimeSpan.FromSeconds(1), MaximumBackoff = TimeSpan.FromSeconds(1),
        };
        var pubsub = PubSubRestClient.Create(options);
        var platform = ScoutPlatform.Create(store, new PubSubWorkQueue(pubsub),
            new ScoutComponents(normalizer ?? new SbomNormalizer(), new NamedPackageMatcher("zlib", "TEST-ZLIB-1"), new NoSecrets()), new ScoutOptions());
        var app = GcpFunctionHost.Build(platform, new GcpFunctionSettings { Function = function, ProjectId = options.ProjectId, EventRoutes = AllEventRoutes },
            b => b.WebHost.UseUrls("http://127.0.0.1:0"));
        await app.StartAsync();
        var baseUrl = new Uri(app.Urls.First());
        var stack = new GcpStack(app, platform, store, pubsub, baseUrl);
        var provisioned = options with { PushEndpoint = push ? stack.QueueFunctionUrl : null, DeadLetterPushEndpoint = deadLetterPush ? new Uri(baseUrl, GcpFunctionHost.DeadLetterRoute) : null };
        await new PubSubProvisioner(PubSubRestClient.Create(provisioned)).ProvisionAsync();
        return stack;
    }

    public static readonly IReadOnlySet<string> AllEventRoutes =
        new HashSet<string> { GcpFunctionSettings.PubSubEvents, GcpFunctionSettings.DeadLetterEvents, GcpFunctionSettings.RefreshEvents };

    public async Task<string> NewApiKeyAsync() => (await Platform.Keys.CreateTenantAsync("acme")).ApiKey;

    public static string NewDigest() => "sha256:" + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant()
        + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();

    /// <summary>POST /v1/images with a real CycloneDX SBOM from the public test data; returns the upload id.</summary>
    public async Task<string> UploadAsync(string apiKey, string digest)
    {
        var sbom = await File.ReadAllTextAsync(TestData.Path("sbom", "images", "osv-scanner-sbom-insecure", "alpine-zlib-16.cdx.json"));
        var envelope = $$$"""{"image":{"digest":"{{{digest}}}","architecture":"amd64","os":{"type":"linux","version":"3.22"}},"sbom":{{{sbom}}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images") { Content = new StringContent(envelope, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 202, $"upload answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("uploadId").GetString()!;
    }

    public async Task<JsonElement> GetJsonAsync(string apiKey, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Polls the upload's status resource until it leaves queued/analyzing.</summary>
    public async Task<JsonElement> WaitForUploadAsync(string apiKey, string uploadId, TimeSpan timeout, Func<Task>? eachRound = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (eachRound != null) await eachRound();
            var status = await GetJsonAsync(apiKey, $"/v1/uploads/{uploadId}");
            var s = status.GetProperty("status").GetString();
            if (s is not ("queued" or "analyzing")) return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"upload {uploadId} still {s} after {timeout}");
            await Task.Delay(200);
        }
    }

    public async Task<JsonElement> WaitForStatusAsync(string apiKey, string uploadId, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var current = await GetJsonAsync(apiKey, $"/v1/uploads/{uploadId}");
            if (current.GetProperty("status").GetString() == status || DateTime.UtcNow > deadline) return current;
            await Task.Delay(200);
        }
    }

    /// <summary>Waits for messages on the dead-letter topic (kept by its pull subscription).</summary>
    public async Task<IReadOnlyList<PulledMessage>> WaitForDeadLettersAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var messages = await PubSub.PullAsync(PubSub.Options.DeadLetterSubscriptionPath, 10, default);
            if (messages.Count > 0) return messages;
            await Task.Delay(500);
        }
        return [];
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>One pair of emulators for every end-to-end class (JVMs are not cheap on 2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class GcpEmulatorsCollection : ICollectionFixture<GcpEmulatorsFixture>
{
    public const string Name = "gcp-emulators";
}
