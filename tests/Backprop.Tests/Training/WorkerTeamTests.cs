using Backprop.Threading;

namespace Backprop.Tests.Training;

public sealed class WorkerTeamTests
{
    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(1000, 2)]
    [InlineData(1000, 1)]
    [InlineData(37, 16)]
    public void Run_ExecutesEveryItemExactlyOnce(int items, int threads)
    {
        var work = new Counting(items);

        WorkerTeam.Shared.Run(work, items, threads);

        Assert.All(work.Counts, count => Assert.Equal(1, count));
    }

    [Fact]
    public void Run_ManyJobsInARow_EachCompleteBeforeRunReturns()
    {
        for (var job = 0; job < 2000; job++)
        {
            var work = new Counting(3);
            WorkerTeam.Shared.Run(work, 3, 2);
            Assert.Equal([1, 1, 1], work.Counts);
        }
    }

    [Fact]
    public void Run_FromTwoThreadsAtOnce_CompletesBoth()
    {
        var first = new Counting(5000);
        var second = new Counting(5000);

        Parallel.Invoke(
            () => WorkerTeam.Shared.Run(first, 5000, 2),
            () => WorkerTeam.Shared.Run(second, 5000, 2));

        Assert.All(first.Counts, count => Assert.Equal(1, count));
        Assert.All(second.Counts, count => Assert.Equal(1, count));
    }

    [Fact]
    public void Run_ItemThrows_RethrowsTheSameExceptionAndStaysUsable()
    {
        var failing = new Failing(7);

        var error = Assert.Throws<InvalidOperationException>(
            () => WorkerTeam.Shared.Run(failing, 20, 2));

        Assert.Equal("item 7", error.Message);
        var work = new Counting(10);
        WorkerTeam.Shared.Run(work, 10, 2);
        Assert.All(work.Counts, count => Assert.Equal(1, count));
    }

    private sealed class Counting(int items) : IIndexedWork
    {
        public int[] Counts { get; } = new int[items];

        public void Execute(int item) => Interlocked.Increment(ref Counts[item]);
    }

    private sealed class Failing(int bad) : IIndexedWork
    {
        public void Execute(int item)
        {
            if (item == bad)
            {
                throw new InvalidOperationException($"item {bad}");
            }
        }
    }
}
