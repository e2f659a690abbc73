using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SocialGen.Tests.Fixtures;

/// <summary>Mints tokens the way an attacker or a stale client might hold them.</summary>
public static class Tokens
{
    public static string Mint(Guid userId, string handle, DateTime expires, string? base64Key = null, string[]? roles = null,
        string issuer = "socialgen", string audience = "socialgen-api")
    {
        var key = new SymmetricSecurityKey(Convert.FromBase64String(base64Key ?? AppFixture.SigningKey));
        var claims = new List<Claim> { new("sub", userId.ToString()), new("handle", handle) };
        claims.AddRange((roles ?? ["user"]).Select(r => new Claim("role", r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = expires.AddHours(-1),
            NotBefore = expires.AddHours(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256)
        });
    }

    /// <summary>A well-formed token that claims to need no signature ("alg": "none"), with otherwise valid claims.</summary>
    public static string Unsigned(Guid userId, string handle)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return Part("""{"alg":"none","typ":"JWT"}""") + "." +
               Part($$"""{"sub":"{{userId}}","handle":"{{handle}}","role":"admin","iss":"socialgen","aud":"socialgen-api","exp":{{expires}}}""") + ".";
    }

    public static IReadOnlyList<string> RolesIn(string token) =>
        new JsonWebToken(token).Claims.Where(c => c.Type == "role").Select(c => c.Value).ToList();
}
