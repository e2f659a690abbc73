using System.Security.Cryptography;
using System.Text;
using SocialGen.Api.Posts;

namespace SocialGen.Api.Ai;

/// <summary>
/// The provider used when no OpenAI key is configured: no network, deterministic, and labelled "offline".
/// Pictures are abstract art drawn from a hash of the prompt; suggestions are simple rewrites; moderation is a
/// keyword list.
/// </summary>
public sealed class OfflineProvider : IAiProvider
{
    public string Name => "offline";
    public string ImageModel => "offline-art-1";
    public string ChatModel => "offline-text-1";

    private static readonly Dictionary<string, string[]> BlockedWords = new()
    {
        ["violence"] = ["kill", "murder", "massacre", "behead"],
        ["sexual"] = ["nsfw", "porn", "nude"],
        ["hate"] = ["subhuman", "vermin"],
        ["self-harm"] = ["suicide", "self-harm"],
    };

    public Task<ModerationVerdict> ModerateAsync(string text, CancellationToken ct)
    {
        var words = Words(text).ToHashSet();
        var category = BlockedWords.FirstOrDefault(c => c.Value.Any(words.Contains)).Key;
        return Task.FromResult(category is null ? ModerationVerdict.Clean : new ModerationVerdict(true, category));
    }

    public Task<GeneratedPicture> GenerateImageAsync(string prompt, ImageSize size, CancellationToken ct) =>
        Task.FromResult(new GeneratedPicture(OfflineArt.Draw(prompt, size), RevisedPrompt: null));

    public Task<IReadOnlyList<string>> SuggestAsync(ComposeRequest request, CancellationToken ct)
    {
        var text = request.Text.Trim();
        IReadOnlyList<string> suggestions = request.Goal switch
        {
            ComposeGoal.Engaging => [Fit($"{text} What do you think?"), Fit($"Here's something worth a look: {text}"), Fit($"{text} ✨")],
            ComposeGoal.Shorter => [Shorten(text, 0.5), Shorten(text, 0.75)],
            ComposeGoal.Hashtags => [Fit($"{text} {string.Join(' ', Keywords(text).Take(3).Select(k => "#" + k))}".Trim())],
            ComposeGoal.AltText => [Fit($"AI-generated image: {text}")],
            _ => throw new ArgumentOutOfRangeException(nameof(request))
        };
        return Task.FromResult<IReadOnlyList<string>>(suggestions.Distinct().ToList());
    }

    private static IEnumerable<string> Words(string text) =>
        text.ToLowerInvariant().Split((char[])[' ', '\n', '\t', ',', '.', '!', '?', ';', ':', '"', '\'', '(', ')'],
            StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<string> Keywords(string text) => Words(text)
        .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()))
        .Where(w => w.Length >= 4 && w.Any(char.IsLetter))
        .Distinct()
        .OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal);

    private static string Shorten(string text, double share)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var keep = Math.Max(1, (int)Math.Ceiling(words.Length * share));
        return Fit(keep >= words.Length ? text : string.Join(' ', words.Take(keep)) + "…");
    }

    private static string Fit(string text) =>
        Infrastructure.UserText.Length(text) <= PostText.MaxLength ? text : new System.Globalization.StringInfo(text).SubstringByTextElements(0, PostText.MaxLength - 1) + "…";
}

/// <summary>Deterministic abstract pictures: a gradient and overlapping discs whose colours and places come from the prompt.</summary>
public static class OfflineArt
{
    public static byte[] Draw(string prompt, ImageSize size)
    {
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(prompt));
        var (w, h) = (size.Width, size.Height);
        var rgb = new byte[w * h * 3];

        var top = Colour(seed, 0);
        var bottom = Colour(seed, 3);
        var discs = Enumerable.Range(0, 5).Select(i => (
            X: seed[6 + i] / 255.0 * w,
            Y: seed[11 + i] / 255.0 * h,
            R: (0.08 + seed[16 + i] / 255.0 * 0.25) * Math.Min(w, h),
            Colour: Colour(seed, 21 + i))).ToArray();

        for (var y = 0; y < h; y++)
        {
            var t = (double)y / (h - 1);
            for (var x = 0; x < w; x++)
            {
                var (r, g, b) = Mix(top, bottom, t);
                foreach (var disc in discs)
                {
                    var dx = x - disc.X;
                    var dy = y - disc.Y;
                    if (dx * dx + dy * dy <= disc.R * disc.R) (r, g, b) = Mix((r, g, b), disc.Colour, 0.6);
                }

                var i = (y * w + x) * 3;
                rgb[i] = (byte)r;
                rgb[i + 1] = (byte)g;
                rgb[i + 2] = (byte)b;
            }
        }

        return PngWriter.Encode(w, h, rgb);
    }

    private static (double R, double G, double B) Colour(byte[] seed, int at) =>
        (seed[at % seed.Length], seed[(at + 1) % seed.Length], seed[(at + 2) % seed.Length]);

    private static (double R, double G, double B) Mix((double R, double G, double B) a, (double R, double G, double B) b, double t) =>
        (a.R + (b.R - a.R) * t, a.G + (b.G - a.G) * t, a.B + (b.B - a.B) * t);
}
