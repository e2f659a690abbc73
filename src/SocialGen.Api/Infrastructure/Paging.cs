using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace SocialGen.Api.Infrastructure;

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset paging: an opaque cursor wraps the sort key (an event sequence) of the last item served, and the kind of
/// list it belongs to, so a cursor from one endpoint is refused by another instead of silently skipping items.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static int Limit(int? limit, int defaultLimit = DefaultLimit, int maxLimit = MaxLimit) => limit switch
    {
        null => defaultLimit,
        < 1 => throw ProblemException.BadRequest($"limit must be between 1 and {maxLimit}."),
        _ when limit > maxLimit => throw ProblemException.BadRequest($"limit must be between 1 and {maxLimit}."),
        _ => limit.Value
    };

    public static string Encode(string kind, long position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{kind}:{position.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The position before which the next page starts (<see cref="long.MaxValue"/> for the first page).</summary>
    public static long Decode(string kind, string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return long.MaxValue;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var prefix = kind + ":";
            if (text.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
                return position;
        }
        catch (FormatException)
        {
            // reported below
        }

        throw ProblemException.BadRequest("cursor is malformed or belongs to another list; pass back the nextCursor of a previous page of this list.");
    }
}
