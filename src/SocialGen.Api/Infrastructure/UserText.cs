using System.Globalization;
using System.Text;

namespace SocialGen.Api.Infrastructure;

/// <summary>
/// Rules for text people write: lengths count text elements (what a reader sees as one character:
/// an emoji with skin tone, a letter with its diacritics), text is stored NFC-normalised, and
/// control characters are refused (newlines only where a field allows them).
/// </summary>
public static class UserText
{
    public static string Normalize(string text) => text.Normalize(NormalizationForm.FormC);

    public static int Length(string text) => new StringInfo(Normalize(text)).LengthInTextElements;

    public static bool IsWellFormed(string text, bool allowNewlines)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
            else if (char.IsControl(c) && !(allowNewlines && IsNewline(text, i)))
            {
                return false;
            }
        }

        return true;
    }

    // Windows clients send CRLF; it is stored as LF (see Clean).
    private static bool IsNewline(string text, int i) =>
        text[i] == '\n' || (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n');

    /// <summary>Well-formed and between <paramref name="min"/> and <paramref name="max"/> text elements after trimming.</summary>
    public static bool Fits(string? text, int min, int max, bool allowNewlines = false) =>
        text is not null
        && IsWellFormed(text, allowNewlines)
        && Length(text.Trim()) is var length && length >= min && length <= max;

    /// <summary>The form in which accepted text is stored: trimmed, LF line ends, NFC-normalised.</summary>
    public static string Clean(string text) => Normalize(text.Trim().ReplaceLineEndings("\n"));
}
