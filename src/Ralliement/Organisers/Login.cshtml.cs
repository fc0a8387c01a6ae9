using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Ralliement.AntiAbuse;

namespace Ralliement.Organisers;

/// <summary>
/// Organisers sign in with their email and password. Every refusal (unknown address, wrong
/// password, locked account, unconfirmed account) gets the same answer, so the page does not tell
/// which addresses have an account.
/// </summary>
[EnableRateLimiting(RateLimits.LinksPolicy)]
public sealed class LoginModel(SignInManager<Organiser> signIn) : PageModel
{
    [BindProperty, Required, EmailAddress, StringLength(SignerLimits.Email)]
    public string Email { get; set; } = "";

    [BindProperty, Required, StringLength(1000)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Refused { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string lang)
    {
        if (!ModelState.IsValid)
        {
            return Refuse();
        }
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return Redirect($"/{lang}/organiser/login/two-factor?returnUrl={Uri.EscapeDataString(SafeReturnUrl(lang))}");
        }
        return result.Succeeded ? LocalRedirect(SafeReturnUrl(lang)) : Refuse();
    }

    private PageResult Refuse()
    {
        Refused = true;
        Password = "";
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private string SafeReturnUrl(string lang) =>
        ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : $"/{lang}/organiser";
}
