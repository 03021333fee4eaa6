using Scout.Core.Ports;

namespace Scout.Queue.PubSub.Delivery;

/// <summary>One Pub/Sub message as delivered to the queue-analysis function, whichever wrapping carried it.</summary>
/// <param name="Mode">cloudevent-binary | cloudevent-structured | push</param>
/// <param name="DeliveryAttempt">Only push envelopes of a subscription with a dead-letter policy carry it; 0 when unknown.</param>
public sealed record PubSubDelivery(AnalyzeImageMessage Message, string MessageId, string Mode, int DeliveryAttempt, string? Subscription)
{
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}

/// <summary>A delivery that cannot be understood: it is answered non-2xx so Pub/Sub retries and then dead-letters it.</summary>
public sealed class MalformedDeliveryException(string message) : Exception(message);
