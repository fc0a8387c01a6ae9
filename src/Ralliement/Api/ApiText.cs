namespace Ralliement.Api;

/// <summary>Names the texts of the API's reference page: ApiText.resx (French) and ApiText.en.resx.</summary>
public sealed class ApiText;
