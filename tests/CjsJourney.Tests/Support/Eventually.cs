namespace CjsJourney.Tests.Support;

/// <summary>
/// Waits for something the service does on its own (a durable scheduled check, the daemon) by re-reading the real
/// state until it holds or the timeout passes — a condition, not a fixed sleep.
/// </summary>
public static class Eventually
{
    public static async Task<T> Holds<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan? timeout = null,
        string? because = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var last = await read();
        while (!condition(last))
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"Still not true after {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds} s: {because}. Last seen: {last}");
            }

            await Task.Delay(100, CancellationToken.None);
            last = await read();
        }

        return last;
    }
}
