using System.Diagnostics;
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
/// an update), each tens to hundreds of microseconds long, and a one-sample gradient hands them
/// two jobs of a few microseconds. Waking a blocked thread costs more than such a job, so after
/// a job the team's threads poll for the next one for a while (<see cref="SpinTicks"/>) before
/// they block, and the caller polls for the end of a job the same way; a job allocates
/// nothing. Items are taken in any order by any thread; the caller takes items too. The result
/// of a job must therefore not depend on which thread ran an item. When another job is running
/// (another trainer in the same process, or a job started from inside an item), the caller runs
/// its items itself.
/// </remarks>
[SuppressMessage(
    "Design",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The one team lives as long as the process; its threads never end.")]
internal sealed class WorkerTeam
{
    // How long a thread polls before it blocks in the kernel: about 100 µs.
    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000;

    private static readonly Lazy<WorkerTeam> SharedTeam =
        new(() => new WorkerTeam(Environment.ProcessorCount - 1));

    private readonly Helper[] helpers;
    private readonly Sleeper done = new();
    private readonly Lock gate = new();
    private IIndexedWork? work;
    private int count;
    private int next;
    private int pending;
    private int completed;
    private Exception? failure;

    private WorkerTeam(int helperCount)
    {
        helpers = new Helper[Math.Max(0, helperCount)];
        for (var i = 0; i < helpers.Length; i++)
        {
            helpers[i] = new Helper();
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
        var used = Math.Min(Math.Min(threads, items) - 1, helpers.Length);
        // A job started from inside an item, or while another caller's job runs, stays on the
        // calling thread.
        if (used <= 0 || gate.IsHeldByCurrentThread || !gate.TryEnter())
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
            pending = used;
            var before = completed;
            for (var i = 0; i < used; i++)
            {
                helpers[i].Start();
            }

            Drain();
            done.WaitWhile(ref completed, before);
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
        var helper = helpers[id];
        while (true)
        {
            helper.WaitForStart();
            Drain();
            if (Interlocked.Decrement(ref pending) == 0)
            {
                Interlocked.Increment(ref completed);
                done.Wake();
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

    /// <summary>A helper thread's start signal: a job counter it polls, then blocks on.</summary>
    private sealed class Helper
    {
        private readonly Sleeper sleeper = new();
        private int started;
        private int seen;

        public void Start()
        {
            Interlocked.Increment(ref started);
            sleeper.Wake();
        }

        public void WaitForStart()
        {
            sleeper.WaitWhile(ref started, seen);
            seen = started;
        }
    }

    /// <summary>One thread's wait for a counter that another thread moves on.</summary>
    /// <remarks>
    /// The waiter polls the counter for <see cref="SpinTicks"/>, then announces that it is
    /// about to block and reads it once more; the other thread moves the counter with an
    /// interlocked operation (a full fence) and then wakes a waiter that has announced itself.
    /// One of the two always sees the other's write, so no wake is lost. A stray wake only makes
    /// the waiter read the counter again.
    /// </remarks>
    private sealed class Sleeper
    {
        private readonly ManualResetEventSlim signal = new(false, 0);
        private int blocking;

        // Returns once the field no longer holds the value.
        public void WaitWhile(ref int field, int value)
        {
            var since = Stopwatch.GetTimestamp();
            var polls = 0;
            while (Volatile.Read(ref field) == value)
            {
                Thread.SpinWait(4);
                if ((++polls & 63) != 0 || Stopwatch.GetTimestamp() - since < SpinTicks)
                {
                    continue;
                }

                Interlocked.Exchange(ref blocking, 1);
                if (Volatile.Read(ref field) == value)
                {
                    signal.Wait();
                }

                signal.Reset();
                Volatile.Write(ref blocking, 0);
                since = Stopwatch.GetTimestamp();
            }
        }

        // The caller has moved the counter with an interlocked operation.
        public void Wake()
        {
            if (Volatile.Read(ref blocking) != 0)
            {
                signal.Set();
            }
        }
    }
}
