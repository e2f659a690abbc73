using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SocialGen.Api.Infrastructure;

public sealed record IssuedToken(string AccessToken, string TokenType, int ExpiresIn);

public sealed class TokenIssuer(TokenSettings settings, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public IssuedToken Issue(Guid userId, string handle, IEnumerable<string> roles)
    {
        var claims = new List<Claim>
        {
            new(SocialGenClaims.UserIdType, userId.ToString()),
            new(SocialGenClaims.HandleType, handle),
            new(JwtRegisteredClaimNames.Jti, Guid.CreateVersion7().ToString())
        };
        claims.AddRange(roles.Select(role => new Claim(SocialGenClaims.RoleType, role)));

        var now = clock.GetUtcNow().UtcDateTime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenSettings.Issuer,
            Audience = TokenSettings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.Lifetime,
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256)
        });
        return new IssuedToken(token, "Bearer", (int)settings.Lifetime.TotalSeconds);
    }
}
