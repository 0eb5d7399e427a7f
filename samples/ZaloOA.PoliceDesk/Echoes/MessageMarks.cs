using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Echoes;

/// <summary>How a message's delivery, read marks and reactions read on the case page.</summary>
public static class MessageMarks
{
    /// <summary>The delivery state (a CSS class and test hook) and its label: "Đã xem" and "Đã nhận"
    /// from Zalo's receipts once Zalo accepted the message, otherwise the outbox's state.</summary>
    public static (string State, string Label) Delivery(CaseMessage message, DeliveryStatus status)
    {
        ArgumentNullException.ThrowIfNull(message);
        return status switch
        {
            DeliveryStatus.Sent when message.SeenByCitizenAt is not null => ("Seen", "Đã xem"),
            DeliveryStatus.Sent when message.ReceivedByCitizenAt is not null => ("Received", "Đã nhận"),
            _ => (status.ToString(), status.Vi()),
        };
    }

    /// <summary>The reaction on the message, if any: the citizen's on the desk's messages, the OA's on the citizen's.</summary>
    public static ShownReaction? Reaction(CaseMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (icon, who) = message.Direction == MessageDirection.Outbound
            ? (message.CitizenReaction, "Người dân bày tỏ cảm xúc")
            : (message.OaReaction, "OA bày tỏ cảm xúc");
        if (string.IsNullOrWhiteSpace(icon))
        {
            return null;
        }

        var (symbol, label) = icon switch
        {
            "/-heart" => ("❤️", "tim"),
            "/-strong" => ("👍", "thích"),
            ":>" => ("😆", "cười"),
            ":o" => ("😮", "ngạc nhiên"),
            ":-((" => ("😢", "buồn"),
            ":-h" => ("😡", "giận"),
            _ => (icon, icon),
        };
        return new ShownReaction(icon, who, symbol, label);
    }
}

/// <summary>A reaction as shown: Zalo's icon code, who reacted, the symbol and its spoken label.</summary>
public sealed record ShownReaction(string Icon, string Who, string Symbol, string Label);
