using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.Policy;

/// <summary>What follows a change to an image's findings: a policy evaluation, and the events subscribers hear about.</summary>
public interface IImageEventSink
{
    /// <summary>A re-overlay added findings to an image.</summary>
    Task FindingsAddedAsync(ImageRef image, IReadOnlyList<Finding> added, CancellationToken ct);
    /// <summary>An image's policy result flipped (pass/fail/unknown) for one or more policies.</summary>
    Task PolicyChangedAsync(ImageRef image, ImagePolicyResults previous, ImagePolicyResults current, CancellationToken ct);
}

/// <summary>The platform's <see cref="IImageChangeObserver"/>: re-evaluates the image's policies and raises events.</summary>
public sealed class ImageChangeHandler(PolicyEvaluation policy, IImageEventSink? events) : IImageChangeObserver
{
    public async Task AnalyzedAsync(ImageRef image, CancellationToken ct = default) => await EvaluateAsync(image, ct);

    public async Task BaseChangedAsync(ImageRef image, CancellationToken ct = default) => await EvaluateAsync(image, ct);

    public async Task ReoverlaidAsync(ImageRef image, FindingDiff diff, CancellationToken ct = default)
    {
        if (events is not null && diff.Added.Count > 0) await events.FindingsAddedAsync(image, diff.Added, ct);
        await EvaluateAsync(image, ct);
    }

    public async Task EvaluateAsync(ImageRef image, CancellationToken ct)
    {
        if (await policy.EvaluateAsync(image.TenantId, image.Digest, ct) is not { } result) return;
        await PolicyEvaluatedAsync(image, result.Previous, result.Current, ct);
    }

    public async Task PolicyEvaluatedAsync(ImageRef image, ImagePolicyResults? previous, ImagePolicyResults current, CancellationToken ct)
    {
        if (events is not null && previous is not null && PolicyEvaluation.Flips(previous, current).Count > 0)
            await events.PolicyChangedAsync(image, previous, current, ct);
    }
}
