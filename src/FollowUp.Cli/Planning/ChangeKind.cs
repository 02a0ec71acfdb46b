namespace FollowUp.Cli.Planning;

internal enum ChangeKind
{
    Create,
    Change,
    Delete,
}
