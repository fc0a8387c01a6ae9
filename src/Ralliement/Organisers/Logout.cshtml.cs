using Microsoft.AspNetCore.Identity;

namespace Ralliement.Organisers;

[Authorize]
public sealed class LogoutModel(SignInManager<Organiser> signIn) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync([FromRoute] string lang)
    {
        await signIn.SignOutAsync();
        return Redirect($"/{lang}/organiser/login");
    }
}
