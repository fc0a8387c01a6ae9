using Microsoft.AspNetCore.Identity;

namespace Ralliement.Organisers;

/// <summary>
/// Refuses passwords found in lists of leaked passwords, as NIST SP 800-63B (5.1.1.2) asks. The list,
/// common-passwords.txt, is the 49,233 passwords of zxcvbn-ts's <c>@zxcvbn-ts/language-common</c> 4.1.3
/// (MIT licence, © 2012-2016 Dan Wheeler and Dropbox, Inc., © 2021 zxcvbn-ts), most common first.
/// Identity has no such check, hence this small validator.
/// </summary>
public sealed class CommonPasswords : IPasswordValidator<Organiser>
{
    public const string ErrorCode = "PasswordCommon";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<Organiser> manager, Organiser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password, user)
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = "This password is too common." })
            : IdentityResult.Success);

    /// <summary>
    /// Common as it is, or a common password with digits and symbols added at its end
    /// ("password2026!"), or one repeated ("azerty" twice), or the organiser's own address.
    /// </summary>
    public static bool IsCommon(string password, Organiser? user = null)
    {
        var lower = password.Trim().ToLowerInvariant();
        var list = List.Value;
        if (list.Contains(lower))
        {
            return true;
        }
        var stem = lower.TrimEnd("0123456789!?.-_*#@$%&+= ".ToCharArray());
        if (stem.Length >= 4 && list.Contains(stem))
        {
            return true;
        }
        for (var length = 1; length <= lower.Length / 2; length++)
        {
            if (lower.Length % length == 0 && lower.Replace(lower[..length], "", StringComparison.Ordinal).Length == 0)
            {
                return true;
            }
        }
        var email = user?.Email?.ToLowerInvariant();
        return email is not null && (lower.Contains(email, StringComparison.Ordinal) || stem == email.Split('@')[0]);
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("Ralliement.Organisers.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }
        return set;
    }
}
