using System.Text.RegularExpressions;
using Marten;

namespace SocialGen.Api.Accounts;

/// <summary>Handles are ASCII <c>[a-z0-9_]{3,30}</c>, stored lower-case, so "Alice" and "alice" are one handle.</summary>
public static partial class Handles
{
    public static string Normalize(string handle) => handle.ToLowerInvariant();

    /// <summary>
    /// What a handle looks like at a glance: the characters readers confuse in lower-case ASCII (0/o, 1/l, rn/m, vv/w)
    /// folded together, after Unicode's confusables list. Two handles with one skeleton imitate each other.
    /// </summary>
    public static string Skeleton(string handle) => Normalize(handle)
        .Replace('0', 'o').Replace('1', 'l').Replace("rn", "m", StringComparison.Ordinal).Replace("vv", "w", StringComparison.Ordinal);

    public static bool IsValid(string? handle) =>
        handle is not null && handle.All(char.IsAscii) && Pattern().IsMatch(Normalize(handle));

    /// <summary>The claim of a handle as a client typed it (any case), or null when it is malformed or unknown.</summary>
    public static async Task<HandleClaim?> FindAsync(IQuerySession session, string? handle, CancellationToken ct) =>
        IsValid(handle) ? await session.LoadAsync<HandleClaim>(Normalize(handle!), ct) : null;

    [GeneratedRegex("^[a-z0-9_]{3,30}$")]
    private static partial Regex Pattern();
}
