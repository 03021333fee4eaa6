using System.CommandLine;
using Scout.Core.Serialization;
using Spectre.Console;

namespace Scout.Cli.Platform;

/// <summary>`--format json|table` for listings: JSON for machines, a table for people.</summary>
public static class Output
{
    public static Option<string> FormatOption(string fallback = "table")
    {
        var option = new Option<string>("--format") { Description = "output format: json | table", DefaultValueFactory = _ => fallback };
        option.AcceptOnlyFromAmong("json", "table");
        return option;
    }

    public static void Json(object value) =>
        CliConsole.Current.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(value, ScoutJson.Indented));

    public static void Table(string[] columns, IEnumerable<string?[]> rows)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(CliConsole.Current.Out),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 200;
        var table = new Table().Border(TableBorder.Simple);
        foreach (var c in columns) table.AddColumn(c);
        foreach (var row in rows) table.AddRow(row.Select(cell => Markup.Escape(cell ?? "")).ToArray());
        console.Write(table);
    }
}
