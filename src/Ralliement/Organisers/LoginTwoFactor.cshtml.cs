using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Ralliement.AntiAbuse;
using Ralliement.Data;

namespace Ralliement.Organisers;

/// <summary>
/// The second step of signing in for an organiser who turned on two-factor authentication: the
/// six-digit code of their authenticator app. Identity remembers who passed the first step in its
/// short two-factor cookie. A wrong code and a locked account get the same answer.
/// </summary>
[EnableRateLimiting(RateLimits.LinksPolicy)]
public sealed class LoginTwoFactorModel(SignInManager<Organiser> signIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang)
    {
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect($"/{lang}/organiser/login") : Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string lang)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return Redirect($"/{lang}/organiser/login");
        }
        // Authenticator apps show "123 456"; people type it as they read it.
        var code = new string((Code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (code.Length == 6)
        {
            var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
            if (result.Succeeded)
            {
                return LocalRedirect(LoginReturn.Safe(Url, ReturnUrl, lang));
            }
        }
        Refused = true;
        Code = "";
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

/// <summary>Where signing in leads: the page asked for when it is on this site, else the dashboard.</summary>
public static class LoginReturn
{
    public static string Safe(IUrlHelper url, string? returnUrl, string lang) =>
        returnUrl is { Length: > 0 } && url.IsLocalUrl(returnUrl) ? returnUrl : $"/{lang}/organiser";
}
