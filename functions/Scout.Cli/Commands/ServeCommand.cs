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
        var port = new Option<int>("--port") { Description = "port on 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 8080 }.Port();
        var feed = new Option<string?>("--feed") { Description = "OSV-layout advisory feed (http(s) URL) for the scheduled refresh" }.HttpUrl();
        var interval = new Option<int>("--refresh-interval")
        {
            Description = $"seconds between feed polls (default {AdvisorySchedule.DefaultIntervalSeconds}); an idle poll is one conditional request per ecosystem",
            DefaultValueFactory = _ => AdvisorySchedule.DefaultIntervalSeconds,
        }.Between(1, 86400, "seconds");
        var cron = new Option<string?>("--refresh-cron") { Description = "refresh on a cron schedule (UTC) instead of every --refresh-interval seconds" }.Cron();
        var command = new Command("serve", "run the platform: HTTP API on 127.0.0.1, queue worker and advisory schedule");
        platformOptions.AddTo(command);
        command.Options.Add(port);
        command.Options.Add(feed);
        command.Options.Add(interval);
        command.Options.Add(cron);
        command.Validators.Add(r =>
        {
            if (r.GetResult(cron) is { Implicit: false } && r.GetResult(interval) is { Implicit: false })
                r.AddError("--refresh-cron and --refresh-interval: give one schedule, not both");
        });
        command.SetAction(async (parse, ct) =>
        {
            var selection = platformOptions.Read(parse);
            var console = CliConsole.Current;
            void Log(string line) => console.Error.WriteLine($"{DateTimeOffset.UtcNow:O} {line}");
            var feedUri = parse.GetValue(feed) is { } f ? new Uri(f) : null;
            var schedule = parse.GetValue(cron) is { } c ? AdvisorySchedule.Parse(c) : AdvisorySchedule.Every(TimeSpan.FromSeconds(parse.GetValue(interval)));
            var options = new ScoutOptions { AdvisoryFeed = feedUri, AdvisoryPollInterval = schedule.Period(DateTimeOffset.UtcNow) };
            var backend = await Backends.OpenAsync(selection, Log, ct);
            var platform = await ScoutPlatform.CreateAsync(backend.Store, backend.Queue, options, ct);
            await using var app = LocalWebHost.Build(platform, parse.GetValue(port), Log);
            try { await app.StartAsync(ct); }
            catch (IOException e) { throw new CliUsageException($"--port {parse.GetValue(port)}: cannot listen on 127.0.0.1: {e.Message}"); }
            Log($"scout serving on {string.Join(", ", app.Urls)} (store {selection.Store}, queue {selection.Queue}, data {selection.DataDirectory})");
            console.Out.WriteLine($"dashboard: {app.Urls.First().TrimEnd('/')}/");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
            var worker = backend.Consumer(platform).RunAsync(platform, stop.Token);
            var refresh = Task.CompletedTask;
            if (feedUri != null)
            {
                Log($"advisory refresh from {feedUri} {schedule}");
                refresh = schedule.RunAsync(async () =>
                {
                    var summary = await platform.RefreshAdvisoriesAsync(feedUri, stop.Token);
                    foreach (var error in summary.Errors) Log($"advisory refresh: skipped: {error}");
                    if (summary.AdvisoriesChanged > 0)
                        Log($"advisory refresh: {summary.AdvisoriesChanged} advisories changed, {summary.ImagesReoverlaid} images re-overlaid, " +
                            $"findings +{summary.FindingsAdded} ~{summary.FindingsChanged} -{summary.FindingsResolved} in {summary.ElapsedMs} ms");
                }, Log, stop.Token);
            }
            try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
            await app.StopAsync(CancellationToken.None);
            await Task.WhenAll(worker, refresh);
            return CliApp.ExitOk;
        });
        return command;
    }
}
