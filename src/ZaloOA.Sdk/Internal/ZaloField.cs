using System.Globalization;

namespace ZaloOA.Sdk.Internal;

/// <summary>
/// The JSON path of a field being validated, e.g. <c>message.attachment.payload.buttons[2].title</c>.
/// It is only turned into a string when a check fails, so validating a valid message builds no
/// path strings (every element and button used to concatenate several). A string converts to it.
/// </summary>
internal readonly struct ZaloField
{
    private readonly string _prefix;
    private readonly int _index;
    private readonly string? _member1;
    private readonly string? _member2;

    public ZaloField(string prefix)
        : this(prefix, -1, null, null)
    {
    }

    private ZaloField(string prefix, int index, string? member1, string? member2)
    {
        _prefix = prefix;
        _index = index;
        _member1 = member1;
        _member2 = member2;
    }

    public static implicit operator ZaloField(string path) => new(path);

    /// <summary><c>path[index]</c>.</summary>
    public ZaloField Index(int index) =>
        _index < 0 && _member1 is null ? new(_prefix, index, null, null) : new(ToString(), index, null, null);

    /// <summary><c>path.name</c> (<paramref name="name"/> without the dot).</summary>
    public ZaloField Member(string name) =>
        _member1 is null ? new(_prefix, _index, name, null)
        : _member2 is null ? new(_prefix, _index, _member1, name)
        : new(ToString() + "." + name);

    public override string ToString()
    {
        var path = _index < 0 ? _prefix : string.Create(CultureInfo.InvariantCulture, $"{_prefix}[{_index}]");
        if (_member1 is not null)
        {
            path += "." + _member1;
        }

        if (_member2 is not null)
        {
            path += "." + _member2;
        }

        return path;
    }
}
