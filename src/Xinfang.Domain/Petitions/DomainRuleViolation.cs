namespace Xinfang.Domain.Petitions;

/// <summary>
/// An action the rules do not allow right now (wrong state, a limit of the regulation exceeded).
/// The API maps it once to a 409 ProblemDetails; it is an expected outcome, not a crash. A violation
/// that names the request field it comes from (<see cref="Field"/>, e.g. a date the officer typed)
/// is bad input of that field instead: a 400 naming it.
/// </summary>
public sealed class DomainRuleViolation(string code, string message, string? field = null) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The request field whose value breaks the rule (e.g. <c>occurredOn</c>), when there is one.</summary>
    public string? Field { get; } = field;
}
