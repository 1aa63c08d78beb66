using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>
/// The lifecycle table is the single source of what may happen when. These tests hold the
/// aggregate to it for every (state, action) pair, and the table to the regulation's shape.
/// </summary>
public sealed class LifecycleTests
{
    public static TheoryData<PetitionState, PetitionAction> EveryStateAndAction()
    {
        var data = new TheoryData<PetitionState, PetitionAction>();
        foreach (var state in Enum.GetValues<PetitionState>())
        {
            foreach (var action in Enum.GetValues<PetitionAction>())
            {
                data.Add(state, action);
            }
        }

        return data;
    }

    public static TheoryData<PetitionState> EveryState() => new(Enum.GetValues<PetitionState>());

    public static TheoryData<PetitionAction> EveryAction() => new(Enum.GetValues<PetitionAction>());

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void An_action_succeeds_exactly_where_the_table_allows_it(PetitionState state, PetitionAction action)
    {
        // Only the litigation-visit guidance needs a petition of its own shape to be valid; a litigation
        // visit can never leave 已登记 (it is not forwarded), so elsewhere the default letter is used and
        // the table must refuse first, whatever the input.
        var scenario = action == PetitionAction.GuideToPoliticalLegal && state == PetitionState.Registered
            ? Scenario.InState(state, s => s.LitigationVisit())
            : Scenario.InState(state);
        ActionInvoker.Prepare(scenario, action);
        var petition = scenario.Petition;
        var historyBefore = petition.History.Count;
        var versionBefore = petition.Version;
        var documentsBefore = petition.Documents.Count;

        if (Lifecycle.IsAllowed(state, action))
        {
            ActionInvoker.Invoke(scenario, action);

            Assert.True(Lifecycle.Leads(state, action, petition.State), $"{state} --{action}--> {petition.State} is not in the table");
            Assert.Equal(historyBefore + 1, petition.History.Count);
            Assert.Equal(versionBefore + 1, petition.Version);
            var entry = petition.History[^1];
            Assert.Equal(historyBefore + 1, entry.Sequence);
            Assert.Equal(action.ToString(), entry.Action);
            Assert.Equal(state, entry.FromState);
            Assert.Equal(petition.State, entry.ToState);
        }
        else
        {
            var violation = Assert.Throws<DomainRuleViolation>(() => ActionInvoker.Invoke(scenario, action));

            Assert.Equal("invalid-transition", violation.Code);
            Assert.Contains(Lifecycle.NameOf(state), violation.Message, StringComparison.Ordinal);
            Assert.Contains(Lifecycle.NameOf(action), violation.Message, StringComparison.Ordinal);
            Assert.Equal(state, petition.State);
            Assert.Equal(historyBefore, petition.History.Count);
            Assert.Equal(versionBefore, petition.Version);
            Assert.Equal(documentsBefore, petition.Documents.Count);
        }
    }

    [Theory]
    [MemberData(nameof(EveryState))]
    public void The_builder_reaches_every_state_through_domain_methods(PetitionState state)
    {
        var petition = Scenario.InState(state).Petition;

        Assert.Equal(state, petition.State);
        Assert.Equal(petition.History.Count, petition.Version + 1);
        Assert.Equal(state, petition.History[^1].ToState);
    }

    [Theory]
    [MemberData(nameof(EveryAction))]
    public void The_table_uses_every_action_at_least_once(PetitionAction action) =>
        Assert.Contains(Lifecycle.Transitions, t => t.Action == action);

    [Fact]
    public void Every_row_of_the_table_is_taken_by_some_journey()
    {
        var taken = new HashSet<Transition>();
        void Observe(Petition p)
        {
            foreach (var h in p.History.Where(h => h.FromState is not null))
            {
                taken.Add(new Transition(h.FromState!.Value, Enum.Parse<PetitionAction>(h.Action), h.ToState));
            }
        }

        foreach (var (state, action) in Lifecycle.Transitions.Select(t => (t.From, t.Action)).Distinct())
        {
            var s = action == PetitionAction.GuideToPoliticalLegal ? Scenario.InState(state, x => x.LitigationVisit()) : Scenario.InState(state);
            ActionInvoker.Prepare(s, action);
            ActionInvoker.Invoke(s, action);
            Observe(s.Petition);
        }

        // The second targets of the branching rows: a rejected objection on an assignment, lapsed windows.
        var objected = Scenario.InState(PetitionState.Assigned).RaiseObjection();
        ActionInvoker.Invoke(objected, PetitionAction.RejectObjection);
        Observe(objected.Petition);
        Observe(Scenario.InState(PetitionState.Served).Advance(31).RequestReview().Petition);
        Observe(Scenario.InState(PetitionState.ReviewOpinionServed).Advance(31).RequestReReview().Petition);

        Assert.Empty(Lifecycle.Transitions.Except(taken));
    }

    [Fact]
    public void Only_the_four_outcome_states_and_a_voided_registration_are_terminal_and_every_other_state_offers_an_action()
    {
        var terminal = Enum.GetValues<PetitionState>().Where(Lifecycle.IsTerminal).ToHashSet();

        Assert.Equal(
            new HashSet<PetitionState> { PetitionState.GuidedToPoliticalLegal, PetitionState.Declined, PetitionState.RefusedAgain, PetitionState.Closed, PetitionState.Voided },
            terminal);
        foreach (var state in Enum.GetValues<PetitionState>().Except(terminal))
        {
            Assert.NotEmpty(Lifecycle.AllowedActions(state));
        }
    }

