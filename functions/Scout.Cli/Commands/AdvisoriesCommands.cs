using System.CommandLine;
using Scout.Advisories;
using Scout.Cli.Platform;
using Scout.Core.UseCases;
using Scout.Hosting;

namespace Scout.Cli.Commands;

/// <summary>`scout advisories import PATH` and `scout advisories refresh --feed URL`: one import / incremental refresh now,
/// then the re-overlay of the affected images only. Both print the refresh summary.</summary>
public static class AdvisoriesCommands
{
    public static Command Create()
    {
        var command = new Command("advisories", "OSV advisories: import a directory or all.zip, refresh from a feed");
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Refresh());
        command.Subcommands.Add(AdvisoriesStatusCommand.Create());
        return command;
    }

    private static Command Import()
    {
        var platformOptions = new PlatformOptions();
        var path = new Argument<string>("PATH") { Description = "a directory of OSV JSON records or an OSV all.zip" }.ExistingPath();
        var format = Output.FormatOption();
        var command = new Command("import", "import advisories new or changed since the last import of PATH, then re-overlay affected images");
        platformOptions.AddTo(command, withQueue: false);
        command.Arguments.Add(path);
        command.Options.Add(format);
        command.SetAction(async (parse, ct) =>
        {
            var location = Path.GetFullPath(parse.GetValue(path)!);
            if (!Directory.Exists(location) && !File.Exists(location)) throw new CliUsageException($"advisories import: {location}: not found");
            return await RunAsync(platformOptions.Read(parse), location, parse.GetValue(format)!, ct);
        });
        return command;
    }

    private static Command Refresh()
    {
        var platformOptions = new PlatformOptions();
        var feed = new Option<string?>("--feed") { Description = "base URL of a feed in OSV's bucket layout (ecosystems.txt, <Ecosystem>/all.zip ...)", Required = true }.HttpUrl();
        var format = Output.FormatOption();
        var command = new Command("refresh", "read feed changes since the stored cursor, then re-overlay affected images");
        platformOptions.AddTo(command, withQueue: false);
        command.Options.Add(feed);
        command.Options.Add(format);
        command.SetAction(async (parse, ct) =>
        {
            var url = parse.GetValue(feed)!;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw new CliUsageException($"advisories refresh: --feed {url}: expected an http(s) URL");
            return await RunAsync(platformOptions.Read(parse), url, parse.GetValue(format)!, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(PlatformSelection selection, string location, string format, CancellationToken ct)
    {
        var store = await Backends.OpenStoreAsync(selection, ct);
        var services = await AdvisoryServices.CreateAsync(store, Scout.Core.Settings.ScoutSettings.Current.AdvisoryCacheBytes, ct);
        RefreshSummary summary;
        try
        {
            summary = await ProgressDisplay.RunAsync($"advisories from {location}", () => services.Refresh!.RefreshAsync(services.OpenFeed(location), ct));
        }
        catch (HttpRequestException e)
        {
            throw new CliUsageException($"advisories: {location}: {e.Message}");
        }
        foreach (var error in summary.Errors) CliConsole.Current.Error.WriteLine($"scout: skipped: {error}");
        foreach (var warning in summary.Warnings) CliConsole.Current.Error.WriteLine($"scout: warning: {warning}");
        ReportOutput.Write(summary, format);
        return CliApp.ExitOk;
    }
}
