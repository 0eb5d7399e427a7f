using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ZaloOA.PoliceDesk.Audit;

/// <summary>
/// Keeps the audit log append-only from the app's side: any command that would update or delete
/// rows of the <c>Audit</c> table (an entry modified or removed through <c>SaveChanges</c>, or an
/// <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>) is refused before it reaches the database. Inserting
/// and reading are untouched, as are migrations (which alter the table, not its rows).
/// </summary>
public sealed partial class AuditAppendOnlyInterceptor : DbCommandInterceptor
{
    /// <summary>The one instance every context uses (it holds no state).</summary>
    public static readonly AuditAppendOnlyInterceptor Instance = new();

    /// <inheritdoc />
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Check(command, result);

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Check(command, result));

    /// <inheritdoc />
    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Check(command, result);

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Check(command, result));

    /// <inheritdoc />
    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Check(command, result);

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Check(command, result));

    private static T Check<T>(DbCommand command, T result)
    {
        if (ChangesAuditRows().IsMatch(command.CommandText))
        {
            throw new InvalidOperationException("The audit log is append-only: entries are never updated or deleted. / Nhật ký thao tác chỉ được ghi thêm, không sửa hoặc xóa.");
        }

        return result;
    }

    // Both providers quote identifiers with double quotes; EF writes UPDATE "Audit" ... and DELETE FROM "Audit" ...
    [GeneratedRegex("""\b(UPDATE|DELETE\s+FROM)\s+"Audit"(\s|$)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChangesAuditRows();
}
