using Scout.Core.Ports;

namespace Scout.Functions.Gcp;

/// <summary>Which function this container is (SCOUT_FUNCTION), and the knobs of its triggers.</summary>
public sealed record GcpFunctionSettings
{
    public const string Http = "http", Queue = "queue", Refresh = "refresh", All = "all";

    /// <summary>http | queue | refresh | all (all: every function on its own route; for local runs and tests).</summary>
    public string Function { get; init; } = All;
    public string? ProjectId { get; init; }
    public Uri? AdvisoryFeed { get; init; }
    public int Port { get; init; } = 8080;
    /// <summary>How old the advisory index of an instance may get before it is reloaded from the store.</summary>
    public TimeSpan IndexMaxAge { get; init; } = TimeSpan.FromMinutes(15);

    public static GcpFunctionSettings FromEnvironment(Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        var function = (env("SCOUT_FUNCTION") ?? All).Trim().ToLowerInvariant();
        if (function is not (Http or Queue or Refresh or All))
            throw new InputException($"SCOUT_FUNCTION={function}: expected http, queue, refresh or all");
        var port = env("PORT") is { Length: > 0 } p ? int.TryParse(p, out var n) && n is > 0 and < 65536 ? n
            : throw new InputException($"PORT={p} is not a port number") : 8080;
        Uri? feed = null;
        if (env("SCOUT_ADVISORY_FEED") is { Length: > 0 } f && !Uri.TryCreate(f, UriKind.Absolute, out feed))
            throw new InputException($"SCOUT_ADVISORY_FEED={f} is not an absolute URL");
        return new GcpFunctionSettings
        {
            Function = function, Port = port, AdvisoryFeed = feed,
            ProjectId = env("GOOGLE_CLOUD_PROJECT") ?? env("GCLOUD_PROJECT"),
            IndexMaxAge = TimeSpan.FromMinutes(int.TryParse(env("SCOUT_INDEX_MAX_AGE_MINUTES"), out var age) && age > 0 ? age : 15),
        };
    }
}
