using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SocialGen.Bench;

/// <summary>Tokens for the seeded users, signed with the benchmark API's key (the workload does not measure sign-in).</summary>
public sealed class Tokens(string base64Key, SocialGraph graph)
{
    private readonly SigningCredentials _credentials =
        new(new SymmetricSecurityKey(Convert.FromBase64String(base64Key)), SecurityAlgorithms.HmacSha256);
    private readonly ConcurrentDictionary<Guid, string> _tokens = new();

    public string For(Guid user, string role = "user") => _tokens.GetOrAdd(user, id => Mint(id, graph.HandleOf(id), role));

    public string Admin() => Mint(Guid.NewGuid(), "bench_admin", "admin");

    private string Mint(Guid id, string handle, string role) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "socialgen",
        Audience = "socialgen-api",
        Subject = new ClaimsIdentity([new Claim("sub", id.ToString()), new Claim("handle", handle), new Claim("role", role)]),
        Expires = DateTime.UtcNow.AddHours(2),
        SigningCredentials = _credentials
    });
}
