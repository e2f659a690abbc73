using JasperFx.Events;
using Marten;
using Marten.Events.Daemon;
using Marten.Events.Projections;
using SocialGen.Api.Infrastructure;
using SocialGen.Api.Posts;
using SocialGen.Api.Social;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace SocialGen.Api.Timelines;

/// <summary>
/// Home timelines, fanned out on write into small rows (one per follower and post), with a read-time merge for
/// authors with very many followers (see ADR 0008). Written as ordered SQL: each event's statements run in
/// sequence order inside the daemon's batch, so a follow is visible to the post that follows it, set-based fan-out
/// costs one statement per post whatever the follower count, and a rebuild replays to the same rows.
/// </summary>
public sealed partial class HomeTimelineProjection : EventProjection
{
    public const string ProjectionName = "HomeTimelines";
    private const string S = EventStore.Schema;

    /// <summary>Newest entries kept per home timeline (Twitter and Mastodon keep about as many).</summary>
    public const int MaxEntries = 800;

    /// <summary>
    /// Trimming to <see cref="MaxEntries"/> runs for the followers of every this-many-th event's actor: amortised and
    /// deterministic. A timeline can overshoot the bound until one of its followees' events is picked; reads never see
    /// past <see cref="MaxEntries"/> anyway.
    /// </summary>
    public const int TrimEvery = 500;

    private readonly int _celebrityThreshold;

    public HomeTimelineProjection(int celebrityThreshold)
    {
        _celebrityThreshold = celebrityThreshold;
        Name = ProjectionName;
        ProjectionTuning.Apply(Options, cacheDocuments: false);

        foreach (var table in Tables())
        {
            SchemaObjects.Add(table);
            Options.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
        }
    }

    /// <summary>
    /// <c>timeline_follows</c>: who follows whom, as this projection has seen it (it cannot read other projections,
    /// which may be ahead or behind). <c>timeline_activity</c>: what each account posted or reposted, and whether it
    /// was fanned out. <c>timeline_home</c>: the fanned-out entries, one per (owner, event).
    /// </summary>
    public static IEnumerable<Table> Tables()
    {
        var follows = new Table($"{S}.timeline_follows");
        follows.AddColumn<Guid>("followee_id").AsPrimaryKey();
        follows.AddColumn<Guid>("follower_id").AsPrimaryKey();
        follows.Indexes.Add(new IndexDefinition("ix_timeline_follows_follower") { Columns = ["follower_id", "followee_id"] });

        var activity = new Table($"{S}.timeline_activity");
        activity.AddColumn<Guid>("actor_id").AsPrimaryKey();
        activity.AddColumn<long>("position").AsPrimaryKey();
        activity.AddColumn<Guid>("post_id").NotNull();
        activity.AddColumn<Guid>("reposted_by");
        activity.AddColumn<bool>("fanned_out").NotNull();
        activity.Indexes.Add(new IndexDefinition("ix_timeline_activity_post") { Columns = ["post_id"] });
        activity.Indexes.Add(new IndexDefinition("ix_timeline_activity_merged")
        {
            Columns = ["actor_id", "position"], Predicate = "not fanned_out"
        });

        var home = new Table($"{S}.timeline_home");
        home.AddColumn<Guid>("owner_id").AsPrimaryKey();
        home.AddColumn<long>("position").AsPrimaryKey();
        home.AddColumn<Guid>("post_id").NotNull();
        home.AddColumn<Guid>("actor_id").NotNull();
        home.AddColumn<Guid>("reposted_by");
        home.Indexes.Add(new IndexDefinition("ix_timeline_home_post") { Columns = ["post_id"] });
        home.Indexes.Add(new IndexDefinition("ix_timeline_home_owner_actor") { Columns = ["owner_id", "actor_id"] });

        return [follows, activity, home];
    }

    public void Project(IEvent<PostCreated> e, IDocumentOperations ops) =>
        Publish(ops, e.Sequence, actor: e.Data.AuthorId, e.Data.PostId, repostedBy: null);

    public void Project(IEvent<PostReposted> e, IDocumentOperations ops) =>
        Publish(ops, e.Sequence, actor: e.Data.UserId, e.Data.PostId, repostedBy: e.Data.UserId);

    public void Project(PostDeleted e, IDocumentOperations ops)
    {
        ops.QueueSqlCommand($"delete from {S}.timeline_home where post_id = ?", e.PostId);
        ops.QueueSqlCommand($"delete from {S}.timeline_activity where post_id = ?", e.PostId);
    }

