using Microsoft.AspNetCore.Identity;

namespace Ralliement.Organisers;

/// <summary>The signed-in organiser's own account: their password, and a link to two-factor authentication.</summary>
[Authorize]
public sealed class AccountModel(UserManager<Organiser> users, SignInManager<Organiser> signIn) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? Confirmation { get; set; }

    public Organiser Organiser { get; private set; } = null!;
    public FormErrors Errors { get; } = [];
    public bool Changed { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool changed = false)
    {
        Organiser = await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in organiser has an account.");
        Changed = changed;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string lang)
    {
        Organiser = await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in organiser has an account.");
        if (CurrentPassword is not { Length: > 0 and <= 1000 })
        {
            Errors.Add("current", "CurrentPasswordWrong");
        }
        if (NewPassword is not { Length: > 0 and <= 1000 })
        {
            Errors.Add("new", "PasswordRefused");
        }
        else if (NewPassword != Confirmation)
        {
            Errors.Add("confirmation", "PasswordsDiffer");
        }
        if (!Errors.Any)
        {
            var result = await users.ChangePasswordAsync(Organiser, CurrentPassword!, NewPassword!);
            if (result.Succeeded)
            {
                // The password changed the security stamp: a new cookie, so this session stays open.
                await signIn.RefreshSignInAsync(Organiser);
                return Redirect($"/{lang}/organiser/account?changed=true");
            }
            foreach (var error in result.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                {
                    Errors.Add("current", "CurrentPasswordWrong");
                }
                else
                {
                    Errors.Add("new", PasswordErrors.Key(error));
                }
            }
        }
        CurrentPassword = NewPassword = Confirmation = "";
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
