using Microsoft.AspNetCore.Mvc.Filters;

namespace Ralliement.Shared;

/// <summary>
/// Answers 405 when a page has no handler for a request that is not a GET. Razor Pages would otherwise
/// render the page without running any handler, with none of its data loaded.
/// </summary>
public sealed class MethodNotAllowed : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        // A page without a model (a fixed text) is shown for GET, and has nothing else.
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)
            && context.HandlerInstance is not ErrorModel)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }
        await next();
    }
}
