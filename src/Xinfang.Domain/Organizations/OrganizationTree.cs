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

/// <summary>
/// The organisation tree as the rules read it: who sits above whom. Immutable; the host builds one
/// from the stored organisations and rebuilds it when they change.
/// </summary>
/// <remarks>
/// The tree has no separate node for a 党委和政府: the petition bureau (信访部门) of a division stands
/// for the 党委和政府 of its level — it is the parent of that level's departments and township
/// governments, and receives what is addressed to the government (the government's 复查/复核 work is
/// done by its 信访工作机构). A functional department carries its <see cref="Organization.Line"/>
/// (系统), which links it to the department of the same line one level up. See
/// docs/domain/lifecycle.md, "Where 复查 and 复核 go".
/// </remarks>
public sealed class OrganizationTree : IOrganizationTree
{
    private readonly Dictionary<Guid, Organization> _byId;
    private readonly ILookup<Guid, Organization> _children;

    public OrganizationTree(IEnumerable<Organization> organizations)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        _byId = organizations.ToDictionary(o => o.Id);
        _children = _byId.Values.Where(o => o.ParentId is not null).ToLookup(o => o.ParentId!.Value);
    }

    public static OrganizationTree Empty { get; } = new([]);

    public IReadOnlyCollection<Organization> All => _byId.Values;

    public Organization? Find(Guid id) => _byId.GetValueOrDefault(id);

    public IEnumerable<Organization> ChildrenOf(Guid id) => _children[id];

    /// <summary>
    /// The 上一级机关、单位 of a body (条例 Arts. 35, 36): where a 复查 of its answer (or a 复核 of its
    /// 复查 opinion) is asked. Mirroring 行政复议法 (2023) Arts. 24–27 (复议机关 of a department: the
    /// government at its level, or the department of its line one level up):
    /// <list type="bullet">
    /// <item>a functional department of a county, city or province (a unit below that level's bureau):
    /// the government at the same level (本级人民政府 — its bureau) <b>and</b> the department of the
    /// same line in the government one level up (上一级主管部门);</item>
    /// <item>a township government or street office (and anything else without a line): the government
    /// above it (the county's bureau);</item>
    /// <item>a government (a petition bureau): the government one level up.</item>
    /// </list>
    /// Empty when nothing in the tree is above the body (a province bureau without a national node).
    /// </summary>
    public IReadOnlyList<Organization> SuperiorsOf(Guid id)
    {
        if (Find(id) is not { } body || GovernmentAbove(body) is not { } government)
        {
            return [];
        }

        var superiors = new List<Organization> { government };
        var department = body.Kind != OrganizationKind.PetitionBureau && body.Line is not null && body.Level < OrganizationLevel.Township;
        if (department && government.Level == body.Level && GovernmentAbove(government) is { } upper)
        {
            superiors.AddRange(Departments(upper)
                .Where(d => d.Level == body.Level - 1 && string.Equals(d.Line, body.Line, StringComparison.Ordinal))
                .OrderBy(d => d.Code, StringComparer.Ordinal));
        }

        return superiors;
    }

    public bool IsWithin(Guid organization, Guid root)
    {
        // Bounded by the number of nodes, so a cycle in bad data cannot loop forever.
        Guid? at = organization;
        for (var steps = 0; at is { } current && steps <= _byId.Count; steps++)
        {
            if (current == root)
            {
                return true;
            }

            at = Find(current)?.ParentId;
        }

        return false;
    }

    /// <summary>Whether <paramref name="superior"/> is one of the <see cref="SuperiorsOf"/> <paramref name="body"/>.</summary>
    public bool IsSuperiorOf(Guid superior, Guid body) => SuperiorsOf(body).Any(o => o.Id == superior);

    private Organization? Parent(Organization o) => o.ParentId is { } p ? Find(p) : null;

    /// <summary>The nearest petition bureau strictly above <paramref name="o"/>: the government above it.</summary>
    private Organization? GovernmentAbove(Organization o)
    {
        var seen = new HashSet<Guid> { o.Id };
        for (var at = Parent(o); at is not null && seen.Add(at.Id); at = Parent(at))
        {
            if (at.Kind == OrganizationKind.PetitionBureau)
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>The units of a government: everything below its bureau that is not under another bureau.</summary>
    private IEnumerable<Organization> Departments(Organization government)
    {
        var queue = new Queue<Organization>(ChildrenOf(government.Id));
        var seen = new HashSet<Guid> { government.Id };
        while (queue.TryDequeue(out var o))
        {
            if (o.Kind == OrganizationKind.PetitionBureau || !seen.Add(o.Id))
            {
                continue;
            }

            yield return o;
            foreach (var child in ChildrenOf(o.Id))
            {
                queue.Enqueue(child);
            }
        }
    }
}
