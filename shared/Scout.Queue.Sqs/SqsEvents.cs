using System.Text.Json.Serialization;

namespace Scout.Queue.Sqs;

/// <summary>The SQS event Lambda delivers to a function (the local poller builds the same shape).</summary>
public sealed record SqsEvent
{
    [JsonPropertyName("Records")] public IReadOnlyList<SqsMessage> Records { get; init; } = [];
}

public sealed record SqsMessage
{
    [JsonPropertyName("messageId")] public required string MessageId { get; init; }
    [JsonPropertyName("receiptHandle")] public string? ReceiptHandle { get; init; }
    [JsonPropertyName("body")] public string? Body { get; init; }
    /// <summary>ApproximateReceiveCount, SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp ...</summary>
    [JsonPropertyName("attributes")] public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    [JsonPropertyName("messageAttributes")] public IReadOnlyDictionary<string, SqsMessageAttribute> MessageAttributes { get; init; } = new Dictionary<string, SqsMessageAttribute>();
    [JsonPropertyName("md5OfBody")] public string? Md5OfBody { get; init; }
    [JsonPropertyName("eventSource")] public string EventSource { get; init; } = "aws:sqs";
    [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; init; }
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; init; }
}

public sealed record SqsMessageAttribute
{
    [JsonPropertyName("stringValue")] public string? StringValue { get; init; }
    [JsonPropertyName("binaryValue")] public string? BinaryValue { get; init; }
    [JsonPropertyName("stringListValues")] public IReadOnlyList<string> StringListValues { get; init; } = [];
    [JsonPropertyName("binaryListValues")] public IReadOnlyList<string> BinaryListValues { get; init; } = [];
    [JsonPropertyName("dataType")] public string? DataType { get; init; }
}

/// <summary>Partial batch response (ReportBatchItemFailures): only the listed messages return to the queue.</summary>
public sealed record SqsBatchResponse
{
    [JsonPropertyName("batchItemFailures")] public IReadOnlyList<SqsBatchItemFailure> BatchItemFailures { get; init; } = [];
}

public sealed record SqsBatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
public sealed partial class SqsJson : JsonSerializerContext;
