using System.CommandLine;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Cli.Platform;

/// <summary>What a command about one stored image has found before it answers: its store, tenant and image.</summary>
public sealed record ImageCommandContext(IScoutStore Store, string TenantId, StoredImage Image, ParseResult Parse);

/// <summary>
/// The shape of every `scout images VERB DIGEST --tenant ID` command in one place: the platform options, the digest
/// argument, the tenant check (TenantOption.cs) and the image lookup, which exits 2 when the tenant has no such image.
/// A verb adds only its own options and its answer.
/// </summary>
public static class ImageCommand
{
    /// <param name="missingPrefix">put before "no image …" in the exit-2 line (the verb's name, where its messages carry it)</param>
    public static Command Create(string name, string description, IReadOnlyList<Option> options,
        Func<ImageCommandContext, CancellationToken, Task<int>> answer, string missingPrefix = "")
    {
        var platformOptions = new PlatformOptions();
        var tenant = TenantOption.Create();
        var digest = new Argument<string>("digest").Matching(OptionRules.Digest(), "an image digest (sha256:<hex>)");
        var command = new Command(name, description);
        platformOptions.AddTo(command, withQueue: false);
        command.Arguments.Add(digest);
        command.Options.Add(tenant);
        foreach (var option in options) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var (store, t) = await TenantOption.OpenStoreAsync(parse, platformOptions, tenant, ct);
            var d = parse.GetValue(digest)!;
            var image = await store.GetImageAsync(t, d, ct) ?? throw new CliUsageException($"{missingPrefix}no image {d} for tenant {t}");
            return await answer(new ImageCommandContext(store, t, image, parse), ct);
        });
        return command;
    }
}
