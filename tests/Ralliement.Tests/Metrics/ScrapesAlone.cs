namespace Ralliement.Tests.Metrics;

/// <summary>
/// An OpenTelemetry exporter listens to every meter named Ralliement in its process, and the suite runs
/// many apps in one process: tests that read a scrape run on their own, so that no other app's
/// signatures or outbox show in their figures. (A site runs one app per process.)
/// </summary>
[CollectionDefinition(nameof(ScrapesAlone), DisableParallelization = true)]
public sealed class ScrapesAlone;
