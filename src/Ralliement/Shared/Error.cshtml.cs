using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ralliement.Shared;

/// <summary>
/// The page shown for every error status, in the language of the path that failed. It answers any
/// method because the status code pages re-execute the failed request, a POST included.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Key { get; private set; } = "Error404";

    public void OnGet() => Show();

    // Read from the route rather than bound: binding would read the failed request's form, perhaps the very body refused.
    public void OnPost() => Show();

    private void Show()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, out var value) && value is >= 400 and <= 599 ? value : 404;
        if (Response.StatusCode < 400)
        {
            Response.StatusCode = code;
        }
        Response.Headers.CacheControl = "no-store";
        Key = code switch
        {
            403 => "Error403",
            404 => "Error404",
            413 => "Error413",
            >= 500 => "Error500",
            _ => "Error400",
        };
    }
}
