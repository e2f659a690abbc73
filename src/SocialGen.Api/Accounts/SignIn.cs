using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Accounts;

public sealed record RequestToken(string Handle, string Password);

public sealed class RequestTokenValidator : AbstractValidator<RequestToken>
{
    public RequestTokenValidator()
    {
        RuleFor(x => x.Handle).NotNull().WithMessage("handle is required.").MaximumLength(100);
        RuleFor(x => x.Password).NotNull().WithMessage("password is required.").MaximumLength(256);
    }
}

public static class SignInEndpoint
{
    [AllowAnonymous]
    [RateLimited(RateLimitKind.SignIn)]
    [WolverinePost("/auth/token", OperationId = "signIn")]
    [ProducesResponseType<IssuedToken>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status429TooManyRequests)]
    public static async Task<IResult> Post(RequestToken request, IQuerySession session, PasswordCheck passwords,
        TokenIssuer tokens, SignInThrottle throttle, CancellationToken ct)
    {
        if (throttle.Refusal(request.Handle) is { } wait)
            return Problems.TooManyRequests(wait, "Too many sign-in attempts for this handle; retry after the time given.");

        var account = await passwords.VerifyAsync(session, request.Handle, request.Password, ct);
        return account is null
            ? Problems.Unauthorized("The handle or password is wrong.")
            : TypedResults.Ok(tokens.Issue(account.Id, account.Handle, account.Roles));
    }
}
