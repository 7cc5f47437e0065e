using Optin.Forms.Cli;

return await OptinCommand.RunAsync(args, Console.Out, Console.Error);
