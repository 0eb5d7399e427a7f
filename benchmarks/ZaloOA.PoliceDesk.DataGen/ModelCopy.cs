using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace ZaloOA.PoliceDesk.DataGen;

/// <summary>
/// Binary COPY of entities into their table, with the table, column names, column types and value
/// conversions (enums stored as strings) read from the desk's EF model: the generator writes
/// exactly what EF would, without EF's per-row cost.
/// </summary>
/// <typeparam name="T">A mapped entity type of the desk.</typeparam>
public sealed class ModelCopy<T>
    where T : class
{
    private readonly Column[] _columns;

    public ModelCopy(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new ArgumentException($"{typeof(T).Name} is not mapped.", nameof(db));
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        TableName = table.Name;
        _columns = [.. entity.GetProperties().Where(p => p.PropertyInfo is not null).Select(p => new Column(
            p.GetColumnName(table)!,
            Getter(p),
            p.GetTypeMapping().Converter,
            DataTypeName(p.GetColumnType())))];
        Sql = $"COPY \"{TableName}\" ({string.Join(", ", _columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
    }

    /// <summary>The table written.</summary>
    public string TableName { get; }

    /// <summary>The COPY statement.</summary>
    public string Sql { get; }

    /// <summary>Writes the rows in one COPY; returns how many.</summary>
    public ulong Write(NpgsqlConnection connection, IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        using var importer = connection.BeginBinaryImport(Sql);
        foreach (var row in rows)
        {
            importer.StartRow();
            foreach (var column in _columns)
            {
                var value = column.Get(row);
                if (value is not null && column.Converter is not null)
                {
                    value = column.Converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(value, column.DataType);
                }
            }
        }

        return importer.Complete();
    }

    // "character varying(32)" -> "character varying": the length is the column's, not the value's.
    private static string DataTypeName(string columnType)
    {
        var paren = columnType.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? columnType : columnType[..paren].TrimEnd();
    }

    private static Func<T, object?> Getter(IProperty property)
    {
        var entity = Expression.Parameter(typeof(T), "e");
        return Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(entity, property.PropertyInfo!), typeof(object)), entity).Compile();
    }

    private sealed record Column(string Name, Func<T, object?> Get, ValueConverter? Converter, string DataType);
}
