using System.Text.Json;

namespace ZaloOA.Sdk.Groups;

/// <summary>Looks at the shape of an answer's <c>data</c> before reading it, where the secondary
/// sources disagree on it (an array or an object around it; nested or flat group info).</summary>
internal static class GroupData
{
    /// <summary>True when <paramref name="data"/> is a JSON array.</summary>
    public static bool IsArray(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartArray;
        }
        catch (JsonException)
        {
            // Reading the data proper reports the malformed body.
            return false;
        }
    }

    /// <summary>True when <paramref name="data"/> is an object with the top-level property <paramref name="name"/>.</summary>
    public static bool HasProperty(ReadOnlySpan<byte> data, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(data);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(name))
                {
                    return true;
                }

                reader.Read();
                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
