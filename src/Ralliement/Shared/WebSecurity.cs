using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ralliement.Shared;

public static partial class WebSecurity
{
    /// <summary>
    /// The largest request body accepted; a signature fits in a few kilobytes. A page that receives a
    /// file says how much it takes with <c>[RequestSizeLimit]</c>, read from its endpoint's metadata.
    /// </summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>The body limit of an endpoint: its own <c>[RequestSizeLimit]</c>, else 64 KB.</summary>
    public static long MaxRequestBodyBytesOf(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxRequestBodyBytes;

    /// <summary>
    /// A NUL character in a query or form value is never text a person typed, and PostgreSQL refuses
    /// to store or even compare it (SQLite takes it): refused here, once, for every page and endpoint.
    /// </summary>
    private static bool HasNulCharacter(IQueryCollection query) =>
        query.Any(p => p.Key.Contains('\0', StringComparison.Ordinal) || p.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true));

    /// <summary>The same for a posted form, read within its endpoint's body limit.</summary>
    private static async Task<bool> HasNulCharacterAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return false;
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or (IOException and not BadHttpRequestException))
        {
            // An unreadable body is the handler's to refuse, as it already does.
            return false;
        }
        return form.Any(p => p.Key.Contains('\0', StringComparison.Ordinal) || p.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true));
    }

    /// <summary>
    /// The content security policy of every response. <paramref name="styleHash"/> allows one inline
    /// style element by its SHA-256: a public page's accent colour (<see cref="AccentColour.StyleRule"/>).
    /// No site may frame a page, and forms post only here, unless the page allows more (<see cref="PolicyAllowsAttribute"/>).
    /// </summary>
    public static string ContentSecurityPolicy(string? styleHash = null, IReadOnlyList<PolicyAllowsAttribute>? allowances = null)
    {
        var policy = "default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'self'; style-src 'self'"
            + (styleHash is null ? "" : $" 'sha256-{styleHash}'")
            + "; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        if (allowances is not { Count: > 0 })
        {
            return policy;
        }
        var directives = policy.Split("; ").ToList();
        foreach (var allowance in allowances)
        {
            var index = directives.FindIndex(d => d.StartsWith(allowance.Directive + " ", StringComparison.Ordinal));
            if (index < 0)
            {
                directives.Add($"{allowance.Directive} {allowance.Source}");
            }
            else if (directives[index].EndsWith(" 'none'", StringComparison.Ordinal))
            {
                directives[index] = $"{allowance.Directive} {allowance.Source}";
            }
            else if (!directives[index].Split(' ').Contains(allowance.Source))
            {
                directives[index] += " " + allowance.Source;
            }
        }
        return string.Join("; ", directives);
    }

    /// <summary>The policy of the page being rendered, with what its endpoint allows (<see cref="PolicyAllowsAttribute"/>).</summary>
    public static string ContentSecurityPolicyOf(HttpContext context, string? styleHash = null) =>
        ContentSecurityPolicy(styleHash, context.GetEndpoint()?.Metadata.GetOrderedMetadata<PolicyAllowsAttribute>());

    /// <summary>Every page's policy, written on every response before the page may change it.</summary>
    private static readonly string SitePolicy = ContentSecurityPolicy();

    /// <summary>Sets the security headers of every response, and refuses other methods than GET, HEAD and POST, and cross-site form posts.</summary>
    public static IApplicationBuilder UseWebSecurity(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        // Scripts only from this site: the signing form's proof of work (wwwroot/proof-of-work.js), its
        // worker (the same file) and its request for a challenge. No inline script, no other origin.
        headers.ContentSecurityPolicy = SitePolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";

        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            // An error page being rendered for a request already checked below.
            await next(context);
            return;
        }
        var request = context.Request;
        // A browser asks before another site's script reads the API (CORS preflight); the API's policy answers it.
        var preflight = HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method")
            && Api.ApiServices.IsApiPath(request.Path.Value);
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsPost(request.Method) || preflight))
        {
            // Nothing here is changed or deleted by any other method.
            context.Response.Headers.Allow = "GET, HEAD, POST";
            await Refuse(context, StatusCodes.Status405MethodNotAllowed);
            return;
        }
        if (HttpMethods.IsPost(request.Method) && IsCrossSite(request) && !OneClickUnsubscribePath().IsMatch(request.Path.Value ?? ""))
        {
            await Refuse(context, StatusCodes.Status403Forbidden);
            return;
        }
        if (HasNulCharacter(request.Query))
        {
            await Refuse(context, StatusCodes.Status400BadRequest);
            return;
        }
        await next(context);
    });

    /// <summary>
    /// Refuses a body over its endpoint's limit with 413, and a NUL character in a posted form with 400.
    /// After routing, which chooses the endpoint and so the limit, and before anything reads the body.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }
        var request = context.Request;
        var maxBodyBytes = MaxRequestBodyBytesOf(context.GetEndpoint());
        if (request.ContentLength > maxBodyBytes)
        {
            await Refuse(context, StatusCodes.Status413PayloadTooLarge);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Kestrel stops reading past this, so a chunked upload without a length is cut off too.
            limit.MaxRequestBodySize = maxBodyBytes;
        }
        try
        {
            if (maxBodyBytes > MaxRequestBodyBytes && request.ContentLength is null && HttpMethods.IsPost(request.Method))
            {
                // A chunked upload is read here, to the limit, so that one past it is answered 413 by
                // the catch below; read later, inside form binding, it would come out as a bare 400.
                request.EnableBuffering();
                await request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                request.Body.Position = 0;
            }
            if (await HasNulCharacterAsync(request, context.RequestAborted))
            {
                await Refuse(context, StatusCodes.Status400BadRequest);
                return;
            }
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            // Kestrel's verdict on a malformed or oversized body (413 for a chunked body past the
            // limit) is the client's error: answer it as such, never as a 500.
            await Refuse(context, exception.StatusCode);
        }
    });

    /// <summary>
    /// Mail clients post RFC 8058 one-click unsubscriptions from wherever they run, so these posts are
    /// cross-site by nature. The token in the path is the capability, and all the post can do is stop
    /// news to that signer.
    /// </summary>
    [GeneratedRegex(@"^/(fr|en)/unsubscribe/[A-Za-z0-9_-]+$")]
    private static partial Regex OneClickUnsubscribePath();

    /// <summary>
    /// A browser says where a request comes from: <c>Sec-Fetch-Site</c> in current browsers, <c>Origin</c>
    /// in older ones. A request without either is not a cross-site form post from a browser. This is
    /// the check described for Go's <c>http.CrossOriginProtection</c> (Filippo Valsorda, "Cross-Site
    /// Request Forgery", 2025); it needs no per-visitor token, so the campaign page stays cacheable.
    /// </summary>
    public static bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is not ("same-origin" or "none");
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static Task Refuse(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        // The status code pages middleware renders a page in the visitor's language.
        return Task.CompletedTask;
    }
}
