namespace FollowUp.Http;

/// <summary>The answer pages' words in one language: the confirmation a link opens, and the thanks after it.</summary>
internal sealed record AnswerPageText(
    string Lang,
    string ConfirmTitle,
    string ConfirmText,
    string ConfirmButton,
    string ThanksTitle,
    string ThanksText,
    string Again,
    string CommentLabel,
    string SaveButton,
    string Commented,
    string ChangeHint,
    string ChangeLegend)
{
    /// <summary>Bokmål, Nynorsk, Danish, Swedish, or English for any other locale.</summary>
    public static AnswerPageText For(string? locale) => (locale ?? "en").ToLowerInvariant() switch
    {
        var l when l.StartsWith("nn", StringComparison.Ordinal) => Nynorsk,
        var l when l.StartsWith("nb", StringComparison.Ordinal) || l.StartsWith("no", StringComparison.Ordinal) => Bokmal,
        var l when l.StartsWith("da", StringComparison.Ordinal) => Danish,
        var l when l.StartsWith("sv", StringComparison.Ordinal) => Swedish,
        _ => English,
    };

    private static readonly AnswerPageText Bokmal = new(
        "nb",
        "Bekreft svaret ditt",
        "Du valgte «{0}». Trykk på knappen for å sende svaret.",
        "Send svaret",
        "Takk for svaret!",
        "Svaret ditt er registrert: «{0}». Det hjelper oss å bli bedre.",
        "Vi hadde allerede fått svaret ditt. Takk igjen!",
        "Vil du legge til noe? (valgfritt)",
        "Send",
        "Takk – vi har fått kommentaren din også.",
        "Vil du endre svaret, velger du et annet i e-posten.",
        "Svaret ditt – du kan endre det her");

    private static readonly AnswerPageText Nynorsk = new(
        "nn",
        "Stadfest svaret ditt",
        "Du valde «{0}». Trykk på knappen for å sende svaret.",
        "Send svaret",
        "Takk for svaret!",
        "Svaret ditt er registrert: «{0}». Det hjelper oss å bli betre.",
        "Vi hadde alt fått svaret ditt. Takk igjen!",
        "Vil du leggje til noko? (valfritt)",
        "Send",
        "Takk – vi har fått kommentaren din òg.",
        "Vil du endre svaret, vel du eit anna i e-posten.",
        "Svaret ditt – du kan endre det her");

    private static readonly AnswerPageText Danish = new(
        "da",
        "Bekræft dit svar",
        "Du valgte »{0}«. Tryk på knappen for at sende svaret.",
        "Send svaret",
        "Tak for dit svar!",
        "Dit svar er registreret: »{0}«. Det hjælper os med at blive bedre.",
        "Vi havde allerede fået dit svar. Tak igen!",
        "Er der noget, du vil tilføje? (valgfrit)",
        "Send",
        "Tak – vi har også fået din kommentar.",
        "Vil du ændre dit svar, så vælg et andet i e-mailen.",
        "Dit svar – du kan ændre det her");

    private static readonly AnswerPageText Swedish = new(
        "sv",
        "Bekräfta ditt svar",
        "Du valde ”{0}”. Tryck på knappen för att skicka svaret.",
        "Skicka svaret",
        "Tack för ditt svar!",
        "Ditt svar är registrerat: ”{0}”. Det hjälper oss att bli bättre.",
        "Vi hade redan fått ditt svar. Tack igen!",
        "Vill du lägga till något? (frivilligt)",
        "Skicka",
        "Tack – vi har fått din kommentar också.",
        "Vill du ändra ditt svar väljer du ett annat i mejlet.",
        "Ditt svar – du kan ändra det här");

    private static readonly AnswerPageText English = new(
        "en",
        "Confirm your answer",
        "You chose “{0}”. Press the button to send your answer.",
        "Send my answer",
        "Thank you for your answer!",
        "Your answer has been recorded: “{0}”. It helps us get better.",
        "We already had your answer. Thank you again!",
        "Anything you would like to add? (optional)",
        "Send",
        "Thank you – we have your comment too.",
        "To change your answer, choose another one in the email.",
        "Your answer – you can change it here");
}
