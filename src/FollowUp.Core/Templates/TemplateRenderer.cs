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
    public RenderedContent Render(MessageTemplate template, RenderRequest request, bool draft = false)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(request);
        var locale = LocaleFallback.Resolve(request.Locale ?? options.Value.DefaultLocale, template.Locales.Keys)
            ?? throw new TemplateRenderException($"Template '{template.Id}' has no content for '{request.Locale}' nor for '{LocaleFallback.Last}'.");
        var content = template.Locales[locale];
        var culture = Culture(request.Locale ?? locale);
        var budget = limits.Value.RenderBudget;
        using var deadline = new CancellationTokenSource(budget);
        var answers = new AnswerLinks(links, request.MessageId);
        string Part(string part, string text, bool html) => RenderPart(template, locale, part, text, request, culture, html, draft, answers, deadline.Token);
        return new RenderedContent(locale, Part("subject", content.Subject, html: false).Trim(), Part("html", content.Html, html: true), Part("text", content.Text, html: false))
        {
            Choices = answers.Choices,
        };
    }

    private string RenderPart(MessageTemplate template, string locale, string part, string text, RenderRequest request, CultureInfo culture, bool html, bool draft, AnswerLinks answers, CancellationToken deadline)
    {
        Template Parse() => ScriptParser.Parse(text, template.Syntax, out var error)
            ?? throw new TemplateRenderException($"Template '{template.Id}' ({locale}) {part} does not parse: {error}");
        Template parsed;
        if (draft)
        {
            parsed = Parse();
        }
        else
        {
            if (_cache.Count > MaxCached)
            {
                _cache.Clear();
            }

            parsed = _cache.GetOrAdd((template.Syntax, text), _ => Parse());
        }

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
        context.PushCulture(culture);
        context.PushGlobal(Globals(request, culture, locale, answers));
        try
        {
            return ScriptBudget.Run(context, limits.Value.RenderBudget, limits.Value.RegexTimeout, () => parsed.Render(context), deadline);
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
