using JasperFx.Events.Projections;
using Marten;
using Wolverine;

namespace SocialGen.Api.Images;

public static class ImagesSetup
{
    public const string Queue = "images";

    public static void ConfigureImages(this StoreOptions options)
    {
        options.Events.AddEventTypes([typeof(ImageRequested), typeof(ImageAttemptFailed), typeof(ImageGenerated),
            typeof(ImageRejected), typeof(ImageFailed)]);
        options.Projections.Snapshot<ImageRequest>(SnapshotLifecycle.Inline);
        options.Schema.For<ImageRequest>().Duplicate(r => r.OwnerId);
        options.Storage.ExtendedSchemaObjects.Add(MediaStore.Table());
    }

    public static void AddImages(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Images").Get<ImageSettings>() ?? new ImageSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<MediaStore>();
    }

    /// <summary>Generation runs from a durable local queue: messages live in PostgreSQL until handled, across restarts.</summary>
    public static void RouteImages(this WolverineOptions options, ImageSettings settings)
    {
        options.PublishMessage<GenerateImage>().ToLocalQueue(Queue);
        options.LocalQueue(Queue).UseDurableInbox().MaximumParallelMessages(settings.MaxParallelGenerations);
    }
}
