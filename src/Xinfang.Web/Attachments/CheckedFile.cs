namespace Xinfang.Web.Attachments;

/// <summary>A file that passed <see cref="PetitionAttachments.Check"/>: its cleaned name, the kind found in its content, the bytes.</summary>
public sealed record CheckedFile(string FileName, FileKind Kind, byte[] Content);
