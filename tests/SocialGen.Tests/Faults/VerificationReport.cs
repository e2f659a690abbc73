namespace SocialGen.Tests.Faults;

/// <summary>What the checks after the faults counted and found wrong.</summary>
public sealed class VerificationReport
{
    public int Acknowledged { get; set; }
    public int Verified { get; set; }
    public int Lost { get; set; }
    public int Duplicates { get; set; }
    public int Images { get; set; }
    public List<string> Problems { get; } = [];
}
