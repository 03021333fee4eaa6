using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Scout.Core.Ports;
using Scout.Core.Serialization;

namespace Scout.Queue.PubSub.Delivery;

/// <summary>
/// Reads the three ways a Pub/Sub message reaches the function: an Eventarc CloudEvent
/// (google.cloud.pubsub.topic.v1.messagePublished) in binary or structured content mode, or a Pub/Sub push
/// envelope {message: {data, attributes, messageId, publishTime}, subscription, deliveryAttempt}.
/// </summary>
public static class PubSubDeliveryReader
{
    public const string MessagePublished = "google.cloud.pubsub.topic.v1.messagePublished";
    private static readonly JsonEventFormatter Formatter = new();

    /// <summary>Headers must be keyed case-insensitively.</summary>
    public static PubSubDelivery Read(IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        var contentType = headers.GetValueOrDefault("Content-Type");
        if (contentType != null && contentType.StartsWith("application/cloudevents+json", StringComparison.OrdinalIgnoreCase))
            return FromCloudEvent(DecodeStructured(body, contentType), "cloudevent-structured");
        if (headers.ContainsKey("ce-specversion"))
            return FromCloudEvent(DecodeBinary(headers, body, contentType), "cloudevent-binary");
        using var doc = Parse(body, "push envelope");
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("message", out var message))
            throw new MalformedDeliveryException("the body is neither a CloudEvent nor a Pub/Sub push envelope (no \"message\")");
        var attempt = root.TryGetProperty("deliveryAttempt", out var a) && a.TryGetInt32(out var n) ? n : 0;
        return FromMessage(message, root.TryGetProperty("subscription", out var s) ? s.GetString() : null, "push", attempt);
    }

    private static CloudEvent DecodeStructured(byte[] body, string contentType)
    {
        try { return Formatter.DecodeStructuredModeMessage(body, new ContentType(contentType), extensionAttributes: null); }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            throw new MalformedDeliveryException($"structured CloudEvent: {e.Message}");
        }
    }

    private static CloudEvent DecodeBinary(IReadOnlyDictionary<string, string> headers, byte[] body, string? contentType)
    {
        try
        {
            var version = CloudEventsSpecVersion.FromVersionId(headers["ce-specversion"])
                ?? throw new MalformedDeliveryException($"unsupported CloudEvents specversion {headers["ce-specversion"]}");
            var cloudEvent = new CloudEvent(version) { DataContentType = contentType };
            foreach (var (name, value) in headers)
                if (name.StartsWith("ce-", StringComparison.OrdinalIgnoreCase) && !name.Equals("ce-specversion", StringComparison.OrdinalIgnoreCase))
                    cloudEvent.SetAttributeFromString(name[3..].ToLowerInvariant(), Uri.UnescapeDataString(value));
            Formatter.DecodeBinaryModeEventData(body, cloudEvent);
            return cloudEvent;
        }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            throw new MalformedDeliveryException($"binary CloudEvent: {e.Message}");
        }
    }

    private static PubSubDelivery FromCloudEvent(CloudEvent cloudEvent, string mode)
    {
        if (!cloudEvent.IsValid) throw new MalformedDeliveryException($"{mode}: the CloudEvent lacks a required attribute (id, source, type)");
        if (cloudEvent.Type != MessagePublished) throw new MalformedDeliveryException($"{mode}: event type {cloudEvent.Type} is not {MessagePublished}");
        if (cloudEvent.Data is not JsonElement data || data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("message", out var message))
            throw new MalformedDeliveryException($"{mode}: the event data is not a MessagePublishedData object with a \"message\"");
        return FromMessage(message, data.TryGetProperty("subscription", out var s) ? s.GetString() : null, mode, 0);
    }

    private static PubSubDelivery FromMessage(JsonElement message, string? subscription, string mode, int attempt)
    {
        var id = Text(message, "messageId") ?? Text(message, "message_id") ?? "";
        var data = Text(message, "data") ?? throw new MalformedDeliveryException($"{mode}: message {id} has no data");
        byte[] bytes;
        try { bytes = Convert.FromBase64String(data); }
        catch (FormatException) { throw new MalformedDeliveryException($"{mode}: message {id} data is not base64"); }
        AnalyzeImageMessage reference;
        try { reference = AnalyzeImageMessageCodec.Decode(bytes); }
        catch (InputException e) { throw new MalformedDeliveryException($"{mode}: message {id} data is not an AnalyzeImage reference: {e.Message}"); }
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (message.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Object)
            foreach (var p in a.EnumerateObject()) if (p.Value.ValueKind == JsonValueKind.String) attributes[p.Name] = p.Value.GetString()!;
        return new PubSubDelivery(reference, id, mode, attempt, subscription) { Attributes = attributes };
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonDocument Parse(byte[] body, string what)
    {
        try { return JsonDocument.Parse(body); }
        catch (JsonException e) { throw new MalformedDeliveryException($"{what}: not JSON ({e.Message})"); }
    }
}
