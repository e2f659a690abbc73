namespace SocialGen.Bench;

/// <summary>The seeded graph: users, and who follows whom (skewed: most follow 20-200, half follow the celebrities).</summary>
public sealed class SocialGraph
{
    public List<Guid> Users { get; } = [];
    public List<string> Handles { get; } = [];
    public Dictionary<Guid, List<Guid>> Followers { get; } = [];
    public List<(Guid Follower, Guid Followee)> NewFollows { get; } = [];

    public IReadOnlyList<Guid> Celebrities => Users.Take(BenchOptions.Celebrities).ToList();

    private readonly Dictionary<Guid, string> _handles = [];

    public string HandleOf(Guid user) => _handles[user];

    /// <summary>Adds users up to <paramref name="total"/>, each with its follows; the same seed gives the same graph.</summary>
    public void GrowTo(int total, Random random)
    {
        var start = Users.Count;
        for (var i = start; i < total; i++)
        {
            Users.Add(new Guid(random.NextBytes(16)));
            Handles.Add($"bench_{i:D6}");
            _handles[Users[i]] = Handles[i];
            Followers[Users[i]] = [];
        }

        for (var i = start; i < total; i++)
        {
            var me = Users[i];
            // Skewed towards the low end: 20 + 180 u^3 gives a median near 40 and a long tail to 200.
            var count = 20 + (int)(180 * Math.Pow(random.NextDouble(), 3));
            var followed = new HashSet<Guid>();
            if (random.NextDouble() < 0.5) followed.UnionWith(Celebrities);
            while (followed.Count < Math.Min(count, total - 1))
            {
                var other = Users[random.Next(total)];
                if (other != me) followed.Add(other);
            }

            followed.Remove(me);
            foreach (var followee in followed)
            {
                Followers[followee].Add(me);
                NewFollows.Add((me, followee));
            }
        }
    }
}

internal static class RandomExtensions
{
    public static byte[] NextBytes(this Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
