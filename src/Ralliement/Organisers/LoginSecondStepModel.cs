using Microsoft.AspNetCore.Identity;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Ralliement.Organisers;

/// <summary>
/// The second step of signing in, after the password, for an organiser who turned on two-factor
/// authentication. Identity remembers who passed the first step in its short two-factor cookie;
/// without it, back to the first step. A wrong code and a locked account get the same answer.
/// </summary>
public abstract class LoginSecondStepModel(SignInManager<Organiser> signIn) : PageModel
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
        if (await SignInAsync(signIn, Code ?? "") is { Succeeded: true })
        {
            return LocalRedirect(LoginReturn.Safe(Url, ReturnUrl, lang));
        }
        Refused = true;
        Code = "";
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <returns>Null when what was typed cannot be a code at all.</returns>
    protected abstract Task<SignInResult?> SignInAsync(SignInManager<Organiser> signInManager, string typed);
}

/// <summary>Where signing in leads: the page asked for when it is on this site, else the dashboard.</summary>
public static class LoginReturn
{
    public static string Safe(IUrlHelper url, string? returnUrl, string lang) =>
        returnUrl is { Length: > 0 } && url.IsLocalUrl(returnUrl) ? returnUrl : $"/{lang}/organiser";
}
