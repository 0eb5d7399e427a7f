using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Zalo OA SDK.</summary>
public static class ZaloOAServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SDK with options bound from a configuration section (usually <c>Zalo</c>) and
    /// validated when the host starts.
    /// </summary>
    public static ZaloOABuilder AddZaloOA(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ZaloOAOptions>().Bind(configuration);
        return AddCore(services);
    }

    /// <summary>Adds the SDK with options set in code, validated when the host starts.</summary>
    public static ZaloOABuilder AddZaloOA(this IServiceCollection services, Action<ZaloOAOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ZaloOAOptions>().Configure(configure);
        return AddCore(services);
    }

    private static ZaloOABuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<ZaloOAOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZaloOAOptions>, ZaloOAOptionsAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZaloOAOptions>, ZaloOAOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<IZaloTokenStore, InMemoryZaloTokenStore>();
        services.TryAddSingleton<IZaloTokenRefreshLock, InProcessZaloTokenRefreshLock>();
        services.TryAddSingleton<IZaloTokenManager, ZaloTokenManager>();
        services.TryAddSingleton<ZaloApiConnection>();
        services.TryAddSingleton<IZaloOAClientFactory, ZaloOAClientFactory>();

        // OAuth calls: no retry handler at all. A refresh token or a code is single use.
        services.AddHttpClient(ZaloOAuthClient.HttpClientName, static (sp, http) =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<ZaloOAOptions>>().CurrentValue;
            http.Timeout = o.AttemptTimeout;
        });
        // A singleton that asks the factory per call (a typed client captured by the singleton
        // token manager would pin one handler for the life of the process).
        services.TryAddSingleton(static sp => new ZaloOAuthClient(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptionsMonitor<ZaloOAOptions>>()));

        services.AddHttpClient(ZaloApiConnection.HttpClientName, static (sp, http) =>
            {
                // The resilience pipeline owns timeouts; this only stops a runaway request.
                var o = sp.GetRequiredService<IOptionsMonitor<ZaloOAOptions>>().CurrentValue;
                http.Timeout = o.TotalTimeout + TimeSpan.FromSeconds(5);
            })
            .AddResilienceHandler("zalo-api", static (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptionsMonitor<ZaloOAOptions>>().CurrentValue;
                // Network timeouts, back-off and circuit breaks run on the wall clock. The
                // TimeProvider registered in DI drives token expiry; a fake one there (in tests,
                // ours or our users') must not freeze every retry delay and timeout of the pipeline.
                // (Tests step through a circuit's break with a fake clock registered under an
                // internal key; nothing else ever registers it.)
                pipeline.TimeProvider = context.ServiceProvider.GetKeyedService<TimeProvider>(ZaloApiConnection.ResilienceClockKey) ?? TimeProvider.System;
                pipeline.AddTimeout(o.TotalTimeout);
                if (o.MaxReadRetries > 0)
                {
                    var maxWait = o.TotalTimeout;
                    var clock = pipeline.TimeProvider;
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = o.MaxReadRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = o.RetryBaseDelay,
                        ShouldRetryAfterHeader = true,
                        // Only reads are retried: a send whose answer was lost may have been
                        // delivered. An open circuit is not retried (it would still be open), and
                        // neither is a Retry-After longer than the whole call may take: waiting
                        // would only end in a timeout that hides Zalo's hint from the caller.
                        ShouldHandle = args => ValueTask.FromResult(
                            IsIdempotent(args.Context)
                            && args.Outcome.Exception is not BrokenCircuitException
                            && HttpClientResiliencePredicates.IsTransient(args.Outcome)
                            && !(args.Outcome.Result is { } response && ZaloRetryAfter.Of(response, clock) > maxWait)),
                    });
                }

                if (o.CircuitBreaker.Enabled)
                {
                    // This pipeline is built once per OA (SelectPipelineBy below), so the breaker's
                    // state is the OA's own: a unit whose OA keeps failing cannot open the circuit
                    // of the hundreds of others sharing this HttpClient.
                    pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = o.CircuitBreaker.FailureRatio,
                        MinimumThroughput = o.CircuitBreaker.MinimumThroughput,
                        SamplingDuration = o.CircuitBreaker.SamplingDuration,
                        BreakDuration = o.CircuitBreaker.BreakDuration,
                    });
                }

                pipeline.AddTimeout(o.AttemptTimeout);
            })
            // One pipeline instance per OA id, carried on each request by ZaloApiConnection.
            .SelectPipelineBy(static _ => static request =>
                request.Options.TryGetValue(ZaloApiConnection.OaIdKey, out var oaId) ? oaId : string.Empty);

        // Inside the pipeline: the body is read within each attempt, so a stalled or cut-off body
        // is an attempt timeout or a transient failure the retry and the breaker see, rather than
        // a failure after the pipeline has already returned.
        services.AddHttpClient(ZaloApiConnection.HttpClientName).AddHttpMessageHandler(static () => new ZaloResponseBufferingHandler());

        return new ZaloOABuilder(services);
    }

    private static bool IsIdempotent(ResilienceContext context)
    {
        var request = context.GetRequestMessage();
        return request is not null
            && request.Options.TryGetValue(ZaloApiConnection.IdempotentKey, out var idempotent)
            && idempotent;
    }
}

