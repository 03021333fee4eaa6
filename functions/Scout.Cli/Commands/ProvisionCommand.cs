using System.CommandLine;
using Scout.Cli.Platform;

namespace Scout.Cli.Commands;

/// <summary>`scout provision`: creates the table/GSI, queue/DLQ or topics/subscriptions a backend needs; idempotent.</summary>
public static class ProvisionCommand
{
    public static Command Create()
    {
        var platformOptions = new PlatformOptions();
        var command = new Command("provision", "create what the selected store and queue need (idempotent)");
        platformOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var selection = platformOptions.Read(parse);
            var output = CliConsole.Current.Out;
            if (selection.Store == "sqlite" || selection.Queue == "inprocess")
            {
                await Backends.OpenStoreAsync(selection with { Store = "sqlite" }, ct);
                output.WriteLine($"sqlite: {selection.DataDirectory} ready");
            }
            if (selection.Store == "dynamodb" || selection.Queue == "sqs")
                await AwsBackend.ProvisionAsync(selection.Store == "dynamodb", selection.Queue == "sqs", output, ct);
            if (selection.Store == "firestore" || selection.Queue == "pubsub")
                await GcpBackend.ProvisionAsync(selection.Store == "firestore", selection.Queue == "pubsub", output, ct);
            return CliApp.ExitOk;
        });
        return command;
    }
}
