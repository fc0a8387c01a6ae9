using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Ralliement.Bench;

/// <summary>
/// The processes this benchmark starts (the app, wrk, the export); all are killed when it ends,
/// however it ends, so that no server is left listening on the shared machine.
/// </summary>
public static class ChildProcesses
{
    private static readonly List<Process> Processes = [];
    private static readonly List<PosixSignalRegistration> Signals = [];

    /// <summary>True once SIGINT or SIGTERM came: what fails afterwards failed because it was stopped.</summary>
    public static bool Interrupted { get; private set; }

    /// <summary>
    /// Kills what is left on exit, and on SIGINT and SIGTERM ends the benchmark: the bare server's
    /// host would otherwise take SIGTERM as "stop the host" and the driver would carry on.
    /// </summary>
    public static void KillAllOnExit()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            Signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                Interrupted = true;
                KillAll();
                Environment.Exit(128 + (context.Signal == PosixSignal.SIGINT ? 2 : 15));
            }));
        }
    }

    public static Process Start(ProcessStartInfo start)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        lock (Processes)
        {
            Processes.Add(process);
        }
        return process;
    }

    public static void KillAll()
    {
        lock (Processes)
        {
            foreach (var process in Processes)
            {
                try
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                    }
                }
                catch (InvalidOperationException)
                {
                    // Already gone, or already disposed by its owner.
                }
            }
            Processes.Clear();
        }
    }
}
