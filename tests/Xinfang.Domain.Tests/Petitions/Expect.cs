using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Tests.Petitions;

internal static class Expect
{
    /// <summary>Asserts the action is refused with <paramref name="code"/> and leaves the petition as it was.</summary>
    public static DomainRuleViolation Refused(string code, Petition petition, Action act)
    {
        var state = petition.State;
        var history = petition.History.Count;
        var version = petition.Version;
        var documents = petition.Documents.Count;

        var violation = Assert.Throws<DomainRuleViolation>(act);

        Assert.Equal(code, violation.Code);
        Assert.Equal(state, petition.State);
        Assert.Equal(history, petition.History.Count);
        Assert.Equal(version, petition.Version);
        Assert.Equal(documents, petition.Documents.Count);
        return violation;
    }

    /// <summary>Asserts the last history entry, which every successful action appends.</summary>
    public static HistoryEntry LastEntry(Petition petition, PetitionAction action, PetitionState from, PetitionState to, Actor actor, string summary)
    {
        var entry = petition.History[^1];
        Assert.Equal(petition.History.Count, entry.Sequence);
        Assert.Equal(action.ToString(), entry.Action);
        Assert.Equal(from, entry.FromState);
        Assert.Equal(to, entry.ToState);
        Assert.Equal(actor.UserId, entry.ActorId);
        Assert.Equal(actor.Name, entry.ActorName);
        Assert.Equal(actor.OrganizationId, entry.OrganizationId);
        Assert.Equal(summary, entry.Summary);
        return entry;
    }

    /// <summary>The document a history entry points at.</summary>
    public static PetitionDocument DocumentOf(Petition petition, HistoryEntry entry, DocumentKind kind)
    {
        Assert.NotNull(entry.DocumentId);
        var doc = Assert.Single(petition.Documents, d => d.Id == entry.DocumentId);
        Assert.Equal(kind, doc.Kind);
        return doc;
    }

    public static PetitionDeadline Clock(Petition petition, DeadlineKind kind) => petition.Deadlines.Last(d => d.Kind == kind);
}
