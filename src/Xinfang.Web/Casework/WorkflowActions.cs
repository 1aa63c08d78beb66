using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;

namespace Xinfang.Web.Casework;

/// <summary>
/// The workflow steps of issue 13 (wb-workflow): correcting and voiding a registration, the 处理意见 drafted and
/// signed off, the extension asked and approved. Registered and mapped by <see cref="CaseworkModule"/>.
/// </summary>
public static class WorkflowActions
{
    /// <summary>The actions the petition page has a form for (each its own field component in <c>Casework/Forms/</c>).</summary>
    public static IReadOnlyList<PetitionAction> OnPage { get; } =
    [
        PetitionAction.CorrectRegistration, PetitionAction.VoidRegistration, PetitionAction.DraftDecision, PetitionAction.ReturnDecision,
        PetitionAction.SignOffDecision, PetitionAction.RequestExtension, PetitionAction.ApproveExtension, PetitionAction.RefuseExtension,
    ];

    /// <summary>The steps that take no 发生日期: they happen in the system when entered (a correction, a draft, a request).</summary>
    public static IReadOnlyList<PetitionAction> WithoutOccurredOn { get; } =
    [
        PetitionAction.CorrectRegistration, PetitionAction.VoidRegistration, PetitionAction.DraftDecision, PetitionAction.ReturnDecision,
        PetitionAction.RequestExtension, PetitionAction.RefuseExtension,
    ];

    public static void Add(IServiceCollection s)
    {
        s.AddScoped<CorrectRegistration>();
        s.AddScoped<VoidRegistration>();
        s.AddScoped<DraftDecision>();
        s.AddScoped<ReturnDecision>();
        s.AddScoped<SignOffDecision>();
        s.AddScoped<RequestExtension>();
        s.AddScoped<ApproveExtension>();
        s.AddScoped<RefuseExtension>();
    }

    public static void Map(RouteGroupBuilder petitions)
    {
        CorrectRegistration.Map(petitions);
        VoidRegistration.Map(petitions);
        DraftDecision.Map(petitions);
        ReturnDecision.Map(petitions);
        SignOffDecision.Map(petitions);
        RequestExtension.Map(petitions);
        ApproveExtension.Map(petitions);
        RefuseExtension.Map(petitions);
    }

    /// <summary>The columns the workflow adds to <c>petitions</c> (called from AppDbContext's model).</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<Petition>(p =>
        {
            p.Ignore(x => x.NothingDoneSinceRegistration);
            p.Ignore(x => x.HasDraftDecision);
            p.Ignore(x => x.ExtensionPending);
            p.Property(x => x.VoidReason).HasMaxLength(Petition.MaxNoteLength);
            p.Property(x => x.DraftOutcome).HasConversion<string>().HasMaxLength(32);
            p.Property(x => x.DraftRequest).HasMaxLength(Petition.MaxNoteLength);
            p.Property(x => x.DraftFacts).HasMaxLength(Petition.MaxNoteLength);
            p.Property(x => x.DraftReasons).HasMaxLength(Petition.MaxNoteLength);
            p.Property(x => x.DraftLegalBasis).HasMaxLength(Petition.MaxNoteLength);
            p.Property(x => x.DraftedBy).HasMaxLength(100);
            p.Property(x => x.DraftReturnedBecause).HasMaxLength(Petition.MaxNoteLength);
            p.Property(x => x.RequestedExtensionReason).HasMaxLength(Petition.MaxNoteLength);
            p.Property(x => x.ExtensionRequestedBy).HasMaxLength(100);
        });
    }
}
