using System.Runtime.CompilerServices;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Users;

public partial class UsersClient
{
    /// <summary>A follower's profile (<c>GET /v3.0/oa/user/detail</c>).</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloUserProfile> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        var data = new UserIdData { UserId = ZaloGuard.Required(userId, nameof(userId)) };
        return Connection.SendAsync(OaId, ZaloApiRequest.GetWithData("users.get", "v3.0/oa/user/detail", data, UsersJsonContext.Default.UserIdData), UsersJsonContext.Default.ZaloUserProfile, cancellationToken);
    }

    /// <summary>One page of users (<c>GET /v3.0/oa/user/getlist</c>), at most 50.</summary>
    /// <param name="request">Filter and page; null for the first 50 users.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloUserListPage> ListAsync(ZaloUserListRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new ZaloUserListRequest();
        var data = new UserListData
        {
            Offset = ZaloGuard.Range(request.Offset, "offset", 0, int.MaxValue),
            Count = ZaloGuard.Range(request.Count, "count", 1, ZaloUserListRequest.MaxCount),
            TagName = string.IsNullOrEmpty(request.TagName) ? null : request.TagName,
            LastInteractionPeriod = string.IsNullOrEmpty(request.LastInteractionPeriod) ? null : request.LastInteractionPeriod,
            IsFollower = request.IsFollower switch { true => "true", false => "false", null => null },
        };
        return Connection.SendAsync(OaId, ZaloApiRequest.GetWithData("users.list", "v3.0/oa/user/getlist", data, UsersJsonContext.Default.UserListData), UsersJsonContext.Default.ZaloUserListPage, cancellationToken);
    }

    /// <summary>
    /// Every user matching the filter, page by page (<see cref="ListAsync"/> repeated with a growing offset
    /// until a page is empty or the total is reached).
    /// </summary>
    /// <param name="request">Filter, first offset and page size; null for all users, 50 per page.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public virtual async IAsyncEnumerable<ZaloUserListItem> ListAllAsync(ZaloUserListRequest? request = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        request ??= new ZaloUserListRequest();
        var offset = request.Offset;
        while (true)
        {
            var page = await ListAsync(new ZaloUserListRequest
            {
                Offset = offset,
                Count = request.Count,
                TagName = request.TagName,
                LastInteractionPeriod = request.LastInteractionPeriod,
                IsFollower = request.IsFollower,
            }, cancellationToken).ConfigureAwait(false);
            foreach (var user in page.Users)
            {
                yield return user;
            }

            offset += page.Users.Count;
            if (page.Users.Count == 0 || (page.Total is { } total && offset >= total))
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// A follower's profile from the legacy <c>GET /v2.0/oa/getprofile</c>. Superseded by <see cref="GetAsync"/>;
    /// kept for OAs whose apps only have the v2 permission.
    /// </summary>
    /// <param name="userId">The user id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloLegacyUserProfile> GetLegacyProfileAsync(string userId, CancellationToken cancellationToken = default)
    {
        var data = new UserIdData { UserId = ZaloGuard.Required(userId, nameof(userId)) };
        return Connection.SendAsync(OaId, ZaloApiRequest.GetWithData("users.getprofile", "v2.0/oa/getprofile", data, UsersJsonContext.Default.UserIdData), UsersJsonContext.Default.ZaloLegacyUserProfile, cancellationToken);
    }

    /// <summary>
    /// One page of followers from the legacy <c>GET /v2.0/oa/getfollowers</c>. Superseded by <see cref="ListAsync"/>.
    /// </summary>
    /// <param name="offset">Where the page starts.</param>
    /// <param name="count">Followers per page, 1 to 50.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloFollowerPage> GetLegacyFollowersAsync(int offset = 0, int count = 50, CancellationToken cancellationToken = default)
    {
        var data = new PageData { Offset = ZaloGuard.Range(offset, nameof(offset), 0, int.MaxValue), Count = ZaloGuard.Range(count, nameof(count), 1, 50) };
        return Connection.SendAsync(OaId, ZaloApiRequest.GetWithData("users.getfollowers", "v2.0/oa/getfollowers", data, UsersJsonContext.Default.PageData), UsersJsonContext.Default.ZaloFollowerPage, cancellationToken);
    }
}
