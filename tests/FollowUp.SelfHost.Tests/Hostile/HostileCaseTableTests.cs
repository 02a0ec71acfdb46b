using System.Reflection;

namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>The tables themselves: enough cases, and no known defect that silently stops running.</summary>
public sealed class HostileCaseTableTests
{
    private static readonly (CaseTable Table, Type Tests)[] Tables =
    [
        (EventsHostileCases.All, typeof(EventsHostileTests)),
        (RulesHostileCases.All, typeof(RulesHostileTests)),
        (TemplatesHostileCases.All, typeof(TemplatesHostileTests)),
        (MessagesHostileCases.All, typeof(MessagesHostileTests)),
        (LinksHostileCases.All, typeof(LinksHostileTests)),
        (SuppressionsHostileCases.All, typeof(SuppressionsHostileTests)),
        (AlertsHostileCases.All, typeof(AlertsHostileTests)),
    ];

    [Fact]
    public void CaseTables_AllRoutes_HoldAtLeastTwoHundredCases()
    {
        Assert.True(Tables.Sum(t => t.Table.Count) >= 200);
        Assert.All(Tables, t => Assert.True(t.Table.Count >= 20, $"{t.Tests.Name} has only {t.Table.Count} cases."));
    }

    [Fact]
    public void CaseTables_EveryProblem400_NamesTheFieldItExpects()
    {
        var unnamed = Tables
            .SelectMany(t => t.Table.Cases)
            .Where(c => c.Status == 400 && c.MediaType == HostileCase.ProblemJson && c.Field is null)
            .Select(c => c.Name);

        Assert.Empty(unnamed);
    }

    [Fact]
    public void CaseTables_EveryKnownDefect_IsSkippedWithItsReason()
    {
        foreach (var (table, tests) in Tables)
        {
            var skipped = tests.GetMethods()
                .SelectMany(method => method.GetCustomAttributes<MemberDataAttribute>())
                .Where(data => data.Skip is not null)
                .Select(data => (Name: (string)data.Parameters.Single(), Reason: data.Skip!))
                .OrderBy(pair => pair.Name, StringComparer.Ordinal)
                .ToList();
            var defects = table.Cases
                .Where(c => c.Defect is not null)
                .Select(c => (c.Name, Reason: c.Defect!))
                .OrderBy(pair => pair.Name, StringComparer.Ordinal)
                .ToList();

            Assert.Equal(defects, skipped);
            Assert.All(defects, defect => Assert.StartsWith("defect: ", defect.Reason, StringComparison.Ordinal));
        }
    }
}
