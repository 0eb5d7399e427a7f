using System.Diagnostics.CodeAnalysis;
using ZaloOA.Sdk.Articles;
using ZaloOA.Sdk.Broadcast;
using ZaloOA.Sdk.Conversations;
using ZaloOA.Sdk.Groups;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Menus;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Sdk.OfficialAccount;
using ZaloOA.Sdk.Tags;
using ZaloOA.Sdk.TemplateMessages;
using ZaloOA.Sdk.Uploads;
using ZaloOA.Sdk.Users;

namespace ZaloOA.Sdk;

/// <summary>
/// The client of one Official Account. Its area clients (<see cref="Messages"/>,
/// <see cref="Uploads"/>, <see cref="Users"/>, ...) share one HTTP pipeline and the OA's tokens,
/// which are refreshed automatically. Get instances from <see cref="IZaloOAClientFactory"/>; they
/// are cheap, thread-safe and may be kept.
/// </summary>
public class ZaloOAClient
{
    /// <summary>For mocking only.</summary>
    protected ZaloOAClient()
    {
        OaId = string.Empty;
        Messages = null!;
        Uploads = null!;
        Users = null!;
        Tags = null!;
        Conversations = null!;
        OfficialAccount = null!;
        Articles = null!;
        Broadcast = null!;
        Menus = null!;
        TemplateMessages = null!;
        Groups = null!;
    }

    internal ZaloOAClient(ZaloApiConnection connection, string oaId)
    {
        OaId = oaId;
        Messages = new MessagesClient(connection, oaId);
        Uploads = new UploadsClient(connection, oaId);
        Users = new UsersClient(connection, oaId);
        Tags = new TagsClient(connection, oaId);
        Conversations = new ConversationsClient(connection, oaId);
        OfficialAccount = new OfficialAccountClient(connection, oaId);
        Articles = new ArticlesClient(connection, oaId);
        Broadcast = new BroadcastClient(connection, oaId);
        Menus = new MenusClient(connection, oaId);
        TemplateMessages = new TemplateMessagesClient(connection, oaId);
        Groups = new GroupsClient(connection, oaId);
    }

    /// <summary>The Official Account this client acts for.</summary>
    public virtual string OaId { get; }

    /// <summary>Messages to followers: text, images, files, lists with buttons, reactions, quotas.</summary>
    public virtual MessagesClient Messages { get; }

    /// <summary>Image, GIF and file uploads.</summary>
    public virtual UploadsClient Uploads { get; }

    /// <summary>Followers and their profiles.</summary>
    public virtual UsersClient Users { get; }

    /// <summary>Follower tags.</summary>
    public virtual TagsClient Tags { get; }

    /// <summary>Conversation history.</summary>
    public virtual ConversationsClient Conversations { get; }

    /// <summary>The OA's own information.</summary>
    public virtual OfficialAccountClient OfficialAccount { get; }

    /// <summary>Articles (news) and article videos.</summary>
    public virtual ArticlesClient Articles { get; }

    /// <summary>Article broadcasts to followers.</summary>
    public virtual BroadcastClient Broadcast { get; }

    /// <summary>The undocumented persistent-menu call (in-chat menus are <see cref="Messages"/>).</summary>
    public virtual MenusClient Menus { get; }

    /// <summary>ZNS/ZBS template messages (reach citizens outside the 7-day window).</summary>
    public virtual TemplateMessagesClient TemplateMessages { get; }

    /// <summary>Group chats the OA manages (GMF): create, manage members, post into them. Experimental
    /// (<c>ZALO003</c>): Zalo's GMF contract is known from secondary sources only.</summary>
    [Experimental(GroupsClient.DiagnosticId)]
    public virtual GroupsClient Groups { get; }
}
