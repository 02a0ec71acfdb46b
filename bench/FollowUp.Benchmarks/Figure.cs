namespace FollowUp.Benchmarks;

/// <summary>One line of the result table.</summary>
/// <param name="PerSecond">A throughput to compare with the raw ceiling, or null when the figure is not a rate.</param>
/// <param name="Ok">False when the measurement did not finish all it planned, or saw errors.</param>
internal sealed record Figure(string Id, string What, string Result, double? PerSecond, string Detail, bool Ok = true);
