using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Ralliement.Shared;

/// <summary>
/// The page shown for every error status, in the language of the path that failed. It answers any
/// method because the status code pages re-execute the failed request, a POST included.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Key { get; private set; } = "Error404";

    /// <summary>For a 413: the size the refused request could have had, as people read it ("64 Ko", "5 Mo").</summary>
    public string SizeLimit { get; private set; } = "";

    /// <summary>For a 429: the minutes to wait, from the Retry-After the rate limiter set.</summary>
    public int RetryMinutes { get; private set; } = 1;

    // Runs whatever the method, since the failed request's is kept. The code is read from the route
    // rather than bound: binding would read the failed request's form, perhaps the very body refused.
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        // Asked for directly rather than shown for a failed request, the error page does not exist.
        var showingError = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        var code = showingError && int.TryParse(RouteData.Values["code"] as string, out var value) && value is >= 400 and <= 599 ? value : 404;
        if (Response.StatusCode < 400)
        {
            Response.StatusCode = code;
        }
        var failedPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        if (showingError && Api.ApiServices.IsApiPath(failedPath))
        {
            // The API's clients are programs: they get RFC 9457 problem details, readable from any site like its answers.
            Response.Headers.AccessControlAllowOrigin = "*";
            context.Result = new ObjectResult(Api.ApiServices.ProblemFor(code)) { StatusCode = code, ContentTypes = { "application/problem+json" } };
            return;
        }
        Key = code switch
        {
            403 => "Error403",
            404 => "Error404",
            405 => "Error405",
            413 => "Error413",
            429 => "Error429",
            >= 500 => "Error500",
            _ => "Error400",
        };
        if (code == 429 && int.TryParse(Response.Headers.RetryAfter.ToString(), out var seconds))
        {
            RetryMinutes = Math.Max(1, (seconds + 59) / 60);
        }
        if (code == 413)
        {
            var bytes = WebSecurity.MaxRequestBodyBytesOf(HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.Endpoint);
            var french = Languages.Current == "fr";
            SizeLimit = bytes >= 1024 * 1024
                ? $"{bytes / (1024 * 1024)} {(french ? "Mo" : "MB")}"
                : $"{bytes / 1024} {(french ? "Ko" : "KB")}";
        }
    }
}
