using System.Text.RegularExpressions;
using SocialGen.Api.Infrastructure;

namespace SocialGen.Api.Posts;

/// <summary>The rules for what people post: 1-500 text elements, NFC, newlines allowed; mentions and hashtags parsed out.</summary>
public static partial class PostText
{
    public const int MaxLength = 500;
    public const int MaxContentWarningLength = 100;

    public static bool IsValid(string? text) => UserText.Fits(text, 1, MaxLength, allowNewlines: true);

    public static bool IsValidContentWarning(string? warning) =>
        warning is null || UserText.Fits(warning, 1, MaxContentWarningLength);

    /// <summary>Handles mentioned as <c>@handle</c>, lower-cased, each once, in order of appearance.</summary>
    public static IReadOnlyList<string> Mentions(string text) =>
        Mention().Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().ToList();

    /// <summary>Hashtags as <c>#tag</c> (Unicode letters and digits, at least one letter), lower-cased, each once.</summary>
    public static IReadOnlyList<string> Hashtags(string text) =>
        Hashtag().Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().ToList();

    // Not preceded by a word character, so e-mail addresses (ada@example.org) are not mentions.
    [GeneratedRegex(@"(?<![\p{L}\p{N}_@])@([A-Za-z0-9_]{3,30})(?![\p{L}\p{N}_])")]
    private static partial Regex Mention();

    // Not preceded by a word character or '#', so "C#" and "##" are not tags; all-digit tags (#1) are not tags.
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}_#&])#([\p{N}_]*[\p{L}\p{M}][\p{L}\p{M}\p{N}_]*)")]
    private static partial Regex Hashtag();
}
