using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;

namespace Backprop.Threading;

/// <summary>Work that a <see cref="WorkerTeam"/> runs as numbered, independent items.</summary>
internal interface IIndexedWork
{
    /// <summary>Runs one item.</summary>
    /// <param name="item">The item's number, from 0.</param>
    void Execute(int item);
}

/// <summary>
/// A fixed set of threads that share out the items of one job at a time, with low latency.
/// </summary>
/// <remarks>
/// A training step hands the threads several short jobs (the shards of a batch, the ranges of
/// an update), each tens to hundreds of microseconds long. Waking thread-pool workers for each
/// costs a noticeable share of that, so the team's threads spin for a while after a job before
/// they block, and a job allocates nothing. Items are taken in any order by any thread; the
/// caller takes items too. The result of a job must therefore not depend on which thread ran
/// an item. When another job is running (another trainer in the same process, or a job
/// started from inside an item), the caller runs its items itself.
/// </remarks>
[SuppressMessage(
    "Design",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The one team lives as long as the process; its threads never end.")]
internal sealed class WorkerTeam
{
    // Spins (about 20–60 µs) before a waiting thread blocks in the kernel.
    private const int SpinCount = 2000;

    private static readonly Lazy<WorkerTeam> SharedTeam =
        new(() => new WorkerTeam(Environment.ProcessorCount - 1));

    private readonly ManualResetEventSlim[] start;
    private readonly ManualResetEventSlim done = new(false, SpinCount);
    private readonly Lock gate = new();
    private IIndexedWork? work;
    private int count;
    private int next;
    private int pending;
    private Exception? failure;

    private WorkerTeam(int helpers)
    {
        start = new ManualResetEventSlim[Math.Max(0, helpers)];
        for (var i = 0; i < start.Length; i++)
        {
            start[i] = new ManualResetEventSlim(false, SpinCount);
            var id = i;
            var thread = new Thread(() => Serve(id))
            {
                IsBackground = true,
                Name = $"backprop worker {i + 1}",
            };
            thread.Start();
        }
    }

    /// <summary>Gets the team of the process: one thread per processor besides the caller.
    /// </summary>
    public static WorkerTeam Shared => SharedTeam.Value;

    /// <summary>Runs items 0 … count − 1 of a job on at most a given number of threads.</summary>
    /// <param name="job">The work.</param>
    /// <param name="items">The number of items.</param>
    /// <param name="threads">The most threads to use, the caller included.</param>
    public void Run(IIndexedWork job, int items, int threads)
    {
        var helpers = Math.Min(Math.Min(threads, items) - 1, start.Length);
        // A job started from inside an item, or while another caller's job runs, stays on the
        // calling thread.
        if (helpers <= 0 || gate.IsHeldByCurrentThread || !gate.TryEnter())
        {
            for (var i = 0; i < items; i++)
            {
                job.Execute(i);
            }

            return;
        }

        try
        {
            work = job;
            count = items;
            next = 0;
            failure = null;
            pending = helpers;
            done.Reset();
            for (var i = 0; i < helpers; i++)
            {
                start[i].Set();
            }

            Drain();
            done.Wait();
            work = null;
            if (failure is { } error)
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }
        }
        finally
        {
            gate.Exit();
        }
    }

    private void Serve(int id)
    {
        while (true)
        {
            start[id].Wait();
            start[id].Reset();
            Drain();
            if (Interlocked.Decrement(ref pending) == 0)
            {
                done.Set();
            }
        }
    }

    private void Drain()
    {
        var job = work!;
        int item;
        while ((item = Interlocked.Increment(ref next) - 1) < count)
        {
            try
            {
                job.Execute(item);
            }
            catch (Exception error)
            {
                Interlocked.CompareExchange(ref failure, error, null);
            }
        }
    }
}
