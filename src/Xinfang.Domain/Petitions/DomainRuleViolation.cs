namespace Xinfang.Domain.Petitions;

/// <summary>
/// An action the rules do not allow right now (wrong state, a limit of the regulation exceeded).
/// The API maps it once to a 409 ProblemDetails; it is an expected outcome, not a crash.
/// </summary>
public sealed class DomainRuleViolation(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
