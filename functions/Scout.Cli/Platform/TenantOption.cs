using System.CommandLine;
using Scout.Core.Ports;

namespace Scout.Cli.Platform;

/// <summary>
/// `--tenant ID`, the same on every command that reads a tenant's data: a malformed id is refused by the parser, and an
/// id no tenant has in the chosen store is refused when the store is opened (issue #18: exit 2 and one line, never an
/// empty answer that looks like a tenant without images).
/// </summary>
public static class TenantOption
{
    public const string Name = "--tenant";

    public static Option<string> Create() =>
        new Option<string>(Name) { Description = "tenant id (tn_…, as `scout tenants create` prints it)", Required = true }
            .Matching(OptionRules.TenantId(), "a tenant id (tn_ and 16 hex digits, as `scout tenants create` prints it)");

    /// <summary>Opens the store the command's options choose and checks that the tenant exists in it.</summary>
    public static async Task<(IScoutStore Store, string TenantId)> OpenStoreAsync(ParseResult parse, PlatformOptions platform, Option<string> tenant, CancellationToken ct)
    {
        var store = await Backends.OpenStoreAsync(platform.Read(parse), ct);
        var id = parse.GetValue(tenant)!;
        if (await store.GetTenantAsync(id, ct) is null)
            throw new CliUsageException($"{Name} {id}: no such tenant in this store (`scout tenants create NAME` prints a new tenant's id)");
        return (store, id);
    }
}
