using Microsoft.AspNetCore.Components;

namespace Xinfang.Web.Casework.Forms;

/// <summary>
/// What every workflow field component of the petition page gets from it: the item, the posted form, and the
/// page's own readers of what was typed (<c>V</c>: the posted value when this form failed, else null) and of
/// the error next to a field.
/// </summary>
public abstract class WorkflowFieldsBase : ComponentBase
{
    [Parameter, EditorRequired] public PetitionDetail Detail { get; set; } = default!;

    [Parameter, EditorRequired] public PetitionActionForm Act { get; set; } = default!;

    [Parameter, EditorRequired] public Func<string?, string?> V { get; set; } = default!;

    [Parameter, EditorRequired] public Func<string, string?> Error { get; set; } = default!;
}
