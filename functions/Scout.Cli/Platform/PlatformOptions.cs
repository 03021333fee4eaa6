using System.CommandLine;

namespace Scout.Cli.Platform;

/// <summary>The flags every platform command shares: where data lives and which store and queue to use.</summary>
public sealed class PlatformOptions
{
    public readonly Option<string?> Data = new Option<string?>("--data") { Description = "data folder of the embedded store (default: $SCOUT_DATA or the per-user data folder)" }.Folder();
    public readonly Option<string> Store = new("--store")
    {
        Description = "store: sqlite | dynamodb | firestore",
        DefaultValueFactory = _ => "sqlite",
    };
    public readonly Option<string> Queue = new("--queue")
    {
        Description = "queue: inprocess | sqs | pubsub",
        DefaultValueFactory = _ => "inprocess",
    };

    public PlatformOptions()
    {
        Store.AcceptOnlyFromAmong("sqlite", "dynamodb", "firestore");
        Queue.AcceptOnlyFromAmong("inprocess", "sqs", "pubsub");
    }

    public void AddTo(Command command, bool withQueue = true)
    {
        command.Options.Add(Data);
        command.Options.Add(Store);
        if (withQueue) command.Options.Add(Queue);
    }

    public PlatformSelection Read(ParseResult parse) => new(
        DataDirectory(parse.GetValue(Data)), parse.GetValue(Store) ?? "sqlite", parse.GetValue(Queue) ?? "inprocess");

    public static string DataDirectory(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given)) return Path.GetFullPath(given);
        if (Scout.Core.Settings.ScoutSettings.Current.DataDirectory is { } fromEnv) return Path.GetFullPath(fromEnv);
        var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return Path.Combine(string.IsNullOrEmpty(userData) ? Path.GetTempPath() : userData, "scout");
    }
}

public sealed record PlatformSelection(string DataDirectory, string Store, string Queue);
