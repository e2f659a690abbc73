using Npgsql;

namespace SocialGen.Api.Infrastructure;

public static class DatabaseFaults
{
    /// <summary>
    /// PostgreSQL is down, restarting or unreachable (connection refused or reset, shutdown in progress, pool timeout):
    /// worth retrying later, and never the client's fault. Idempotency keys make a retry safe even when what got lost
    /// was only the answer to a commit.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
                return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) ||
                       postgres.SqlState.StartsWith("57P", StringComparison.Ordinal);
            if (e is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException) return true;
        }

        return false;
    }
}
