namespace FollowUp.SelfHost.Storage;

/// <summary>Finds the checkout this program was built from: the nearest folder up with FollowUp's package.json.</summary>
public static class RepositoryRoot
{
    public static string? Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var packageJson = Path.Combine(folder.FullName, "package.json");
                if (File.Exists(packageJson) && File.ReadAllText(packageJson).Contains("\"azurite\"", StringComparison.Ordinal))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }
}
