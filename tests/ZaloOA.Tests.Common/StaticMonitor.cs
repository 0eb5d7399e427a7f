using Microsoft.Extensions.Options;

namespace ZaloOA.Tests.Common;

/// <summary>Options that never change, for constructing an SDK type without a container.</summary>
public sealed class StaticMonitor<T>(T value) : IOptionsMonitor<T>
{
    /// <inheritdoc />
    public T CurrentValue => value;

    /// <inheritdoc />
    public T Get(string? name) => value;

    /// <inheritdoc />
    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
