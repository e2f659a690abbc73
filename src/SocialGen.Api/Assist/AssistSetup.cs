using JasperFx.Events.Projections;
using Marten;

namespace SocialGen.Api.Assist;

public static class AssistSetup
{
    public static void ConfigureAssist(this StoreOptions options)
    {
        options.Events.AddEventTypes([typeof(ComposeAssisted), typeof(AssistSuggestionUsed)]);
        options.Projections.Snapshot<AssistExchange>(SnapshotLifecycle.Inline);
    }
}
