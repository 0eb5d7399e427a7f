using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Api;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.CitizenMenu;
using ZaloOA.PoliceDesk.Citizens;
using ZaloOA.PoliceDesk.CitizenServices;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Echoes;
using ZaloOA.PoliceDesk.Intake;
using ZaloOA.PoliceDesk.Live;
using ZaloOA.PoliceDesk.Media;
using ZaloOA.PoliceDesk.Outbox;
using ZaloOA.PoliceDesk.Privacy;
using ZaloOA.PoliceDesk.Security;
using ZaloOA.PoliceDesk.Units;
using ZaloOA.PoliceDesk.Zalo;

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;

services.Configure<DeskOptions>(builder.Configuration.GetSection(DeskOptions.SectionName));
services.Configure<DeskZaloOptions>(builder.Configuration.GetSection(DeskZaloOptions.SectionName));
services.TryAddSingleton(TimeProvider.System);

// Storage first: the initializer (migrations, seed) must finish before the workers start.
services.AddDeskStorage(builder.Configuration);
services.AddHostedService<DeskDatabaseInitializer>();
services.AddDeskData(builder.Configuration); // units as data, deadlines, statistics and exports, operations
services.AddDeskLive(builder.Configuration); // live inbox and case pages (server-sent events over a change cursor in the database)
services.AddCitizens(builder.Configuration); // citizens' Zalo profiles, contact requests, blocking, quick replies
services.AddCitizenServices(); // news, procedures, hotlines, citizen menu replies (after the initializer)

// Zalo: the SDK, the outbox's sender, the webhook (→ intake), the OA connect flow, and without a
// Zalo app the local emulator. Further Zalo features hook in here: builder.AddPoliceDeskZalo(zalo => ...).
builder.AddPoliceDeskZalo(zalo => zalo.AddCitizenMenu().AddLinkActivity().AddCitizenInfo().AddZaloEchoes()); // + the citizen menu on the SDK router, each OA's last webhook, user_submit_info, echoes/receipts/reactions

services.TryAddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<ZaloOA.PoliceDesk.Domain.StaffUser>, Microsoft.AspNetCore.Identity.PasswordHasher<ZaloOA.PoliceDesk.Domain.StaffUser>>();
// Sign-in, sessions, staff, audit, privacy (see SECURITY.md).
services.AddHttpContextAccessor();
services.AddScoped<DeskAudit>();
services.AddSingleton<DummyPasswordHash>();
services.AddScoped<StaffSignIn>();
services.AddSingleton<StaffSessions>();
services.AddScoped<StaffDirectory>();
services.AddScoped<CaseAnonymizer>();
services.AddScoped<DeskRetention>();
services.AddScoped<CitizenDataRequests>();
services.AddHostedService<RetentionWorker>();
services.AddDeskForwardedHeaders(builder.Configuration);
services.AddSingleton<MediaWorkSignal>();
services.AddSingleton<OutboxWorkSignal>();
services.AddSingleton<DeliveryFeed>();
services.AddScoped<CitizenOutbox>();
services.AddSingleton<MediaStorage>();
services.AddScoped<CaseAccess>();
services.AddScoped<UnitPicker>();
services.AddScoped<CaseSearch>();
services.AddScoped<CaseDesk>();
services.AddSingleton<LastInteractionCache>();
services.AddScoped<ZaloOA.PoliceDesk.Groups.GroupDesk>(); // the units' Zalo group chats and warnings to them
services.AddScoped<CaseIntakeService>();
services.AddSingleton<MediaSourcePolicy>();
services.AddHttpClient(MediaDownloadWorker.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(2))
    .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<MediaSourcePolicy>().CreateHandler());
services.AddSingleton<MediaDownloadWorker>();
services.AddHostedService(sp => sp.GetRequiredService<MediaDownloadWorker>());
services.AddSingleton<OutboxWorker>();
services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());

services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        o.LoginPath = DeskRoutes.Login;
        o.AccessDeniedPath = DeskRoutes.Login;
        o.Cookie.Name = "policedesk.auth";
        o.Cookie.HttpOnly = true;
        // Lax, not Strict: Zalo's consent page sends staff back to the OAuth callback with a
        // cross-site top-level GET, which must arrive signed in. Forms are protected by anti-forgery.
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.ExpireTimeSpan = TimeSpan.FromHours(10);
        o.SlidingExpiration = true;
        // Deactivation, role and unit changes end open sessions (the cookie's security stamp).
        o.Events.OnValidatePrincipal = ctx => ctx.HttpContext.RequestServices.GetRequiredService<StaffSessions>().ValidateAsync(ctx);
        // The API and media answer with status codes, not a login page.
        o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = ctx =>
        {
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    });
services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
// Vietnamese text is written into pages as is, not as &#x...; entities.
services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
services.AddAntiforgery(o => o.Cookie.Name = "policedesk.af");
// Several instances: one key ring for cookies and anti-forgery tokens (in Redis when configured).
services.AddDeskDataProtection(builder.Configuration);
services.AddRazorPages(o => o.Conventions.AllowAnonymousToPage("/Account/Login").AllowAnonymousToPage("/Error").AllowAnonymousToPage("/Status"));

var app = builder.Build();

// First: the client's real address, scheme and host from the trusted proxies (Desk:ForwardedHeaders).
app.UseForwardedHeaders();
app.UseDeskSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    // Sent on HTTPS requests only (also when the TLS proxy said so through X-Forwarded-Proto).
    app.UseHsts();
}

app.UseWhen(ctx => !WebSecurity.IsMachineEndpoint(ctx.Request.Path), people => people.UseStatusCodePagesWithReExecute("/Status/{0}"));
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapDeskApi();
app.MapUnitPicker();
app.MapDeskLive();
app.MapPoliceDeskZalo();

app.Run();

static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
{
    if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/media") || ctx.Request.Path.StartsWithSegments("/live"))
    {
        ctx.Response.StatusCode = status;
    }
    else
    {
        ctx.Response.Redirect(ctx.RedirectUri);
    }

    return Task.CompletedTask;
}

/// <summary>The entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
