using ZaloOA.Sdk.Broadcast;

namespace ZaloOA.PoliceDesk.News;

/// <summary>Who a broadcast reaches, as chosen in the desk.</summary>
public sealed record BroadcastChoice(BroadcastGender Gender, IReadOnlyList<BroadcastAgeGroup> Ages, IReadOnlyList<BroadcastCity> Cities)
{
    /// <summary>The SDK target (everyone when nothing narrows it).</summary>
    public BroadcastTarget ToTarget() => new()
    {
        Gender = Gender,
        Ages = Ages.Count > 0 ? Ages : null,
        Cities = Cities.Count > 0 ? Cities : null,
    };

    /// <summary>The audience in words, for the record.</summary>
    public string Describe()
    {
        var parts = new List<string>
        {
            Gender switch { BroadcastGender.Male => "Nam", BroadcastGender.Female => "Nữ", _ => "Mọi giới tính" },
            Ages.Count == 0 ? "mọi độ tuổi" : "tuổi " + string.Join(", ", Ages.Select(NewsLabels.Vi)),
            Cities.Count == 0 ? "mọi tỉnh, thành" : string.Join(", ", Cities.Select(NewsLabels.Vi)),
        };
        return string.Join("; ", parts);
    }
}
