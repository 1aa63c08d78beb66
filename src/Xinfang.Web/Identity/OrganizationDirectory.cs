using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Organizations;
using Xinfang.Web.Data;

namespace Xinfang.Web.Identity;

/// <summary>
/// The organisation tree in memory: who is below whom. Scope rules (a bureau's jurisdiction, a
/// unit's sub-units) and policy inheritance read it. The tree is small (thousands of rows at most),
/// loaded at start and reloaded when it changes; readers see whole immutable snapshots.
/// </summary>
public sealed class OrganizationDirectory : IOrganizationTree
{
    private volatile Snapshot _current = new([], OrganizationTree.Empty);

    public async Task ReloadAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.Organizations.AsNoTracking().ToListAsync(ct);
        _current = new Snapshot(rows.Select(o => new Node(o.Id, o.ParentId, o.Kind, o.Level, o.Name)).ToList(), new OrganizationTree(rows));
    }

    /// <summary>The tree as the domain's rules read it (上一级机关 for 复查 and 复核, <see cref="OrganizationTree.SuperiorsOf"/>).</summary>
    public OrganizationTree Tree => _current.Tree;

    public bool Contains(Guid id) => _current.Nodes.ContainsKey(id);

    public IReadOnlyCollection<Guid> All => _current.Nodes.Keys;

    public OrganizationKind? KindOf(Guid id) => _current.Nodes.TryGetValue(id, out var n) ? n.Kind : null;

    /// <summary>The organisation's name as of the last reload (every change in Administration reloads), for views.</summary>
    public string? NameOf(Guid id) => _current.Nodes.TryGetValue(id, out var n) ? n.Name : null;

    public OrganizationLevel? LevelOf(Guid id) => _current.Nodes.TryGetValue(id, out var n) ? n.Level : null;

    /// <summary>The organisation and everything below it.</summary>
    public IReadOnlySet<Guid> Subtree(Guid root) => _current.Subtree(root);

    /// <summary>The organisation and its ancestors, from the top of the tree down to it.</summary>
    public IReadOnlyList<Guid> PathFromTop(Guid id)
    {
        var path = new List<Guid>();
        for (Guid? at = id; at is { } current && _current.Nodes.TryGetValue(current, out var node); at = node.ParentId)
        {
            path.Insert(0, current);
        }

        return path;
    }

    public bool IsWithin(Guid organization, Guid root) => Subtree(root).Contains(organization);

    private sealed record Node(Guid Id, Guid? ParentId, OrganizationKind Kind, OrganizationLevel Level, string Name);

    private sealed class Snapshot
    {
        private readonly ILookup<Guid, Guid> _children;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, IReadOnlySet<Guid>> _subtrees = new();

        public Snapshot(IReadOnlyList<Node> nodes, OrganizationTree tree)
        {
            Tree = tree;
            Nodes = nodes.ToDictionary(n => n.Id);
            _children = nodes.Where(n => n.ParentId is not null).ToLookup(n => n.ParentId!.Value, n => n.Id);
        }

        public Dictionary<Guid, Node> Nodes { get; }

        public OrganizationTree Tree { get; }

        public IReadOnlySet<Guid> Subtree(Guid root) => _subtrees.GetOrAdd(root, r =>
        {
            var set = new HashSet<Guid>();
            if (!Nodes.ContainsKey(r))
            {
                return set;
            }

            var queue = new Queue<Guid>([r]);
            while (queue.TryDequeue(out var id))
            {
                if (set.Add(id))
                {
                    foreach (var child in _children[id])
                    {
                        queue.Enqueue(child);
                    }
                }
            }

            return set;
        });
    }
}
