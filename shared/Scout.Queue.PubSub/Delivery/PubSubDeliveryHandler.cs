using Scout.Core.Ports;

namespace Scout.Queue.PubSub.Delivery;

/// <summary>What the queue-analysis function answers and logs for one delivery.</summary>
/// <param name="Severity">Cloud Logging severity for the log line: INFO, WARNING, ERROR.</param>
public sealed record DeliveryResult(int HttpStatus, string Outcome, string? Reason, string Severity, PubSubDelivery? Delivery)
{
    public bool Acknowledged => HttpStatus is >= 200 and < 300;
}

/// <summary>
/// The queue-analysis function, host-neutral (the Cloud Run host and `scout serve --queue pubsub` both use it). It only
/// translates Pub/Sub onto the delivery policy (<see cref="IAnalysisDelivery"/>, Scout.Hosting/Delivery/AnalysisDelivery.cs):
/// <list type="bullet">
/// <item>Ack (done, already done, failed for a reason recorded on the upload): 200, acknowledged.</item>
/// <item>Retry (transient fault): 503, so Pub/Sub redelivers with backoff.</item>
/// <item>DeadLetter (the last attempt failed and the upload is marked failed, or the message names no upload): 503 /
/// 422, never acknowledged, so Pub/Sub moves it to the dead-letter topic where it is kept.</item>
/// <item>malformed delivery: 400, dead-lettered the same way; the reason is in the ERROR log line with the message id.</item>
/// <item>a message Pub/Sub dead-letters: the dead-letter topic's recording subscription delivers it to
/// <see cref="HandleDeadLetterAsync"/>, which marks its upload failed (the emulator's pushes carry no deliveryAttempt,
/// so the give-up does not rely on the attempt count alone).</item>
/// </list>
/// </summary>
public sealed class PubSubDeliveryHandler(IAnalysisDelivery delivery)
{
    /// <summary>The function's routes for analysis deliveries and dead letters (the Cloud Run host maps them; the local puller posts to them).</summary>
    public const string AnalysisRoute = "/events/pubsub", DeadLetterRoute = "/events/dead-letter";

    public async Task<DeliveryResult> HandleAsync(IReadOnlyDictionary<string, string> headers, byte[] body, CancellationToken ct)
    {
        PubSubDelivery received;
        try { received = PubSubDeliveryReader.Read(headers, body); }
        catch (MalformedDeliveryException e) { return new DeliveryResult(400, "malformed", e.Message, "ERROR", null); }

        var decision = await delivery.DeliverAsync(received.Message, received.DeliveryAttempt, ct);
        return decision.Action switch
        {
            DeliveryAction.Ack => new DeliveryResult(200, decision.Outcome, decision.Reason, decision.Outcome == "failed" ? "WARNING" : "INFO", received),
            DeliveryAction.DeadLetter when decision.Outcome == "unknown-upload" => new DeliveryResult(422, decision.Outcome, decision.Reason, "ERROR", received),
            _ => new DeliveryResult(503, decision.Outcome, decision.Reason, "ERROR", received),
        };
    }

    /// <summary>
    /// The dead-letter topic's recording subscription lands here: the upload of a message Pub/Sub gave up on is marked
    /// failed (unless it finished meanwhile). Always acknowledged except on a store fault, since the keeping subscription
    /// of the dead-letter topic holds the message for inspection either way.
    /// </summary>
    public async Task<DeliveryResult> HandleDeadLetterAsync(IReadOnlyDictionary<string, string> headers, byte[] body, CancellationToken ct)
    {
        PubSubDelivery received;
        try { received = PubSubDeliveryReader.Read(headers, body); }
        catch (MalformedDeliveryException e) { return new DeliveryResult(200, "dead-letter-unreadable", e.Message, "ERROR", null); }
        var attempts = received.Attributes.GetValueOrDefault("CloudPubSubDeadLetterSourceDeliveryCount") ?? "max";
        var reason = $"analysis did not succeed after {attempts} delivery attempts; message {received.MessageId} was dead-lettered";
        var decision = await delivery.DeadLetteredAsync(received.Message, reason, ct);
        return decision.Action == DeliveryAction.Ack
            ? new DeliveryResult(200, decision.Outcome, decision.Reason, decision.Outcome == "dead-lettered" ? "ERROR" : "WARNING", received)
            : new DeliveryResult(503, decision.Outcome, decision.Reason, "ERROR", received);
    }
}
