using System.Security.Claims;
using FluentValidation;
using Marten;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Posts;

public sealed record EditPost(string Text);

public sealed class EditPostValidator : AbstractValidator<EditPost>
{
    public EditPostValidator()
    {
        RuleFor(x => x.Text).Must(PostText.IsValid)
            .WithMessage($"text must be 1-{PostText.MaxLength} characters with no control characters other than newlines.");
    }
}

public static class EditPostEndpoint
{
    [WolverinePut("/posts/{id}", OperationId = "editPost")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Put(Guid id, EditPost command, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Post>(id, ct);
        if (stream.Aggregate is not { Deleted: false } post) return PostAccess.NotFound(id);
        if (post.AuthorId != user.UserId()) return Problems.Forbidden("Only the author can edit a post.");

        var events = post.Edit(UserText.Clean(command.Text)).ToArray();
        if (events.Length == 0) return Acknowledge.NoContent(await session.LastSequenceOfAsync(id, ct));

        stream.AppendMany(events);
        return Acknowledge.NoContent(await session.CommitAsync(ct));
    }
}
