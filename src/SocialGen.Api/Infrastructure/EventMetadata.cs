using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Marten;
using Wolverine.Http;

namespace SocialGen.Api.Infrastructure;

/// <summary>
/// Stamps every event a request appends with its correlation id, causation (the request) and the acting user,
/// so auditors can answer "who did this, under which request" from the events alone.
/// </summary>
public static class EventMetadata
{
    public const string ActorHandleHeader = "actorHandle";
    public const string SystemActor = "system";

    public static void Stamp(HttpContext http, IDocumentSession session)
    {
        session.CorrelationId = Correlation.Of(http);
        session.CausationId = $"http:{http.TraceIdentifier}";
        if (http.User.Identity?.IsAuthenticated == true)
        {
            session.LastModifiedBy = http.User.FindFirst(SocialGenClaims.UserIdType)?.Value;
            session.SetHeader(ActorHandleHeader, http.User.Handle() ?? "");
        }
        else
        {
            session.LastModifiedBy = "anonymous";
        }
    }
}

/// <summary>Adds <see cref="EventMetadata.Stamp"/> before every endpoint that writes through a Marten session.</summary>
public sealed class EventMetadataPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(WritesEvents))
        {
            chain.Middleware.Insert(0, new MethodCall(typeof(EventMetadata), nameof(EventMetadata.Stamp)));
        }
    }

    private static bool WritesEvents(HttpChain chain) =>
        chain.Method.Method.GetParameters().Any(p => p.ParameterType == typeof(IDocumentSession));
}
