using System.Diagnostics;

namespace Ralliement.Bench;

/// <summary>
/// The processes this benchmark started; all are killed when it ends, however it ends, so that no
/// server is left listening on the shared machine.
/// </summary>
public sealed class ChildProcesses : IDisposable
{
    private readonly List<Process> processes = [];

    public ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
        Console.CancelKeyPress += (_, _) => Dispose();
    }

    public Process Start(ProcessStartInfo start)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        lock (processes)
        {
            processes.Add(process);
        }
        return process;
    }

    public void Dispose()
    {
        lock (processes)
        {
            foreach (var process in processes)
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
                    // Already gone.
                }
            }
            processes.Clear();
        }
    }
}
