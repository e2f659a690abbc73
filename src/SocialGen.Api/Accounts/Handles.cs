using System.Text.RegularExpressions;

namespace SocialGen.Api.Accounts;

/// <summary>Handles are ASCII <c>[a-z0-9_]{3,30}</c>, stored lower-case, so "Alice" and "alice" are one handle.</summary>
public static partial class Handles
{
    public static string Normalize(string handle) => handle.ToLowerInvariant();

    public static bool IsValid(string? handle) =>
        handle is not null && handle.All(char.IsAscii) && Pattern().IsMatch(Normalize(handle));

    [GeneratedRegex("^[a-z0-9_]{3,30}$")]
    private static partial Regex Pattern();
}
