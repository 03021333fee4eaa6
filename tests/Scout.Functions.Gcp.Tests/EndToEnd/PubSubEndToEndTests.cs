using System.Net;
using System.Text;
using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.Serialization;
using Scout.Hosting;
using Scout.Queue.PubSub;
using Scout.Queue.PubSub.Delivery;
using Scout.Testing.Fakes;

namespace Scout.Functions.Gcp.Tests.EndToEnd;

/// <summary>Upload -> Pub/Sub -> the queue-analysis function -> Firestore -> GET, on the real emulators.</summary>
[Collection(GcpEmulatorsCollection.Name)]
public sealed class PubSubEndToEndTests(GcpEmulatorsFixture emulators)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Upload_is_pushed_to_the_function_analyzed_into_firestore_and_served()
    {
        await using var stack = await GcpStack.StartAsync(emulators, push: true);
        var key = await stack.NewApiKeyAsync();
        var digest = GcpStack.NewDigest();
        var uploadId = await stack.UploadAsync(key, digest);

        var status = await stack.WaitForUploadAsync(key, uploadId, Patience);
        Assert.Equal("done", status.GetProperty("status").GetString());
        var image = await stack.GetJsonAsync(key, $"/v1/images/{digest}");
        Assert.Equal(digest, image.GetProperty("digest").GetString());
        Assert.Equal(1, image.GetProperty("packageCount").GetInt32());
        var findings = (await stack.GetJsonAsync(key, $"/v1/images/{digest}/findings")).ToString();
        Assert.Contains("TEST-ZLIB-1", findings);
        var packages = (await stack.GetJsonAsync(key, $"/v1/images/{digest}/packages")).ToString();
        Assert.Contains("pkg:apk/alpine/zlib@1.2.12-r1", packages);
    }

    [Fact]
    public async Task The_local_puller_delivers_eventarc_cloud_events_to_the_function()
    {
        await using var stack = await GcpStack.StartAsync(emulators, push: false);
        using var cts = new CancellationTokenSource(Patience);
        var puller = new PubSubPuller(stack.PubSub, new HttpClient(), stack.QueueFunctionUrl);
        var pulling = puller.RunAsync(cts.Token);
        var key = await stack.NewApiKeyAsync();
        var digest = GcpStack.NewDigest();
        var uploadId = await stack.UploadAsync(key, digest);

        var status = await stack.WaitForUploadAsync(key, uploadId, Patience);
        Assert.Equal("done", status.GetProperty("status").GetString());
        var tenant = await TenantOf(stack, key);
        Assert.Equal(1, (await stack.Store.GetImageAsync(tenant, digest))!.PackageCount);
        await cts.CancelAsync();
        await pulling;
    }

    [Fact]
    public async Task A_transient_failure_is_redelivered_then_dead_lettered_and_recorded_on_the_upload()
    {
        var faulty = new TransientFaultNormalizer();
        await using var stack = await GcpStack.StartAsync(emulators, push: true, normalizer: faulty);
        var key = await stack.NewApiKeyAsync();
        var uploadId = await stack.UploadAsync(key, GcpStack.NewDigest());

        var dead = await stack.WaitForDeadLettersAsync(Patience);
        var letter = Assert.Single(dead);
        Assert.Equal(uploadId, JsonSerializer.Deserialize<AnalyzeImageMessage>(letter.Data, ScoutJson.Options)!.UploadId);
        Assert.Equal("5", letter.Attributes["CloudPubSubDeadLetterSourceDeliveryCount"]);
        // redelivered until the subscription's max delivery attempts (each delivery tried in process by the retry policy), then no more
        Assert.Equal(DeliveryPolicy.MaxAttempts * ScoutResilience.InProcessAttempts, faulty.Calls);
        var status = await stack.WaitForStatusAsync(key, uploadId, "failed", Patience);
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Contains("after 5 delivery attempts", status.ToString());
    }

    [Fact]
    public async Task Through_the_local_puller_a_message_that_always_fails_transiently_ends_with_the_upload_failed()
    {
        // The path of `scout serve --queue pubsub`: no push subscriptions; the in-process puller pulls the worker and the
        // dead-letter recording subscriptions and hands both to the queue function's handler.
        var faulty = new TransientFaultNormalizer();
        await using var stack = await GcpStack.StartAsync(emulators, push: false, normalizer: faulty, deadLetterPush: false);
        using var cts = new CancellationTokenSource(Patience * 2);
        var outcomes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var handler = new PubSubDeliveryHandler(stack.Platform.Delivery);
        var pulling = PubSubPuller.InProcess(stack.PubSub, handler, r => outcomes.Enqueue(r.Outcome)).RunAsync(cts.Token);
        var key = await stack.NewApiKeyAsync();
        var uploadId = await stack.UploadAsync(key, GcpStack.NewDigest());

        var status = await stack.WaitForStatusAsync(key, uploadId, "failed", Patience);
        await cts.CancelAsync();
        await pulling;
        Assert.True(status.GetProperty("status").GetString() == "failed",
            $"{status}; analysis calls {faulty.Calls}; outcomes {string.Join(",", outcomes)}");
        var reason = status.GetProperty("reason").GetString();
        Assert.Contains("did not succeed after 5 delivery attempts", reason);
        Assert.Equal(DeliveryPolicy.MaxAttempts * ScoutResilience.InProcessAttempts, faulty.Calls);
        Assert.Equal(5, outcomes.Count(o => o == "retry"));
        Assert.Contains("dead-lettered", outcomes);
        // The keeping subscription still holds the dead letter for inspection.
        var kept = Assert.Single(await stack.WaitForDeadLettersAsync(Patience));
        Assert.Equal(uploadId, JsonSerializer.Deserialize<AnalyzeImageMessage>(kept.Data, ScoutJson.Options)!.UploadId);
    }

    [Fact]
    public async Task Provisioning_twice_keeps_one_dead_letter_recording_subscription_and_switches_it_between_pull_and_push()
    {
        await using var stack = await GcpStack.StartAsync(emulators, push: false, deadLetterPush: false);
        var options = stack.PubSub.Options;
        var recording = options.DeadLetterPushSubscriptionPath;
        using (var pulled = await stack.PubSub.GetAsync(recording, default))
            Assert.Equal(options.DeadLetterTopicPath, pulled!.RootElement.GetProperty("topic").GetString());
        await new PubSubProvisioner(stack.PubSub).EnsureDeadLetterRecordingAsync();
        var push = new Uri(stack.BaseUrl, GcpFunctionHost.DeadLetterRoute);
        await new PubSubProvisioner(PubSubRestClient.Create(options with { DeadLetterPushEndpoint = push })).ProvisionAsync();
        using var pushed = await stack.PubSub.GetAsync(recording, default);
        Assert.Equal(push.ToString(), pushed!.RootElement.GetProperty("pushConfig").GetProperty("pushEndpoint").GetString());
    }

    [Fact]
    public async Task A_malformed_message_is_dead_lettered_without_writing_anything()
    {
        await using var stack = await GcpStack.StartAsync(emulators, push: true);
        await stack.PubSub.PublishAsync(stack.PubSub.Options.TopicPath, [(Encoding.UTF8.GetBytes("<not a reference/>"), new Dictionary<string, string>())], default);
        var dead = await stack.WaitForDeadLettersAsync(Patience);
        Assert.Equal("<not a reference/>", Encoding.UTF8.GetString(Assert.Single(dead).Data));
    }

    [Fact]
    public async Task A_duplicate_delivery_writes_nothing_twice()
    {
        await using var stack = await GcpStack.StartAsync(emulators, push: true);
        var key = await stack.NewApiKeyAsync();
        var digest = GcpStack.NewDigest();
        var uploadId = await stack.UploadAsync(key, digest);
        await stack.WaitForUploadAsync(key, uploadId, Patience);
        var tenant = await TenantOf(stack, key);
        var before = await stack.Store.GetImageAsync(tenant, digest);
        var uploadBefore = await stack.Store.GetUploadAsync(tenant, uploadId);

        var data = Convert.ToBase64String(ScoutJson.SerializeToUtf8(new AnalyzeImageMessage(tenant, uploadId)));
        var envelope = $$"""{"message":{"data":"{{data}}","messageId":"dup-1","publishTime":"2026-11-27T05:00:00Z"},"subscription":"{{stack.PubSub.Options.SubscriptionPath}}"}""";
        for (var i = 0; i < 2; i++)
        {
            using var response = await stack.Http.PostAsync(stack.QueueFunctionUrl, new StringContent(envelope, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("duplicate", await response.Content.ReadAsStringAsync());
        }
        var after = await stack.Store.GetImageAsync(tenant, digest);
        Assert.Equal(before!.Revision, after!.Revision);
        Assert.Equal(uploadBefore, await stack.Store.GetUploadAsync(tenant, uploadId));
    }

    [Fact]
    public async Task The_queue_function_alone_answers_deliveries_on_its_root_and_serves_no_api()
    {
        await using var stack = await GcpStack.StartAsync(emulators, push: false, function: GcpFunctionSettings.Queue);
        using var api = await stack.Http.GetAsync("/v1/images");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        using var malformed = await stack.Http.PostAsync("/", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        using var health = await stack.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task On_the_last_push_attempt_a_transient_failure_is_recorded_on_the_upload()
    {
        // Real Pub/Sub puts deliveryAttempt in push envelopes of a subscription with a dead-letter policy (the emulator does not).
        await using var stack = await GcpStack.StartAsync(emulators, push: false, normalizer: new TransientFaultNormalizer());
        var key = await stack.NewApiKeyAsync();
        var uploadId = await stack.UploadAsync(key, GcpStack.NewDigest());
        var tenant = await TenantOf(stack, key);
        var data = Convert.ToBase64String(ScoutJson.SerializeToUtf8(new AnalyzeImageMessage(tenant, uploadId)));
        foreach (var (attempt, expected) in new[] { (4, "analyzing"), (5, "failed") })
        {
            var envelope = $$"""{"message":{"data":"{{data}}","messageId":"m-1"},"subscription":"s","deliveryAttempt":{{attempt}}}""";
            using var response = await stack.Http.PostAsync(stack.QueueFunctionUrl, new StringContent(envelope, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode); // not acknowledged: Pub/Sub dead-letters it
            Assert.Equal(expected, (await stack.Store.GetUploadAsync(tenant, uploadId))!.Status);
        }
    }

    [Fact]
    public async Task The_refresh_function_without_a_feed_answers_503_so_the_scheduler_retries_and_the_log_says_why()
    {
        await using var stack = await GcpStack.StartAsync(emulators, push: false, function: GcpFunctionSettings.Refresh);
        using var response = await stack.Http.PostAsync("/", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("SCOUT_ADVISORY_FEED", await response.Content.ReadAsStringAsync());
        using var api = await stack.Http.GetAsync("/v1/images");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    private static async Task<string> TenantOf(GcpStack stack, string apiKey)
    {
        var keyId = apiKey.Split('_')[1];
        return (await stack.Store.GetTenantByKeyIdAsync(keyId))?.TenantId
            ?? throw new InvalidOperationException($"no tenant for key id {keyId}");
    }
}
