using System.Globalization;

namespace FollowUp.Benchmarks;

/// <summary>Sizes and limits of one run, from the command line; every measurement stops at its count or its time limit.</summary>
internal sealed record BenchmarkOptions
{
    /// <summary>Entities per entity-group transaction of the raw ceiling (the service's maximum).</summary>
    public const int RawBatchSize = 100;

    /// <summary>Partitions the raw writers share.</summary>
    public const int RawPartitions = 4;

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/FollowUp.Benchmarks -- [options]

          --quick                 a smoke run of a few seconds per figure (small sizes)
          --raw-entities N        entities written in batches for the raw ceiling (default 20000; quick 2000)
          --raw-singles N         entities written one by one for comparison (default 4000; quick 400)
          --events N              events posted one per request, and again in batches (default 1000; quick 200)
          --batch-size N          events per batch request (default 50, at most 500)
          --messages N            due messages of figure 5 (default 1000; quick 100)
          --dispatch-messages N   messages dispatched end to end in figures 3 and 7 (default 5000; quick 100)
          --latency-messages N    messages whose due-to-sent latency is measured (default 150; quick 30)
          --spread SECONDS        how long the latency messages keep falling due (default 10; quick 3)
          --lead SECONDS          how far ahead of its due time each latency message is scheduled (default 2)
          --waiting N             messages seeded to wait for next month, for figures 5 and 6 (default 100000; quick 5000)
          --replay-events N       events kept and replayed for figure 9 (default 100000; quick 5000)
          --instances N           Functions instances taking dispatch queue messages, for figure 7 (default 2)
          --clients N             concurrent HTTP clients and storage writers (default 8)
          --parallelism N         FollowUp:Dispatch:Parallelism (default: the product's default)
          --max-seconds SECONDS   time limit of each measurement (default 60; quick 15)
          --test-server           host the API on the in-memory TestServer instead of Kestrel on loopback
          --only N[,N...]         run only these measurements, e.g. --only 5,6 (without 1, no "vs raw ceiling")
          --help                  this text
        """;

    public bool Quick { get; init; }

    public int RawEntities { get; init; } = 20_000;

    public int RawSingles { get; init; } = 4_000;

    public int Events { get; init; } = 1_000;

    public int BatchSize { get; init; } = 50;

    public int Messages { get; init; } = 1_000;

    /// <summary>Figures 3 and 7: enough that start-up (JIT, connections, caches) is a small part of the time measured.</summary>
    public int DispatchMessages { get; init; } = 5_000;

    public int LatencyMessages { get; init; } = 150;

    public TimeSpan Spread { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Lead { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages waiting for next month while due ones are dispatched (figure 5) and the self-host idles (figure 6).</summary>
    public int Waiting { get; init; } = 100_000;

    /// <summary>Events seeded as kept for replays, and replayed (figure 9).</summary>
    public int ReplayEvents { get; init; } = 100_000;

    /// <summary>Concurrent consumers of the in-memory dispatch queue, each one Functions instance (figure 7).</summary>
    public int Instances { get; init; } = 2;

    public int Clients { get; init; } = 8;

    public int? Parallelism { get; init; }

    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(60);

    public bool UseTestServer { get; init; }

    /// <summary>The numbers of the measurements to run; null for all.</summary>
    public IReadOnlySet<int>? Only { get; init; }

    public bool Runs(int measurement) => Only is null || Only.Contains(measurement);


    private static readonly Dictionary<string, Func<BenchmarkOptions, int, BenchmarkOptions>> Setters = new(StringComparer.Ordinal)
    {
        ["--raw-entities"] = (o, v) => o with { RawEntities = v },
        ["--raw-singles"] = (o, v) => o with { RawSingles = v },
        ["--events"] = (o, v) => o with { Events = v },
        ["--batch-size"] = (o, v) => o with { BatchSize = Math.Min(v, 500) },
        ["--messages"] = (o, v) => o with { Messages = v },
        ["--dispatch-messages"] = (o, v) => o with { DispatchMessages = v },
        ["--latency-messages"] = (o, v) => o with { LatencyMessages = v },
        ["--spread"] = (o, v) => o with { Spread = TimeSpan.FromSeconds(v) },
        ["--lead"] = (o, v) => o with { Lead = TimeSpan.FromSeconds(v) },
        ["--waiting"] = (o, v) => o with { Waiting = v },
        ["--replay-events"] = (o, v) => o with { ReplayEvents = v },
        ["--instances"] = (o, v) => o with { Instances = v },
        ["--clients"] = (o, v) => o with { Clients = v },
        ["--parallelism"] = (o, v) => o with { Parallelism = v },
        ["--max-seconds"] = (o, v) => o with { MaxDuration = TimeSpan.FromSeconds(v) },
    };

    /// <summary>The options, or null with <paramref name="error"/> set (empty for --help).</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        error = null;
        var options = args.Contains("--quick") ? QuickDefaults() : new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--quick":
                    continue;
                case "--test-server":
                    options = options with { UseTestServer = true };
                    continue;
                case "--only":
                    var numbers = i + 1 < args.Count ? args[++i].Split(',') : [];
                    if (numbers.Length == 0 || !numbers.All(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                    {
                        error = "--only needs measurement numbers separated by commas, e.g. 5,6.";
                        return null;
                    }

                    options = options with { Only = numbers.Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToHashSet() };
                    continue;
                case "--help" or "-h":
                    error = string.Empty;
                    return null;
            }

            if (!Setters.TryGetValue(name, out var set))
            {
                error = $"Unknown option {name}.";
                return null;
            }

            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                error = $"{name} needs a whole number of at least 1.";
                return null;
            }

            options = set(options, value);
            i++;
        }

        return options;
    }

    private static BenchmarkOptions QuickDefaults() => new()
    {
        Quick = true,
        RawEntities = 2_000,
        RawSingles = 400,
        Events = 200,
        Messages = 100,
        DispatchMessages = 100,
        LatencyMessages = 30,
        Spread = TimeSpan.FromSeconds(3),
        Waiting = 5_000,
        ReplayEvents = 5_000,
        MaxDuration = TimeSpan.FromSeconds(15),
    };
}
