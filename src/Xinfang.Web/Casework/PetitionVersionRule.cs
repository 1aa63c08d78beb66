using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xinfang.Domain.Petitions;

namespace Xinfang.Web.Casework;

/// <summary>
/// Every save that changes an item's stored state changes its <see cref="Petition.Version"/> (ADR 0179): a change to
/// the item's row or to a row of its collections (history, deadlines, documents, forwards, petitioners, recusals,
/// extensions) that did not already move the version moves it by one here. The domain moves it on its actions; this
/// makes it hold for every path in one place, because two things rely on it: the concurrency check (two officers
/// acting at once, the loser gets 409) and <see cref="PetitionReadCache"/>, which uses a held item only while its
/// stored version is unchanged. Bulk updates that bypass the change tracker move the version themselves
/// (the organisation merge, <c>Administration/ManageOrganizations.cs</c>).
/// </summary>
public sealed class PetitionVersionRule : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Apply(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Apply(eventData.Context);
        return ValueTask.FromResult(result);
    }

    internal static void Apply(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        HashSet<object>? touched = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Metadata.FindOwnership() is { } ownership
                && ownership.PrincipalEntityType.ClrType == typeof(Petition))
            {
                var key = ownership.Properties[0];
                var owner = entry.State == EntityState.Deleted ? entry.Property(key.Name).OriginalValue : entry.Property(key.Name).CurrentValue;
                if (owner is not null)
                {
                    (touched ??= []).Add(owner);
                }
            }
        }

        foreach (var item in context.ChangeTracker.Entries<Petition>())
        {
            if (item.State is EntityState.Added or EntityState.Deleted or EntityState.Detached)
            {
                continue;
            }

            var changed = item.State == EntityState.Modified || (touched?.Contains(item.Entity.Id) ?? false);
            var version = item.Property(p => p.Version);
            if (changed && !version.IsModified)
            {
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }
}
