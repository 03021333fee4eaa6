using System.CommandLine;

namespace Scout.Cli.Commands;

// Placeholder: local analysis is built by the advisory overlay issue.
public static class AnalyzeCommand
{
    public static Command Create() => new("analyze", "local analysis of an SBOM (not built yet)");
}
