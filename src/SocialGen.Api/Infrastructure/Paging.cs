using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace SocialGen.Api.Infrastructure;

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Keyset paging: an opaque cursor wraps the sort key of the last item served.</summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    private const string Version = "v1:";

    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw ProblemException.BadRequest($"limit must be between 1 and {MaxLimit}."),
        _ => limit.Value
    };

    public static string Encode(long position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + position.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The position after which the next page starts, or null for the first page.</summary>
    public static long? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Version, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Version.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
                return position;
        }
        catch (FormatException)
        {
            // reported below
        }

        throw ProblemException.BadRequest("cursor is malformed; pass back the nextCursor of a previous page.");
    }
}
