using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Ralliement.Organisers;

/// <summary>
/// Where a one-time link lands: the first owner's link printed by <c>organiser create</c>, which
/// then leads to the first steps, and password-reset links. The link carries an Identity password-reset token, which is bound to the
/// account's security stamp: choosing a password changes the stamp, so the link works once.
/// </summary>
public sealed class SetUpModel(UserManager<Organiser> users, SignInManager<Organiser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty, StringLength(200)]
    public string? DisplayName { get; set; }

    [BindProperty, StringLength(1000)]
    public string Password { get; set; } = "";

    [BindProperty, StringLength(1000)]
    public string Confirmation { get; set; } = "";

    public string? Email { get; private set; }
    public bool LinkInvalid { get; private set; }
    public FormErrors Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var organiser = await FindAsync();
        if (organiser is null)
        {
            return Invalid();
        }
        Email = organiser.Email;
        DisplayName = organiser.DisplayName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string lang)
    {
        var organiser = await FindAsync();
        if (organiser is null)
        {
            return Invalid();
        }
        Email = organiser.Email;
        if (!ModelState.IsValid)
        {
            Errors.Add("", "SetUpTooLong");
        }
        else if (Password != Confirmation)
        {
            Errors.Add("", "PasswordsDiffer");
        }
        else
        {
            // A first set-up, not a reset: the account's address was never confirmed before.
            var firstSetUp = !organiser.EmailConfirmed;
            var result = await users.ResetPasswordAsync(organiser, Token!, Password);
            if (result.Succeeded)
            {
                organiser.EmailConfirmed = true;
                organiser.DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? organiser.DisplayName : DisplayName.Trim();
                await users.UpdateAsync(organiser);
                await users.ResetAccessFailedCountAsync(organiser);
                if (organiser.TwoFactorEnabled)
                {
                    // A reset link proves access to the inbox, not to the phone: the code is still asked.
                    await signIn.PasswordSignInAsync(organiser, Password, isPersistent: false, lockoutOnFailure: false);
                    return Redirect($"/{lang}/organiser/login/two-factor");
                }
                await signIn.SignInAsync(organiser, isPersistent: false);
                return Redirect(firstSetUp ? $"/{lang}/organiser/first-steps" : $"/{lang}/organiser");
            }
            foreach (var error in result.Errors)
            {
                Errors.Add("", PasswordErrors.Key(error));
            }
        }
        Password = Confirmation = "";
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<Organiser?> FindAsync()
    {
        if (string.IsNullOrEmpty(Id) || string.IsNullOrEmpty(Token) || Id.Length > 100 || Token.Length > 2000)
        {
            return null;
        }
        var organiser = await users.FindByIdAsync(Id);
        return organiser is not null
            && await users.VerifyUserTokenAsync(organiser, users.Options.Tokens.PasswordResetTokenProvider, UserManager<Organiser>.ResetPasswordTokenPurpose, Token)
            ? organiser
            : null;
    }

    private PageResult Invalid()
    {
        LinkInvalid = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
