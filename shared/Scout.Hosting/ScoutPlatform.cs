using Scout.Core.Api;
using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Hosting;

public sealed record ScoutOptions
{
    /// <summary>The SCOUT_MAX_* variables over the defaults (Core/Settings/UploadLimitVariables.cs); a bad value fails here, at start-up.</summary>
    public UploadLimits Limits { get; init; } = Core.Settings.ScoutSettings.Current.Limits;
    /// <summary>SCOUT_ADVISORY_CACHE_MB: what the advisory index, read from the store per package, keeps in memory.</summary>
    public long AdvisoryCacheBytes { get; init; } = Core.Settings.ScoutSettings.Current.AdvisoryCacheBytes;
    /// <summary>The OSV-layout feed the scheduled refresh reads (null: no scheduled refresh).</summary>
    public Uri? AdvisoryFeed { get; init; }
    /// <summary>Cron expression (UTC) for the scheduled refresh.</summary>
    public string RefreshSchedule { get; init; } = "*/15 * * * *";
    /// <summary>How often this deployment polls the feed: every minute as deployed (EventBridge, Cloud Scheduler); `scout serve --feed` sets its own.</summary>
    public TimeSpan AdvisoryPollInterval { get; init; } = TimeSpan.FromMinutes(1);
    public IClock Clock { get; init; } = SystemClock.Instance;
    /// <summary>The retry policy of delivery and of the hosts' loops (Delivery/ScoutResilience.cs).</summary>
    public Polly.ResiliencePipeline Resilience { get; init; } = ScoutResilience.Transient();
    /// <summary>SCOUT_WEBHOOK_KEY and SCOUT_WEBHOOK_ALLOW (Core/Webhooks/WebhookSettings.cs).</summary>
    public Core.Webhooks.WebhookSettings Webhooks { get; init; } = Core.Webhooks.WebhookSettings.FromEnvironment();
    /// <summary>Tests replace the HTTP handler webhook deliveries use (the SSRF-guarded one otherwise).</summary>
    public HttpMessageHandler? WebhookHandler { get; init; }
}

/// <summary>The analysis components behind the ports; the default set is built from the store's advisories.</summary>
public sealed record ScoutComponents(ISbomNormalizer Normalizer, IAdvisoryMatcher Matcher, ISecretScanner Secrets)
{
    /// <summary>The advisory use cases over the same index as <see cref="Matcher"/> (null in plumbing tests with fakes).</summary>
    public Advisories.AdvisoryServices? Advisories { get; init; }
    /// <summary>Brings the index up to the store's advisories before each batch (null with fakes).</summary>
    public IndexFreshness? Freshness { get; init; }
    /// <summary>Base image facts and recommendations for compare and the "base image up to date" policy (null: not known).</summary>
    public IBaseImageSource? BaseImages { get; init; }
}

/// <summary>
/// The composition root every host uses (local CLI, Lambda, Cloud Run): one store, one queue producer, the use cases
/// and the HTTP API over them. Hosts add only their trigger plumbing.
/// </summary>
public sealed partial class ScoutPlatform
{
    private ScoutPlatform(IScoutStore store, IWorkQueue queue, ScoutComponents components, ScoutOptions options)
    {
        // Compare and the base-image policy read the stored base links unless a test hands in its own source.
        components = components with { BaseImages = components.BaseImages ?? new StoredBaseImageSource(store, options.Clock) };
        Store = store;
        Queue = queue;
        Components = components;
        Options = options;
        Keys = new ApiKeys(store, options.Clock);
        Trend = new TenantTrend(store, options.Clock);
        QueueAnalysis = new QueueAnalysis(store, components.Normalizer, components.Matcher, options.Clock)
        {
            Freshness = components.Freshness,
            Saved = async (tenant, ct) => await Trend.RecordAfterAnalysisAsync(tenant, ct),
        };
        Delivery = new AnalysisDelivery(QueueAnalysis.HandleAsync, store, options.Clock, options.Resilience);
        var imageChanges = WireImageChanges(store, components, options);
        var upload = new UploadImage(store, queue, components.Secrets, options.Clock, options.Limits);
        Api = new ScoutApi(new ScoutApiServices(store, Keys, upload, options.Limits, options.Clock)
        {
            LocalAnalysis = components.Advisories is { } advisories ? new LocalAnalyzer(advisories, components.Freshness, store, options.Clock) : null,
            Rematch = components.Advisories?.Rescan is { } rescan ? new ImageRematch(rescan, Trend) : null,
            // Parsed once and kept parsed (VexStatementCache): validation here, and every later re-match reuses it.
            ValidateVex = vex => Scout.Advisories.Vex.VexStatementCache.Shared.Statements(vex),
            SbomExporter = new Sbom.Export.SbomExporter(),
            VersionOrder = NativeVersionOrder.Instance,
            BaseImages = components.BaseImages,
            Webhooks = options.Webhooks,
            Policy = Policy,
            PolicyEvaluated = (image, previous, current, ct) => imageChanges.PolicyEvaluatedAsync(image, previous, current, ct),
            AdvisoryPollInterval = options.AdvisoryPollInterval,
        });
    }

    public IScoutStore Store { get; }
    public IWorkQueue Queue { get; }
    public ScoutComponents Components { get; }
    public ScoutOptions Options { get; }
    public ApiKeys Keys { get; }
    public QueueAnalysis QueueAnalysis { get; }
    /// <summary>The delivery policy every queue consumer translates its transport onto.</summary>
    public IAnalysisDelivery Delivery { get; }
    public TenantTrend Trend { get; }
    public ScoutApi Api { get; }

    /// <summary>Builds the platform with the default components (advisory index read from the store per package).</summary>
    public static async Task<ScoutPlatform> CreateAsync(IScoutStore store, IWorkQueue queue, ScoutOptions options, CancellationToken ct = default)
    {
        await store.InitializeAsync(ct);
        var components = await DefaultComponents.CreateAsync(store, options.AdvisoryCacheBytes, ct);
        return new ScoutPlatform(store, queue, components, options);
    }

    /// <summary>Builds the platform over given components (tests, benchmarks).</summary>
    public static ScoutPlatform Create(IScoutStore store, IWorkQueue queue, ScoutComponents components, ScoutOptions options) =>
        new(store, queue, components, options);
}
