using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ralliement.Data;

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
