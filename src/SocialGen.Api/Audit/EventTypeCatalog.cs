using Marten;

namespace SocialGen.Api.Audit;

/// <summary>The public names of every event type the application records (each feature registers its own).</summary>
public sealed class EventTypeCatalog(IDocumentStore store)
{
    private readonly Lazy<HashSet<string>> _names = new(() =>
        store.Options.Events.AllKnownEventTypes().Select(t => t.EventTypeName).ToHashSet(StringComparer.Ordinal));

    public IReadOnlyCollection<string> Names => _names.Value.Order(StringComparer.Ordinal).ToList();

    public bool IsKnown(string name) => _names.Value.Contains(name);
}
