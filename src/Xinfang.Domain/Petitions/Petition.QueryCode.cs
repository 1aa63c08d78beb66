namespace Xinfang.Domain.Petitions;

/// <summary>
/// How a registrar made sure the person asking for a new 查询码 is the petitioner: the kind of document
/// shown and the registrar's confirmation that it matches the registration. The document's number is
/// deliberately not part of it: it is already stored (encrypted) with the petitioner and is not copied
/// again into a history line or an audit entry (domain.md §12).
/// </summary>
public sealed record IdentityCheck(IdDocumentType DocumentShown, bool MatchesRegistration)
{
    public string Describe() => $"查验{CodeNames.Of(DocumentShown)}，核对与登记信息一致";
}

public sealed partial class Petition
{
    /// <summary>The history action of a re-issued query code (staff only).</summary>
    public const string QueryCodeReissuedAction = "QueryCodeReissued";

    /// <summary>
    /// 查询码 re-issued (domain.md §8): the petitioner lost the code, a registrar checked their identity in
    /// person and gives a new one. Only the new code's hash is kept, so the old code stops working at once.
    /// The step is the staff's (audience Staff): the petitioner's view does not change, and who did it and
    /// how identity was checked stay in the history and the audit trail. Allowed in every state, closed
    /// included: the petitioner may still rate or read the documents of a closed item. An anonymous item has
    /// no identity to check, so its code cannot be re-issued.
    /// </summary>
    public void ReissueQueryCode(string newQueryCodeHash, IdentityCheck check, Actor actor, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newQueryCodeHash);
        ArgumentNullException.ThrowIfNull(check);
        Require(!Anonymous, "anonymous-no-identity", "匿名信访无法核验身份，不能重新发放查询码");
        Require(Enum.IsDefined(check.DocumentShown), "document-invalid", "请选择信访人出示的证件");
        Require(check.MatchesRegistration, "identity-not-confirmed", "须确认信访人出示的证件与登记信息一致");
        Require(!string.Equals(newQueryCodeHash, QueryCodeHash, StringComparison.Ordinal), "same-code", "新查询码不能与原查询码相同");
        QueryCodeHash = newQueryCodeHash;
        _history.Add(new HistoryEntry(_history.Count + 1, now, actor, QueryCodeReissuedAction, State, State,
            $"重新发放查询码，原查询码作废（{check.Describe()}）", null, null));
        Version++;
    }
}
