namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>
/// What the product answers wrongly today, one line each: the cases stay in the tables, skipped with these reasons,
/// until src/ is fixed. Each is also the Skip text of its theory row.
/// </summary>
internal static class KnownDefects
{
    public const string LoneSurrogateInName =
        "defect: POST /api/events with an escaped lone surrogate in a property name (e.g. {\"k\\ud800\":1}) is 500: JsonDocument.Parse's duplicate check throws InvalidOperationException, which EventsApi does not catch";

    public const string BinaryModeLoneSurrogate =
        "defect: POST /api/events in binary mode (ce-* headers) with \\ud800 in a data string is 500: FromBinaryMode re-serializes the body before EventParser checks its strings";

    public const string NonAsciiDigits =
        "defect: PUT /api/rules/{id} with delay P٣D (any non-ASCII Unicode digit) is 500: the \\d of Iso8601Duration matches it and double.Parse throws FormatException";

    public const string NumbersAsStrings =
        "defect: PUT /api/rules/{id} with coupon.length \"12\" (a string) is 201: FollowUpJson's Web defaults read numbers from strings";

    public const string PascalCaseNames =
        "defect: PUT /api/rules/{id} with {\"Trigger\",\"Delay\",\"TemplateId\"} is 201: FollowUpJson's Web defaults match names case-insensitively, so non-camelCase names are not refused";

    public const string RulesMediaType =
        "defect: PUT /api/rules/{id} with Content-Type text/plain or application/xml is 400 (errors.body), not 415 as POST /api/events answers";

    public const string TemplatesMediaType =
        "defect: PUT /api/templates/{id} and POST /api/templates/{id}/preview with Content-Type text/plain or application/xml are 400 (errors.body), not 415";

    public const string OutputTruncated =
        "defect: POST /api/templates/{id}/preview with a draft writing 1 MB (for i in 1..999: pad_left 1000) is 200 with the output cut at 256K characters per part, not 400 naming template: TemplateRenderer's OutputLimit truncates (Scriban's default OnOutputLimit) instead of failing";

    public const string WrongFieldForBadName =
        "defect: PUT /api/templates/{id} with a locale key holding \\ud800 is 400 naming locales.nb (the valid key before it), not the bad key or locales";

    public const string UnclosedBlock =
        "defect: PUT /api/templates/{id} with a part 'Hi {{ order.id ' (no closing braces) is 201: Scriban ends the block at the end of the text, so the validator's parse accepts it";

    public const string LinkMessageIdNotChecked =
        "defect: GET /r/{token} and POST /u/{token} with a genuinely signed token whose message id is not 32 hex digits (e.g. '../../x') is 500 after ~5 s of storage retries: CustomerResponses looks the id up as a table key without MessageIds.IsWellFormed";
}
