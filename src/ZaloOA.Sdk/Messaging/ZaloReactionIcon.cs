namespace ZaloOA.Sdk.Messaging;

/// <summary>
/// A reaction icon (<c>sender_action.react_icon</c>). An open set: the known values are named here
/// and any other string Zalo accepts can be wrapped with the constructor.
/// </summary>
/// <remarks>Values from Zalo's reaction documentation. [S]</remarks>
public readonly struct ZaloReactionIcon : IEquatable<ZaloReactionIcon>
{
    /// <summary>Wraps a raw icon code.</summary>
    /// <param name="value">The code as Zalo expects it, e.g. <c>/-strong</c>.</param>
    public ZaloReactionIcon(string value) => Value = value;

    /// <summary>The icon code as sent.</summary>
    public string Value { get; }

    /// <summary><c>/-strong</c>: like (thumbs up).</summary>
    public static ZaloReactionIcon Like { get; } = new("/-strong");

    /// <summary><c>/-heart</c>: heart.</summary>
    public static ZaloReactionIcon Heart { get; } = new("/-heart");

    /// <summary><c>:&gt;</c>: laugh.</summary>
    public static ZaloReactionIcon Haha { get; } = new(":>");

    /// <summary><c>:o</c>: surprised.</summary>
    public static ZaloReactionIcon Wow { get; } = new(":o");

    /// <summary><c>:-((</c>: crying.</summary>
    public static ZaloReactionIcon Cry { get; } = new(":-((");

    /// <summary><c>:-h</c>: angry.</summary>
    public static ZaloReactionIcon Angry { get; } = new(":-h");

    /// <summary><c>--b</c>: the "sweat" (awkward) emoticon.</summary>
    public static ZaloReactionIcon Sweat { get; } = new("--b");

    /// <summary><c>/-remove</c>: withdraws the OA's earlier reaction.</summary>
    public static ZaloReactionIcon Remove { get; } = new("/-remove");

    /// <inheritdoc />
    public bool Equals(ZaloReactionIcon other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ZaloReactionIcon other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Compares two icons.</summary>
    public static bool operator ==(ZaloReactionIcon left, ZaloReactionIcon right) => left.Equals(right);

    /// <summary>Compares two icons.</summary>
    public static bool operator !=(ZaloReactionIcon left, ZaloReactionIcon right) => !left.Equals(right);
}
