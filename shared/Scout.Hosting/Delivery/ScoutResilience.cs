using Polly;
using Polly.Retry;
using Scout.Core.Ports;

namespace Scout.Hosting;

/// <summary>
/// The one retry policy of the platform (Polly 8): a transient fault (a store or network call that threw) is tried
/// again a few times in process with exponential backoff and jitter before the message goes back to its queue. A
/// caller's mistake (<see cref="InputException"/>) and our own cancellation are never retried.
/// </summary>
public static class ScoutResilience
{
    /// <summary>Tries per delivery (the first try and the retries), before the queue's own redelivery takes over.</summary>
    public const int InProcessAttempts = 3;
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(200);

    public static ResiliencePipeline Transient(TimeSpan? baseDelay = null, TimeProvider? time = null)
    {
        var builder = new ResiliencePipelineBuilder();
        if (time != null) builder.TimeProvider = time;
        return builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = InProcessAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = baseDelay ?? DefaultBaseDelay,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
        }).Build();
    }

    public static bool IsTransient(Exception e) => e is not (InputException or OperationCanceledException or ArgumentException);
}
