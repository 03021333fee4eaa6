using Scout.Cli;

return await CliApp.RunAsync(args);
