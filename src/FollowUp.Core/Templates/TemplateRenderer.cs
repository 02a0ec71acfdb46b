using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;
using FollowUp.Links;
using FollowUp.Sending;

namespace FollowUp.Templates;

/// <summary>
/// Renders a template for one message with limits on loops, recursion, output and time, so that a careless template
/// fails that message with a reason instead of hanging the dispatcher. Parsed templates are cached by their text.
/// </summary>
public sealed class TemplateRenderer(LinkSigner links, IOptions<FollowUpOptions> options, IOptions<SendGridOptions> sender, IOptions<ScriptLimits> limits)
{
    private const int LoopLimit = 1_000;
    private const int RecursiveLimit = 20;
    private const int OutputLimit = 256 * 1024;
    private const int MaxCached = 2_000;

    private readonly ConcurrentDictionary<(TemplateSyntax Syntax, string Text), Template> _cache = new();

    /// <param name="template">The template.</param>
    /// <param name="request">The message's model and details.</param>
    /// <param name="draft">True for unsaved content (a preview), which must not enter the cache.</param>
    /// <param name="pieces">The layout and partials the template uses, by id (see <see cref="TemplateIncludes.ResolveAsync"/>).</param>
    public RenderedContent Render(MessageTemplate template, RenderRequest request, bool draft = false, IReadOnlyDictionary<string, MessageTemplate>? pieces = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(request);
        pieces ??= NoPieces;
        var locale = LocaleFallback.Resolve(request.Locale ?? options.Value.DefaultLocale, template.Locales.Keys)
            ?? throw new TemplateRenderException($"Template '{template.Id}' has no content for '{request.Locale}' nor for '{LocaleFallback.Last}'.");
        var content = template.Locales[locale];
        var culture = Culture(request.Locale ?? locale);
        var budget = limits.Value.RenderBudget;
        using var deadline = new CancellationTokenSource(budget);
        var answers = new AnswerLinks(links, request.MessageId);
        var page = new PageParts(Globals(request, culture, locale, answers), culture, locale, pieces, draft, deadline.Token);
        var html = RenderPart(template, locale, "html", content.Html, page);
        var text = RenderPart(template, locale, "text", content.Text, page);
        if (template.Layout is { } layoutId)
        {
            if (!pieces.TryGetValue(layoutId, out var layout) || layout.Kind != TemplateKind.Layout)
            {
                throw new TemplateRenderException($"Template '{template.Id}' sits in layout '{layoutId}', which does not exist.");
            }

            var layoutLocale = LocaleFallback.Resolve(locale, layout.Locales.Keys)
                ?? throw new TemplateRenderException($"Layout '{layoutId}' has no content for '{locale}' nor for '{LocaleFallback.Last}'.");
            html = RenderPart(layout, layoutLocale, "html", layout.Locales[layoutLocale].Html, page, new RawHtml(html));
            text = RenderPart(layout, layoutLocale, "text", layout.Locales[layoutLocale].Text, page, text);
        }

        return new RenderedContent(locale, RenderPart(template, locale, "subject", content.Subject, page).Trim(), html, text)
        {
            Choices = answers.Choices,
        };
    }

    private static readonly IReadOnlyDictionary<string, MessageTemplate> NoPieces = new Dictionary<string, MessageTemplate>();

    /// <summary>What every part of one message's render shares.</summary>
    /// <param name="Model">The model and functions, made once per message: a part's own assignments go to a scope of its own above it.</param>
    private sealed record PageParts(ScriptObject Model, CultureInfo Culture, string Locale, IReadOnlyDictionary<string, MessageTemplate> Pieces, bool Draft, CancellationToken Deadline);

    private Template Parsed(MessageTemplate template, string locale, string part, string text, bool draft)
    {
        Template Parse() => ScriptParser.Parse(text, template.Syntax, out var error)
            ?? throw new TemplateRenderException($"Template '{template.Id}' ({locale}) {part} does not parse: {error}");
        if (draft)
        {
            return Parse();
        }

        if (_cache.Count > MaxCached)
        {
            _cache.Clear();
        }

        return _cache.GetOrAdd((template.Syntax, text), _ => Parse());
    }

