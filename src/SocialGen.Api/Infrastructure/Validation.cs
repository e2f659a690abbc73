using System.Reflection;
using FluentValidation;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace SocialGen.Api.Infrastructure;

/// <summary>Runs the FluentValidation validator of an endpoint's request body before the endpoint, answering 400 with an errors map.</summary>
public sealed class ValidationPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.HasRequestType))
        {
            var validator = typeof(IValidator<>).MakeGenericType(chain.RequestType!);
            if (!container.RegistrationsFor(validator).Any()) continue;

            var validate = typeof(RequestValidation).GetMethod(nameof(RequestValidation.ValidateAsync))!
                .MakeGenericMethod(chain.RequestType!);
            var call = new MethodCall(typeof(RequestValidation), validate);
            chain.Middleware.InsertRange(0, [call, new MaybeEndWithResultFrame(call.ReturnVariable!)]);
            chain.Metadata.ProducesValidationProblem();
        }
    }
}

public static class RequestValidation
{
    public static async Task<IResult> ValidateAsync<T>(IValidator<T> validator, T? request)
    {
        if (request is null) return Problems.BadRequest("A JSON request body is required.");

        var result = await validator.ValidateAsync(request);
        if (result.IsValid) return WolverineContinue.Result();

        var errors = result.Errors
            .GroupBy(e => JsonName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return TypedResults.ValidationProblem(errors);
    }

    private static string JsonName(string property) =>
        string.IsNullOrEmpty(property) ? property : char.ToLowerInvariant(property[0]) + property[1..];

    /// <summary>FluentValidation 12's core has no assembly scanning: register every validator in the assembly once.</summary>
    public static IServiceCollection AddValidators(this IServiceCollection services, Assembly assembly)
    {
        foreach (var (service, implementation) in Validators(assembly)) services.AddSingleton(service, implementation);
        return services;
    }

    /// <summary>The types HTTP endpoints take as bodies: every command has a validator.</summary>
    public static IEnumerable<Type> CommandTypes(Assembly assembly) =>
        Validators(assembly).Select(v => v.Service.GetGenericArguments()[0]).Distinct();

    private static IEnumerable<(Type Service, Type Implementation)> Validators(Assembly assembly) => assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
        .SelectMany(t => t.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => (Service: i, Implementation: t)));
}