/// <summary>Checks the data annotations on <see cref="ZaloOAOptions"/> (source-generated, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class ZaloOAOptionsAnnotationsValidator : IValidateOptions<ZaloOAOptions>;

/// <summary>Checks the option combinations data annotations cannot express.</summary>
internal sealed class ZaloOAOptionsValidator : IValidateOptions<ZaloOAOptions>
{
    public ValidateOptionsResult Validate(string? name, ZaloOAOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.AppId) && !options.AppId.All(char.IsAsciiDigit))
        {
            failures.Add($"Zalo:AppId \"{options.AppId}\" must be the numeric app id from developers.zalo.me.");
        }

        foreach (var (uri, key) in new[] { (options.ApiBaseUrl, "ApiBaseUrl"), (options.OAuthBaseUrl, "OAuthBaseUrl"), (options.BusinessApiBaseUrl, "BusinessApiBaseUrl") })
        {
            if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"Zalo:{key} must be an absolute http(s) URL.");
            }
            else if (!uri.AbsolutePath.EndsWith('/'))
            {
                failures.Add($"Zalo:{key} must end with '/' so relative paths resolve under it (\"{uri}\").");
            }
        }

        CheckRange(failures, "RefreshBeforeExpiry", options.RefreshBeforeExpiry, TimeSpan.Zero, TimeSpan.FromHours(12));
        CheckRange(failures, "AttemptTimeout", options.AttemptTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        CheckRange(failures, "TotalTimeout", options.TotalTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30));
        CheckRange(failures, "CircuitBreaker:SamplingDuration", options.CircuitBreaker.SamplingDuration, TimeSpan.FromSeconds(0.5), TimeSpan.FromDays(1));
        CheckRange(failures, "CircuitBreaker:BreakDuration", options.CircuitBreaker.BreakDuration, TimeSpan.FromSeconds(0.5), TimeSpan.FromDays(1));
        if (options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add("Zalo:TotalTimeout must be at least Zalo:AttemptTimeout.");
        }

        for (var i = 0; i < options.Accounts.Count; i++)
        {
            var account = options.Accounts[i];
            if (string.IsNullOrWhiteSpace(account.OaId) || !account.OaId.All(char.IsAsciiDigit))
            {
                failures.Add($"Zalo:Accounts:{i}:OaId must be the numeric OA id.");
            }
        }

        if (options.Accounts.Count > 0 && string.IsNullOrEmpty(options.SecretKey))
        {
            failures.Add("Zalo:SecretKey (the app secret) is required when Zalo:Accounts are configured, to refresh their tokens.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"Zalo:{key} is {value}; it must be between {min} and {max}.");
        }
    }
}
