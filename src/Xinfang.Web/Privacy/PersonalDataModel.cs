using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;

namespace Xinfang.Web.Privacy;

/// <summary>
/// How the petitioners' personal data is stored (ADR 0040, 0041): ID number, phone and address go
/// through <see cref="PersonalDataProtector"/> in EF value converters, so the domain sees plaintext
/// and the database only ciphertext; ID and phone also get a blind-index column each
/// (<c>IdNumberIndex</c>, <c>PhoneIndex</c>), indexed, set on save by <see cref="BlindIndexInterceptor"/>.
/// </summary>
public static class PersonalDataModel
{
    public const string IdNumberIndex = "IdNumberIndex";
    public const string PhoneIndex = "PhoneIndex";
    public const string IdNumberPurpose = "petitioners.IdNumber";
    public const string PhonePurpose = "petitioners.Phone";
    public const string AddressPurpose = "petitioners.Address";

    /// <summary>Room for the key id, nonce, tag and base64 of the longest value the domain accepts.</summary>
    public const int IdNumberColumnLength = 160;
    public const int PhoneColumnLength = 128;
    public const int AddressColumnLength = 1_600;

    public static void ConfigurePetitioners(OwnedNavigationBuilder<Petition, Petitioner> o, PersonalDataProtector? protector)
    {
        o.Property(x => x.IdNumber).HasMaxLength(IdNumberColumnLength);
        o.Property(x => x.Phone).HasMaxLength(PhoneColumnLength);
        o.Property(x => x.Address).HasMaxLength(AddressColumnLength);
        // Design time (migrations) has no keys; the column shape is the same either way.
        if (protector is not null)
        {
            o.Property(x => x.IdNumber).HasConversion((ValueConverter)new EncryptedConverter(protector, IdNumberPurpose));
            o.Property(x => x.Phone).HasConversion((ValueConverter)new EncryptedConverter(protector, PhonePurpose));
            o.Property(x => x.Address).HasConversion((ValueConverter)new EncryptedConverter(protector, AddressPurpose));
        }

        o.Property<string?>(IdNumberIndex).HasMaxLength(64);
        o.Property<string?>(PhoneIndex).HasMaxLength(64);
        o.HasIndex(IdNumberIndex);
        o.HasIndex(PhoneIndex);
    }

    /// <summary>The protector of the app that created this context (null at design time).</summary>
    public static PersonalDataProtector? ProtectorOf(DbContextOptions options) =>
        options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<PersonalDataProtector>();

    private sealed class EncryptedConverter(PersonalDataProtector protector, string purpose) : ValueConverter<string, string>(
        v => protector.Protect(v, purpose),
        v => protector.Unprotect(v, purpose));
}

/// <summary>
/// Keeps the model per key ring: the converters hold the app's <see cref="PersonalDataProtector"/>,
/// so two apps in one process (tests, a key switch) never share a model with another app's keys.
/// </summary>
public sealed class PersonalDataModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, context is AppDbContext db ? db.PersonalData : null);
}

/// <summary>Sets the petitioners' blind-index columns from their ID number and phone before every save.</summary>
public sealed class BlindIndexInterceptor(BlindIndex blindIndex) : SaveChangesInterceptor
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

    private void Apply(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var e in context.ChangeTracker.Entries<Petitioner>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            e.Property(PersonalDataModel.IdNumberIndex).CurrentValue = blindIndex.OfIdNumber(e.Entity.IdNumber);
            e.Property(PersonalDataModel.PhoneIndex).CurrentValue = blindIndex.OfPhone(e.Entity.Phone);
        }
    }
}
