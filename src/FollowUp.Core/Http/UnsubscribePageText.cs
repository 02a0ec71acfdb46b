namespace FollowUp.Http;

/// <summary>The unsubscribe pages' words in one language: the choice, and what was stopped.</summary>
/// <param name="Lang">The page's language.</param>
/// <param name="Title">The choice page's heading.</param>
/// <param name="Intro">What to do.</param>
/// <param name="Legend">The choices' caption.</param>
/// <param name="Choices">Marketing only; marketing and feedback; everything.</param>
/// <param name="Button">The button.</param>
/// <param name="Done">For each choice in the same order, the heading and text after it.</param>
internal sealed record UnsubscribePageText(string Lang, string Title, string Intro, string Legend, string[] Choices, string Button, (string Title, string Text)[] Done)
{
    /// <summary>Bokmål, Nynorsk, Danish, Swedish, or English for any other locale.</summary>
    public static UnsubscribePageText For(string? locale) => (locale ?? "en").ToLowerInvariant() switch
    {
        var l when l.StartsWith("nn", StringComparison.Ordinal) => Nynorsk,
        var l when l.StartsWith("nb", StringComparison.Ordinal) || l.StartsWith("no", StringComparison.Ordinal) => Bokmal,
        var l when l.StartsWith("da", StringComparison.Ordinal) => Danish,
        var l when l.StartsWith("sv", StringComparison.Ordinal) => Swedish,
        _ => English,
    };

    private static readonly UnsubscribePageText Bokmal = new(
        "nb",
        "Hva vil du ikke lenger få?",
        "Velg hva du vil slutte å få fra oss, og trykk på knappen.",
        "Jeg vil ikke lenger få",
        ["Bare tilbud og markedsføring", "Tilbud og spørsmål om hva jeg synes (anmeldelser, undersøkelser)", "All e-post fra dere, også om bestillingene mine"],
        "Meld meg av",
        [
            ("Du er meldt av tilbud", "Du får ikke flere tilbud fra oss. Vi skriver fortsatt om bestillingene dine, og kan spørre hva du synes om dem."),
            ("Du er meldt av", "Du får ikke flere tilbud eller spørsmål fra oss, bare e-post om bestillingene dine. Planlagte e-poster av den typen er stoppet."),
            ("Du er meldt av", "Du får ikke flere oppfølgings-e-poster fra oss. Planlagte e-poster er stoppet."),
        ]);

    private static readonly UnsubscribePageText Nynorsk = new(
        "nn",
        "Kva vil du ikkje lenger få?",
        "Vel kva du vil slutte å få frå oss, og trykk på knappen.",
        "Eg vil ikkje lenger få",
        ["Berre tilbod og marknadsføring", "Tilbod og spørsmål om kva eg synest (omtalar, undersøkingar)", "All e-post frå dykk, òg om bestillingane mine"],
        "Meld meg av",
        [
            ("Du er meld av tilbod", "Du får ikkje fleire tilbod frå oss. Vi skriv framleis om bestillingane dine, og kan spørje kva du synest om dei."),
            ("Du er meld av", "Du får ikkje fleire tilbod eller spørsmål frå oss, berre e-post om bestillingane dine. Planlagde e-postar av den typen er stoppa."),
            ("Du er meld av", "Du får ikkje fleire oppfølgings-e-postar frå oss. Planlagde e-postar er stoppa."),
        ]);

    private static readonly UnsubscribePageText Danish = new(
        "da",
        "Hvad vil du ikke længere modtage?",
        "Vælg, hvad du vil holde op med at få fra os, og tryk på knappen.",
        "Jeg vil ikke længere modtage",
        ["Kun tilbud og markedsføring", "Tilbud og spørgsmål om, hvad jeg synes (anmeldelser, undersøgelser)", "Alle e-mails fra jer, også om mine ordrer"],
        "Afmeld",
        [
            ("Du er afmeldt tilbud", "Du får ikke flere tilbud fra os. Vi skriver stadig om dine ordrer og kan spørge, hvad du synes om dem."),
            ("Du er afmeldt", "Du får ikke flere tilbud eller spørgsmål fra os, kun e-mails om dine ordrer. Planlagte e-mails af den slags er stoppet."),
            ("Du er afmeldt", "Du får ikke flere opfølgende e-mails fra os. Planlagte e-mails er stoppet."),
        ]);

    private static readonly UnsubscribePageText Swedish = new(
        "sv",
        "Vad vill du inte längre få?",
        "Välj vad du vill sluta få från oss och tryck på knappen.",
        "Jag vill inte längre få",
        ["Bara erbjudanden och marknadsföring", "Erbjudanden och frågor om vad jag tycker (recensioner, enkäter)", "Alla mejl från er, även om mina beställningar"],
        "Avregistrera mig",
        [
            ("Du är avregistrerad från erbjudanden", "Du får inga fler erbjudanden från oss. Vi skriver fortfarande om dina beställningar och kan fråga vad du tycker om dem."),
            ("Du är avregistrerad", "Du får inga fler erbjudanden eller frågor från oss, bara mejl om dina beställningar. Schemalagda mejl av det slaget har stoppats."),
            ("Du är avregistrerad", "Du får inga fler uppföljningsmejl från oss. Schemalagda mejl har stoppats."),
        ]);

    private static readonly UnsubscribePageText English = new(
        "en",
        "What would you like to stop?",
        "Choose what you no longer want from us, and press the button.",
        "I no longer want",
        ["Offers and marketing only", "Offers, and questions about what I think (reviews, surveys)", "All email from you, including notes about my orders"],
        "Unsubscribe",
        [
            ("You are unsubscribed from offers", "You will get no more offers from us. We will still write about your orders, and may ask what you think of them."),
            ("You are unsubscribed", "You will get no more offers or questions from us, only emails about your orders. Scheduled emails of that kind have been stopped."),
            ("You are unsubscribed", "You will not get any more follow-up emails from us. Scheduled emails have been stopped."),
        ]);
}
