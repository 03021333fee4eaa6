using System.CommandLine;
using Scout.Cli.Platform;
using Scout.Hosting;

namespace Scout.Cli.Commands;

/// <summary>`scout serve`: the whole platform on one machine (HTTP API, queue worker, advisory schedule).</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var platformOptions = new PlatformOptions();
        var port = new Option<int>("--port") { Description = "port on 127.0.0.1", DefaultValueFactory = _ => 8080 };
        var feed = new Option<Uri?>("--feed") { Description = "OSV-layout advisory feed for the scheduled refresh" };
        var cron = new Option<string>("--refresh-cron") { Description = "refresh schedule (cron, UTC)", DefaultValueFactory = _ => "*/15 * * * *" };
        var command = new Command("serve", "run the platform: HTTP API on 127.0.0.1, queue worker and advisory schedule");
        platformOptions.AddTo(command);
        command.Options.Add(port);
        command.Options.Add(feed);
        command.Options.Add(cron);
        command.SetAction(async (parse, ct) =>
        {
            var selection = platformOptions.Read(parse);
            var console = CliConsole.Current;
            void Log(string line) => console.Error.WriteLine($"{DateTimeOffset.UtcNow:O} {line}");
            var options = new ScoutOptions { AdvisoryFeed = parse.GetValue(feed), RefreshSchedule = parse.GetValue(cron)! };
            var schedule = AdvisorySchedule.Parse(options.RefreshSchedule);
            var backend = await Backends.OpenAsync(selection, Log, ct);
            var platform = await ScoutPlatform.CreateAsync(backend.Store, backend.Queue, options, ct);
            await using var app = LocalWebHost.Build(platform, parse.GetValue(port), Log);
            await app.StartAsync(ct);
            Log($"scout serving on {string.Join(", ", app.Urls)} (store {selection.Store}, queue {selection.Queue}, data {selection.DataDirectory})");
            console.Out.WriteLine($"dashboard: {app.Urls.First().TrimEnd('/')}/");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
            var worker = backend.Consumer(platform).RunAsync(platform, stop.Token);
            var refresh = options.AdvisoryFeed is { } f ? schedule.RunAsync(() => platform.RefreshAdvisoriesAsync(f, stop.Token), Log, stop.Token) : Task.CompletedTask;
            try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
            await app.StopAsync(CancellationToken.None);
            await Task.WhenAll(worker, refresh);
            return CliApp.ExitOk;
        });
        return command;
    }
}
