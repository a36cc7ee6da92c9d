using CjsJourney.Infrastructure;
using JasperFx.CommandLine;

namespace CjsJourney.Security;

public sealed class TokenInput
{
    [Description("The role the token carries: agency, board, iom, auditor or admin")]
    public string RoleFlag { get; set; } = "";

    [Description("Who the token is for (recorded as the submitting user on every fact)")]
    public string NameFlag { get; set; } = "Local user";

    [Description("For role agency: which agency submits (police, cps, court, witness-care, probation, prison, victim-services)")]
    public string? AgencyFlag { get; set; }

    [Description("Hours until the token expires (default 12)")]
    public int HoursFlag { get; set; } = 12;
}

/// <summary>
/// <c>dotnet run --project src/CjsJourney -- token --role board --name "A Member"</c>: prints a bearer token signed
/// with the same key the service checks (the configured key, or the local one kept beside the embedded database).
/// </summary>
[Description("Mint a bearer token for local use", Name = "token")]
public sealed class TokenCommand : JasperFxCommand<TokenInput>
{
    public override bool Execute(TokenInput input)
    {
        if (!Roles.All.Contains(input.RoleFlag))
        {
            Console.Error.WriteLine($"--role must be one of: {string.Join(", ", Roles.All)}");
            return false;
        }

        if (input.HoursFlag is < 1 or > 24 * 30)
        {
            Console.Error.WriteLine("--hours must be between 1 and 720");
            return false;
        }

        var configuration = StandaloneConfiguration.Build();
        var embedded = string.IsNullOrEmpty(configuration.GetConnectionString(Database.ConnectionStringName));
        var key = SigningKey.Resolve(configuration, allowLocal: embedded);
        Console.WriteLine(Tokens.Mint(key, input.NameFlag, [input.RoleFlag], input.AgencyFlag, DateTimeOffset.UtcNow,
            TimeSpan.FromHours(input.HoursFlag)));
        return true;
    }
}
