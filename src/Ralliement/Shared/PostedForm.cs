namespace Ralliement.Shared;

/// <summary>
/// Reads a posted form by hand, for the public forms that do: when a body cannot be parsed as a
/// form, model binding silently leaves every value null, where this answers 415 (not a form) or
/// 400 (a form that cannot be read) plainly.
/// </summary>
public static class PostedForm
{
    /// <returns>The form, or else the refusal to send back.</returns>
    public static async Task<(IFormCollection? Form, IActionResult? Refusal)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (null, new StatusCodeResult(StatusCodes.Status415UnsupportedMediaType));
        }
        try
        {
            return (await request.ReadFormAsync(cancellationToken), null);
        }
        catch (Exception exception) when (exception is InvalidDataException or (IOException and not BadHttpRequestException))
        {
            return (null, new BadRequestResult());
        }
    }
}
