using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Ralliement.Organisers;

public static class OrganiserServices
{
    /// <summary>Organisers' own accounts: sign-in, password, two-factor, reset.</summary>
    public static void AddOrganisers(this WebApplicationBuilder builder)
    {
        builder.Services.AddOrganiserAccounts(builder.Configuration);
        builder.Services.AddScoped<RequestPasswordReset>();
        builder.Services.AddScoped<ReadOrganiserHome>();
        builder.Services.AddScoped<ReadFirstSteps>();
    }

    /// <summary>Identity for organisers, shared by the site and the admin command that creates the first owner.</summary>
    public static void AddOrganiserAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        // Identity reads the system clock for lock-outs, not TimeProvider, so tests shorten it instead.
        var lockout = configuration.GetValue("Organisers:LockoutDuration", TimeSpan.FromMinutes(15));
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<Organiser>(o =>
            {
                // NIST SP 800-63B: length and a check against common passwords, no composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = lockout;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
            })
            .AddPasswordValidator<CommonPasswords>()
            .AddSignInManager()
            .AddEntityFrameworkStores<RalliementDb>()
            .AddDefaultTokenProviders();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(2));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ralliement-organiser";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = context =>
                {
                    var language = Languages.Of(context.HttpContext);
                    var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                    context.Response.Redirect($"/{language}/organiser/login?returnUrl={Uri.EscapeDataString(back)}");
                    return Task.CompletedTask;
                },
                // A page the organiser's role does not open: a plain 403 page, not a redirect.
                OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
            };
        });
        services.AddAuthorization(o => o.AddOrganisationPolicies());
        services.AddScoped<IAuthorizationHandler, OrganisationAccess.Handler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, OrganisationAccess.ResultHandler>();
        services.AddScoped<Audit>();
        services.AddScoped<CreateOrganisation>();
    }
}
