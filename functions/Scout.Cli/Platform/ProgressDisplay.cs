using Spectre.Console;

namespace Scout.Cli.Platform;

/// <summary>
/// A live status line on stderr for long work (imports, refreshes, rescans) when a person is watching; nothing when
/// stderr is redirected, so scripts and tests see only the result lines.
/// </summary>
public static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(string label, Func<Task<T>> work)
    {
        if (Console.IsErrorRedirected || !ReferenceEquals(CliConsole.Current.Error, Console.Error)) return await work();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var started = DateTimeOffset.UtcNow;
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(label, async context =>
        {
            var task = work();
            while (await Task.WhenAny(task, Task.Delay(250)) != task)
                context.Status($"{label} ({(DateTimeOffset.UtcNow - started).TotalSeconds:F0} s)");
            return await task;
        });
    }
}
