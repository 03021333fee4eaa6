using System.Text.Json;
using Scout.Core.Ports;
using Scout.Core.Serialization;
using Scout.Queue.PubSub;
using Scout.Testing.Servers;

namespace Scout.Storage.Firestore.Tests;

/// <summary>The Pub/Sub queue and its provisioning, on the Pub/Sub emulator.</summary>
public sealed class PubSubQueueTests(PubSubEmulatorFixture emulator) : IClassFixture<PubSubEmulatorFixture>
{
    private PubSubOptions NewOptions(Uri? push = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        return new PubSubOptions
        {
            ProjectId = PubSubEmulatorFixture.ProjectId, EmulatorHost = emulator.HostPort, Topic = "q-" + suffix, Subscription = "w-" + suffix,
            DeadLetterTopic = "d-" + suffix, DeadLetterSubscription = "dk-" + suffix, PushEndpoint = push,
        };
    }

    [Fact]
    public async Task Provisioning_is_idempotent_and_sets_the_dead_letter_policy_and_ack_deadline()
    {
        var options = NewOptions();
        var client = PubSubRestClient.Create(options);
        await new PubSubProvisioner(client).ProvisionAsync();
        await new PubSubProvisioner(client).ProvisionAsync();
        using var sub = await client.GetAsync(options.SubscriptionPath, default);
        var root = sub!.RootElement;
        Assert.Equal(options.TopicPath, root.GetProperty("topic").GetString());
        Assert.Equal(300, root.GetProperty("ackDeadlineSeconds").GetInt32());
        Assert.Equal(options.DeadLetterTopicPath, root.GetProperty("deadLetterPolicy").GetProperty("deadLetterTopic").GetString());
        Assert.Equal(5, root.GetProperty("deadLetterPolicy").GetProperty("maxDeliveryAttempts").GetInt32());
        Assert.NotNull(await client.GetAsync(options.DeadLetterSubscriptionPath, default));
    }

    [Fact]
    public async Task Reprovisioning_with_a_push_endpoint_updates_the_existing_subscription()
    {
        var options = NewOptions();
        await new PubSubProvisioner(PubSubRestClient.Create(options)).ProvisionAsync();
        var pushed = options with { PushEndpoint = new Uri("http://127.0.0.1:9/events/pubsub") };
        await new PubSubProvisioner(PubSubRestClient.Create(pushed)).ProvisionAsync();
        using var sub = await PubSubRestClient.Create(options).GetAsync(options.SubscriptionPath, default);
        Assert.Equal("http://127.0.0.1:9/events/pubsub", sub!.RootElement.GetProperty("pushConfig").GetProperty("pushEndpoint").GetString());
    }

    [Fact]
    public async Task Enqueue_publishes_a_reference_not_a_document()
    {
        var options = NewOptions();
        var client = PubSubRestClient.Create(options);
        await new PubSubProvisioner(client).ProvisionAsync();
        await new PubSubWorkQueue(client).EnqueueAsync(new AnalyzeImageMessage("t-1", "up_123"));
        var pulled = Assert.Single(await client.PullAsync(options.SubscriptionPath, 10, default));
        Assert.Equal(new AnalyzeImageMessage("t-1", "up_123"), JsonSerializer.Deserialize<AnalyzeImageMessage>(pulled.Data, ScoutJson.Options));
        Assert.True(pulled.Data.Length < 200);
        Assert.Equal("up_123", pulled.Attributes["uploadId"]);
        await client.AcknowledgeAsync(options.SubscriptionPath, [pulled.AckId], default);
    }

    [Fact]
    public async Task Out_of_range_settings_are_refused_before_anything_is_created()
    {
        var options = NewOptions() with { AckDeadlineSeconds = 900 };
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new PubSubProvisioner(PubSubRestClient.Create(options)).ProvisionAsync());
        Assert.Null(await PubSubRestClient.Create(options).GetAsync(options.TopicPath, default));
    }
}
