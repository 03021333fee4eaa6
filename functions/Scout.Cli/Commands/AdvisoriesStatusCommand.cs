using System.CommandLine;
using Scout.Cli.Platform;
using Scout.Core.Serialization;
using Scout.Core.UseCases;

namespace Scout.Cli.Commands;

/// <summary>`scout advisories status [--format json|table]`: per feed and ecosystem, the cursor, the records still
/// being retried (id, attempts, last reason) and the last refresh and poll times (DESIGN.md section 8); and the images
/// whose re-overlay every refresh retries.</summary>
public static class AdvisoriesStatusCommand
{
    public static Command Create()
    {
        var platformOptions = new PlatformOptions();
        var format = Output.FormatOption();
        var command = new Command("status", "feed cursors, records pending retry, last refresh");
        platformOptions.AddTo(command, withQueue: false);
        command.Options.Add(format);
        command.SetAction(async (parse, ct) =>
        {
            var store = await Backends.OpenStoreAsync(platformOptions.Read(parse), ct);
            var report = await new FeedStateStore(store).StatusAsync(ct);
            if (parse.GetValue(format) == "json")
                // Every field is promised, null included (lastPoll/lastChange stay null until a poller records them).
                CliConsole.Current.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, WithNullsIndented));
            else
            {
                Output.Table(["feed", "ecosystem", "cursor", "pending retries", "last refresh", "last poll"], report.Feeds.Select(f => new[]
                {
                    f.Feed, f.Ecosystem, f.Cursor, string.Join("; ", f.PendingRetries.Select(p => $"{p.Id} ×{p.Attempts}: {p.Reason}")),
                    f.LastRefresh?.ToString("u"), f.LastPoll?.ToString("u"),
                }));
                if (report.Feeds.Count == 0) CliConsole.Current.Out.WriteLine("no feed refreshed yet");
                foreach (var p in report.PendingReoverlays)
                    CliConsole.Current.Out.WriteLine($"re-overlay pending retry: {p.TenantId}/{p.Digest} ×{p.Attempts}: {p.Reason}");
            }
            return CliApp.ExitOk;
        });
        return command;
    }

    private static readonly System.Text.Json.JsonSerializerOptions WithNullsIndented = new(ScoutJson.WithNulls) { WriteIndented = true };
}
