using Scout.Core.UseCases;

namespace Scout.Cli.Platform;

public static class ReportOutput
{
    public static void Write(RefreshSummary report, string format)
    {
        if (format == "json") Output.Json(report);
        else CliConsole.Current.Out.WriteLine(
            $"advisories changed {report.AdvisoriesChanged}, images re-overlaid {report.ImagesReoverlaid}, findings +{report.FindingsAdded} ~{report.FindingsChanged} -{report.FindingsResolved} in {report.ElapsedMs} ms");
    }
}

/// <summary>For commands that analyze nothing new: enqueueing is a programming error there.</summary>
public sealed class NoQueue : Scout.Core.Ports.IWorkQueue
{
    public static readonly NoQueue Instance = new();
    public Task EnqueueAsync(Scout.Core.Ports.AnalyzeImageMessage message, CancellationToken ct = default) =>
        throw new InvalidOperationException("this command does not enqueue analyses");
}
