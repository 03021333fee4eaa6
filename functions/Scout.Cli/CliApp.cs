using System.CommandLine;
using Scout.Cli.Commands;

namespace Scout.Cli;

/// <summary>The `scout` command tree. Each command group lives in its own file under Commands/.</summary>
public static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitFindings = 1;
    public const int ExitUsage = 2;

    public static RootCommand Build()
    {
        var root = new RootCommand("Scout.Serverless: container supply-chain analysis (SBOMs, advisories, secrets)");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(TenantsCommands.Create());
        root.Subcommands.Add(ImagesCommands.Create());
        root.Subcommands.Add(ProvisionCommand.Create());
        root.Subcommands.Add(PurlCommands.Create());
        root.Subcommands.Add(VersionsCommands.Create());
        root.Subcommands.Add(SbomCommands.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(AdvisoriesCommands.Create());
        root.Subcommands.Add(CompareCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextReader? stdin = null, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var console = new CliConsole(stdin ?? Console.In, stdout ?? Console.Out, stderr ?? Console.Error);
        CliConsole.Current = console;
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line saying what is wrong: exit code 2 (DESIGN.md section 5).
            console.Error.WriteLine($"scout: {OneLine(NamingTheSymbol(parse.Errors[0]))}");
            return ExitUsage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (CliUsageException e)
        {
            console.Error.WriteLine($"scout: {OneLine(e.Message)}");
            return ExitUsage;
        }
        catch (Scout.Core.Ports.InputException e)
        {
            console.Error.WriteLine($"scout: {OneLine(e.Message)}");
            return ExitUsage;
        }
    }

    /// <summary>The parser's message, prefixed with the option or argument it is about when it does not say (issue #18).</summary>
    private static string NamingTheSymbol(System.CommandLine.Parsing.ParseError error)
    {
        var name = error.SymbolResult switch
        {
            System.CommandLine.Parsing.OptionResult o => o.Option.Name,
            System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult o } => o.Option.Name,
            System.CommandLine.Parsing.ArgumentResult a => a.Argument.Name,
            _ => null,
        };
        return name == null || error.Message.Contains(name, StringComparison.Ordinal) ? error.Message : $"{name}: {error.Message}";
    }

    /// <summary>Errors are one line on stderr, whatever the message held.</summary>
    public static string OneLine(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"\s*[\r\n]+\s*", " ").Trim();
}

/// <summary>The streams a command reads and writes; swapped by tests that run the CLI in-process.</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    private static readonly AsyncLocal<CliConsole?> current = new();
    public static CliConsole Current
    {
        get => current.Value ?? new CliConsole(Console.In, Console.Out, Console.Error);
        set => current.Value = value;
    }
}

/// <summary>A usage or input mistake: printed as one line, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
