namespace SocialGen.Tests.Faults;

/// <summary>How hard to push: the normal suite runs a short round; <c>./test.sh --faults</c> runs the full one.</summary>
public sealed record FaultPlan(string Mode, TimeSpan Duration, int ApiKills, int Writers, int Users)
{
    public static FaultPlan FromEnvironment() => Environment.GetEnvironmentVariable("SOCIALGEN_FAULTS") == "full"
        ? new("full", TimeSpan.FromSeconds(30), ApiKills: 3, Writers: 16, Users: 40)
        : new("short", TimeSpan.FromSeconds(12), ApiKills: 1, Writers: 16, Users: 16);
}
