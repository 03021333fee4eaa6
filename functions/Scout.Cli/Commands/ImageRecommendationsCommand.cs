using System.CommandLine;
using Scout.Cli.Platform;
using Scout.Core.Api;
using Scout.Core.BaseImages;
using Scout.Core.Ports;
using Scout.Core.UseCases;
using Scout.Hosting;

namespace Scout.Cli.Commands;

/// <summary>`scout images recommendations DIGEST --tenant ID [--format json|table]`: the same answer as GET /v1/images/{digest}/recommendations.</summary>
public static class ImageRecommendationsCommand
{
    public static Command Create()
    {
        var format = Output.FormatOption();
        return ImageCommand.Create("recommendations", "base image and package fix recommendations for an image", [format], async (found, ct) =>
        {
            var view = await BuildAsync(found.Store, found.TenantId, found.Image.Image.Digest, ct);
            if (found.Parse.GetValue(format) == "json") Output.Json(view);
            else Write(view);
            return CliApp.ExitOk;
        }, missingPrefix: "images recommendations: ");
    }

    public static async Task<RecommendationsView> BuildAsync(IScoutStore store, string tenantId, string digest, CancellationToken ct)
    {
        var facts = await new BaseImageService(store, SystemClock.Instance).LoadAsync(tenantId, digest, ct);
        return await new Recommendations(store, NativeVersionOrder.Instance).BuildAsync(facts, await store.GetFindingsAsync(tenantId, digest, ct), ct);
    }

    /// <summary>People's view: the base, candidate bases best first, then package fixes.</summary>
    public static void Write(RecommendationsView view)
    {
        var output = CliConsole.Current.Out;
        output.WriteLine(BaseImageLine(view.BaseImage.Current));
        if (view.BaseImage.Candidates.Count > 0)
            Output.Table(["candidate base", "kind", "critical", "high", "medium", "low", "same OS major", "digest"],
                view.BaseImage.Candidates.Select(c => new[]
                {
                    $"{c.Repository}:{c.Tag}", c.Kind, Delta(c.FindingCounts, c.Delta.Critical, "critical"), Delta(c.FindingCounts, c.Delta.High, "high"),
                    Delta(c.FindingCounts, c.Delta.Medium, "medium"), Delta(c.FindingCounts, c.Delta.Low, "low"),
                    c.KeepsOsMajor switch { true => "yes", false => "no", null => "?" }, c.Digest,
                }));
        if (view.Packages.Count > 0)
            Output.Table(["package", "upgrade to", "fixes", "critical/high fixed by"],
                view.Packages.Select(p => new[]
                {
                    p.Purl, p.FixedVersion, string.Join(", ", p.Fixes),
                    p.CriticalHigh is { } ch ? $"{ch.FixedVersion} ({string.Join(", ", ch.Fixes)})" : "",
                }));
        else output.WriteLine("no package fix recommendations");
    }

    public static string BaseImageLine(BaseImageView? current) => current is null
        ? "base image: none detected"
        : $"base image: {current.Repository}:{current.Tag} {current.Digest} ({current.LayerCount} layers{(current.Catalog ? ", catalog" : "")})"
          + (current.Chain.Count > 0 ? " <- " + string.Join(" <- ", current.Chain.Select(c => $"{c.Repository}:{c.Tag}")) : "");

    private static string Delta(IReadOnlyDictionary<string, int> counts, int delta, string severity) =>
        $"{counts.GetValueOrDefault(severity)} ({(delta > 0 ? "+" : "")}{delta})";
}
