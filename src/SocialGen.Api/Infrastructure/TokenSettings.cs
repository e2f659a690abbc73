using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SocialGen.Api.Infrastructure;

/// <summary>Where tokens come from and how long they live. The key comes from <c>Auth:SigningKey</c> (base64, at least 32 bytes).</summary>
public sealed class TokenSettings
{
    public const string Issuer = "socialgen";
    public const string Audience = "socialgen-api";

    public required SymmetricSecurityKey SigningKey { get; init; }
    public required TimeSpan Lifetime { get; init; }

    public static TokenSettings From(IConfiguration configuration, IHostEnvironment environment) => new()
    {
        SigningKey = new SymmetricSecurityKey(LoadKey(configuration, environment)),
        Lifetime = TimeSpan.FromMinutes(configuration.GetValue("Auth:TokenLifetimeMinutes", 60))
    };

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SigningKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = SocialGenClaims.HandleType,
        RoleClaimType = SocialGenClaims.RoleType,
        ClockSkew = TimeSpan.FromSeconds(30)
    };

    private static byte[] LoadKey(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Auth:SigningKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Convert.FromBase64String(configured);
            return bytes.Length >= 32 ? bytes : throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64).");
        }

        if (!environment.IsDevelopment())
            throw new InvalidOperationException("Auth:SigningKey must be configured outside Development.");

        // A local run keeps its own key so tokens survive restarts; it never leaves the git-ignored data folder.
        var file = Path.Combine(DataDirectory.From(configuration, environment).Path, "jwt-signing.key");
        if (File.Exists(file)) return Convert.FromBase64String(File.ReadAllText(file).Trim());

        var key = RandomNumberGenerator.GetBytes(64);
        File.WriteAllText(file, Convert.ToBase64String(key));
        return key;
    }
}
