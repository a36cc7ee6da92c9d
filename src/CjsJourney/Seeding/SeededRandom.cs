namespace CjsJourney.Seeding;

/// <summary>
/// SplitMix64: a small generator whose sequence is fixed by its seed on every platform and runtime, which
/// <see cref="Random"/> does not promise. Same seed, same data set, same event ids.
/// </summary>
internal sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A seed for an independent stream derived from this one's seed and some labels (e.g. a case number).</summary>
    public static ulong Derive(ulong seed, params ReadOnlySpan<long> labels)
    {
        var h = seed ^ 0x6A09E667F3BCC909UL;
        foreach (var label in labels)
        {
            h = Mix(h ^ (ulong)label);
        }

        return h;
    }

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>[0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>[min, max].</summary>
    public int Between(int min, int max) => min + (int)(NextDouble() * (max - min + 1));

    /// <summary>[min, max).</summary>
    public double Range(double min, double max) => min + NextDouble() * (max - min);

    public T Pick<T>(IReadOnlyList<T> items) => items[(int)(NextDouble() * items.Count)];

    public T Pick<T>(IReadOnlyList<(T Value, double Weight)> weighted)
    {
        var total = 0.0;
        foreach (var (_, weight) in weighted)
        {
            total += weight;
        }

        var x = NextDouble() * total;
        foreach (var (value, weight) in weighted)
        {
            x -= weight;
            if (x < 0)
            {
                return value;
            }
        }

        return weighted[^1].Value;
    }

    /// <summary>A value spread evenly on a log scale: many short, a few long (custody lengths, waits).</summary>
    public double LogUniform(double min, double max) => Math.Exp(Range(Math.Log(min), Math.Log(max)));
}
