using System.CommandLine;
using Scout.Cli.Platform;
using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Cli.Commands;

/// <summary>`scout tenants create NAME`: prints the tenant id, then the API key as the last line (shown once).</summary>
public static class TenantsCommands
{
    public static Command Create()
    {
        var platformOptions = new PlatformOptions();
        var name = new Argument<string>("name") { Description = "tenant name" }.Matching(OptionRules.Name(), "a tenant name: 1 to 128 printable characters, not blank");
        var create = new Command("create", "create a tenant and print its API key (only a salted hash is stored)");
        create.Arguments.Add(name);
        var catalog = new Option<bool>("--catalog") { Description = "a base-image catalog: its images are candidate bases for every tenant (only repository, tag, digest, layers and finding counts are shown)" };
        create.Options.Add(catalog);
        platformOptions.AddTo(create, withQueue: false);
        create.SetAction(async (parse, ct) =>
        {
            var store = await Backends.OpenStoreAsync(platformOptions.Read(parse), ct);
            var (tenant, key) = await new ApiKeys(store, SystemClock.Instance).CreateTenantAsync(parse.GetValue(name)!, ct);
            if (parse.GetValue(catalog)) await store.MarkCatalogTenantAsync(tenant.TenantId, ct);
            var output = CliConsole.Current.Out;
            if (parse.GetValue(catalog)) output.WriteLine($"tenant {tenant.TenantId} is a base-image catalog");
            output.WriteLine($"tenant {tenant.TenantId} ({tenant.Name}) created; its API key, shown once:");
            output.WriteLine(key);
            return CliApp.ExitOk;
        });
        var command = new Command("tenants", "manage tenants");
        command.Subcommands.Add(create);
        return command;
    }
}
