using System.Security.Claims;
using Marten;
using SocialGen.Api.Accounts;
using SocialGen.Api.Infrastructure;

namespace SocialGen.Api.Audit;

/// <summary>An auditor (or admin) read the audit trail: what they looked at and with which filters.</summary>
public sealed record AuditTrailRead(Guid AuditorId, string What, Guid? StreamId, string? Query);

/// <summary>Auditors' reads are events too, on one stream per auditor, so an admin can see who looked at what and when.</summary>
public static class AuditTrail
{
    private static readonly Guid Namespace = new("9d4c1e27-83a5-4b6f-a0e2-5f7b3c9d1e48");

    public static Guid StreamOf(Guid auditorId) => DeterministicGuid.Create(Namespace, auditorId);

    public const string Auditors = Roles.Auditor + "," + Roles.Admin;

    public static async Task RecordAsync(IDocumentSession session, ClaimsPrincipal auditor, HttpContext http, string what,
        Guid? streamId, CancellationToken ct)
    {
        var auditorId = auditor.UserId();
        var query = http.Request.QueryString.HasValue ? http.Request.QueryString.Value : null;
        session.Events.Append(StreamOf(auditorId), new AuditTrailRead(auditorId, what, streamId, query));
        await session.SaveChangesAsync(ct);
    }
}
