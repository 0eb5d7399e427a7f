using System.Globalization;
using System.Runtime.CompilerServices;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Articles;

public partial class ArticlesClient
{
    /// <summary>
    /// Creates an article (<c>POST /v2.0/article/create</c>). Zalo processes it asynchronously and
    /// answers with a <b>token</b>, not the article id: pass it to <see cref="WaitForArticleIdAsync"/>
    /// (or use <see cref="CreateAndWaitAsync"/>). The article is validated first (lengths after NFC
    /// normalisation, required fields, URLs); image URLs are percent-encoded when needed.
    /// </summary>
    /// <returns>The job token.</returns>
    /// <exception cref="ZaloValidationException">The article breaks a limit; nothing was sent.</exception>
    public virtual async Task<string> CreateAsync(ZaloArticle article, CancellationToken cancellationToken = default)
    {
        var body = ArticleWriter.Write(article, id: null);
        var data = await Connection.SendAsync(OaId, ZaloApiRequest.PostJsonBytes("articles.create", "v2.0/article/create", body), ArticlesJsonContext.Default.ArticleTokenData, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(data.Token)
            ? throw new ZaloResponseFormatException("Zalo created the article but its answer has no data.token.", System.Net.HttpStatusCode.OK, string.Empty)
            : data.Token;
    }

    /// <summary>Creates an article and polls until its id is known or the bounds run out.</summary>
    /// <returns><see cref="ArticlePublishStatus.Published"/> with the id, <see cref="ArticlePublishStatus.Failed"/>
    /// with Zalo's error, or <see cref="ArticlePublishStatus.StillProcessing"/> with the token to verify later.</returns>
    public virtual async Task<ArticlePublishResult> CreateAndWaitAsync(ZaloArticle article, ArticlePublishWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        (options ?? ArticlePublishWaitOptions.Default).Validate();
        var token = await CreateAsync(article, cancellationToken).ConfigureAwait(false);
        return await WaitForArticleIdAsync(token, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Verifies an article token once (<c>POST /v2.0/article/verify</c> with <c>{"token":"…"}</c>).
    /// </summary>
    /// <remarks>
    /// Outcomes: <c>data.id</c> → Published. <c>-214</c>, a message saying the media is being
    /// processed, an answer without an id, or another transient code (<c>-32</c>, <c>-200</c>) →
    /// StillProcessing. Any other Zalo error (for example <c>-201</c>) → Failed with the error.
    /// Transport failures and rejected tokens still throw, as for every call.
    /// </remarks>
    public virtual Task<ArticlePublishResult> VerifyAsync(string token, CancellationToken cancellationToken = default)
    {
        ZaloText.Id(token, nameof(token));
        return VerifyOnceAsync(token, 1, cancellationToken);
    }

    /// <summary>
    /// Polls <see cref="VerifyAsync"/> with bounded exponential backoff until the article id is
    /// known, Zalo reports a failure, or <paramref name="options"/>' bounds run out (then the
    /// result is <see cref="ArticlePublishStatus.StillProcessing"/>). Waits use the SDK's
    /// <see cref="TimeProvider"/>, so tests can drive them with a fake clock.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<ArticlePublishResult> WaitForArticleIdAsync(string token, ArticlePublishWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ZaloText.Id(token, nameof(token));
        options ??= ArticlePublishWaitOptions.Default;
        options.Validate();
        var time = Connection.TimeProvider;
        var started = time.GetTimestamp();
        var delay = options.InitialDelay;
        for (var attempt = 1; ; attempt++)
        {
            var result = await VerifyOnceAsync(token, attempt, cancellationToken).ConfigureAwait(false);
            if (result.Status != ArticlePublishStatus.StillProcessing
                || attempt >= options.MaxAttempts
                || time.GetElapsedTime(started) + delay > options.MaxTotalWait)
            {
                return result;
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks((long)Math.Min(options.MaxDelay.Ticks, delay.Ticks * options.BackoffMultiplier));
        }
    }

    private async Task<ArticlePublishResult> VerifyOnceAsync(string token, int attempt, CancellationToken cancellationToken)
    {
        var request = ZaloApiRequest.PostJson("articles.verify", "v2.0/article/verify", new ArticleTokenBody(token), ArticlesJsonContext.Default.ArticleTokenBody, idempotent: true);
        try
        {
            var response = await Connection.SendRawAsync(OaId, request, cancellationToken).ConfigureAwait(false);
            var id = response.HasData ? response.ReadData(ArticlesJsonContext.Default.ArticleIdData, request.Operation).Id : null;
            return string.IsNullOrEmpty(id)
                ? new ArticlePublishResult(ArticlePublishStatus.StillProcessing, token, null, attempt)
                : new ArticlePublishResult(ArticlePublishStatus.Published, token, id, attempt);
        }
        catch (ZaloApiException ex) when (IsStillProcessing(ex))
        {
            return new ArticlePublishResult(ArticlePublishStatus.StillProcessing, token, null, attempt, ex);
        }
        catch (ZaloApiException ex) when (!ex.ErrorCode.IsAccessTokenRejected)
        {
            return new ArticlePublishResult(ArticlePublishStatus.Failed, token, null, attempt, ex);
        }
    }

    private static bool IsStillProcessing(ZaloApiException ex) =>
        ex.ErrorCode.IsTransient
        || (ex.ZaloMessage?.Contains("being processed", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>
    /// Replaces an article (<c>POST /v2.0/article/update</c>: the create body plus <c>"id"</c>).
    /// Zalo's update is a full replacement, so pass every field as it should be.
    /// </summary>
    /// <returns>The job token when Zalo returns one (<c>data.token</c> [S]), else null.</returns>
    public virtual async Task<string?> UpdateAsync(string id, ZaloArticle article, CancellationToken cancellationToken = default)
    {
        ZaloText.Id(id, nameof(id));
        var body = ArticleWriter.Write(article, id);
        var request = ZaloApiRequest.PostJsonBytes("articles.update", "v2.0/article/update", body);
        var response = await Connection.SendRawAsync(OaId, request, cancellationToken).ConfigureAwait(false);
        return response.HasData ? response.ReadData(ArticlesJsonContext.Default.ArticleTokenData, request.Operation).Token : null;
    }

    /// <summary>Hides an article: an update of <paramref name="article"/> with status <c>hide</c>
    /// (Zalo has no separate hide call, and update replaces the whole article).</summary>
    public virtual Task<string?> HideAsync(string id, ZaloArticle article, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        return UpdateAsync(id, article.WithStatus(ArticleVisibility.Hide), cancellationToken);
    }

    /// <summary>Shows an article: an update of <paramref name="article"/> with status <c>show</c>.</summary>
    public virtual Task<string?> ShowAsync(string id, ZaloArticle article, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        return UpdateAsync(id, article.WithStatus(ArticleVisibility.Show), cancellationToken);
    }

    /// <summary>Removes an article (<c>POST /v2.0/article/remove</c> with <c>{"id":"…"}</c>).</summary>
    public virtual Task RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ZaloText.Id(id, nameof(id));
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJson("articles.remove", "v2.0/article/remove", new ArticleIdBody(id), ArticlesJsonContext.Default.ArticleIdBody), cancellationToken);
    }

    /// <summary>
    /// One page of the OA's articles (<c>GET /v2.0/article/getslice?offset=&amp;limit=&amp;type=</c>).
    /// </summary>
    /// <param name="type">Normal or video articles (Zalo requires the type).</param>
    /// <param name="offset">Zero-based position of the first article.</param>
    /// <param name="limit">Page size, 1 to 10 (Zalo refuses more with <c>-201 "maximum limit is 10"</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ArticleSlice> GetSliceAsync(ArticleType type, int offset = 0, int limit = ArticleLimits.MaxPageSize, CancellationToken cancellationToken = default)
    {
        if (offset < 0)
        {
            throw new ZaloValidationException($"offset is {offset}; it must not be negative.", nameof(offset));
        }

        if (limit is < 1 or > ArticleLimits.MaxPageSize)
        {
            throw new ZaloValidationException($"limit is {limit}; Zalo accepts 1 to {ArticleLimits.MaxPageSize} articles per page.", nameof(limit));
        }

        var query = string.Create(CultureInfo.InvariantCulture, $"offset={offset}&limit={limit}&type={ArticleWriter.Wire(type)}");
        return Connection.SendAsync(OaId, ZaloApiRequest.Get("articles.getslice", "v2.0/article/getslice", query), ArticlesJsonContext.Default.ArticleSlice, cancellationToken);
    }

    /// <summary>
    /// Every article of a type, page by page (<see cref="GetSliceAsync"/>). Stops at a short or
    /// empty page, or once <c>total</c> articles were read.
    /// </summary>
    public virtual async IAsyncEnumerable<ArticleSummary> ListAsync(ArticleType type, int pageSize = ArticleLimits.MaxPageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offset = 0;
        while (true)
        {
            var page = await GetSliceAsync(type, offset, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var article in page.Medias)
            {
                yield return article;
            }

            offset += page.Medias.Count;
            if (page.Medias.Count < pageSize || (page.Total is int total && offset >= total))
            {
                yield break;
            }
        }
    }

    /// <summary>An article's details (<c>GET /v2.0/article/getdetail?id=</c>).</summary>
    public virtual Task<ArticleDetail> GetDetailAsync(string id, CancellationToken cancellationToken = default)
    {
        ZaloText.Id(id, nameof(id));
        return Connection.SendAsync(OaId, ZaloApiRequest.Get("articles.getdetail", "v2.0/article/getdetail", "id=" + Uri.EscapeDataString(id)), ArticlesJsonContext.Default.ArticleDetail, cancellationToken);
    }
}
