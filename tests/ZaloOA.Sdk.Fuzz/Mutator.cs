using System.Text;
using System.Text.Json.Nodes;

namespace ZaloOA.Sdk.Fuzz;

/// <summary>
/// A small, seeded mutation engine for the in-process mode (no AFL or libFuzzer needed): byte-level
/// mutations (bit flips, interesting bytes, inserts, deletes, duplicated ranges, splices,
/// truncation), a JSON token dictionary, and structure-aware mutations that replace, remove or
/// nest values of a parsed seed so inputs get past the JSON reader into the event deserialisers.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", "\"", ":", ",", "\\", "null", "true", "false", "0", "-0", "1e400", "-1", "1.5",
        "9223372036854775808", "-9223372036854775809", "253402300800000", "\"\\ud800\"", "\"\\u0000\"", "\"\"",
        "\"event_name\"", "\"timestamp\"", "\"app_id\"", "\"oa_id\"", "\"sender\"", "\"recipient\"", "\"message\"",
        "\"msg_id\"", "\"msg_ids\"", "\"attachments\"", "\"payload\"", "\"coordinates\"", "\"info\"", "\"follower\"",
        "\"user_send_text\"", "\"user_send_image\"", "\"user_send_location\"", "\"user_seen_message\"",
        "\"user_received_message\"", "\"delivery_time\"", "\"tracking_id\"", "\"user_submit_info\"", "\"follow\"",
        "\"add_user_to_tag\"", "\"change_template_status\"", "\"user_send_group_text\"", "\"oa_send_text\"",
        "\"user_reacted_message\"", "\"react_icon\"", "\"user_dob\"", "\"30/02/2000\"", "\"99/99/9999\"",
        "\xC3\xA0", "\xF0\x9F\x98\x80", "\xC3", "\xFF", "\xED\xA0\x80", "/*", "//", "\uFEFF",
    ];

    private static readonly JsonNode?[] Values =
    [
        null, JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(long.MaxValue), JsonValue.Create(1.5),
        JsonValue.Create(true), JsonValue.Create(string.Empty), JsonValue.Create("x"), JsonValue.Create("1700000000000"),
        JsonValue.Create("-1"), JsonValue.Create("99999999999999999999"), JsonValue.Create("31/12/9999"),
        JsonValue.Create("\ud83d\ude00"), new JsonArray(), new JsonObject(), new JsonArray(JsonValue.Create("a"), JsonValue.Create(1)),
    ];

    private readonly Random _random = new(seed);

    /// <summary>Makes one mutant of <paramref name="input"/>, sometimes splicing in <paramref name="other"/>.</summary>
    public byte[] Mutate(byte[] input, byte[] other)
    {
        var data = new List<byte>(input);
        var rounds = 1 + _random.Next(_random.Next(2) == 0 ? 2 : 8);
        for (var i = 0; i < rounds; i++)
        {
            if (_random.Next(4) == 0 && TryStructuralSafely(data))
            {
                continue;
            }

            ByteLevel(data, other);
        }

        if (data.Count > 64 * 1024)
        {
            data.RemoveRange(64 * 1024, data.Count - (64 * 1024));
        }

        return [.. data];
    }

    private void ByteLevel(List<byte> data, byte[] other)
    {
        var at = data.Count == 0 ? 0 : _random.Next(data.Count + 1);
        switch (_random.Next(10))
        {
            case 0 when data.Count > 0:
                var bit = _random.Next(data.Count);
                data[bit] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[_random.Next(data.Count)] = (byte)_random.Next(256);
                break;
            case 2:
                data.Insert(at, (byte)_random.Next(256));
                break;
            case 3 when data.Count > 0:
                var start = _random.Next(data.Count);
                data.RemoveRange(start, Math.Min(data.Count - start, 1 + _random.Next(16)));
                break;
            case 4 when data.Count > 0:
                var from = _random.Next(data.Count);
                var length = Math.Min(data.Count - from, 1 + _random.Next(64));
                data.InsertRange(at, data.GetRange(from, length));
                break;
            case 5 when other.Length > 0:
                var o = _random.Next(other.Length);
                data.InsertRange(at, other.AsSpan(o, Math.Min(other.Length - o, 1 + _random.Next(128))).ToArray());
                break;
            case 6 when data.Count > 0:
                data.RemoveRange(at == data.Count ? data.Count - 1 : at, data.Count - (at == data.Count ? data.Count - 1 : at));
                break;
            case 7:
                var nest = 1 + _random.Next(40);
                var open = _random.Next(2) == 0 ? (byte)'[' : (byte)'{';
                data.InsertRange(at, Enumerable.Repeat(open, nest));
                break;
            default:
                data.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[_random.Next(Tokens.Length)]));
                break;
        }
    }

    private bool TryStructuralSafely(List<byte> data)
    {
        var before = data.ToArray();
        try
        {
            return TryStructural(data);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            // JsonNode materialises lazily: invalid UTF-8 or duplicate keys surface only here.
            data.Clear();
            data.AddRange(before);
            return false;
        }
    }

    /// <summary>Parses the input as JSON and changes one value, key or nesting; false when it is not JSON.</summary>
    private bool TryStructural(List<byte> data)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(data.ToArray());
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return false;
        }

        if (root is null)
        {
            return false;
        }

        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[_random.Next(nodes.Count)];
        var value = Values[_random.Next(Values.Length)]?.DeepClone();
        switch (target.Parent)
        {
            case JsonObject parent:
                var name = target.GetPropertyName();
                switch (_random.Next(4))
                {
                    case 0:
                        parent.Remove(name);
                        break;
                    case 1:
                        parent[name] = new JsonArray(target.DeepClone());
                        break;
                    default:
                        parent[name] = value;
                        break;
                }

                break;
            case JsonArray array:
                var index = target.GetElementIndex();
                if (_random.Next(3) == 0)
                {
                    array.RemoveAt(index);
                }
                else
                {
                    array[index] = value;
                }

                break;
            default:
                return false;
        }

        data.Clear();
        data.AddRange(Encoding.UTF8.GetBytes(root.ToJsonString()));
        return true;
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
        }
    }
}
