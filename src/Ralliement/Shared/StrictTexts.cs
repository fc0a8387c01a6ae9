using Microsoft.Extensions.Localization;

namespace Ralliement.Shared;

/// <summary>
/// With the setting <c>StrictTexts=true</c> (the tests set it), asking a resource for a key it does
/// not hold throws instead of printing the key: a page showing "LegalNoticeLink" in its footer then
/// fails every test that renders it, not only a reader's eye. Code that tries several resources in
/// turn asks <see cref="Holds"/> first.
/// </summary>
public static class StrictTexts
{
    public static void AddStrictTexts(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>("StrictTexts"))
        {
            return;
        }
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory>(provider =>
            new StrictFactory(provider.GetRequiredService<ResourceManagerStringLocalizerFactory>()));
    }

    /// <summary>Whether the resource holds the key in the current language or its parents, without asking for it.</summary>
    public static bool Holds(this IStringLocalizer resource, string key) =>
        resource.GetAllStrings(includeParentCultures: true).Any(s => s.Name == key);

    private sealed class StrictFactory(IStringLocalizerFactory inner) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => new Strict(inner.Create(resourceSource), resourceSource.Name);

        public IStringLocalizer Create(string baseName, string location) => new Strict(inner.Create(baseName, location), baseName);
    }

    private sealed class Strict(IStringLocalizer inner, string resource) : IStringLocalizer
    {
        public LocalizedString this[string name] => Found(inner[name]);

        public LocalizedString this[string name, params object[] arguments] => Found(inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private LocalizedString Found(LocalizedString text) => text.ResourceNotFound
            ? throw new InvalidOperationException($"The text resource {resource} has no key \"{text.Name}\".")
            : text;
    }
}
