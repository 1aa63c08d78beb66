namespace Xinfang.Domain.Organizations;

/// <summary>
/// The organisation tree as the rules read it: which bodies sit under which. The domain holds no
/// database: the web host's in-memory directory implements this; <see cref="OrganizationTree"/>
/// builds one from a list of organisations (tests, tools).
/// </summary>
public interface IOrganizationTree
{
    /// <summary>Whether <paramref name="organization"/> is <paramref name="root"/> or sits anywhere below it.</summary>
    bool IsWithin(Guid organization, Guid root);
}

/// <summary>An <see cref="IOrganizationTree"/> over a list of organisations, walking parents upward.</summary>
public sealed class OrganizationTree : IOrganizationTree
{
    private readonly Dictionary<Guid, Guid?> _parentOf;

    public OrganizationTree(IEnumerable<Organization> organizations)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        _parentOf = organizations.ToDictionary(o => o.Id, o => o.ParentId);
    }

    public bool IsWithin(Guid organization, Guid root)
    {
        // Bounded by the number of nodes, so a cycle in bad data cannot loop forever.
        Guid? at = organization;
        for (var steps = 0; at is { } current && steps <= _parentOf.Count; steps++)
        {
            if (current == root)
            {
                return true;
            }

            at = _parentOf.GetValueOrDefault(current);
        }

        return false;
    }
}
