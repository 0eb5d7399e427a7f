namespace ZaloOA.Sdk.Broadcast;

/// <summary>Age groups of broadcast targeting (<c>ages</c>) [C].</summary>
public enum BroadcastAgeGroup
{
    /// <summary>0: 0 to 12.</summary>
    Under13 = 0,

    /// <summary>1: 13 to 17.</summary>
    From13To17 = 1,

    /// <summary>2: 18 to 24.</summary>
    From18To24 = 2,

    /// <summary>3: 25 to 34.</summary>
    From25To34 = 3,

    /// <summary>4: 35 to 44.</summary>
    From35To44 = 4,

    /// <summary>5: 45 to 54.</summary>
    From45To54 = 5,

    /// <summary>6: 55 to 64.</summary>
    From55To64 = 6,

    /// <summary>7: 65 and over.</summary>
    From65 = 7,
}

/// <summary>Gender of broadcast targeting (<c>gender</c>, a single code) [C].</summary>
public enum BroadcastGender
{
    /// <summary>0: everyone.</summary>
    All = 0,

    /// <summary>1: male.</summary>
    Male = 1,

    /// <summary>2: female.</summary>
    Female = 2,
}

/// <summary>Regions of broadcast targeting (<c>locations</c>) [C]. Ignored by Zalo when
/// <see cref="BroadcastTarget.Cities"/> is set [S].</summary>
public enum BroadcastRegion
{
    /// <summary>0: the North (Miền Bắc).</summary>
    North = 0,

    /// <summary>1: the Centre (Miền Trung).</summary>
    Central = 1,

    /// <summary>2: the South (Miền Nam).</summary>
    South = 2,
}

/// <summary>Device platforms of broadcast targeting (<c>platform</c>) [C].</summary>
public enum BroadcastPlatform
{
    /// <summary>1: iOS.</summary>
    IOS = 1,

    /// <summary>2: Android.</summary>
    Android = 2,

    /// <summary>3: Windows Phone.</summary>
    WindowsPhone = 3,
}

/// <summary>Mobile networks of broadcast targeting (<c>telcos</c>) [C].</summary>
public enum BroadcastTelco
{
    /// <summary>1: Mobifone.</summary>
    Mobifone = 1,

    /// <summary>2: Vinaphone.</summary>
    Vinaphone = 2,

    /// <summary>3: Viettel.</summary>
    Viettel = 3,

    /// <summary>4: Vietnamobile.</summary>
    Vietnamobile = 4,
}

/// <summary>
/// Which followers a broadcast reaches (<c>recipient.target</c>). Criteria left empty do not
/// narrow the audience; at least one must be set — use <see cref="AllFollowers"/> to reach everyone.
/// </summary>
public sealed class BroadcastTarget
{
    /// <summary>Every follower: <c>{"gender":"0"}</c>.</summary>
    public static BroadcastTarget AllFollowers => new() { Gender = BroadcastGender.All };

    /// <summary>Age groups (<c>ages</c>).</summary>
    public IReadOnlyList<BroadcastAgeGroup>? Ages { get; init; }

    /// <summary>Gender (<c>gender</c>).</summary>
    public BroadcastGender? Gender { get; init; }

    /// <summary>Regions (<c>locations</c>); overridden by <see cref="Cities"/> when both are set [S].</summary>
    public IReadOnlyList<BroadcastRegion>? Locations { get; init; }

    /// <summary>Provinces (<c>cities</c>).</summary>
    public IReadOnlyList<BroadcastCity>? Cities { get; init; }

    /// <summary>Device platforms (<c>platform</c>, or the key set in <see cref="BroadcastWireFormat.PlatformKey"/>).</summary>
    public IReadOnlyList<BroadcastPlatform>? Platforms { get; init; }

    /// <summary>Mobile networks (<c>telcos</c>).</summary>
    public IReadOnlyList<BroadcastTelco>? Telcos { get; init; }

    internal bool IsEmpty =>
        Gender is null && IsNullOrEmpty(Ages) && IsNullOrEmpty(Locations) && IsNullOrEmpty(Cities) && IsNullOrEmpty(Platforms) && IsNullOrEmpty(Telcos);

    private static bool IsNullOrEmpty<T>(IReadOnlyList<T>? list) => list is null || list.Count == 0;
}

/// <summary>
/// How the target is written. Two points are [U] in Zalo's contract: the two official SDKs that
/// agree (.NET, S-ZAPI) send comma-separated code strings (<c>"ages":"2,3"</c>), while one
/// transcription shows integer arrays (<c>"ages":[2,3]</c>); and the .NET SDK names the platform key
/// <c>platforms</c> while Java and the docs use <c>platform</c>. The defaults follow the majority:
/// comma strings and <c>platform</c>.
/// </summary>
public sealed class BroadcastWireFormat
{
    /// <summary>Comma strings and the <c>platform</c> key.</summary>
    public static BroadcastWireFormat Default { get; } = new();

    /// <summary>The JSON key of the platform criterion: <c>platform</c> (default) or <c>platforms</c>.</summary>
    public string PlatformKey { get; init; } = "platform";

    /// <summary>When true, lists are written as integer arrays (<c>[2,3]</c>) and the gender as a
    /// number instead of comma strings (<c>"2,3"</c>, <c>"1"</c>). Default false.</summary>
    public bool UseIntegerArrays { get; init; }
}

/// <summary>A broadcast of up to five articles to a target audience.</summary>
public sealed class BroadcastRequest
{
    /// <summary>The article ids (from <c>ArticlesClient.WaitForArticleIdAsync</c>), 1 to 5.</summary>
    public required IReadOnlyList<string> ArticleIds { get; init; }

    /// <summary>Who receives it.</summary>
    public required BroadcastTarget Target { get; init; }

    /// <summary>How the target is written; null means <see cref="BroadcastWireFormat.Default"/>.</summary>
    public BroadcastWireFormat? WireFormat { get; init; }
}
