using System.Text;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Scout.Core.Ports;
using Scout.Queue.PubSub;
using Scout.Queue.PubSub.Delivery;

namespace Scout.Functions.Gcp.Tests;

/// <summary>The three shapes a Pub/Sub message arrives in, and what is refused.</summary>
public sealed class PubSubDeliveryReaderTests
{
    private static readonly PubSubOptions Options = new() { ProjectId = "demo-test" };
    private static readonly byte[] Reference = Encoding.UTF8.GetBytes("""{"tenantId":"t-1","uploadId":"u-42"}""");

    private static PulledMessage Message(byte[]? data = null) =>
        new("ack-1", "1234", data ?? Reference, new Dictionary<string, string> { ["tenantId"] = "t-1" }, "2026-11-27T05:00:00.123Z", 1);

    [Fact]
    public async Task Binary_mode_cloud_event_as_eventarc_sends_it()
    {
        using var request = PubSubPuller.ToCloudEvent(Message(), Options, new Uri("http://function.invalid/"));
        var delivery = PubSubDeliveryReader.Read(await HeadersOf(request), await request.Content!.ReadAsByteArrayAsync());
        Assert.Equal(new AnalyzeImageMessage("t-1", "u-42"), delivery.Message);
        Assert.Equal("1234", delivery.MessageId);
        Assert.Equal("cloudevent-binary", delivery.Mode);
        Assert.Equal(Options.SubscriptionPath, delivery.Subscription);
    }

    [Fact]
    public void Structured_mode_cloud_event_encoded_by_the_cloudevents_sdk()
    {
        var cloudEvent = new CloudEvent
        {
            Id = "5678", Type = PubSubDeliveryReader.MessagePublished, Source = new Uri("//pubsub.googleapis.com/projects/demo-test/topics/scout-analyze", UriKind.RelativeOrAbsolute),
            Time = DateTimeOffset.Parse("2026-11-27T05:00:00Z"), DataContentType = "application/json",
            Data = JsonNode.Parse($$"""{"message":{"data":"{{Convert.ToBase64String(Reference)}}","messageId":"5678","publishTime":"2026-11-27T05:00:00Z"},"subscription":"projects/demo-test/subscriptions/s"}"""),
        };
        var body = new JsonEventFormatter().EncodeStructuredModeMessage(cloudEvent, out var contentType);
        var delivery = PubSubDeliveryReader.Read(Headers(("Content-Type", contentType.ToString())), body.ToArray());
        Assert.Equal(new AnalyzeImageMessage("t-1", "u-42"), delivery.Message);
        Assert.Equal("5678", delivery.MessageId);
        Assert.Equal("cloudevent-structured", delivery.Mode);
    }

    [Fact]
    public void Push_envelope_with_delivery_attempt()
    {
        var body = $$"""{"message":{"attributes":{"tenantId":"t-1"},"data":"{{Convert.ToBase64String(Reference)}}","messageId":"91","publishTime":"2026-11-27T05:00:00Z"},"subscription":"projects/demo-test/subscriptions/worker","deliveryAttempt":3}""";
        var delivery = PubSubDeliveryReader.Read(Headers(("Content-Type", "application/json")), Encoding.UTF8.GetBytes(body));
        Assert.Equal(new AnalyzeImageMessage("t-1", "u-42"), delivery.Message);
        Assert.Equal(("push", 3, "91"), (delivery.Mode, delivery.DeliveryAttempt, delivery.MessageId));
    }

    [Fact]
    public void Snake_case_message_fields_are_accepted()
    {
        var body = $$"""{"message":{"data":"{{Convert.ToBase64String(Reference)}}","message_id":"77","publish_time":"2026-11-27T05:00:00Z"},"subscription":"s"}""";
        Assert.Equal("77", PubSubDeliveryReader.Read(Headers(), Encoding.UTF8.GetBytes(body)).MessageId);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"subscription":"s"}""")]
    [InlineData("""{"message":{"messageId":"1"}}""")]
    [InlineData("""{"message":{"data":"%%%not-base64","messageId":"1"}}""")]
    [InlineData("""{"message":{"data":"eyJ0ZW5hbnRJZCI6InQifQ==","messageId":"1"}}""")] // {"tenantId":"t"}: no uploadId
    [InlineData("""{"message":{"data":"PGRvYz4=","messageId":"1"}}""")] // <doc>
    public void Malformed_push_bodies_are_refused_with_a_reason(string body)
    {
        var e = Assert.Throws<MalformedDeliveryException>(() => PubSubDeliveryReader.Read(Headers(), Encoding.UTF8.GetBytes(body)));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public async Task A_cloud_event_of_another_type_is_refused()
    {
        using var request = PubSubPuller.ToCloudEvent(Message(), Options, new Uri("http://function.invalid/"));
        var headers = await HeadersOf(request);
        headers["ce-type"] = "google.cloud.storage.object.v1.finalized";
        var e = Assert.Throws<MalformedDeliveryException>(() => PubSubDeliveryReader.Read(headers, request.Content!.ReadAsByteArrayAsync().Result));
        Assert.Contains("google.cloud.storage.object.v1.finalized", e.Message);
    }

    [Fact]
    public async Task A_binary_cloud_event_without_an_id_is_refused()
    {
        using var request = PubSubPuller.ToCloudEvent(Message(), Options, new Uri("http://function.invalid/"));
        var headers = await HeadersOf(request);
        headers.Remove("ce-id");
        Assert.Throws<MalformedDeliveryException>(() => PubSubDeliveryReader.Read(headers, request.Content!.ReadAsByteArrayAsync().Result));
    }

    [Fact]
    public void A_structured_cloud_event_that_is_not_json_is_refused() =>
        Assert.Throws<MalformedDeliveryException>(() => PubSubDeliveryReader.Read(Headers(("Content-Type", "application/cloudevents+json")), Encoding.UTF8.GetBytes("{oops")));

    private static Dictionary<string, string> Headers(params (string Name, string Value)[] pairs)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (n, v) in pairs) headers[n] = v;
        return headers;
    }

    private static Task<Dictionary<string, string>> HeadersOf(HttpRequestMessage request)
    {
        var headers = Headers();
        foreach (var (n, v) in request.Headers) headers[n] = string.Join(",", v);
        foreach (var (n, v) in request.Content!.Headers) headers[n] = string.Join(",", v);
        return Task.FromResult(headers);
    }
}
