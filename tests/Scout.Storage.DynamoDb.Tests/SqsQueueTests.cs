using Scout.Testing.Fakes;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Scout.Core.Ports;
using Scout.Core.Serialization;
using Scout.Core.Residency;
using Scout.Queue.Sqs;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>The SQS adapter on moto_server: provisioning, references-only messages, partial batch failure, DLQ.</summary>
[Collection(MotoCollection.Name)]
public sealed class SqsQueueTests(MotoFixture moto)
{
    /// <summary>A function timeout whose 6x visibility timeout is one second, so retries come back quickly.</summary>
    private static readonly TimeSpan QuickTimeout = TimeSpan.FromMilliseconds(1000.0 / 6);

    [Fact]
    public async Task Provisioning_creates_queue_and_dead_letter_queue_and_is_idempotent()
    {
        using var sqs = moto.CreateSqs();
        var name = MotoFixture.QueueName("prov");
        var first = await SqsProvisioner.EnsureAsync(sqs, name, TimeSpan.FromSeconds(60));
        var second = await SqsProvisioner.EnsureAsync(sqs, name, TimeSpan.FromSeconds(60));
        Assert.Equal(first, second);

        var attributes = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = first.QueueUrl, AttributeNames = ["All"] })).Attributes;
        Assert.Equal("360", attributes["VisibilityTimeout"]);
        using var redrive = JsonDocument.Parse(attributes["RedrivePolicy"]);
        Assert.Equal(first.DeadLetterQueueArn, redrive.RootElement.GetProperty("deadLetterTargetArn").GetString());
        Assert.Equal(5, int.Parse(redrive.RootElement.GetProperty("maxReceiveCount").ToString()));
    }

    [Fact]
    public async Task Enqueued_messages_carry_only_the_upload_reference()
    {
        using var sqs = moto.CreateSqs();
        var info = await SqsProvisioner.EnsureAsync(sqs, MotoFixture.QueueName("ref"), TimeSpan.FromSeconds(60));
        await new SqsWorkQueue(sqs, info.QueueUrl).EnqueueAsync(new AnalyzeImageMessage("t1", "u1"));
        var message = Assert.Single((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = info.QueueUrl, WaitTimeSeconds = 1 })).Messages);
        using var body = JsonDocument.Parse(message.Body);
        Assert.Equal(["tenantId", "uploadId"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new AnalyzeImageMessage("t1", "u1"), AnalyzeImageMessageCodec.Decode(message.Body));
    }

    [Fact]
    public async Task A_failure_on_one_message_of_a_batch_retries_only_that_message()
    {
        using var sqs = moto.CreateSqs();
        var info = await SqsProvisioner.EnsureAsync(sqs, MotoFixture.QueueName("partial"), QuickTimeout);
        var queue = new SqsWorkQueue(sqs, info.QueueUrl);
        foreach (var id in new[] { "u1", "u2", "u3" }) await queue.EnqueueAsync(new AnalyzeImageMessage("t1", id));

        var calls = new List<string>();
        var failOnce = true;
        var processor = new SqsBatchProcessor(new FuncDelivery((m, _) =>
        {
            lock (calls) calls.Add(m.UploadId);
            if (m.UploadId == "u2" && failOnce) { failOnce = false; throw new TimeoutException("store briefly unavailable"); }
            return Task.CompletedTask;
        }));
        SqsEvent? delivered = null;
        var poller = new SqsLocalPoller(sqs, info.QueueUrl, async (e, ct) => { delivered ??= e; return (await processor.ProcessAsync(e, ct)).Response; },
            new SqsPollerOptions { WaitTimeSeconds = 1 });

        await PollUntilAsync(poller, () => calls.Count >= 3);
        Assert.Equal(["u1", "u2", "u3"], calls.Order());
        Assert.All(delivered!.Records, r =>
        {
            Assert.Equal("aws:sqs", r.EventSource);
            Assert.Equal(info.QueueArn, r.EventSourceArn);
            Assert.Equal("us-east-1", r.AwsRegion);
            Assert.Equal("1", r.Attributes["ApproximateReceiveCount"]);
        });
        await PollUntilAsync(poller, () => calls.Count >= 4);
        Assert.Equal("u2", calls[3]);
        await Task.Delay(1500); // past the visibility timeout: nothing else may come back
        Assert.Equal(0, await poller.PollOnceAsync(CancellationToken.None));
        Assert.Equal(4, calls.Count);
    }

    [Fact]
    public async Task A_poison_message_ends_in_the_dead_letter_queue()
    {
        using var sqs = moto.CreateSqs();
        var info = await SqsProvisioner.EnsureAsync(sqs, MotoFixture.QueueName("poison"), QuickTimeout);
        await sqs.SendMessageAsync(info.QueueUrl, "{\"not\":\"a reference\"}");
        await new SqsWorkQueue(sqs, info.QueueUrl).EnqueueAsync(new AnalyzeImageMessage("t1", "good"));
        var handled = new List<string>();
        var failures = new List<SqsMessageFailure>();
        var processor = new SqsBatchProcessor(new FuncDelivery((m, _) => { handled.Add(m.UploadId); return Task.CompletedTask; }));
        var poller = new SqsLocalPoller(sqs, info.QueueUrl, async (e, ct) =>
        {
            var result = await processor.ProcessAsync(e, ct);
            failures.AddRange(result.Failures);
            return result.Response;
        }, new SqsPollerOptions { WaitTimeSeconds = 1 });

        var deadline = DateTime.UtcNow.AddSeconds(40);
        List<Message> dead = [];
        while (DateTime.UtcNow < deadline && dead.Count == 0)
        {
            await poller.PollOnceAsync(CancellationToken.None);
            dead = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = info.DeadLetterQueueUrl, WaitTimeSeconds = 0 })).Messages ?? [];
        }
        Assert.Equal("{\"not\":\"a reference\"}", Assert.Single(dead).Body);
        Assert.Equal(["good"], handled);
        Assert.Equal(SqsProvisioner.MaxReceiveCount, failures.Count);
        Assert.All(failures, f => Assert.True(f.Malformed));
    }

    [Fact]
    public async Task A_malformed_message_in_a_batch_is_reported_as_an_item_failure()
    {
        var processor = new SqsBatchProcessor(new FuncDelivery((_, _) => Task.CompletedTask));
        var result = await processor.ProcessAsync(new SqsEvent
        {
            Records =
            [
                new SqsMessage { MessageId = "m1", Body = "{\"tenantId\":\"t\",\"uploadId\":\"u\"}" },
                new SqsMessage { MessageId = "m2", Body = "not json" },
                new SqsMessage { MessageId = "m3", Body = "{\"tenantId\":\"t\"}" },
            ],
        }, CancellationToken.None);
        Assert.Equal(["m2", "m3"], result.Response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(1, result.Succeeded);
    }

    [Theory]
    [InlineData("eu-west-1")]
    [InlineData("us-west-1")]
    public async Task Sqs_clients_queues_and_pollers_refuse_regions_outside_us_east(string region)
    {
        Assert.Throws<ResidencyException>(() => SqsClientFactory.Create(region, null));
        using var client = new AmazonSQSClient(new BasicAWSCredentials("x", "y"), Amazon.RegionEndpoint.GetBySystemName(region));
        Assert.Throws<ResidencyException>(() => new SqsWorkQueue(client, "https://example.invalid/q"));
        Assert.Throws<ResidencyException>(() => new SqsLocalPoller(client, "https://example.invalid/q", (_, _) => Task.FromResult(new SqsBatchResponse())));
        await Assert.ThrowsAsync<ResidencyException>(() => SqsProvisioner.EnsureAsync(client, "q", TimeSpan.FromSeconds(1)));
    }

    private static async Task PollUntilAsync(SqsLocalPoller poller, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the expected deliveries did not arrive in time");
            await poller.PollOnceAsync(CancellationToken.None);
        }
    }
}
