using FollowUp.Rules;
using FollowUp.Templates;

namespace FollowUp.Cli.Planning;

/// <summary>The rules and templates a running FollowUp holds, as read in one go.</summary>
internal sealed record ServerContent(IReadOnlyList<Rule> Rules, IReadOnlyList<MessageTemplate> Templates);
