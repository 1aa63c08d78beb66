using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.TextAnalysis;

namespace Xinfang.Web.Casework;

/// <summary>
/// 更正登记: the registering body corrects a mistaken registration while nothing has been done on the item
/// (<see cref="Petition.NothingDoneSinceRegistration"/>). A field left out (null) stays as it is. A petitioner's
/// details are corrected one field at a time (<see cref="PetitionerPatch"/>), so the page never has to send back
/// personal data it was not shown; they are stored through the same encryption and blind index as at
/// registration, and the item's text index and repeat keys are rebuilt in the same commit.
/// </summary>
public sealed class CorrectRegistration(PetitionStore store, AppDbContext db, TextIndexRows rows)
{
    /// <summary>A correction of the petitioner at <c>Index</c> (0 = the first); null leaves a field as it is, "" clears it.</summary>
    public sealed record PetitionerPatch(int Index, string? Name = null, IdDocumentType? IdType = null, string? IdNumber = null, string? Phone = null, string? Address = null, string? Workplace = null);

    public sealed record Request(
        string? Title = null,
        string? Content = null,
        PetitionForm? Form = null,
        PetitionPurpose? Purpose = null,
        string? ContentClassCode = null,
        string? IssueLocationCode = null,
        bool? LitigationRelated = null,
        bool? WithinDisciplineRemit = null,
        bool? SkippedLevel = null,
        bool? Collective = null,
        bool? JointSignature = null,
        int? HeadCount = null,
        int? VisitBatches = null,
        int? InvolvedCount = null,
        bool? ConsentToPublish = null,
        List<PetitionerPatch>? Petitioners = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await CorrectAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both correct here: same checks, same messages.</summary>
    public async Task<ActOutcome> CorrectAsync(Guid id, Request r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = Validate(r);
        if (errors.Any)
        {
            return ActOutcome.Invalid(errors);
        }

        // The text rows of the item, rebuilt below from the corrected title, content and petitioners.
        var text = await db.PetitionTexts.SingleOrDefaultAsync(t => t.PetitionId == id, ct);
        var bands = await db.PetitionBandKeys.Where(k => k.PetitionId == id).ToListAsync(ct);
        var keys = await db.PetitionerBlindKeys.Where(k => k.PetitionId == id).ToListAsync(ct);
        return await store.TryActAsync(id, PetitionAction.CorrectRegistration, (p, actor, now) =>
        {
            p.CorrectRegistration(ToCorrection(p, r), actor, now);
            Reindex(p, text, bands, keys);
        }, ct);
    }

    private void Reindex(Petition p, PetitionText? text, List<PetitionBandKey> bands, List<PetitionerBlindKey> keys)
    {
        var fresh = rows.For(p);
        if (text is null)
        {
            db.PetitionTexts.Add(fresh.Text);
        }
        else
        {
            text.Tokens = fresh.Text.Tokens;
            text.Signature = fresh.Text.Signature;
            text.IndexVersion = fresh.Text.IndexVersion;
            text.IndexedAt = fresh.Text.IndexedAt;
        }

        db.PetitionBandKeys.RemoveRange(bands.Where(b => !fresh.BandKeys.Any(n => n.BandKey == b.BandKey)));
        db.PetitionBandKeys.AddRange(fresh.BandKeys.Where(n => !bands.Any(b => b.BandKey == n.BandKey)));
        db.PetitionerBlindKeys.RemoveRange(keys.Where(k => !fresh.PetitionerKeys.Any(n => n.Key == k.Key)));
        db.PetitionerBlindKeys.AddRange(fresh.PetitionerKeys.Where(n => !keys.Any(k => k.Key == n.Key)));
    }

    /// <summary>The request as the domain's correction: the petitioners patched over their present details.</summary>
    private static RegistrationCorrection ToCorrection(Petition p, Request r)
    {
        List<PetitionerInfo>? people = null;
        if (r.Petitioners is { Count: > 0 } patches)
        {
            if (p.Anonymous)
            {
                throw new DomainRuleViolation("anonymous-has-no-petitioner", "匿名信访没有登记信访人，不能更正信访人信息");
            }

            people = p.Petitioners.OrderBy(x => x.Ordinal)
                .Select(x => new PetitionerInfo(x.Name, x.IdType, x.IdNumber, x.Phone, x.Address, x.Workplace, x.IsPrincipal)).ToList();
            foreach (var patch in patches)
            {
                if (patch.Index < 0 || patch.Index >= people.Count)
                {
                    throw new DomainRuleViolation("petitioner-index-invalid", $"该信访件没有第{patch.Index + 1}名信访人");
                }

                var x = people[patch.Index];
                people[patch.Index] = x with
                {
                    Name = patch.Name ?? x.Name,
                    IdType = patch.IdType ?? x.IdType,
                    IdNumber = patch.IdNumber ?? x.IdNumber,
                    Phone = patch.Phone ?? x.Phone,
                    Address = patch.Address ?? x.Address,
                    Workplace = patch.Workplace ?? x.Workplace,
                };
            }
        }

        return new RegistrationCorrection(r.Title, r.Content, r.Form, r.Purpose, r.ContentClassCode, r.IssueLocationCode, r.LitigationRelated,
            r.WithinDisciplineRemit, r.SkippedLevel, r.Collective, r.JointSignature, r.HeadCount, r.VisitBatches, r.InvolvedCount, r.ConsentToPublish, people);
    }

    /// <summary>The registration's own field checks (<see cref="Intake.RegisterPetition.Validate"/>), for the fields given.</summary>
    internal static RequestErrors Validate(Request r)
    {
        var e = new RequestErrors();
        if (r.Title is not null)
        {
            e.Text(r.Title, "title", "标题", Petition.MaxTitleLength);
        }

        if (r.Content is not null)
        {
            e.Text(r.Content, "content", "诉求内容", Petition.MaxContentLength);
        }

        if (r.Form is { } f && !Enum.IsDefined(f))
        {
            e.Add("form", "信访形式无效");
        }

        if (r.Purpose is { } pu && !Enum.IsDefined(pu))
        {
            e.Add("purpose", "信访目的无效");
        }

        if (r.HeadCount is < 1 or > 100_000)
        {
            e.Add("headCount", "人次应在1至100000之间");
        }

        if (r.VisitBatches is < 1 or > 1_000)
        {
            e.Add("visitBatches", "批次应在1至1000之间");
        }

        if (r.InvolvedCount is < 1 or > 10_000_000)
        {
            e.Add("involvedCount", "涉及人数无效");
        }

        e.Text(r.ContentClassCode, "contentClassCode", "内容分类", 12, required: false);
        if (r.IssueLocationCode is { Length: > 0 } loc && (loc.Length is not (6 or 9 or 12) || !loc.All(char.IsAsciiDigit)))
        {
            e.Add("issueLocationCode", "问题属地应为6位行政区划代码（乡级9位）");
        }

        var patches = r.Petitioners ?? [];
        if (patches.Count > Intake.RegisterPetition.MaxPetitioners)
        {
            e.Add("petitioners", $"信访人最多登记{Intake.RegisterPetition.MaxPetitioners}人");
        }

        for (var i = 0; i < Math.Min(patches.Count, Intake.RegisterPetition.MaxPetitioners); i++)
        {
            var p = patches[i];
            var field = $"petitioners[{i}]";
            if (p is null)
            {
                e.Add(field, "信访人信息缺失");
                continue;
            }

            Intake.PetitionerFields.Check(e, field, p.Name, p.IdType, p.IdNumber, p.Phone, p.Address, p.Workplace, nameRequired: p.Name is not null); // a name given in a correction may not be blank
        }

        return e;
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/correct", (Guid id, Request r, CorrectRegistration uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("更正登记（尚未办理时）");
}