    [Fact]
    public void Every_non_terminal_state_can_still_reach_closure_or_a_recorded_outcome()
    {
        var endings = Enum.GetValues<PetitionState>().Where(Lifecycle.IsTerminal).ToHashSet();
        foreach (var start in Enum.GetValues<PetitionState>())
        {
            var seen = new HashSet<PetitionState> { start };
            var frontier = new Queue<PetitionState>([start]);
            while (frontier.TryDequeue(out var s))
            {
                foreach (var t in Lifecycle.Transitions.Where(t => t.From == s && seen.Add(t.To)))
                {
                    frontier.Enqueue(t.To);
                }
            }

            Assert.True(seen.Overlaps(endings), $"{start} can never end");
        }
    }

    [Fact]
    public void Report_up_and_notice_of_receipt_keep_the_state_they_are_taken_in()
    {
        foreach (var t in Lifecycle.Transitions.Where(t => t.Action is PetitionAction.ReportUp or PetitionAction.NotifyReceipt))
        {
            Assert.Equal(t.From, t.To);
        }

        Assert.Equal(
            [PetitionState.Registered, PetitionState.Forwarded, PetitionState.Assigned, PetitionState.Accepted, PetitionState.Handling],
            Lifecycle.Transitions.Where(t => t.Action == PetitionAction.ReportUp).Select(t => t.From).Order());
    }

    [Fact]
    public void The_table_has_no_duplicate_rows() =>
        Assert.Equal(Lifecycle.Transitions.Count, Lifecycle.Transitions.Distinct().Count());

    [Theory]
    [MemberData(nameof(EveryState))]
    public void Every_state_has_a_chinese_name_and_a_national_state(PetitionState state)
    {
        Assert.False(string.IsNullOrWhiteSpace(Lifecycle.NameOf(state)));
        Assert.True(Enum.IsDefined(NationalStates.Of(state)));
        Assert.True(Enum.IsDefined(NationalStates.Of(state, overdue: true)));
    }

    [Fact]
    public void Every_state_and_action_has_its_own_chinese_name()
    {
        Assert.Equal(18, Enum.GetValues<PetitionState>().Select(Lifecycle.NameOf).Distinct().Count());
        Assert.Equal(Enum.GetValues<PetitionAction>().Length, Enum.GetValues<PetitionAction>().Select(Lifecycle.NameOf).Distinct().Count());
        Assert.Equal("已办结", Lifecycle.NameOf(PetitionState.Closed));
        Assert.Equal("办结", Lifecycle.NameOf(PetitionAction.Close));
    }

    [Fact]
    public void All_fifteen_national_states_are_produced_and_five_of_them_only_when_overdue()
    {
        var states = Enum.GetValues<PetitionState>();
        var onTime = states.Select(s => NationalStates.Of(s, overdue: false)).ToHashSet();
        var any = states.SelectMany(s => new[] { NationalStates.Of(s, false), NationalStates.Of(s, true) }).ToHashSet();

        Assert.Equal(15, Enum.GetValues<NationalState>().Length);
        Assert.Equal(Enum.GetValues<NationalState>().ToHashSet(), any);
        Assert.Equal(
            new HashSet<NationalState>
            {
                NationalState.超期未作出处理意见,
                NationalState.超期未申请复查,
                NationalState.超期未作出复查意见,
                NationalState.超期未申请复核,
                NationalState.超期未作出复核意见,
            },
            any.Except(onTime).ToHashSet());
    }

    [Theory]
    [InlineData(PetitionState.Registered, false, NationalState.受理申请审查中)]
    [InlineData(PetitionState.ObjectionRaised, true, NationalState.受理申请审查中)]
    [InlineData(PetitionState.Handling, false, NationalState.受理)]
    [InlineData(PetitionState.Handling, true, NationalState.超期未作出处理意见)]
    [InlineData(PetitionState.Served, false, NationalState.已作出处理意见)]
    [InlineData(PetitionState.Served, true, NationalState.超期未申请复查)]
    [InlineData(PetitionState.GuidedToPoliticalLegal, false, NationalState.不予受理)]
    [InlineData(PetitionState.RefusedAgain, false, NationalState.不再受理)]
    [InlineData(PetitionState.UnderReview, true, NationalState.超期未作出复查意见)]
    [InlineData(PetitionState.ReviewOpinionServed, true, NationalState.超期未申请复核)]
    [InlineData(PetitionState.UnderReReview, false, NationalState.复核)]
    [InlineData(PetitionState.UnderReReview, true, NationalState.超期未作出复核意见)]
    [InlineData(PetitionState.GuidedToProcedure, false, NationalState.审核认定办结)]
    [InlineData(PetitionState.Closed, true, NationalState.审核认定办结)]
    public void Internal_states_map_onto_the_national_names(PetitionState state, bool overdue, NationalState expected) =>
        Assert.Equal(expected, NationalStates.Of(state, overdue));
}
