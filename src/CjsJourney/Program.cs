using CjsJourney;
using CjsJourney.Infrastructure;
using CjsJourney.Security;
using JasperFx;
using JasperFx.CommandLine;

// 'token' needs only configuration: run it without building the service, so it prints nothing but the token.
if (args is ["token", .. var tokenArgs])
{
    return await CommandExecutor.ExecuteCommandAsync<TokenCommand>(tokenArgs);
}

var builder = WebApplication.CreateBuilder(args);

// No connection string configured: run our own PostgreSQL for as long as the service runs (also after Ctrl+C).
await using var embeddedDatabase = await Database.StartEmbeddedIfNeededAsync(builder.Configuration, args);

builder.AddCjsJourney();

// Disposed before the embedded database (reverse order), so no connection outlives the server.
await using var app = builder.Build();
app.UseCjsJourney();

return await app.RunJasperFxCommands(args);

/// <summary>The entry point, visible to the tests' host.</summary>
public partial class Program;
