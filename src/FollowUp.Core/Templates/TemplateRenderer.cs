using System.Collections.Concurrent;
using System.Globalization;
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
        string Part(string part, string text, bool html) => RenderPart(template, locale, part, text, request, culture, html, draft, deadline.Token);
        return new RenderedContent(locale, Part("subject", content.Subject, html: false).Trim(), Part("html", content.Html, html: true), Part("text", content.Text, html: false));
    }

    private string RenderPart(MessageTemplate template, string locale, string part, string text, RenderRequest request, CultureInfo culture, bool html, bool draft, CancellationToken deadline)
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
        context.PushGlobal(Globals(request, culture));
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

    private ScriptObject Globals(RenderRequest request, CultureInfo culture)
    {
        var globals = ScriptModel.FromJson(request.Model);
        var message = new ScriptObject
        {
            ["id"] = request.MessageId,
            ["coupon_code"] = request.CouponCode,
            ["rule_id"] = request.RuleId,
        };
        globals["message"] = message;
        globals["sender"] = new ScriptObject { ["name"] = sender.Value.FromName, ["email"] = sender.Value.FromEmail };
        globals["unsubscribe_url"] = links.UnsubscribeUrl(request.MessageId);
        globals.Import("answer_url", new Func<string, string>(answer =>
            LinkSigner.IsValidAnswer(answer)
                ? links.AnswerUrl(request.MessageId, answer)
                : throw new InvalidOperationException($"'{answer}' is not a valid answer (1-64 letters, digits, '-', '_', '.' or ':')")));
        globals.Import("money", new Func<object?, string?, string>((amount, currency) => Money(amount, currency, culture)));
        globals.Import("raw", new Func<object?, RawHtml>(value => new RawHtml(value?.ToString() ?? string.Empty)));
        return globals;
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
