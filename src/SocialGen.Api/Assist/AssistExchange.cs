namespace SocialGen.Api.Assist;

/// <summary>The exchange with the writing assistant: what was asked, what it suggested, by which model.</summary>
public sealed record ComposeAssisted(
    Guid AssistId,
    Guid UserId,
    string Goal,
    string? Draft,
    Guid? MediaId,
    IReadOnlyList<string> Suggestions,
    int SuggestionsWithheld,
    string Provider,
    string Model);

/// <summary>The author posted after this exchange; <c>SuggestionIndex</c> says which suggestion they used, if any.</summary>
public sealed record AssistSuggestionUsed(Guid AssistId, Guid PostId, int? SuggestionIndex);

/// <summary>The assist stream's state (inline snapshot): lets a post cite the exchange it came from.</summary>
public sealed record AssistExchange(Guid Id, Guid UserId, int SuggestionCount, Guid? UsedByPostId)
{
    public static AssistExchange Create(ComposeAssisted e) => new(e.AssistId, e.UserId, e.Suggestions.Count, null);

    public AssistExchange Apply(AssistSuggestionUsed e) => this with { UsedByPostId = e.PostId };
}
