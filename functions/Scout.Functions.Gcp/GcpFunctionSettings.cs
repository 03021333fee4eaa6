using Scout.Core.Ports;
using Scout.Core.Settings;

namespace Scout.Functions.Gcp;

/// <summary>Which function this container is (SCOUT_FUNCTION), and the knobs of its triggers.</summary>
public sealed record GcpFunctionSettings
{
    public const string Http = "http", Queue = "queue", Refresh = "refresh", All = "all";

    /// <summary>http | queue | refresh | all (all: every function on its own route; for local runs and tests).</summary>
    public string Function { get; init; } = All;
    public string? ProjectId { get; init; }
    public Uri? AdvisoryFeed { get; init; }
    /// <summary>SCOUT_REFRESH_POLLS: refreshes per Cloud Scheduler request (Scout.Hosting ScheduledRefresh.cs).</summary>
    public int RefreshPolls { get; init; } = 1;
    public int Port { get; init; } = 8080;
    /// <summary>
    /// The event routes mapped beside a function's own trigger (SCOUT_EVENT_ROUTES, comma-separated: pubsub, dead-letter,
    /// refresh). The queue function always takes / and /events/pubsub, and /events/dead-letter only when listed; `all`
    /// maps only the listed ones beside the API. Nothing is reachable that the deployment did not ask for.
    /// </summary>
    public IReadOnlySet<string> EventRoutes { get; init; } = new HashSet<string>();
    /// <summary>SCOUT_PUSH_AUDIENCE: when set, pushes must carry a Google OIDC token for this audience.</summary>
    public string? PushAudience { get; init; }
    /// <summary>SCOUT_PUSH_SERVICE_ACCOUNT: when set with the audience, the token must be issued to this service account.</summary>
    public string? PushServiceAccount { get; init; }

    public const string PubSubEvents = "pubsub", DeadLetterEvents = "dead-letter", RefreshEvents = "refresh";
    /// <summary>How old the advisory index of an instance may get before it is reloaded from the store.</summary>
    public TimeSpan IndexMaxAge { get; init; } = TimeSpan.FromMinutes(15);

    public static GcpFunctionSettings FromEnvironment(Func<string, string?>? env = null) => From(ScoutSettings.FromEnvironment(env));

    public static GcpFunctionSettings From(ScoutSettings settings)
    {
        var function = (settings.Function ?? All).ToLowerInvariant();
        if (function is not (Http or Queue or Refresh or All))
            throw new InputException($"SCOUT_FUNCTION={function}: expected http, queue, refresh or all");
        var port = settings.Port is { } p ? int.TryParse(p, out var n) && n is > 0 and < 65536 ? n
            : throw new InputException($"PORT={p} is not a port number") : 8080;
        Uri? feed = null;
        if (settings.AdvisoryFeed is { } f && !Uri.TryCreate(f, UriKind.Absolute, out feed))
            throw new InputException($"SCOUT_ADVISORY_FEED={f} is not an absolute URL");
        var routes = (settings.EventRoutes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        if (routes.FirstOrDefault(r => r is not (PubSubEvents or DeadLetterEvents or RefreshEvents)) is { } unknown)
            throw new InputException($"SCOUT_EVENT_ROUTES: unknown route '{unknown}'; expected pubsub, dead-letter or refresh");
        if (settings.PushServiceAccount != null && settings.PushAudience == null)
            throw new InputException("SCOUT_PUSH_SERVICE_ACCOUNT is set without SCOUT_PUSH_AUDIENCE: the token cannot be checked without its audience");
        return new GcpFunctionSettings
        {
            EventRoutes = routes, PushAudience = settings.PushAudience, PushServiceAccount = settings.PushServiceAccount,
            Function = function, Port = port, AdvisoryFeed = feed, ProjectId = settings.GoogleProject, RefreshPolls = settings.RefreshPolls,
            IndexMaxAge = TimeSpan.FromMinutes(int.TryParse(settings.IndexMaxAgeMinutes, out var age) && age > 0 ? age : 15),
        };
    }
}
