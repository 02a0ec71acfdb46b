namespace FollowUp.Cli.Api;

internal enum ResourceKind
{
    Template,
    Rule,
}
