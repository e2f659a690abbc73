using Microsoft.AspNetCore.Authorization;
using SocialGen.Api.Accounts;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Operations;

public static class ProjectionEndpoints
{
    [Authorize(Roles = Roles.Admin)]
    [WolverineGet("/admin/projections", OperationId = "listProjections")]
    [ProducesResponseType<IReadOnlyList<ProjectionStatus>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(ProjectionMonitor monitor, CancellationToken ct) =>
        TypedResults.Ok(await monitor.StatusAsync(ct));

    /// <summary>Starts a rebuild in the background; watch it in <c>GET /admin/projections</c>.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/admin/projections/{name}/rebuild", OperationId = "rebuildProjection")]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public static IResult Rebuild(string name, ProjectionMonitor monitor, ProjectionRebuilds rebuilds)
    {
        if (!monitor.Names.Contains(name))
            return Problems.NotFound($"No projection is named '{name}'. Projections: {string.Join(", ", monitor.Names)}.");
        return rebuilds.TryStart(name)
            ? TypedResults.Accepted("/admin/projections", new { name, state = "rebuilding" })
            : Problems.Conflict($"Projection '{name}' is already being rebuilt.");
    }
}
