using System.Security.Cryptography;
using CjsJourney.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace CjsJourney.Security;

/// <summary>
/// The HMAC key that signs and checks bearer tokens: <c>Auth:SigningKey</c> (base64, at least 256 bits) when
/// configured; otherwise, for a local service with its embedded database only, a key generated once and kept in the
/// data directory so that tokens minted by the <c>token</c> command keep working across restarts.
/// </summary>
public static class SigningKey
{
    public const string ConfigKey = "Auth:SigningKey";
    public const string Issuer = "cjsjourney";
    public const string Audience = "cjsjourney";
    private const string LocalKeyFile = "signing.key";

    public static SymmetricSecurityKey Resolve(IConfiguration configuration, bool allowLocal)
    {
        if (configuration[ConfigKey] is { Length: > 0 } configured)
        {
            return FromBase64(configured, ConfigKey);
        }

        if (!allowLocal)
        {
            throw new InvalidOperationException(
                $"No token signing key is configured. Set {ConfigKey} (environment: Auth__SigningKey) to a base64 " +
                "string of at least 32 random bytes, e.g. the output of 'openssl rand -base64 32'.");
        }

        return LoadOrCreateLocal(DataDirectory.Resolve(configuration));
    }

    /// <summary>Where the local key lives, for telling the user.</summary>
    public static string LocalKeyPath(IConfiguration configuration) =>
        Path.Combine(DataDirectory.Resolve(configuration), LocalKeyFile);

    private static SymmetricSecurityKey LoadOrCreateLocal(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var path = Path.Combine(dataDir, LocalKeyFile);
        if (!File.Exists(path))
        {
            var temp = path + ".tmp";
            File.WriteAllText(temp, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            // Two processes starting at once: the first move wins, the second keeps the winner's key.
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp);
            }
        }

        return FromBase64(File.ReadAllText(path).Trim(), path);
    }

    private static SymmetricSecurityKey FromBase64(string value, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{source} is not valid base64.");
        }

        if (bytes.Length < 32)
        {
            throw new InvalidOperationException($"{source} must hold at least 32 bytes (256 bits) for HMAC-SHA256.");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = "cjs-" + Convert.ToHexString(SHA256.HashData(bytes))[..8] };
    }
}
