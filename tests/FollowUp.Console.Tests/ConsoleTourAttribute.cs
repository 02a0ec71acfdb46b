namespace FollowUp.Console.Tests;

/// <summary>
/// The README's screenshots, taken from a running self-host with data worth showing (the demo's week), when
/// FOLLOWUP_TOUR_URL and FOLLOWUP_TOUR_KEY name one; skipped otherwise. See ConsoleTour.
/// </summary>
public sealed class ConsoleTourAttribute : FactAttribute
{
    public ConsoleTourAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FOLLOWUP_TOUR_URL")))
        {
            Skip = "Takes the README's screenshots from a running demo: set FOLLOWUP_TOUR_URL, FOLLOWUP_TOUR_KEY and FOLLOWUP_TOUR_ORDER.";
        }
    }
}
