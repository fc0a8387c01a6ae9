using Microsoft.Net.Http.Headers;
using Ralliement.Organisers;

namespace Ralliement.Kit;

/// <summary>
/// The kit's images: <c>/{lang}/c/{slug}/kit/{file}</c> for everyone (see <see cref="KitLinks"/>), and
/// <c>/{lang}/organiser/{org}/campaigns/{id}/kit/{file}</c> for the campaign's editors, drafts included.
/// They are embedded on other sites and in emails: no cookie is ever set on them, and nothing of the
/// request (not its <c>Referer</c>, not the embedding site) is logged.
/// </summary>
public static class ServeKitImages
{
    /// <summary>
    /// A hostile SVG opened on its own could run nothing, load nothing, post nothing; and, like every
    /// page but the card, it is not framed (an <c>img</c> element is not a frame).
    /// </summary>
    public const string SvgContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

    private const string FileName = @"{file:regex(\.(svg|png|json)$)}";

    /// <summary>HEAD too: link checkers and some mail clients ask for an image's headers alone.</summary>
    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    public static void AddKit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KitImageCache>();
        builder.Services.AddScoped<DrawKitImage>();
    }

    public static void MapKit(this WebApplication app)
    {
        app.MapMethods("/{lang:lang}/c/{slug}/kit/" + FileName, ReadMethods, async (string lang, string slug, string file, string? v, HttpContext http, DrawKitImage draw, IConfiguration configuration) =>
        {
            var baseUrl = PublicLinks.For(http.Request, configuration).BaseUrl;
            var result = await draw.HandleAsync(lang, slug, file, v, baseUrl, http.RequestAborted);
            NoCookie(http);
            return result is null
                ? Results.NotFound()
                // A live image is kept by browsers and proxies as long as a public page is.
                : Serve(http, result.Image, result.Immutable ? "public, max-age=31536000, immutable" : null);
        })
            // Held as public pages are (a second by default), so a badge embedded on pages seen by
            // thousands a minute costs what a cached page costs; the output cache answers 304 itself.
            .CacheOutput(PublicPageCaching.Policy);

        app.MapMethods("/{lang:lang}/organiser/{org}/campaigns/{id:int}/kit/" + FileName, ReadMethods, async (string lang, int id, string file, HttpContext http, DrawKitImage draw, IConfiguration configuration) =>
        {
            var baseUrl = PublicLinks.For(http.Request, configuration).BaseUrl;
            var image = await draw.HandlePreviewAsync(http.Organisation(), id, lang, file, baseUrl, http.RequestAborted);
            return image is null ? Results.NotFound() : Serve(http, image, "private, no-cache");
        }).RequireAuthorization(OrganisationAccess.Policy.EditCampaigns);
    }

    private static IResult Serve(HttpContext http, KitImage image, string? cacheControl)
    {
        var headers = http.Response.Headers;
        if (cacheControl is not null)
        {
            headers.CacheControl = cacheControl;
        }
        headers.ETag = image.ETag;
        headers.LastModified = image.LastModified.ToString("R");
        headers.XContentTypeOptions = "nosniff";
        if (image.ContentType == "image/svg+xml")
        {
            headers.ContentSecurityPolicy = SvgContentSecurityPolicy;
        }
        else if (image.ContentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            // Public figures that any page may read, as shields and badge services do.
            headers.AccessControlAllowOrigin = "*";
        }
        var asked = http.Request.GetTypedHeaders().IfNoneMatch;
        if (asked.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(new EntityTagHeaderValue(image.ETag), useStrongComparison: true)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(image.Content, image.ContentType);
    }

    /// <summary>
    /// Whatever else runs on the way out (a signed-in organiser's sliding session, an error page's
    /// form), an image embedded elsewhere sets no cookie.
    /// </summary>
    private static void NoCookie(HttpContext http) =>
        http.Response.OnStarting(() =>
        {
            http.Response.Headers.Remove(HeaderNames.SetCookie);
            return Task.CompletedTask;
        });
}