    /// <param name="template">The message, or its layout.</param>
    /// <param name="locale">The locale of <paramref name="template"/>'s content being rendered.</param>
    /// <param name="part">subject, html or text.</param>
    /// <param name="text">The part's text.</param>
    /// <param name="page">What every part of the message shares.</param>
    /// <param name="content">For a layout: the message's rendered part, which <c>{{ content }}</c> writes.</param>
    private string RenderPart(MessageTemplate template, string locale, string part, string text, PageParts page, object? content = null)
    {
        var html = part == "html";
        var parsed = Parsed(template, locale, part, text, page.Draft);
        TemplateContext context = (html, template.Syntax) switch
        {
            (true, TemplateSyntax.Liquid) => new HtmlEscapingLiquidContext(),
            (true, _) => new HtmlEscapingContext(),
            (false, TemplateSyntax.Liquid) => new LiquidTemplateContext(),
            _ => new TemplateContext(),
        };
        context.LoopLimit = LoopLimit;
        context.RecursiveLimit = RecursiveLimit;
        context.ObjectRecursionLimit = RecursiveLimit;
        context.OutputLimit = OutputLimit;
        context.OnOutputLimit = ScriptLimitBehavior.Throw;
        context.EnableRelaxedMemberAccess = true;
        context.StrictVariables = false;
        context.TemplateLoader = new PieceLoader(page.Pieces, page.Locale, part);

        // Each partial parsed in its own syntax (a Liquid message may include a Scriban partial) and from the cache.
        foreach (var piece in page.Pieces.Values.Where(piece => piece.Kind == TemplateKind.Partial))
        {
            context.CachedTemplates[piece.Id] = Parsed(piece, page.Locale, part, PieceLoader.TextOf(piece, page.Locale, part), page.Draft);
        }

        context.PushCulture(page.Culture);
        var scope = new ScriptObject();
        foreach (var function in TemplateIncludes.Functions)
        {
            scope[function] = new IncludePiece(html);
        }

        if (content is not null)
        {
            scope["content"] = content;
        }

        context.PushGlobal(page.Model);
        context.PushGlobal(scope);
        try
        {
            return ScriptBudget.Run(context, limits.Value.RenderBudget, limits.Value.RegexTimeout, () => parsed.Render(context), page.Deadline);
        }
        catch (ScriptBudgetExceededException ex)
        {
            throw new TemplateRenderException($"Template '{template.Id}' ({locale}) {part}: {ex.Message}", ex);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new TemplateRenderException($"Template '{template.Id}' ({locale}) {part}: {ex.OriginalMessage} at line {ex.Span.Start.Line + 1}, column {ex.Span.Start.Column + 1}", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or InvalidCastException or NotSupportedException or KeyNotFoundException)
        {
            throw new TemplateRenderException($"Template '{template.Id}' ({locale}) {part}: {ex.Message}", ex);
        }
    }

    private ScriptObject Globals(RenderRequest request, CultureInfo culture, string locale, AnswerLinks answers)
    {
        var globals = ScriptModel.FromJson(request.Model);
        var message = new ScriptObject
        {
            ["id"] = request.MessageId,
            ["coupon_code"] = request.CouponCode,
            ["rule_id"] = request.RuleId,
            ["reminder"] = request.Reminder,
        };
        globals["message"] = message;
        globals["sender"] = new ScriptObject { ["name"] = sender.Value.FromName, ["email"] = sender.Value.FromEmail };
        globals["unsubscribe_url"] = links.UnsubscribeUrl(request.MessageId);
        globals.Import("answer_url", new Func<string, string?, string>(answers.Url));
        globals.Import("nps_url", new Func<object?, string>(answers.Nps));
        globals.Import("csat_url", new Func<object?, string>(answers.Csat));
        globals.Import("money", new Func<object?, string?, string>((amount, currency) => Money(amount, currency, culture)));
        globals.Import("raw", new Func<object?, RawHtml>(value => new RawHtml(value?.ToString() ?? string.Empty)));
        var zone = Zone(request.Model["customer"]?["timeZone"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null);
        var dates = DateCulture(culture, locale);
        globals.Import("local_date", new Func<object?, string>(time => LocalDate(time, zone, dates)));
        globals.Import("web_url", new Func<object?, string?>(WebUrl));
        return globals;
    }

    /// <summary>A time as the customer's calendar date, e.g. <c>tirsdag 24. november 2026</c>; empty for none.</summary>
    private static string LocalDate(object? time, TimeZoneInfo zone, CultureInfo culture)
    {
        DateTimeOffset? instant = time switch
        {
            null => null,
            DateTimeOffset offset => offset,
            DateTime { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime()),
            DateTime other => new DateTimeOffset(DateTime.SpecifyKind(other, DateTimeKind.Utc)),
            string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
            _ => throw new ArgumentException("local_date takes a time, such as an RFC 3339 timestamp from the event"),
        };
        return instant is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString("D", culture) : string.Empty;
    }

    /// <summary>
    /// A link from an event's data (a tracking page, a review page) when it is an absolute http or https URL, and
    /// null otherwise, so that <c>javascript:</c> or a relative path never becomes a link in a customer's mail.
    /// </summary>
    private static string? WebUrl(object? value) =>
        value is string text && Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? text
            : null;

    private TimeZoneInfo Zone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone
        : TimeZoneInfo.TryFindSystemTimeZoneById(options.Value.DefaultTimeZone, out var fallback) ? fallback
        : TimeZoneInfo.Utc;

    /// <summary>
    /// Dates are written in the language of the text around them, with the customer's regional conventions where that
    /// language has them: a Danish customer reading the English text gets <c>Tuesday, 24 November 2026</c> (en-DK),
    /// not Danish day names in English sentences.
    /// </summary>
    private static CultureInfo DateCulture(CultureInfo customer, string locale)
    {
        if (locale.Contains('-'))
        {
            return Culture(locale);
        }

        if (string.Equals(customer.TwoLetterISOLanguageName, locale, StringComparison.OrdinalIgnoreCase))
        {
            return customer;
        }

        return customer.Name.Split('-') is [_, .., { Length: 2 } region] ? Culture(locale + "-" + region) : Culture(locale);
    }

    private static string Money(object? amount, string? currency, CultureInfo culture)
    {
        var value = Convert.ToDecimal(amount ?? 0m, CultureInfo.InvariantCulture);
        if (currency is null)
        {
            return value.ToString("N2", culture);
        }

        try
        {
            var region = new RegionInfo(culture.Name);
            if (string.Equals(region.ISOCurrencySymbol, currency, StringComparison.OrdinalIgnoreCase))
            {
                return value.ToString("C", culture);
            }
        }
        catch (ArgumentException)
        {
            // A neutral culture ("nb") has no region and so no currency of its own.
        }

        return value.ToString("N2", culture) + " " + currency;
    }

    private static CultureInfo Culture(string tag)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(tag);
            return culture.IsNeutralCulture ? CultureInfo.CreateSpecificCulture(tag) : culture;
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
