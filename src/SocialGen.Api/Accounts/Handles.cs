using System.Text.RegularExpressions;
using Marten;

namespace SocialGen.Api.Accounts;

/// <summary>Handles are ASCII <c>[a-z0-9_]{3,30}</c>, stored lower-case, so "Alice" and "alice" are one handle.</summary>
public static partial class Handles
{
    public static string Normalize(string handle) => handle.ToLowerInvariant();

    public static bool IsValid(string? handle) =>
        handle is not null && handle.All(char.IsAscii) && Pattern().IsMatch(Normalize(handle));

    /// <summary>The claim of a handle as a client typed it (any case), or null when it is malformed or unknown.</summary>
    public static async Task<HandleClaim?> FindAsync(IQuerySession session, string? handle, CancellationToken ct) =>
        IsValid(handle) ? await session.LoadAsync<HandleClaim>(Normalize(handle!), ct) : null;

    [GeneratedRegex("^[a-z0-9_]{3,30}$")]
    private static partial Regex Pattern();
}
