using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ZaloOA.PoliceDesk.Data;

/// <summary>
/// Serialises the start-up work (migrations, then the seed and the configured OA links) of several
/// instances sharing one PostgreSQL database, with a session-level advisory lock.
/// </summary>
/// <remarks>
/// EF Core 9 and later take their own lock inside <c>Migrate</c> (on PostgreSQL, Npgsql locks the
/// migrations history table), so two instances never apply a migration twice. That lock ends with
/// <c>Migrate</c>, though, and the seed that follows checks for rows and then inserts them: two
/// instances starting at once would both insert, and one would fail on a unique index. Holding
/// <c>pg_advisory_lock</c> around the whole start-up makes the second instance wait, then find the
/// schema current and the rows present. The lock lives on its own unpooled connection, so it is
/// released when that connection closes, even if the instance dies. SQLite is for one instance
/// and takes no lock here.
/// </remarks>
internal static class DeskStartupLock
{
    /// <summary>The advisory lock key every instance of the desk uses ("ZaloDesk" in ASCII).</summary>
    public const long Key = 0x5A616C6F4465736B;

    /// <summary>Longest wait for another instance's start-up.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    /// <summary>Takes the lock for PostgreSQL (creating the database first if it is missing);
    /// returns null for SQLite. Dispose the result to release it.</summary>
    public static async Task<IAsyncDisposable?> AcquireAsync(DeskDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return null;
        }

        await EnsureDatabaseAsync(db, cancellationToken);
        var builder = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection)
            {
                CommandTimeout = (int)MaxWait.TotalSeconds,
            };
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the database when it does not exist. Migrate would too, but the lock needs a
    /// database to live in; two instances creating it at once is a harmless race.</summary>
    private static async Task EnsureDatabaseAsync(DeskDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it first.
        }
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", Key);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                // Unpooled: closing ends the session, which releases the lock whatever happened above.
                await connection.DisposeAsync();
            }
        }
    }
}