    public void Project(RepostUndone e, IDocumentOperations ops)
    {
        ops.QueueSqlCommand($"delete from {S}.timeline_home where post_id = ? and reposted_by = ?", e.PostId, e.UserId);
        ops.QueueSqlCommand($"delete from {S}.timeline_activity where post_id = ? and reposted_by = ?", e.PostId, e.UserId);
    }

    /// <summary>A new follow brings the followee's recent fanned-out activity into the follower's timeline.</summary>
    public void Project(UserFollowed e, IDocumentOperations ops) => ops.QueueSqlCommand(
        // One statement: record the follow and, only when it is new, copy the followee's recent activity in.
        $"""
         with followed as (
             insert into {S}.timeline_follows (follower_id, followee_id) values (?, ?) on conflict do nothing returning follower_id
         )
         insert into {S}.timeline_home (owner_id, position, post_id, actor_id, reposted_by)
         select f.follower_id, a.position, a.post_id, a.actor_id, a.reposted_by
           from followed f, lateral (select * from {S}.timeline_activity
                                      where actor_id = ? and fanned_out order by position desc limit ?) a
         on conflict do nothing
         """,
        e.FollowerId, e.FolloweeId, e.FolloweeId, MaxEntries);

    /// <summary>An unfollow takes everything the former followee posted or reposted out of the timeline.</summary>
    public void Project(UserUnfollowed e, IDocumentOperations ops)
    {
        ops.QueueSqlCommand($"delete from {S}.timeline_follows where follower_id = ? and followee_id = ?", e.FollowerId, e.FolloweeId);
        ops.QueueSqlCommand($"delete from {S}.timeline_home where owner_id = ? and actor_id = ?", e.FollowerId, e.FolloweeId);
    }

    /// <summary>
    /// Records the activity, and fans it out to the actor's followers (and the actor's own timeline) unless the actor
    /// has at least the celebrity threshold of followers: then readers merge it in at read time instead.
    /// </summary>
    private void Publish(IDocumentOperations ops, long position, Guid actor, Guid postId, Guid? repostedBy)
    {
        ops.QueueSqlCommand(
            $"""
             insert into {S}.timeline_activity (actor_id, position, post_id, reposted_by, fanned_out)
             select ?, ?, ?, ?, (select count(*) from {S}.timeline_follows where followee_id = ?) < ?
             on conflict do nothing
             """,
            actor, position, postId, (object?)repostedBy ?? DBNull.Value, actor, _celebrityThreshold);
        ops.QueueSqlCommand(
            $"""
             insert into {S}.timeline_home (owner_id, position, post_id, actor_id, reposted_by)
             select f.follower_id, a.position, a.post_id, a.actor_id, a.reposted_by
               from {S}.timeline_activity a join {S}.timeline_follows f on f.followee_id = a.actor_id
              where a.actor_id = ? and a.position = ? and a.fanned_out
             union all
             select a.actor_id, a.position, a.post_id, a.actor_id, a.reposted_by
               from {S}.timeline_activity a where a.actor_id = ? and a.position = ?
             on conflict do nothing
             """,
            actor, position, actor, position);

        if (position % TrimEvery == 0) Trim(ops, actor, position);
    }

    /// <summary>
    /// For each timeline touched, finds the entry just past the bound with a backward walk of the primary key (no sort,
    /// no window over whole timelines), and deletes it and everything older.
    /// </summary>
    private static void Trim(IDocumentOperations ops, Guid actor, long position) => ops.QueueSqlCommand(
        // Only timelines this event was fanned out to grew; a merged (celebrity) event grew none but the actor's own.
        $"""
         delete from {S}.timeline_home h using (
             select o.owner_id, cut.position
               from (select f.follower_id as owner_id from {S}.timeline_follows f
                      where f.followee_id = ?
                        and exists (select 1 from {S}.timeline_activity a where a.actor_id = ? and a.position = ? and a.fanned_out)
                     union select ?) o
               cross join lateral (select t.position from {S}.timeline_home t
                                    where t.owner_id = o.owner_id order by t.position desc offset ? limit 1) cut
         ) old
         where h.owner_id = old.owner_id and h.position <= old.position
         """,
        actor, actor, position, actor, MaxEntries);
}
