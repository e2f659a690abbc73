using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SocialGen.Tests.Fixtures;

/// <summary>Mints tokens the way an attacker or a stale client might hold them.</summary>
public static class Tokens
{
    public static string Mint(Guid userId, string handle, DateTime expires, string? base64Key = null, string[]? roles = null)
    {
        var key = new SymmetricSecurityKey(Convert.FromBase64String(base64Key ?? AppFixture.SigningKey));
        var claims = new List<Claim> { new("sub", userId.ToString()), new("handle", handle) };
        claims.AddRange((roles ?? ["user"]).Select(r => new Claim("role", r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "socialgen",
            Audience = "socialgen-api",
            Subject = new ClaimsIdentity(claims),
            IssuedAt = expires.AddHours(-1),
            NotBefore = expires.AddHours(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256)
        });
    }

    public static IReadOnlyList<string> RolesIn(string token) =>
        new JsonWebToken(token).Claims.Where(c => c.Type == "role").Select(c => c.Value).ToList();
}
