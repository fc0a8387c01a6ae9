using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.WebEncoders;
using Ralliement.AntiAbuse;

namespace Ralliement.Shared;

/// <summary>What every page shares: languages, Razor Pages, security, error pages, static files.</summary>
public static class WebShell
{
    public static void AddWebShell(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddLocalization();
        builder.Services.AddStrictTexts(builder.Configuration);
        // Accented letters are written as they are, not as &#xE9; entities: pages stay small and readable.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.Configure<RouteOptions>(o => o.ConstraintMap["lang"] = typeof(LanguageRouteConstraint));
        builder.Services.AddRazorPages(o =>
            {
                o.RootDirectory = "/";
                o.Conventions.Add(new PrivatePages());
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add(new MethodNotAllowed());
                // No form here uses jQuery's bracket names (a[b]=1), and their reader throws on a name
                // with an unbalanced bracket ("a["), which answered 500 (found by the fuzz test).
                o.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
                o.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
            });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ralliement-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.AddDataProtectionKeys();
        builder.AddPublicPageCaching();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = WebSecurity.MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
    }

    public static void UseWebShell(this WebApplication app)
    {
        app.UseClientAddresses();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error/500");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseWebSecurity();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Languages.Default),
            SupportedCultures = Languages.Supported.Select(l => new CultureInfo(l)).ToList(),
            SupportedUICultures = Languages.Supported.Select(l => new CultureInfo(l)).ToList(),
            RequestCultureProviders = [new CustomRequestCultureProvider(context =>
                Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(Languages.Of(context))))],
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            // Links to the stylesheet carry a hash of its content (asp-append-version), so a
            // browser can keep it for a year and never ask again.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
        });
        app.UseRouting();
        // After routing, which chooses the endpoint whose metadata may raise the body limit.
        app.UseRequestBodyLimits();
        // After routing, which names each endpoint's rate limit policy; after the status code pages, which render its 429.
        app.UseRateLimiter();
        // Organisers' pages carry their own policies; public pages have none and stay anonymous.
        app.UseAuthentication();
        app.UseAuthorization();
        // After routing, which names the endpoints open to other sites' scripts (/api/v1); before the output
        // cache, so that an answer served from it still gets the headers of the request it answers.
        app.UseCors();
        // After routing, which tells it each endpoint's policy; only public pages have one.
        app.UsePublicPageCaching();
        app.MapRazorPages();
    }
}
