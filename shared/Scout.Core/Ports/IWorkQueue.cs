namespace Scout.Core.Ports;

/// <summary>Messages carry references only (tenant + upload id), never documents: queues cap message sizes.</summary>
public sealed record AnalyzeImageMessage(string TenantId, string UploadId);

/// <summary>The producer side of the analysis queue. Consumers are host-specific (in-process worker, SQS, Pub/Sub)
/// and all call <see cref="UseCases.QueueAnalysis"/>.</summary>
public interface IWorkQueue
{
    Task EnqueueAsync(AnalyzeImageMessage message, CancellationToken ct = default);
}

public interface IClock
{
    DateTimeOffset UtcNow { get; }
}

public sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
}
