using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Ralliement.AntiAbuse;
using Ralliement.Data;

namespace Ralliement.Organisers;

/// <summary>
/// The second step of signing in with one of the recovery codes shown when two-factor
/// authentication was turned on, for an organiser without their phone. Each code works once.
/// </summary>
[EnableRateLimiting(RateLimits.LinksPolicy)]
public sealed class LoginRecoveryModel(SignInManager<Organiser> signIn) : PageModel
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
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        if (code.Length is > 0 and <= 20)
        {
            var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
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
