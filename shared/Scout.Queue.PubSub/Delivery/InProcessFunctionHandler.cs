namespace Scout.Queue.PubSub.Delivery;

/// <summary>
/// Lets the local puller "POST" its CloudEvents to the queue-analysis function inside the same process
/// (`scout serve --queue pubsub`): the request goes through the same reader and handler as on Cloud Run, the
/// dead-letter route (<see cref="PubSubDeliveryHandler.DeadLetterRoute"/>) to the same dead-letter handling.
/// </summary>
public sealed class InProcessFunctionHandler(PubSubDeliveryHandler handler, Action<DeliveryResult>? log = null) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers) headers[name] = string.Join(",", values);
        byte[] body = [];
        if (request.Content != null)
        {
            foreach (var (name, values) in request.Content.Headers) headers[name] = string.Join(",", values);
            body = await request.Content.ReadAsByteArrayAsync(ct);
        }
        var deadLetter = request.RequestUri?.AbsolutePath == PubSubDeliveryHandler.DeadLetterRoute;
        var result = deadLetter ? await handler.HandleDeadLetterAsync(headers, body, ct) : await handler.HandleAsync(headers, body, ct);
        log?.Invoke(result);
        return new HttpResponseMessage((System.Net.HttpStatusCode)result.HttpStatus) { RequestMessage = request };
    }
}
