using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Instructions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Instructions;

/// <summary>
/// 领导批示 (issue 13): a leader instructs on an item of the jurisdiction with a deadline; the bureau of the leader's
/// body sees it among its work and turns it into a 交办 (<see cref="Casework.AssignPetition"/>, carrying the text and
/// the deadline) or reports back (办复). Pages: <c>/instructions</c>; the item shows its instructions.
/// </summary>
public static class InstructionsModule
{
    public static WebApplicationBuilder AddInstructions(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<InstructionDesk>();
        return builder;
    }

    public static void MapInstructions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/instructions").RequireAuthorization().DisableAntiforgery().WithTags("领导批示");
        api.MapPost("", async (InstructionDesk.WriteRequest r, InstructionDesk desk, CancellationToken ct) => (await desk.WriteAsync(r, ct)).ToResult(created: true))
            .WithSummary("领导批示：对本辖区的信访件作出批示并提出办理期限（领导）")
            .Produces<InstructionView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("", async (bool? open, InstructionDesk desk, CancellationToken ct) => await desk.ListAsync(open ?? false, ct) is { } list ? Results.Ok(list) : Answers.Forbidden("只有领导和信访部门工作人员可以查看领导批示"))
            .WithSummary("领导批示：领导看本人的批示，信访部门看批给本机关的批示（open=true 只看待办理的）")
            .Produces<IReadOnlyList<InstructionView>>().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/petition/{petitionId:guid}", async (Guid petitionId, InstructionDesk desk, CancellationToken ct) =>
                await desk.OfPetitionAsync(petitionId, ct) is { } list ? Results.Ok(list) : Answers.NotFound())
            .WithSummary("一件信访件上的领导批示").Produces<IReadOnlyList<InstructionView>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/assign", async (Guid id, InstructionDesk.AssignRequest r, InstructionDesk desk, CancellationToken ct) => (await desk.AssignAsync(id, r, ct)).ToResult())
            .WithSummary("将领导批示转为交办（交办期限为批示期限，交办意见附批示内容）")
            .Produces<InstructionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/answer", async (Guid id, InstructionDesk.AnswerRequest r, InstructionDesk desk, CancellationToken ct) => (await desk.AnswerAsync(id, r, ct)).ToResult())
            .WithSummary("领导批示办复（信访部门）")
            .Produces<InstructionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The <c>leader_instructions</c> table (called from AppDbContext's model).</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<LeaderInstruction>(i =>
        {
            i.ToTable("leader_instructions");
            i.HasKey(x => x.Id);
            i.Property(x => x.Id).ValueGeneratedNever();
            i.Property(x => x.PetitionNumber).HasMaxLength(48);
            i.Property(x => x.LeaderId).HasMaxLength(64);
            i.Property(x => x.LeaderName).HasMaxLength(100);
            i.Property(x => x.Text).HasMaxLength(LeaderInstruction.MaxTextLength);
            i.Property(x => x.Answer).HasMaxLength(LeaderInstruction.MaxTextLength);
            i.Property(x => x.DoneBy).HasMaxLength(100);
            i.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            i.Property(x => x.Version).IsConcurrencyToken();
            i.HasIndex(x => new { x.OrganizationId, x.Status, x.DueOn });
            i.HasIndex(x => x.PetitionId);
            i.HasIndex(x => x.LeaderId);
        });
    }
}
