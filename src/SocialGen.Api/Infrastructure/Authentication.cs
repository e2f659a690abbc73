using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using SocialGen.Api.Accounts;

namespace SocialGen.Api.Infrastructure;

/// <summary>
/// Signed JWT bearer tokens. Every API endpoint needs a signed-in user unless it says [AllowAnonymous]
/// (see <see cref="Messaging.MapMessagingEndpoints"/>).
/// </summary>
public static class Authentication
{
    public static void AddSocialGenAuthentication(this WebApplicationBuilder builder)
    {
        // Resolved on first use, so CLI commands that never issue or check a token (codegen, db-apply) need no key.
        builder.Services.AddSingleton(services => TokenSettings.From(
            services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>()));
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        builder.Services.AddSingleton<PasswordCheck>();

        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenSettings>((options, settings) =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = settings.ValidationParameters();
            });

        builder.Services.AddAuthorization();
    }
}

public static class SocialGenClaims
{
    public const string UserIdType = "sub";
    public const string HandleType = "handle";
    public const string RoleType = "role";

    /// <summary>The signed-in user's account id; endpoints calling this require authentication.</summary>
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(UserIdType), out var id) ? id : throw new InvalidOperationException("No signed-in user.");

    public static string? Handle(this ClaimsPrincipal user) => user.FindFirstValue(HandleType);
}
