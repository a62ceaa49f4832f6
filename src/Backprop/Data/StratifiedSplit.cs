namespace Backprop.Data;

/// <summary>Divides a labelled set into training and test sets with the same class mix.</summary>
/// <remarks>
/// <para>
/// The training set gets a given total. Class c, with n_c of the N images, is owed the quota
/// q_c = n_c · total / N; it gets ⌊q_c⌋, and the images still owed go one each to the classes
/// with the largest remainders q_c − ⌊q_c⌋, ties to the lower class (Hamilton's
/// largest-remainder rule). The totals are therefore exact.
/// </para>
/// <para>
/// The split is deterministic: within each class, the first images in set order go to
/// training and the rest to test; both sets keep the original order.
/// </para>
/// </remarks>
public static class StratifiedSplit
{
    /// <summary>Computes how many images of each class go to training.</summary>
    /// <param name="classCounts">The number of images of each class.</param>
    /// <param name="trainTotal">The size of the training set.</param>
    /// <returns>One count per class, at most its class count, summing to the total.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A count is negative, or the total is negative or exceeds the number of images.
    /// </exception>
    public static int[] TrainCounts(ReadOnlySpan<int> classCounts, int trainTotal)
    {
        long n = 0;
        foreach (var count in classCounts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(classCounts));
            n += count;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(trainTotal);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trainTotal, n);

        var train = new int[classCounts.Length];
        var remainders = new long[classCounts.Length];
        var left = trainTotal;
        for (var c = 0; c < classCounts.Length && n > 0; c++)
        {
            var quota = (long)classCounts[c] * trainTotal;
            train[c] = (int)(quota / n);
            remainders[c] = quota % n;
            left -= train[c];
        }

        // left = Σ remainders / n with each remainder below n, so more than left classes
        // have a positive remainder: each gets at most one more, only one with ⌊q⌋ < count.
        for (; left > 0; left--)
        {
            var best = 0;
            for (var c = 1; c < remainders.Length; c++)
            {
                best = remainders[c] > remainders[best] ? c : best;
            }

            train[best]++;
            remainders[best] = -1;
        }

        return train;
    }

    /// <summary>Splits a set into training and test sets by <see cref="TrainCounts"/>.</summary>
    /// <param name="name">The name the result carries.</param>
    /// <param name="images">The images to split.</param>
    /// <param name="trainTotal">The size of the training set.</param>
    /// <returns>The two sets; the test set holds the remaining images.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The total is negative or exceeds the number of images.
    /// </exception>
    public static DataSplit Split(string name, LabeledImages images, int trainTotal)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(images);

        var owed = TrainCounts(images.CountPerClass(), trainTotal);
        var train = new int[trainTotal];
        var test = new int[images.Count - trainTotal];
        int trainCount = 0, testCount = 0;
        for (var n = 0; n < images.Count; n++)
        {
            var label = images.Labels[n];
            if (owed[label] > 0)
            {
                owed[label]--;
                train[trainCount++] = n;
            }
            else
            {
                test[testCount++] = n;
            }
        }

        return new DataSplit(name, images.Subset(train), images.Subset(test));
    }
}
