using Scout.Core.Policy;
using Scout.Core.Ports;
using Scout.Core.Webhooks;

namespace Scout.Hosting;

// Policy evaluation after every analysis and re-overlay (issue #16): one handler observes the queue analysis, the
// scheduled refresh and the re-scan, so every path that changes an image's findings re-evaluates its policies.
public sealed partial class ScoutPlatform
{
    public PolicyEvaluation Policy { get; private set; } = null!;

    private ImageChangeHandler WireImageChanges(IScoutStore store, ScoutComponents components, ScoutOptions options)
    {
        Policy = new PolicyEvaluation(store, components.BaseImages, options.Clock);
        var handler = new ImageChangeHandler(Policy, new WebhookNotifier(store, Queue, options.Clock));
        QueueAnalysis.Observer = handler;
        var deliveries = new WebhookDeliveries(store, options.Webhooks, options.Clock, options.WebhookHandler);
        QueueAnalysis.Deliveries = deliveries.HandleAsync;
        ImageChanges = handler;
        if (components.Advisories?.Refresh is { } refresh) refresh.Observer = handler;
        if (components.Advisories?.Rescan is { } rescan) rescan.Observer = handler;
        return handler;
    }

    /// <summary>Policy evaluation and notifications after an image changes (what every re-overlay path reports to).</summary>
    public ImageChangeHandler ImageChanges { get; private set; } = null!;
}
