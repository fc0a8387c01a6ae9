namespace Ralliement.Statistics;

/// <summary>Names the statistics pages' text resources: StatisticsText.resx (French) and StatisticsText.en.resx.</summary>
public sealed class StatisticsText;
